// What a report covers: the report year, the part of it (interim reporting: a quarter, half-year
// or nine months) and the date it is as of. Every output says «по состоянию на DD.MM.YYYY» from
// these (docs/metrics.md §10). Deterministic: never today's date.
#pragma once
#include <string>

#include "model/model.h"

namespace vitrina {

struct ReportDate {
  int year = 0;
  FactPeriod period = FactPeriod::Year;
  std::string as_of;  // ISO date "YYYY-MM-DD"
  bool interim() const { return is_interim(period); }
  bool operator==(const ReportDate&) const = default;
};

// site.json's `as_of` when the report year is the site's; else the latest `as_of` of the
// report period's facts in the report year; else the last day of the period.
ReportDate report_date(const SiteModel& model, int report_year);

// The last day of `period` in `year`: 31.03, 30.06, 30.09 or 31.12 (ISO).
std::string period_end_date(int year, FactPeriod period);

// «по состоянию на 30.06.2024» in the document language.
std::string as_of_text(const ReportDate& d);
// «I полугодие 2024 г.», «2024 год».
std::string period_text(const ReportDate& d);

}  // namespace vitrina
