#include "output/xlsx/annex_workbook.h"

#include "output/xlsx/annex_sheets.h"
#include "output/xlsx/book.h"
#include "plan/outputs.h"
#include "text/messages.h"

namespace vitrina {

using namespace xlsx;

std::string build_annex_xlsx(const Site& site, const Programme& p, const SiteMetrics& metrics, Diagnostics& diags) {
  const DocumentLanguage in_site_language(site.locale);  // labels follow the site, not --lang
  const ProgrammeMetrics* pm = metrics.programme(p.id);
  int year = pm && pm->report_year ? pm->report_year : site.report_year;
  DocInfo info;
  info.title = p.title;
  info.subject = tr_doc("xlsx.annex.subject", {std::to_string(year)});
  info.author = site.owner;
  info.company = site.owner;
  info.keywords = "Vitrina; " + p.id + (p.municipality.empty() ? "" : "; " + p.municipality) +
                  tr_doc("xlsx.annex.keywords_tail");
  info.comments = site.title;
  info.created = document_time(site);
  const std::string& name = p.title;
  return render_workbook(info, workbook_path(p.id), diags, [&](lxw_workbook* wb) {
    Formats f(wb);
    AnnexContext c{site, p, metrics, f, year, clip_code_points(name, 60)};
    write_measures_sheet(wb, c);
    write_execution_sheet(wb, c);
    write_indicators_sheet(wb, c);
    write_plan_fact_sheet(wb, c);
    write_passport_sheet(wb, c);
    write_methodology_sheet(wb, c);
  });
}

}  // namespace vitrina
