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
const char* sheet_measures();   // «Мероприятия»
const char* sheet_indicators(); // «Показатели»
const char* sheet_plan_fact();  // «План и факт»
const char* sheet_passport();   // «Паспорт»

void write_measures_sheet(lxw_workbook* wb, AnnexContext& c);
void write_indicators_sheet(lxw_workbook* wb, AnnexContext& c);
void write_plan_fact_sheet(lxw_workbook* wb, AnnexContext& c);
void write_passport_sheet(lxw_workbook* wb, AnnexContext& c);

// The format of an indicator's plan or fact: «да»/«нет» for a yes/no indicator, else the number
// at the indicator's precision (with «≥ »/«≤ » for a bound).
lxw_format* value_format(Formats& f, const Indicator& ind, int precision, Bound op = Bound::Eq);

// Shared: the years shown for a programme (period, else the years of the metrics).
std::vector<int> programme_years(const Programme& p, const SiteMetrics& m);
const YearFigures* year_of(const IndicatorMetrics* im, int year);

}  // namespace vitrina::xlsx
