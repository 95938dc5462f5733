// «План и факт»: for the report year and every year with facts — plan and fact as numbers, and
// on every row deviation, achievement degree, capped degree and status as formulas over the row's
// cells and the thresholds of «Методика» (cached with Vitrina's values), guarded against empty
// cells and division by zero, so that the sheet stays right after a fact is typed or changed.
// The status reads as text (without colour) and is highlighted by conditional formatting.
#include <algorithm>
#include <map>
#include <set>

#include "compute/metrics.h"
#include "compute/report_date.h"
#include "output/xlsx/annex_sheets.h"
#include "output/xlsx/book.h"
#include "text/messages.h"

namespace vitrina::xlsx {

std::string sheet_plan_fact() { return tr_doc("xlsx.plan_fact.sheet"); }

namespace {

enum Col { kNum, kName, kUnit, kYear, kPlan, kFact, kDev, kDegree, kCapped, kStatus, kReason, kNote, kCols };

// Comparisons allow the same 1e-9 as compute/indicator_rules.cpp (0.9 computed as 0.8999…).
constexpr const char* kEps = "1E-9";

// The words and references every row's formulas repeat, looked up once per sheet (a catalogue
// lookup each time was a tenth of the sheet's time).
struct SheetWords {
  std::map<IndicatorStatus, std::string> label, quoted;  // status_label, quoted_status
  std::map<Threshold, std::string> threshold;             // threshold_ref
  SheetWords() {
    for (IndicatorStatus st : all_values<IndicatorStatus>()) {
      label[st] = status_label(st);
      quoted[st] = quoted_status(st);
    }
    for (Threshold t : {Threshold::Achieved, Threshold::OnTrack, Threshold::AtRisk, Threshold::Cap})
      threshold[t] = threshold_ref(t);
  }
};

// The formulas of one row: the same rules as compute/indicator_rules.cpp (docs/metrics.md §2–§3).
struct RowFormulas {
  const SheetWords* words = nullptr;  // the sheet's quoted_status and threshold_ref, used by the formulas below
  const std::string& quoted_status(IndicatorStatus st) const { return words->quoted.at(st); }
  const std::string& threshold_ref(Threshold t) const { return words->threshold.at(t); }
  std::string plan, fact, degree;  // references; `fact` rounded to the indicator's precision
  bool yes_no = false, lower = false, before_last_target = false, interim = false;
  Bound op = Bound::Eq;

  std::string both() const { return "AND(ISNUMBER(" + plan + "),ISNUMBER(" + fact_cell + "))"; }
  std::string fact_cell;

