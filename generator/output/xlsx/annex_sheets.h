// The four sheets of a programme's annex workbook (internal to output/xlsx).
#pragma once
#include "compute/metrics.h"
#include "model/model.h"
#include "output/xlsx/sheet.h"

namespace vitrina::xlsx {

struct AnnexContext {
  const Site& site;
  const Programme& p;
  const SiteMetrics& m;
  Formats& f;
  int report_year = 0;
  std::string name;  // programme short name for footers
};

// Sheet names (also read by the tests).
std::string sheet_measures();   // «Мероприятия»
std::string sheet_indicators(); // «Показатели»
std::string sheet_plan_fact();  // «План и факт»
std::string sheet_passport();   // «Паспорт»
std::string sheet_methodology(); // «Методика»
std::string sheet_execution();   // «Выполнение мероприятий»

// A threshold of the status formulas, as an absolute reference into «Методика».
enum class Threshold { Achieved, OnTrack, AtRisk, Cap };
std::string threshold_ref(Threshold t);

void write_measures_sheet(lxw_workbook* wb, AnnexContext& c);
void write_indicators_sheet(lxw_workbook* wb, AnnexContext& c);
void write_plan_fact_sheet(lxw_workbook* wb, AnnexContext& c);
void write_passport_sheet(lxw_workbook* wb, AnnexContext& c);
void write_methodology_sheet(lxw_workbook* wb, AnnexContext& c);
void write_execution_sheet(lxw_workbook* wb, AnnexContext& c);

// A measure's execution in the report year (the report year's status entry, else the latest before).
struct Execution {
  std::string status, result, reason;  // status: «выполнено», «выполнено (2020)», «нет сведений» …
  bool overdue = false, not_done = false;
};
Execution execution_of(const Measure& m, const MeasureMetrics* mm, int report_year);
std::string term_text(const Measure& m, const MeasureMetrics* mm);  // as printed, else «2022–2024»
// Conditional formats on rows first…last of column `col` (highlight.cpp): every status word,
// every rating word, «просрочено», and a measure's execution («не выполнено», «выполнено», any
// text containing «просрочено»). The word reads without colour; bold or italic marks it in print.
void highlight_statuses(lxw_worksheet* ws, Formats& f, int first, int last, int col);
void highlight_ratings(lxw_worksheet* ws, Formats& f, int first, int last, int col);
void flag_overdue(lxw_worksheet* ws, Formats& f, int first, int last, int col);
void highlight_execution(lxw_worksheet* ws, Formats& f, int first, int last, int col);
std::string quoted_status(IndicatorStatus s);  // the status word as an Excel string literal

// The format of an indicator's plan or fact: «да»/«нет» for a yes/no indicator, else the number
// at the indicator's precision (with «≥ »/«≤ » for a bound).
lxw_format* value_format(Formats& f, const Indicator& ind, int precision, Bound op = Bound::Eq);

// Shared: the years shown for a programme (period, else the years of the metrics).
std::vector<int> programme_years(const Programme& p, const SiteMetrics& m);
const YearFigures* year_of(const IndicatorMetrics* im, int year);

}  // namespace vitrina::xlsx
