// Stage 3: every figure the outputs show, computed once from the model (no I/O).
// Pages, charts, workbooks and open data read these results; none recomputes them.
// Methodology: docs/metrics.md.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compute/report_date.h"
#include "diag/diagnostics.h"
#include "model/model.h"

namespace vitrina {

// A decimal rounded at a precision, with its exact text ("66.7"); never NaN or inf.
struct Rounded {
  double value = 0;   // rounded value (half up, decimal-safe)
  int precision = 0;  // decimals
  std::string text;   // value printed with exactly `precision` decimals, '.' separator
  bool operator==(const Rounded&) const = default;
};

// Rounds `x` half up at `precision` decimals using decimal arithmetic on the shortest
// representation of x, so 0.1 + 0.2 gives "0.3", never 0.30000000000000004.
Rounded round_decimal(double x, int precision);
// round_decimal's value; nullopt and a value that is not finite (an overflow, reported as an error
// by the compute stage) are returned as they are.
std::optional<double> rounded(const std::optional<double>& x, int precision);

// Decimals of every degree, share and score (СДп, СРп/п, СРм, effectiveness). Every figure is
// kept as it is shown: plans, facts and deviations at the indicator's precision, degrees and
// scores at these decimals, and statuses and ratings are classified from those values, so a word
// never contradicts the number printed beside it (docs/metrics.md §7).
constexpr int kScorePrecision = 3;

// IndicatorStatus, Rating, EffectivenessBasis, Trend and Progress: model/vocabulary.h.

// One year of one indicator.
struct YearFigures {
  int year = 0;
  std::optional<double> plan;           // the effective target value that year (threshold bound or plan)
  Bound plan_op = Bound::Eq;            // the target's bound
  std::string plan_printed;             // printed wording of the target, if any
  bool plan_from_every_year = false;    // expanded from an every_year target
  bool plan_from_period_end = false;    // a target without year, applied to the period's last year
  bool plan_compound = false;           // parts a/b: shown (plan_printed), not assessed against one fact
  std::optional<double> fact;           // stated value, or recomputed from numerator/denominator
  bool fact_recomputed = false;         // fact computed from numerator/denominator
  // The part of the year the fact covers: the report year of an interim report has the latest
  // interim fact up to the report period (docs/metrics.md §10), every other year the annual one.
  FactPeriod fact_period = FactPeriod::Year;
  std::string fact_as_of;               // the interim fact's `as_of`
  std::optional<double> degree;         // achievement degree, uncapped (fact/plan, plan/fact, 1/0)
  std::optional<double> degree_capped;  // min(degree, cap)
  std::optional<bool> achieved;         // bound holds / degree >= achieved_min
  std::optional<double> deviation;      // fact − plan
  std::optional<double> deviation_rel;  // (fact − plan) / plan
  IndicatorStatus status = IndicatorStatus::NoTarget;
  bool operator==(const YearFigures&) const = default;
};

// One organisation's value in a fact year: stated, or its numerator/denominator share
// rounded at the indicator's precision (the same rule as the indicator's own facts).
struct OrganisationFigure {
  int year = 0;
  std::string organisation;  // id
  std::optional<double> value;
  bool operator==(const OrganisationFigure&) const = default;
};

struct IndicatorMetrics {
  std::string programme, indicator;  // ids
  int precision = 0;                 // decimals for display (unit rule or `precision`)
  std::vector<YearFigures> years;    // every year of the programme period (or of the targets/facts)
  IndicatorStatus status = IndicatorStatus::NoData;  // in the report year
  std::optional<double> report_degree;               // uncapped, report year
  std::optional<double> report_degree_capped;
  std::optional<double> ratio_last_first;  // target(last year) / target(first year), Belomorsk column
  std::optional<Rounded> ratio_rounded;    // at 2 decimals
  bool ratio_differs_from_printed = false;
  Trend trend = Trend::None;
  Progress progress = Progress::NotAvailable;
  std::optional<int> last_fact_year;
  std::vector<OrganisationFigure> by_organisation;  // facts' breakdowns, in data order
  bool operator==(const IndicatorMetrics&) const = default;
};

struct MeasureMetrics {
  std::string programme, measure;
  std::optional<MeasureState> status;  // status in the report year; none given: nullopt
  // A measure whose term ended before the report year (or has none) and that has no status for it
  // (finished earlier): its latest status and that status's year, shown instead of «нет сведений».
  std::optional<MeasureState> earlier_status;
  int earlier_status_year = 0;
  bool planned_in_year = false;  // the measure's term covers the report year
  bool overdue = false;          // term ended by the report's as-of date and not done / cancelled
  std::optional<int> start_year, end_year;  // resolved against the programme period and report year
  bool leaf = true;           // has no sub-measures: the unit of counting
  bool counted = false;       // a leaf measure planned in, or given a status for, the report year
  bool done_counted = false;  // done in the report year under the site's done_rule (СРм numerator)
  std::string section, task, direction;  // own or inherited from the parent / section, for the counts
  bool operator==(const MeasureMetrics&) const = default;
};

struct Counts {
  // total: leaf measures of the report year (М); planned … no_status: by their status that year;
  // done_counted: done under the site's done_rule (Мв); overdue: term ended, latest status not done.
  int total = 0, planned = 0, in_progress = 0, done = 0, not_done = 0, cancelled = 0, no_status = 0, overdue = 0;
  int done_counted = 0;
  // The count of measures with status `s` (planned … cancelled).
  int of(MeasureState s) const;
  bool operator==(const Counts&) const = default;
};

struct ProgrammeMetrics {
  std::string programme;
  int report_year = 0;
  int indicators_total = 0, indicators_assessed = 0, indicators_achieved = 0;
  std::map<IndicatorStatus, int> by_status;
  std::optional<double> share_achieved;      // achieved / assessed
  std::optional<double> mean_degree;         // mean of capped degrees (СРп/п)
  std::optional<double> measures_done_share; // СРм = done / planned for the year
  std::optional<double> effectiveness;       // weighted score used for the rating; none in an interim report
  EffectivenessBasis effectiveness_basis = EffectivenessBasis::None;  // name it on the page
  Rating rating = Rating::NotAssessable;
  Counts measures;                           // whole programme, report year
  std::map<std::string, Counts> by_section, by_task, by_direction;  // keyed by id
  bool operator==(const ProgrammeMetrics&) const = default;
};

struct SiteMetrics {
  ReportDate report;                                   // report year, period and as-of date
  std::vector<ProgrammeMetrics> programmes;            // same order as the model
  std::map<std::string, IndicatorMetrics> indicators;  // key: programme + "/" + indicator id
  std::map<std::string, MeasureMetrics> measures;      // key: programme + "/" + measure id
  ProgrammeMetrics overall;                            // across all programmes ("programme" = "")