  std::string deviation(int precision) const {
    return "=IF(" + both() + ",ROUND(" + fact + "-" + plan + "," + std::to_string(precision) + "),\"\")";
  }
  std::string degree_formula() const {
    const std::string digits = "," + std::to_string(kScorePrecision) + ")";
    std::string value;
    if (yes_no) value = "IF(ABS(" + fact + "-" + plan + ")<" + kEps + ",1,0)";
    else if (lower) value = "IF(OR(" + plan + "<0," + fact + "<=0),\"\",ROUND(" + plan + "/" + fact + digits + ")";
    else value = "IF(OR(" + fact + "<0," + plan + "<=0),\"\",ROUND(" + fact + "/" + plan + digits + ")";
    return "=IF(" + both() + "," + value + ",\"\")";
  }
  std::string capped() const {
    return "=IF(ISNUMBER(" + degree + "),ROUND(MIN(" + degree + "," + threshold_ref(Threshold::Cap) + ")," +
           std::to_string(kScorePrecision) + "),\"\")";
  }
  // The bound of the plan holds: ≥ / ≤, or = in the good direction.
  std::string bound() const {
    const bool at_most = op == Bound::Le || (op == Bound::Eq && lower);
    return at_most ? fact + "<=" + plan + "+" + kEps : fact + ">=" + plan + "-" + kEps;
  }
  std::string at_least(Threshold t) const { return degree + ">=" + threshold_ref(t) + "-" + kEps; }
  std::string status() const {
    std::string achieved;
    if (yes_no) achieved = degree + "=1";
    else if (is_threshold(op)) achieved = bound();
    else achieved = "IF(ISNUMBER(" + degree + ")," + at_least(Threshold::Achieved) + "," + bound() + ")";
    std::string shortfall;
    if (interim) {
      shortfall = quoted_status(IndicatorStatus::InProgress);  // the year has not ended (docs/metrics.md §10)
    } else {
      shortfall = "IF(" + at_least(Threshold::AtRisk) + "," + quoted_status(IndicatorStatus::AtRisk) + "," +
                  quoted_status(IndicatorStatus::NotAchieved) + ")";
      if (before_last_target)
        shortfall = "IF(" + at_least(Threshold::OnTrack) + "," + quoted_status(IndicatorStatus::OnTrack) + "," + shortfall + ")";
      shortfall = "IF(ISNUMBER(" + degree + ")," + shortfall + "," + quoted_status(IndicatorStatus::NotAchieved) + ")";
    }
    return "=IF(NOT(ISNUMBER(" + plan + "))," + quoted_status(IndicatorStatus::NoTarget) + ",IF(NOT(ISNUMBER(" + fact_cell +
           "))," + quoted_status(IndicatorStatus::NoData) + ",IF(" + achieved + "," + quoted_status(IndicatorStatus::Achieved) + "," +
           shortfall + ")))";
  }
};

// Only numbers are accepted as a fact: «57,5 %» typed as text would silently break the row.
void validate_facts(lxw_worksheet* ws, int first, int last) {
  lxw_data_validation dv{};
  dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
  dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
  dv.minimum_number = -1e12;
  dv.maximum_number = 1e12;
  dv.ignore_blank = LXW_VALIDATION_ON;
  dv.show_input = LXW_VALIDATION_ON;
  dv.show_error = LXW_VALIDATION_ON;
  dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
  std::string in_title = tr_doc("xlsx.plan_fact.fact"), in_msg = tr_doc("xlsx.plan_fact.fact_input");
  std::string err_title = tr_doc("xlsx.plan_fact.fact_error_title"), err_msg = tr_doc("xlsx.plan_fact.fact_error");
  dv.input_title = in_title.data();
  dv.input_message = in_msg.data();
  dv.error_title = err_title.data();
  dv.error_message = err_msg.data();
  worksheet_data_validation_range(ws, static_cast<lxw_row_t>(first), kFact, static_cast<lxw_row_t>(last), kFact, &dv);
}

std::string note_of(const YearFigures* y) {
  std::string note;
  if (y && !y->plan_printed.empty() && !y->plan) note = y->plan_printed;
  if (y && y->fact_recomputed)
    note += std::string(note.empty() ? "" : "; ") + tr_doc("xlsx.plan_fact.fact_computed_from_numerator_and");
  return note;
}

}  // namespace

void write_plan_fact_sheet(lxw_workbook* wb, AnnexContext& c) {
  Sheet s(wb, sheet_plan_fact());
  Formats& f = c.f;
  const ReportDate& report = c.m.report;
  s.merge(0, 0, 0, kCols - 1,
          tr_doc("xlsx.plan_fact.heading", {period_text(report), as_of_text(report)}),
          f.title(), false);
  s.merge(1, 0, 1, kCols - 1, c.p.title, f.title(), false);
  const std::string heads[kCols] = {
      tr_doc("xlsx.plan_fact.no"),        tr_doc("xlsx.plan_fact.indicator"),
      tr_doc("xlsx.plan_fact.unit"),      tr_doc("xlsx.plan_fact.year"),
      tr_doc("xlsx.plan_fact.plan"),      tr_doc("xlsx.plan_fact.fact"),
      tr_doc("xlsx.plan_fact.deviation_fact_plan"), tr_doc("xlsx.plan_fact.achievement_degree"),
      tr_doc("xlsx.plan_fact.degree_capped"),       tr_doc("xlsx.plan_fact.status"),
      tr_doc("xlsx.plan_fact.reason"),    tr_doc("xlsx.plan_fact.note")};
  for (int col = 0; col < kCols; ++col) s.text(2, col, heads[col], f.header(), true);

  const SheetWords words;
  int row = 3;
  for (const Indicator& ind : c.p.indicators) {
    const IndicatorMetrics* im = c.m.indicator(c.p.id, ind.id);
    std::set<int> years{c.report_year};
    if (im)
      for (const auto& y : im->years)
        if (y.fact) years.insert(y.year);
    const int prec = im ? im->precision : 0;
    // Before the last year with a target a shortfall may be «в графике» (compute/indicator_rules.cpp).
    int last_target_year = 0;
    if (im)
      for (const auto& y : im->years)
        if (y.plan) last_target_year = y.year;
    for (int year : years) {
      const YearFigures* y = year_of(im, year);
      s.text(row, kNum, ind.number, f.text());
      s.text(row, kName, ind.name, f.text());
      s.text(row, kUnit, ind.unit, f.text());
      s.number(row, kYear, year, f.integer());
      if (y && y->plan) s.number(row, kPlan, *y->plan, value_format(f, ind, prec, y->plan_op));
      else s.blank(row, kPlan, value_format(f, ind, prec));
      if (y && y->fact) s.number(row, kFact, *y->fact, value_format(f, ind, prec));
      else s.blank(row, kFact, value_format(f, ind, prec));

      RowFormulas rf;
      rf.words = &words;
      rf.plan = cell_ref(row, kPlan);
      rf.fact_cell = cell_ref(row, kFact);
      rf.fact = "ROUND(" + rf.fact_cell + "," + std::to_string(prec) + ")";
      rf.degree = cell_ref(row, kDegree);
      rf.yes_no = is_yes_no(ind);
      rf.lower = is_lower_better(ind);
      rf.op = y ? y->plan_op : Bound::Eq;
      rf.before_last_target = y && year < last_target_year && !y->plan_from_every_year;
      rf.interim = year == report.year && report.interim();
      auto put = [&](int col, const std::string& fm, const std::optional<double>& v, lxw_format* fmt) {
        if (v) s.formula(row, col, fm, *v, fmt);
        else s.formula(row, col, fm, std::string(), fmt);
      };
      put(kDev, rf.deviation(prec), y ? y->deviation : std::nullopt, f.number(prec));
      put(kDegree, rf.degree_formula(), y ? y->degree : std::nullopt, f.score());
      put(kCapped, rf.capped(), y ? y->degree_capped : std::nullopt, f.score());
      const IndicatorStatus st = y ? y->status : (im && year == c.report_year ? im->status : IndicatorStatus::NoData);
      s.formula(row, kStatus, rf.status(), words.label.at(st), f.text());
      s.text(row, kReason, "", f.text());
      s.text(row, kNote, note_of(y), f.text());
      ++row;
    }
  }
  s.min_width(kNum, 7);
  s.max_width(kName, 55);
  s.min_width(kStatus, 14);
  s.min_width(kReason, 24);
  s.max_width(kNote, 40);
  s.page({2, 2, tr_doc("xlsx.plan_fact.footer", {c.name}), false, &c.site.print}, f.note());
  s.flush();
  lxw_worksheet* ws = s.ws();
  const int last = std::max(row - 1, 3);
  highlight_statuses(ws, f, 3, last, kStatus);
  validate_facts(ws, 3, last);
  worksheet_freeze_panes(ws, 3, 2);
  worksheet_autofilter(ws, 2, 0, static_cast<lxw_row_t>(std::max(row - 1, 2)), kCols - 1);
}

}  // namespace vitrina::xlsx
