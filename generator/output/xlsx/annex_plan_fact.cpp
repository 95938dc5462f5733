// «План и факт»: for the report year and every year with facts — plan, fact, deviation and
// achievement degree as formulas over the row's cells (cached with Vitrina's values), and the
// status as text (readable without colour) highlighted by conditional formatting.
#include <algorithm>
#include <cmath>
#include <set>

#include "compute/metrics.h"
#include "output/xlsx/annex_sheets.h"
#include "output/xlsx/book.h"

namespace vitrina::xlsx {

const char* sheet_plan_fact() { return L("План и факт", "Plan and fact"); }

namespace {

bool same(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b)); }

enum Col { kNum, kName, kUnit, kYear, kPlan, kFact, kDev, kDegree, kCapped, kStatus, kNote, kCols };

}  // namespace

void write_plan_fact_sheet(lxw_workbook* wb, AnnexContext& c) {
  Sheet s(wb, sheet_plan_fact());
  Formats& f = c.f;
  const double cap = c.site.methodology.cap;
  s.merge(0, 0, 0, kCols - 1,
          std::string(L("Плановые и фактические значения показателей, отчётный год ",
                        "Plan and fact of the indicators, report year ")) + std::to_string(c.report_year),
          f.title(), false);
  s.merge(1, 0, 1, kCols - 1, c.p.title, f.title(), false);
  const char* heads[kCols] = {L("№ п/п", "No."), L("Показатель", "Indicator"), L("Единица измерения", "Unit"),
                              L("Год", "Year"), L("План", "Plan"), L("Факт", "Fact"),
                              L("Отклонение (факт − план)", "Deviation (fact − plan)"),
                              L("Степень достижения (СДп)", "Achievement degree"),
                              L("СДп с ограничением", "Degree, capped"), L("Статус", "Status"),
                              L("Примечание", "Note")};
  for (int col = 0; col < kCols; ++col) s.text(2, col, heads[col], f.header(), true);

  int row = 3;
  for (const Indicator& ind : c.p.indicators) {
    const IndicatorMetrics* im = c.m.indicator(c.p.id, ind.id);
    std::set<int> years{c.report_year};
    if (im)
      for (const auto& y : im->years)
        if (y.fact) years.insert(y.year);
    int prec = im ? im->precision : 0;
    for (int year : years) {
      const YearFigures* y = year_of(im, year);
      s.text(row, kNum, ind.number, f.text());
      s.text(row, kName, ind.name, f.text());
      s.text(row, kUnit, ind.unit, f.text());
      s.number(row, kYear, year, f.integer());
      std::string plan_ref = cell_ref(row, kPlan), fact_ref = cell_ref(row, kFact);
      bool plan = y && y->plan, fact = y && y->fact;
      if (plan) s.number(row, kPlan, *y->plan, value_format(f, ind, prec, y->plan_op));
      else s.blank(row, kPlan, value_format(f, ind, prec));
      if (fact) s.number(row, kFact, *y->fact, value_format(f, ind, prec));
      else s.blank(row, kFact, value_format(f, ind, prec));
      // Deviation: =F−E, cached with Vitrina's value; a plain number if the two would differ.
      if (plan && fact && y->deviation && same(*y->fact - *y->plan, *y->deviation))
        s.formula(row, kDev, "=" + fact_ref + "-" + plan_ref, *y->deviation, f.number(prec));
      else if (y && y->deviation) s.number(row, kDev, *y->deviation, f.number(prec));
      else s.blank(row, kDev, f.number(prec));
      // Degree: fact/plan (growth), plan/fact (decrease), 1/0 (yes/no), as the methodology, kept at
      // the three decimals it is shown with (docs/metrics.md §7).
      if (y && y->degree) {
        std::string fm;
        double local = NAN;
        const std::string digits = "," + std::to_string(kScorePrecision) + ")";
        if (plan && fact) {
          if (is_yes_no(ind)) {
            fm = "=IF(" + fact_ref + "=" + plan_ref + ",1,0)";
            local = *y->fact == *y->plan ? 1 : 0;
          } else if (is_lower_better(ind) && *y->fact != 0) {
            fm = "=ROUND(" + plan_ref + "/" + fact_ref + digits;
            local = round_decimal(*y->plan / *y->fact, kScorePrecision).value;
          } else if (!is_lower_better(ind) && *y->plan != 0) {
            fm = "=ROUND(" + fact_ref + "/" + plan_ref + digits;
            local = round_decimal(*y->fact / *y->plan, kScorePrecision).value;
          }
        }
        if (!fm.empty() && same(local, *y->degree)) s.formula(row, kDegree, fm, *y->degree, f.percent());
        else s.number(row, kDegree, *y->degree, f.percent());
        double capped = y->degree_capped ? *y->degree_capped : std::min(*y->degree, cap);
        if (same(std::min(*y->degree, cap), capped))
          s.formula(row, kCapped, "=MIN(" + cell_ref(row, kDegree) + "," + number_text(cap) + ")", capped, f.percent());
        else s.number(row, kCapped, capped, f.percent());
      } else {
        s.blank(row, kDegree, f.percent());
        s.blank(row, kCapped, f.percent());
      }
      IndicatorStatus st = y ? y->status : (im && year == c.report_year ? im->status : IndicatorStatus::NoData);
      s.text(row, kStatus, status_label(st), f.text());
      std::string note;
      if (y && !y->plan_printed.empty() && !y->plan) note = y->plan_printed;
      if (y && y->fact_recomputed)
        note += std::string(note.empty() ? "" : "; ") + L("факт рассчитан из числителя и знаменателя",
                                                          "fact computed from numerator and denominator");
      s.text(row, kNote, note, f.text());
      ++row;
    }
  }
  s.min_width(kNum, 7);
  s.max_width(kName, 55);
  s.min_width(kStatus, 14);
  s.max_width(kNote, 40);
  s.flush();
  lxw_worksheet* ws = s.ws();
  int last = std::max(row - 1, 3);
  for (IndicatorStatus st : all_values<IndicatorStatus>()) {
    lxw_conditional_format cf{};
    cf.type = LXW_CONDITIONAL_TYPE_CELL;
    cf.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
    std::string v = "\"" + status_label(st) + "\"";
    cf.value_string = v.data();
    cf.format = f.status(st);
    worksheet_conditional_format_range(ws, 3, kStatus, static_cast<lxw_row_t>(last), kStatus, &cf);
  }
  worksheet_freeze_panes(ws, 3, 2);
  worksheet_autofilter(ws, 2, 0, static_cast<lxw_row_t>(std::max(row - 1, 2)), kCols - 1);
  print_setup(ws, 2, 2, std::string(L("План и факт — ", "Plan and fact — ")) + c.name);
}

}  // namespace vitrina::xlsx