  const IndicatorMetrics* indicator(const std::string& programme, const std::string& id) const;
  const MeasureMetrics* measure(const std::string& programme, const std::string& id) const;
  const ProgrammeMetrics* programme(const std::string& id) const;
  bool operator==(const SiteMetrics&) const = default;
};

// What compute_metrics computes for one programme on its own, before the totals are added up:
// a pure function of the programme, the site's methodology and the report (year, period, as-of).
struct ProgrammeFigures {
  std::vector<IndicatorMetrics> indicators;  // in the programme's order
  std::vector<MeasureMetrics> measures;
  Diagnostics diags;
};

// Figures of unchanged programmes kept from an earlier build (incremental/results_cache.h):
// compute_metrics asks for a programme's figures before computing them, and hands over the
// ones it computed. Called from several threads at once.
class FiguresStore {
 public:
  virtual ~FiguresStore() = default;
  virtual bool restore(const Programme& p, const ReportDate& report, ProgrammeFigures& out) = 0;
  virtual void save(const Programme& p, const ReportDate& report, const ProgrammeFigures& figures) = 0;
};

// Computes everything for the site's report year (or `year_override` when non-zero) and its
// report period (site.json `report_period`: interim reporting, docs/metrics.md §10).
// Consistency checks over printed numbers (ratios, shares, breakdowns) become warnings.
// Programmes are computed on up to `jobs` threads (0: all cores); the result and the
// diagnostics are the same for any number, and with or without a `store`.
SiteMetrics compute_metrics(const SiteModel& model, Diagnostics& diags, int year_override = 0, int jobs = 0,
                            FiguresStore* store = nullptr);

}  // namespace vitrina
