// «Показатели»: every indicator with its unit and the value of each year of the period
// («ПРИЛОЖЕНИЕ 2», years 2022 … 2030), and the last/first-year ratio as a live formula
// with the document's printed ratio beside it where they differ.
#include <algorithm>
#include <cmath>
#include <set>

#include "output/xlsx/annex_sheets.h"
#include "output/xlsx/book.h"
#include "text/messages.h"

namespace vitrina::xlsx {

std::string sheet_indicators() { return tr_doc("xlsx.indicators.sheet"); }

std::vector<int> programme_years(const Programme& p, const SiteMetrics& m) {
  std::vector<int> years;
  if (p.period.start && p.period.end && *p.period.end >= *p.period.start && *p.period.end - *p.period.start < 30) {
    for (int y = *p.period.start; y <= *p.period.end; ++y) years.push_back(y);
    return years;
  }
  std::set<int> seen;
  for (const auto& ind : p.indicators)
    if (const IndicatorMetrics* im = m.indicator(p.id, ind.id))
      for (const auto& y : im->years)
        if (y.plan) seen.insert(y.year);
  return {seen.begin(), seen.end()};
}

lxw_format* value_format(Formats& f, const Indicator& ind, int precision, Bound op) {
  return is_yes_no(ind) ? f.yes_no() : f.number(precision, op);
}

const YearFigures* year_of(const IndicatorMetrics* im, int year) {
  if (!im) return nullptr;
  for (const auto& y : im->years)
    if (y.year == year) return &y;
  return nullptr;
}

void write_indicators_sheet(lxw_workbook* wb, AnnexContext& c) {
  Sheet s(wb, sheet_indicators());
  Formats& f = c.f;
  std::vector<int> years = programme_years(c.p, c.m);
  const int ny = static_cast<int>(years.size());
  const int first_year_col = 3;
  const int ratio_col = ny >= 2 ? first_year_col + ny : -1;
  bool any_printed = std::any_of(c.p.indicators.begin(), c.p.indicators.end(),
                                 [](const Indicator& i) { return i.printed_ratio.has_value(); });
  const int printed_col = any_printed ? (ratio_col >= 0 ? ratio_col + 1 : first_year_col + ny) : -1;
  const int cols = std::max({first_year_col + ny, ratio_col + 1, printed_col + 1});

  s.merge(0, 0, 0, cols - 1, tr_doc("xlsx.indicators.heading"), f.title(), false);
  s.merge(1, 0, 1, cols - 1, c.p.title, f.title(), false);
  s.merge(2, 0, 3, 0, tr_doc("xlsx.indicators.no"), f.header());
  s.merge(2, 1, 3, 1, tr_doc("xlsx.indicators.indicator"), f.header());
  s.merge(2, 2, 3, 2, tr_doc("xlsx.indicators.unit"), f.header());
  int block_last = ratio_col >= 0 ? ratio_col : first_year_col + ny - 1;
  std::string block = tr_doc("xlsx.indicators.values_by_year");
  if (block_last > first_year_col) s.merge(2, first_year_col, 2, block_last, block, f.header());
  else if (block_last == first_year_col) s.text(2, first_year_col, block, f.header(), true);
  for (int i = 0; i < ny; ++i) s.number(3, first_year_col + i, years[static_cast<size_t>(i)], f.colnum());
  if (ratio_col >= 0)
    s.text(3, ratio_col,
           std::string(tr_doc("xlsx.indicators.ratio_heading")) +
               std::to_string(years.back()) + "/" + std::to_string(years.front()) + ")",
           f.header(), true);
  if (printed_col >= 0)
    s.merge(2, printed_col, 3, printed_col, tr_doc("xlsx.indicators.printed_ratio"), f.header());
  for (int col = 0; col < cols; ++col) s.number(4, col, col + 1, f.colnum());

  int row = 5;
  auto span_row = [&](const std::string& text) {
    if (cols > 1) s.merge(row, 0, row, cols - 1, text, f.span(), false);
    else s.text(row, 0, text, f.span());
    ++row;
  };
  if (c.p.indicator_groups.empty()) {
    if (c.p.directions.size() == 1)
      span_row(c.p.directions[0].text.empty() ? c.p.directions[0].title : c.p.directions[0].text);
    if (c.p.goals.size() == 1) span_row(tr_doc("xlsx.indicators.goal", {c.p.goals[0].text}));
  }
  std::string group = "\x01";
  for (const Indicator& ind : c.p.indicators) {
    if (!ind.group.empty() && ind.group != group)
      for (const auto& g : c.p.indicator_groups)
        if (g.id == ind.group) span_row(g.title.empty() ? g.number : g.title);
    group = ind.group;
    const IndicatorMetrics* im = c.m.indicator(c.p.id, ind.id);
    int prec = im ? im->precision : (ind.precision ? *ind.precision : 0);
    s.text(row, 0, ind.number, f.text());
    s.text(row, 1, ind.name, f.text());
    s.text(row, 2, ind.unit, ind.is_inferred("unit") ? f.muted() : f.text());
    for (int i = 0; i < ny; ++i) {
      const YearFigures* y = year_of(im, years[static_cast<size_t>(i)]);
      if (y && y->plan) s.number(row, first_year_col + i, *y->plan, value_format(f, ind, prec, y->plan_op));
      else s.blank(row, first_year_col + i, value_format(f, ind, prec));
    }
    if (ratio_col >= 0) {
      const YearFigures* a = year_of(im, years.front());
      const YearFigures* b = year_of(im, years.back());
      if (im && im->ratio_last_first && a && b && a->plan && b->plan && *a->plan != 0 &&
          std::fabs(*b->plan / *a->plan - *im->ratio_last_first) <= 1e-9 * std::max(1.0, std::fabs(*im->ratio_last_first)))
        s.formula(row, ratio_col, "=" + cell_ref(row, ratio_col - 1) + "/" + cell_ref(row, first_year_col),
                  *im->ratio_last_first, f.number(2));
      else if (im && im->ratio_last_first)
        s.number(row, ratio_col, *im->ratio_last_first, f.number(2));
      else
        s.blank(row, ratio_col, f.number(2));
    }
    if (printed_col >= 0) {
      bool show = ind.printed_ratio && (!im || !im->ratio_last_first || im->ratio_differs_from_printed);
      if (show) s.number(row, printed_col, *ind.printed_ratio, f.number(2));
      else s.blank(row, printed_col, f.number(2));
    }
    ++row;
  }
  s.min_width(0, 7);
  s.max_width(1, 60);
  for (int i = 0; i < ny; ++i) s.min_width(first_year_col + i, 8);
  if (ratio_col >= 0) s.min_width(ratio_col, 22);  // its header in four lines, not six
  if (printed_col >= 0) s.min_width(printed_col, 14);
  s.page({2, 4, tr_doc("xlsx.indicators.footer", {c.name}), false, &c.site.print}, f.note());
  s.flush();
  worksheet_freeze_panes(s.ws(), 5, 2);
  worksheet_autofilter(s.ws(), 4, 0, static_cast<lxw_row_t>(std::max(row - 1, 4)), static_cast<lxw_col_t>(cols - 1));
}

}  // namespace vitrina::xlsx
