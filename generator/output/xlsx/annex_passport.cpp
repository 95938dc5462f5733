// «Паспорт»: the programme passport as label / value rows.
#include <algorithm>

#include "output/xlsx/annex_sheets.h"
#include "output/xlsx/book.h"
#include "compute/metrics.h"
#include "compute/report_date.h"
#include "text/messages.h"

namespace vitrina::xlsx {

std::string sheet_passport() { return tr_doc("xlsx.passport.sheet"); }

namespace {

std::string lines(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : "\n") + s;
  return out;
}

std::string numbered(const std::string& number, const std::string& text) {
  return number.empty() ? text : number + " " + text;
}

}  // namespace

void write_passport_sheet(lxw_workbook* wb, AnnexContext& c) {
  Sheet s(wb, sheet_passport());
  Formats& f = c.f;
  const Programme& p = c.p;
  const std::string absent = tr_doc("xlsx.passport.not_stated");
  auto inferred = [](const std::string& v) { return tr_doc("xlsx.passport.inferred", {v}); };
  s.merge(0, 0, 0, 1, tr_doc("xlsx.passport.heading", {p.title}), f.title(), false);
  s.text(2 - 1, 0, tr_doc("xlsx.passport.field"), f.header(), true);
  s.text(2 - 1, 1, tr_doc("xlsx.passport.value"), f.header(), true);
  int row = 2;
  auto put = [&](const std::string& label, const std::string& value, bool required = false) {
    if (value.empty() && !required) return;
    s.text(row, 0, label, f.label());
    s.text(row, 1, value.empty() ? absent : value, value.empty() ? f.muted() : f.text());
    ++row;
  };
  put(tr_doc("xlsx.passport.title"), p.title, true);
  put(tr_doc("xlsx.passport.short_title"), p.short_title);
  put(tr_doc("xlsx.passport.kind_of_document"), p.kind_printed);
  put(tr_doc("xlsx.passport.municipality"), p.municipality);
  put(tr_doc("xlsx.passport.region"), p.region);
  put(tr_doc("xlsx.passport.issuer"), p.issuer.empty() ? "" : (p.issuer_inferred ? inferred(p.issuer) : p.issuer), true);
  put(tr_doc("xlsx.passport.approved_by"), p.approval ? p.approval->printed : "", true);
  std::vector<std::string> am;
  for (const auto& a : p.amendments) am.push_back(a.printed);
  put(tr_doc("xlsx.passport.amendments"), lines(am));
  std::string sign = p.signatory_position + (p.signatory_name.empty() ? "" : " " + p.signatory_name);
  put(tr_doc("xlsx.passport.signed_by"), sign);
  std::string period = p.period.printed;
  if (period.empty() && p.period.start && p.period.end)
    period = std::to_string(*p.period.start) + "–" + std::to_string(*p.period.end);
  if (!period.empty() && p.period.inferred) period = inferred(period);
  put(tr_doc("xlsx.passport.period"), period, true);
  put(tr_doc("xlsx.passport.responsible_executor"), p.executor, true);
  put(tr_doc("xlsx.passport.participants"), lines(p.participants));
  std::string parent = p.parent_printed.empty() ? p.parent_title : p.parent_printed;
  if (!p.parent_subprogramme.empty())
    parent = tr_doc("xlsx.passport.with_subprogramme", {parent, p.parent_subprogramme});
  put(tr_doc("xlsx.passport.parent_programme"), parent);
  put(tr_doc("xlsx.passport.regional_framework"), p.regional_framework);
  put(tr_doc("xlsx.passport.funding"), p.funding, true);
  put(tr_doc("xlsx.passport.entry_into_force"), p.entry_into_force);
  std::vector<std::string> goals, tasks;
  for (const auto& g : p.goals) goals.push_back(numbered(g.number, g.text));
  for (const auto& t : p.tasks) tasks.push_back(numbered(t.number, t.text));
  put(tr_doc("xlsx.passport.goals"), lines(goals));
  put(tr_doc("xlsx.passport.tasks"), lines(tasks));
  put(tr_doc("xlsx.passport.expected_results"), lines(p.expected_results));
  // The document's counts and the counts of the assessment differ by design: say so.
  put(tr_doc("xlsx.passport.indicators_in_document"), std::to_string(p.indicators.size()), true);
  put(tr_doc("xlsx.passport.measures_in_document"), std::to_string(p.measures.size()), true);
  if (const ProgrammeMetrics* pm = c.m.programme(p.id)) {
    put(tr_doc("report_period"), period_text(c.m.report) + ", " + as_of_text(c.m.report), true);
    std::string assessed = std::to_string(pm->indicators_total);
    if (static_cast<size_t>(pm->indicators_total) != p.indicators.size())
      assessed = tr_doc("xlsx.passport.indicators_assessed_note", {assessed});
    put(tr_doc("xlsx.passport.indicators_assessed"), assessed, true);
    put(tr_doc("xlsx.passport.measures_of_year"),
        tr_doc("xlsx.passport.measures_of_year_note", {std::to_string(pm->measures.total)}), true);
    put(tr_doc("xlsx.passport.indicators_assessed_achieved"),
        std::to_string(pm->indicators_assessed) + " / " + std::to_string(pm->indicators_achieved), true);
    put(tr_doc("xlsx.passport.effectiveness_rating"), rating_label(pm->rating, c.m.report.interim()), true);
  }
  put(tr_doc("xlsx.passport.source"), p.source_title.empty() ? p.source_file : p.source_title + " (" + p.source_file + ")");
  s.min_width(0, 24);
  s.max_width(0, 34);
  s.min_width(1, 50);
  s.max_width(1, 100);
  s.page({1, 1, tr_doc("xlsx.passport.footer", {c.name}), true, &c.site.print}, f.note());  // a document page
  s.flush();
  worksheet_freeze_panes(s.ws(), 2, 0);
  worksheet_autofilter(s.ws(), 1, 0, static_cast<lxw_row_t>(std::max(row - 1, 1)), 1);
}

}  // namespace vitrina::xlsx
