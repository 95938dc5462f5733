// Per-indicator rules (degree of achievement, status, trend, checks), exposed for the tests.
// The rules themselves are described in docs/metrics.md; this is their only implementation.
#pragma once
#include <optional>
#include <string>

#include "compute/metrics.h"

namespace vitrina {

// is_yes_no(ind), is_lower_better(ind), is_assessed(ind): model/model.h (vocabulary.h's rules).
bool is_percent(const Indicator& ind);       // unit "%" or kind share
int default_precision(const Indicator& ind); // `precision`, else 1 for %, 2 for ratio/index/degree, 0

// СДп: fact/plan (higher is better), plan/fact (lower is better), 1/0 for yes/no (fact == plan).
// nullopt when the division is by zero or a value is negative: "no data", never inf.
std::optional<double> achievement_degree(double fact, double plan, bool lower_better, bool yes_no);

// Fills degree, capped degree, achieved, deviations and status of one year whose plan and fact
// are already set (at the indicator's `precision`). `before_last_target` = the year precedes the
// indicator's last target year. Degrees are kept at kScorePrecision decimals and the status is
// judged on them, as they are shown.
void assess_year(YearFigures& y, bool lower_better, bool yes_no, bool before_last_target, const Methodology& m,
                 int precision);

// An interim year (the report year of an interim report): assess_year against the annual
// target, then any shortfall is «в работе», never «в графике», «под угрозой» or «не достигнут»:
// the year has not ended (docs/metrics.md §10).
void assess_interim(YearFigures& y, bool lower_better, bool yes_no, const Methodology& m, int precision);

// A fact with a numerator and a denominator, of a percentage (× 100) or a ratio/index (× 1):
// the value they give (docs/metrics.md «Факты»); nullopt for other indicators, a missing part or
// a zero denominator. The stated `value` stands when it is within half a unit of `precision` of
// it (stated_fact_stands); otherwise the recomputed value is the fact.
std::optional<double> fact_from_parts(const Indicator& ind, const Fact& f);
bool stated_fact_stands(double value, double from_parts, int precision);

// The fact a year is judged on: the annual fact, or for an interim `period` the fact of the
// longest part of the year up to it (H1 before Q1); nullptr when there is none.
const Fact* fact_for(const Indicator& ind, int year, FactPeriod period);

// Everything about one indicator; consistency checks (ratio, shares, breakdowns) go to `diags`.
// `period`: the report period; an interim one judges the report year on interim facts.
IndicatorMetrics compute_indicator(const Programme& prog, const Indicator& ind, const Methodology& m,
                                   int report_year, Diagnostics& diags, FactPeriod period = FactPeriod::Year);

}  // namespace vitrina
