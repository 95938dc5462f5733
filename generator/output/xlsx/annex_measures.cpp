// «Мероприятия»: the measures in the document's own table (compute/measure_cells.h, as the site's
// measure page lays it out): its columns in its order under its printed headers (a printed header
// spanning several columns, «Срок (годы)», over a second header row), its «1 2 3 …» row, spanning
// section / task rows, sub-measures indented under their parent. A column no measure of the
// programme fills is left out.
#include <algorithm>
#include <unordered_map>

#include "compute/measure_cells.h"
#include "output/xlsx/annex_sheets.h"
#include "output/xlsx/book.h"
#include "text/messages.h"

namespace vitrina::xlsx {

std::string sheet_measures() { return tr_doc("xlsx.measures.sheet"); }

namespace {

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

// The document's columns that some measure of the programme fills.
std::vector<MeasureTableColumn> filled_columns(const Programme& p) {
  std::vector<MeasureTableColumn> out;
  for (const MeasureTableColumn& col : measure_table_of(p).columns)
    if (std::any_of(p.measures.begin(), p.measures.end(),
                    [&](const Measure& m) { return !measure_cell(p, m, col.field).lines.empty(); }))
      out.push_back(col);
  return out;
}

std::string header_of(const MeasureTableColumn& col) {
  return col.header.empty() ? tr_doc(std::string("mcol.") + measure_column_key(col.field)) : col.header;
}

bool is_year(MeasureColumn c) { return c == MeasureColumn::PeriodStart || c == MeasureColumn::PeriodEnd; }

// Header rows from `top`: one, or two when a printed header spans columns (the group over its
// columns' own headers, the others merged down both rows). Returns the first row after them.
int write_header(Sheet& s, Formats& f, const std::vector<MeasureTableColumn>& cols, int top) {
  const bool grouped = std::any_of(cols.begin(), cols.end(), [](const auto& c) { return !c.group.empty(); });
  const int n = static_cast<int>(cols.size());
  for (int i = 0; i < n; ++i) {
    const MeasureTableColumn& col = cols[static_cast<size_t>(i)];
    if (!grouped) {
      s.text(top, i, header_of(col), f.header(), true);
    } else if (col.group.empty()) {
      s.merge(top, i, top + 1, i, header_of(col), f.header());
    } else {
      if (i == 0 || cols[static_cast<size_t>(i - 1)].group != col.group) {
        int last = i;
        while (last + 1 < n && cols[static_cast<size_t>(last + 1)].group == col.group) ++last;
        if (last > i) s.merge(top, i, top, last, col.group, f.header());
        else s.text(top, i, col.group, f.header(), true);
      }
      s.text(top + 1, i, header_of(col), f.header(), true);
    }
  }
  return top + (grouped ? 2 : 1);
}

}  // namespace

void write_measures_sheet(lxw_workbook* wb, AnnexContext& c) {
  Sheet s(wb, sheet_measures());
  Formats& f = c.f;
  const Programme& p = c.p;
  const MeasureTable table = measure_table_of(p);
  std::vector<MeasureTableColumn> columns = filled_columns(p);
  if (columns.empty()) columns = table.columns;
  const int cols = std::max(1, static_cast<int>(columns.size()));
  auto across = [&](int r, const std::string& text, lxw_format* fmt) {
    if (cols > 1) s.merge(r, 0, r, cols - 1, text, fmt, false);
    else s.text(r, 0, text, fmt);
  };
  std::string heading = table.label.empty() && table.title.empty() ? tr_doc("xlsx.measures.heading")
                        : table.label.empty()                       ? table.title
                        : table.title.empty()                       ? table.label
                                                                    : table.label + (table.label.back() == '.' ? " " : ". ") + table.title;
  across(0, heading, f.title());
  across(1, p.title, f.title());
  int row = write_header(s, f, columns, 2);
  const int header_last = table.column_numbers ? row : row - 1;
  if (table.column_numbers) {
    for (int i = 0; i < cols; ++i) s.number(row, i, i + 1, f.colnum());
    ++row;
  }
  const int first_data = row;

  auto span_row = [&](const std::string& text) { across(row++, text, f.span()); };
  if (p.directions.size() == 1) span_row(p.directions[0].text.empty() ? p.directions[0].title : p.directions[0].text);
  if (p.goals.size() == 1) span_row(tr_doc("xlsx.measures.goal", {p.goals[0].text}));

  std::unordered_map<std::string, const Measure*> by_id;
  for (const auto& m : p.measures) by_id.emplace(m.id, &m);
  auto depth_of = [&](const Measure& m) {  // validate has rejected cycles; 20 bounds the walk anyway
    int d = 0;
    for (auto it = by_id.find(m.parent); it != by_id.end() && d < 20; it = by_id.find(it->second->parent)) ++d;
    return d;
  };
  std::string section = "\x01", direction = "\x01";
  for (const Measure& m : p.measures) {
    const MeasureMetrics* mm = c.m.measure(p.id, m.id);
    const std::string& sec_id = mm ? mm->section : m.section;  // sub-measures stay with their parent's
    if (!sec_id.empty() && sec_id != section) {
      for (const auto& sec : p.measure_sections)
        if (sec.id == sec_id) span_row(sec.title.empty() ? sec.number : sec.title);
    } else if (sec_id.empty() && p.directions.size() > 1 && m.direction != direction) {
      for (const auto& d : p.directions)
        if (d.id == m.direction) {
          std::string t = d.title.empty() ? d.text : d.title;
          span_row(d.number.empty() ? t : d.number + " " + t);
        }
    }
    section = sec_id;
    direction = m.direction;

    const int depth = depth_of(m);
    for (int i = 0; i < cols && i < static_cast<int>(columns.size()); ++i) {
      const MeasureColumn field = columns[static_cast<size_t>(i)].field;
      const MeasureCell cell = measure_cell(p, m, field);
      if (is_year(field)) {
        if (cell.lines.empty()) s.blank(row, i, f.integer());
        else s.number(row, i, std::stod(cell.lines.front()), f.integer());
        continue;
      }
      lxw_format* fmt = cell.inherited                                     ? f.muted()
                        : field == MeasureColumn::Name && depth > 0 ? f.indented(depth)
                                                                           : f.text();
      s.text(row, i, join(cell.lines, "\n"), fmt);
    }
    ++row;
  }
  for (int i = 0; i < cols && i < static_cast<int>(columns.size()); ++i) {
    const MeasureColumn field = columns[static_cast<size_t>(i)].field;
    if (field == MeasureColumn::Number) s.min_width(i, 7);
    else if (is_year(field)) s.min_width(i, 11);
    else s.max_width(i, field == MeasureColumn::Name ? 60 : 40);
  }
  s.page({2, header_last, tr_doc("xlsx.measures.footer", {c.name}), false, &c.site.print}, f.note());
  s.flush();
  worksheet_freeze_panes(s.ws(), static_cast<lxw_row_t>(first_data), 0);
  worksheet_autofilter(s.ws(), static_cast<lxw_row_t>(header_last), 0,
                       static_cast<lxw_row_t>(std::max(row - 1, header_last)), static_cast<lxw_col_t>(cols - 1));
}

}  // namespace vitrina::xlsx
