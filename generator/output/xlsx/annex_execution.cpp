// «Выполнение мероприятий»: each measure's status in the report period, whether it is overdue,
// its result and the reason it was not done — what a board asks of a programme's measures.
#include <algorithm>

#include "compute/report_date.h"
#include "output/xlsx/annex_sheets.h"
#include "output/xlsx/book.h"
#include "text/messages.h"

namespace vitrina::xlsx {

std::string sheet_execution() { return tr_doc("xlsx.execution.sheet"); }

std::string term_text(const Measure& m, const MeasureMetrics* mm) {
  if (!m.period.printed.empty()) return m.period.printed;
  if (!mm || !mm->start_year || !mm->end_year) return {};
  if (*mm->start_year == *mm->end_year) return std::to_string(*mm->start_year);
  return std::to_string(*mm->start_year) + "–" + std::to_string(*mm->end_year);
}

Execution execution_of(const Measure& m, const MeasureMetrics* mm, int report_year) {
  Execution e;
  const MeasureStatus* entry = nullptr;  // the report year's, else the latest before it
  for (const auto& s : m.status)
    if (s.year <= report_year && (!entry || s.year >= entry->year)) entry = &s;
  if (mm && mm->status) e.status = measure_status_label(mm->status);
  else if (mm && mm->earlier_status)
    e.status = tr_doc("mstatus.in_year", {measure_status_label(mm->earlier_status), std::to_string(mm->earlier_status_year)});
  else e.status = measure_status_label(std::nullopt);
  e.overdue = mm && mm->overdue;
  e.not_done = mm && mm->status == MeasureState::NotDone;
  if (entry) {
    e.result = entry->result;
    e.reason = entry->reason;
  }
  return e;
}

namespace {

enum Col { kNum, kName, kTerm, kResponsible, kStatus, kOverdue, kResult, kReason, kCols };

}  // namespace

void write_execution_sheet(lxw_workbook* wb, AnnexContext& c) {
  Sheet s(wb, sheet_execution());
  Formats& f = c.f;
  s.merge(0, 0, 0, kCols - 1,
          tr_doc("xlsx.execution.heading", {period_text(c.m.report), as_of_text(c.m.report)}),
          f.title(), false);
  s.merge(1, 0, 1, kCols - 1, c.p.title, f.title(), false);
  const std::string heads[kCols] = {tr_doc("xlsx.execution.no"),          tr_doc("xlsx.execution.measure"),
                                    tr_doc("xlsx.execution.term"),        tr_doc("xlsx.execution.responsible"),
                                    tr_doc("xlsx.execution.status"),      tr_doc("xlsx.execution.overdue"),
                                    tr_doc("xlsx.execution.result"),      tr_doc("xlsx.execution.reason")};
  for (int col = 0; col < kCols; ++col) s.text(2, col, heads[col], f.header(), true);
  int row = 3;
  for (const Measure& m : c.p.measures) {
    const MeasureMetrics* mm = c.m.measure(c.p.id, m.id);
    const Execution e = execution_of(m, mm, c.report_year);
    s.text(row, kNum, m.number, f.text());
    s.text(row, kName, m.name, f.text());
    s.text(row, kTerm, term_text(m, mm), f.text());
    std::string resp = m.responsible_printed;
    if (resp.empty())
      for (const auto& r : m.responsible) resp += (resp.empty() ? "" : "\n") + r;
    s.text(row, kResponsible, resp, f.text());
    s.text(row, kStatus, e.status, f.text());
    s.text(row, kOverdue, e.overdue ? tr_doc("mstatus.overdue") : "", f.text());
    s.text(row, kResult, e.result, f.text());
    s.text(row, kReason, e.reason, f.text());
    ++row;
  }
  if (row == 3) {
    s.merge(3, 0, 3, kCols - 1, tr_doc("xlsx.execution.none"), f.muted(), false);
    row = 4;
  }
  s.min_width(kNum, 7);
  s.max_width(kName, 50);
  s.max_width(kTerm, 18);
  s.max_width(kResponsible, 26);
  s.min_width(kStatus, 14);
  s.min_width(kOverdue, 12);
  s.max_width(kResult, 40);
  s.min_width(kReason, 20);
  s.max_width(kReason, 36);
  s.page({2, 2, tr_doc("xlsx.execution.footer", {c.name}), false, &c.site.print}, f.note());
  s.flush();
  flag_overdue(s.ws(), f, 3, row - 1, kOverdue);
  worksheet_freeze_panes(s.ws(), 3, 2);
  worksheet_autofilter(s.ws(), 2, 0, static_cast<lxw_row_t>(row - 1), kCols - 1);
}

}  // namespace vitrina::xlsx
