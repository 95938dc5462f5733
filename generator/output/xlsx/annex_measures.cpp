// «Мероприятия»: the measures in the printed appendix layout («ПРИЛОЖЕНИЕ 1», 7 columns,
// three header rows, the column-number row, spanning section / task rows).
#include <algorithm>

#include "output/xlsx/annex_sheets.h"
#include "output/xlsx/book.h"
#include "text/messages.h"

namespace vitrina::xlsx {

std::string sheet_measures() { return tr_doc("xlsx.measures.sheet"); }

namespace {

bool has(const std::vector<std::string>& v, const char* s) {
  for (const auto& x : v)
    if (x == s) return true;
  return false;
}

const Measure* find_measure(const Programme& p, const std::string& id) {
  for (const auto& m : p.measures)
    if (m.id == id) return &m;
  return nullptr;
}

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

}  // namespace

void write_measures_sheet(lxw_workbook* wb, AnnexContext& c) {
  Sheet s(wb, sheet_measures());
  Formats& f = c.f;
  const int cols = 7;
  std::string title = tr_doc("xlsx.measures.heading");
  s.merge(0, 0, 0, cols - 1, title, f.title(), false);
  s.merge(1, 0, 1, cols - 1, c.p.title, f.title(), false);
  // Three header rows as printed: titles (with «Срок (годы)» over two columns), the
  // «начала / окончания реализации» row, and the column numbers 1 … 7.
  // Columns 3 and 4 are the term's, headed below.
  const std::string heads[] = {tr_doc("xlsx.measures.no"),
                               tr_doc("xlsx.measures.number_and_name_of_the"),
                               tr_doc("xlsx.measures.responsible"), {}, {},
                               tr_doc("xlsx.measures.expected_direct_result_summary_and"),
                               tr_doc("xlsx.measures.consequences_of_non_implementation")};
  for (int col = 0; col < cols; ++col)
    if (!heads[col].empty()) s.merge(2, col, 3, col, heads[col], f.header());
  s.merge(2, 3, 2, 4, tr_doc("xlsx.measures.term_years"), f.header());
  s.text(3, 3, tr_doc("xlsx.measures.start"), f.header(), true);
  s.text(3, 4, tr_doc("xlsx.measures.end"), f.header(), true);
  for (int col = 0; col < cols; ++col) s.number(4, col, col + 1, f.colnum());

  int row = 5;
  auto span_row = [&](const std::string& text) {
    s.merge(row, 0, row, cols - 1, text, f.span(), false);
    ++row;
  };
  if (c.p.directions.size() == 1) span_row(c.p.directions[0].text.empty() ? c.p.directions[0].title : c.p.directions[0].text);
  if (c.p.goals.size() == 1) span_row(tr_doc("xlsx.measures.goal", {c.p.goals[0].text}));

  std::string section = "\x01", direction = "\x01";
  for (const Measure& m : c.p.measures) {
    if (!m.section.empty() && m.section != section) {
      for (const auto& sec : c.p.measure_sections)
        if (sec.id == m.section) span_row(sec.title.empty() ? sec.number : sec.title);
    } else if (m.section.empty() && c.p.directions.size() > 1 && m.direction != direction) {
      for (const auto& d : c.p.directions)
        if (d.id == m.direction) {
          std::string t = d.title.empty() ? d.text : d.title;
          span_row(d.number.empty() ? t : d.number + " " + t);
        }
    }
    section = m.section;
    direction = m.direction;

    const Measure* parent = m.parent.empty() ? nullptr : find_measure(c.p, m.parent);
    s.text(row, 0, m.number, f.text());
    s.text(row, 1, m.name, f.text());
    bool resp_inherited = has(m.inherited, "responsible");
    std::string resp = m.responsible_printed.empty() ? join(m.responsible, "\n") : m.responsible_printed;
    if (resp.empty() && resp_inherited && parent)
      resp = parent->responsible_printed.empty() ? join(parent->responsible, "\n") : parent->responsible_printed;
    s.text(row, 2, resp, resp_inherited ? f.muted() : f.text());
    const Period* per = &m.period;
    if (!per->start && !per->end && (per->inherited || has(m.inherited, "period")) && parent) per = &parent->period;
    if (per->start) s.number(row, 3, per->start->year, f.integer());
    else s.blank(row, 3, f.integer());
    if (per->end) s.number(row, 4, per->end->year, f.integer());
    else s.blank(row, 4, f.integer());
    s.text(row, 5, m.expected_result, f.text());
    s.text(row, 6, m.consequences, f.text());
    ++row;
  }
  s.min_width(0, 7);
  s.max_width(1, 60);
  s.max_width(2, 28);
  s.min_width(3, 11);
  s.min_width(4, 11);
  s.max_width(5, 45);
  s.max_width(6, 40);
  s.page({2, 4, tr_doc("xlsx.measures.footer", {c.name}), false, &c.site.print}, f.note());
  s.flush();
  lxw_worksheet* ws = s.ws();
  worksheet_freeze_panes(ws, 5, 0);
  worksheet_autofilter(ws, 4, 0, static_cast<lxw_row_t>(std::max(row - 1, 4)), cols - 1);
}

}  // namespace vitrina::xlsx
