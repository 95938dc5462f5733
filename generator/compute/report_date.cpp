#include "compute/report_date.h"

#include <cstdio>

#include "text/format.h"
#include "text/messages.h"

namespace vitrina {

std::string period_end_date(int year, FactPeriod period) {
  const int month = end_month(period);
  const int day = (month == 6 || month == 9) ? 30 : 31;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

ReportDate report_date(const SiteModel& model, int report_year) {
  ReportDate d;
  d.year = report_year;
  d.period = model.site.report_period;
  const bool site_year = !model.site.report_year || model.site.report_year == report_year;
  if (site_year && !model.site.as_of.empty()) {
    d.as_of = model.site.as_of;
    return d;
  }
  for (const auto& p : model.programmes)
    for (const auto& ind : p.indicators)
      for (const auto& f : ind.facts)
        if (f.year == report_year && f.period == d.period && f.as_of.size() == 10 && f.as_of.str() > d.as_of)
          d.as_of = f.as_of;
  if (d.as_of.empty()) d.as_of = period_end_date(report_year, d.period);
  return d;
}

std::string as_of_text(const ReportDate& d) { return tr_doc("report.as_of", {numeric_date(d.as_of)}); }

std::string period_text(const ReportDate& d) { return report_period_label(d.period, d.year); }

}  // namespace vitrina
