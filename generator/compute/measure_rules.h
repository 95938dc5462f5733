// Per-measure rules: the term resolved to years, the status in the report year, overdue,
// the "done" rule, and the counts per task / direction / section (docs/metrics.md §4).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "compute/metrics.h"

namespace vitrina {

struct ResolvedTerm {
  std::optional<int> start_year, end_year;
  int end_month = 0;  // 0 = the whole end year
};

// Open ends resolved: «далее ежегодно» → programme end; «в течение года» / «текущего года» /
// a month range without year → report year (a one-year programme's year); yearly, continuous or
// plan-reference terms → the programme period (report year without one); inherited → the parent's.
ResolvedTerm resolve_term(const Programme& prog, const Measure& m, int report_year);

// A `done` entry counts under DoneRule::DoneInTime only when its date lies within the term.
bool done_in_time(const MeasureStatus& s, const ResolvedTerm& t);

// The last day of the term (ISO), "" when it has no end year.
std::string term_end_date(const ResolvedTerm& t);

// A measure is overdue when its term ended on or before `as_of` (ISO; "" : 31 December of the
// report year) and its latest status up to the report year is not done or cancelled.
std::vector<MeasureMetrics> compute_measures(const Programme& prog, const Methodology& meth, int report_year,
                                             const std::string& as_of = "");

// Adds one measure to the counts (report year).
void add_to_counts(Counts& c, const MeasureMetrics& mm);

}  // namespace vitrina
