// Indicator rules of the Russian methodology (docs/metrics.md §1–§3) and Open SDG progress (§6).
#include "compute/indicator_rules.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "text/messages.h"
#include "text/messages.h"

namespace vitrina {

namespace {

// Doubles that came from decimal data differ from the exact value by ~1e-15; comparisons
// against thresholds allow this much so that 0.9 computed as 0.8999999999999999 is still 0.9.
constexpr double kEps = 1e-9;

bool ge(double a, double b) { return a >= b - kEps; }
bool le(double a, double b) { return a <= b + kEps; }

// The bound of the plan holds: ≥ fact ≥ plan, ≤ fact ≤ plan, = in the good direction.
bool bound_holds(double fact, double plan, Bound op, bool lower_better) {
  switch (op) {
    case Bound::Ge: return ge(fact, plan);
    case Bound::Le: return le(fact, plan);
    case Bound::Eq: return lower_better ? le(fact, plan) : ge(fact, plan);
  }
  return false;
}

std::string number_text(double v, int precision) { return round_decimal(v, precision).text; }

// A data value as written in the file: up to six decimals, trailing zeros dropped ("65", "1.19").
std::string plain(double v) {
  std::string t = round_decimal(v, 6).text;
  while (t.back() == '0') t.pop_back();
  if (t.back() == '.') t.pop_back();
  return t;
}

// A reviewable warning at `subject` (or at `fallback` when the subject has no origin, as
// in models built in code); acknowledged when either object lists `code`.
void warn_at(Diagnostics& diags, const Annotated& subject, const Annotated& fallback, std::string msg,
             const char* code) {
  const Origin& at = subject.origin.file.empty() ? fallback.origin : subject.origin;
  diags.add({Severity::Warning, at.file, at.line, at.column, std::move(msg), at.pointer, code,
             subject.acknowledges(code) || fallback.acknowledges(code)});
}

// A value as the data gave it, however small or large ("1e-320"), for error messages.
std::string exact(double v) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

// A figure that is not a finite number (1 ÷ 1e-320 overflows to infinity) is an error at
// `subject` (or `fallback`) naming the division; the caller drops the figure, so it is
// never published as 0 or turned into a status.
bool finite_or_error(double v, double numerator, double denominator, const Annotated& subject,
                     const Annotated& fallback, Diagnostics& diags) {
  if (std::isfinite(v)) return true;
  const Origin& at = subject.origin.file.empty() ? fallback.origin : subject.origin;
  diags.error(at.file, at.line, at.column,
              tr("value.not_finite_result", {exact(numerator) + " ÷ " + exact(denominator)}), at.pointer);
  return false;
}

// A plan for one year: the first applicable target, explicit years winning over
// end-of-period targets, which win over every_year thresholds.
struct PlanChoice {
  const Target* target = nullptr;
  bool every_year = false, period_end = false, compound = false;
  std::string compound_printed;
};

}  // namespace

bool is_percent(const Indicator& ind) { return ind.unit == "%" || (ind.unit.empty() && ind.kind == IndicatorKind::Share); }

namespace {

// Ratios and indices: a fact given as numerator / denominator is their quotient (× 1).
bool is_ratio(IndicatorKind k) {
  switch (k) {
    case IndicatorKind::Ratio:
    case IndicatorKind::Index: return true;
    case IndicatorKind::NotStated:
    case IndicatorKind::Share:
    case IndicatorKind::Count:
    case IndicatorKind::YesNo:
    case IndicatorKind::Text:
    case IndicatorKind::Degree: return false;
  }
  return false;
}

}  // namespace

std::optional<double> fact_from_parts(const Indicator& ind, const Fact& f) {
  const bool share = is_percent(ind);
  const bool ratio = !share && is_ratio(ind.kind);
  if (!(share || ratio) || !f.numerator || !f.denominator || *f.denominator == 0) return std::nullopt;
  return *f.numerator / *f.denominator * (share ? 100.0 : 1.0);
}

bool stated_fact_stands(double value, double from_parts, int precision) {
  return std::fabs(value - from_parts) <= 0.5 * std::pow(10.0, -precision) + kEps;
}

int default_precision(const Indicator& ind) {
  if (ind.precision) return *ind.precision;
  if (is_yes_no(ind)) return 0;
  if (is_percent(ind)) return 1;
  if (is_ratio(ind.kind) || ind.kind == IndicatorKind::Degree) return 2;
  return 0;
}

std::optional<double> achievement_degree(double fact, double plan, bool lower_better, bool yes_no) {
  if (yes_no) return std::fabs(fact - plan) < kEps ? 1.0 : 0.0;
  if (fact < 0 || plan < 0) return std::nullopt;
  if (lower_better) {
    if (fact == 0) return std::nullopt;  // plan / 0
    return plan / fact;
  }
  if (plan == 0) return std::nullopt;  // fact / 0
  return fact / plan;
}

void assess_year(YearFigures& y, bool lower_better, bool yes_no, bool before_last_target, const Methodology& m,
                 int precision) {
  if (!y.plan) {
    y.status = IndicatorStatus::NoTarget;
    return;
  }
  if (!y.fact) {
    y.status = IndicatorStatus::NoData;
    return;
  }
  const double fact = *y.fact, plan = *y.plan;
  y.deviation = rounded(fact - plan, precision);
  if (plan != 0) y.deviation_rel = rounded((fact - plan) / plan, kScorePrecision);
  y.degree = rounded(achievement_degree(fact, plan, lower_better, yes_no), kScorePrecision);
  if (y.degree) y.degree_capped = round_decimal(std::min(*y.degree, m.cap), kScorePrecision).value;
  if (yes_no) y.achieved = *y.degree == 1.0;
  else if (is_threshold(y.plan_op) || !y.degree) y.achieved = bound_holds(fact, plan, y.plan_op, lower_better);
  else y.achieved = ge(*y.degree, m.achieved_min);

  if (*y.achieved) y.status = IndicatorStatus::Achieved;
  else if (y.degree && before_last_target && ge(*y.degree, m.on_track_min)) y.status = IndicatorStatus::OnTrack;
  else if (y.degree && ge(*y.degree, m.at_risk_min)) y.status = IndicatorStatus::AtRisk;
  else y.status = IndicatorStatus::NotAchieved;
}

void assess_interim(YearFigures& y, bool lower_better, bool yes_no, const Methodology& m, int precision) {
  assess_year(y, lower_better, yes_no, false, m, precision);
  switch (y.status) {
    case IndicatorStatus::OnTrack:
    case IndicatorStatus::AtRisk:
    case IndicatorStatus::NotAchieved: y.status = IndicatorStatus::InProgress; break;
    case IndicatorStatus::Achieved:
    case IndicatorStatus::InProgress:
    case IndicatorStatus::NoData:
    case IndicatorStatus::NoTarget: break;
  }
}

const Fact* fact_for(const Indicator& ind, int year, FactPeriod period) {
  const Fact* best = nullptr;
  for (const auto& f : ind.facts) {
    if (f.year != year) continue;
    if (!is_interim(period)) {
      if (!is_interim(f.period)) return &f;
      continue;
    }
    // Interim: the longest interim part up to the report period (an annual fact is not one).
    if (is_interim(f.period) && f.period <= period && (!best || f.period > best->period)) best = &f;
  }
  return best;
}

namespace {

// Years the table covers: the programme period, plus any year a target or fact names.
std::vector<int> table_years(const Programme& prog, const Indicator& ind, int report_year, FactPeriod period) {
  std::set<int> years;
  if (prog.period.start && prog.period.end && *prog.period.end - *prog.period.start < 100)
    for (int y = *prog.period.start; y <= *prog.period.end; ++y) years.insert(y);
  for (const auto& t : ind.targets)
    if (t.year) years.insert(*t.year);
  for (const auto& f : ind.facts)
    if (f.period == FactPeriod::Year || (f.year == report_year && fact_for(ind, report_year, period) == &f))
      years.insert(f.year);
  return {years.begin(), years.end()};
}

// The year a target without `year` belongs to: the period's end, else the last year named.
std::optional<int> period_end_year(const Programme& prog, const std::vector<int>& years) {
  if (prog.period.end) return prog.period.end;
  if (!years.empty()) return years.back();
  return std::nullopt;
}

PlanChoice choose_plan(const Indicator& ind, int year, std::optional<int> end_year) {
  PlanChoice explicit_year, period_end, every_year;
  for (const auto& t : ind.targets) {
    PlanChoice* slot = nullptr;
    if (t.every_year) slot = &every_year;
    else if (t.year) slot = *t.year == year ? &explicit_year : nullptr;
    else slot = (end_year && *end_year == year) ? &period_end : nullptr;
    if (!slot) continue;
    if (!t.part.empty()) {  // compound: one fact cannot be judged against two parts
      slot->compound = true;
      if (!slot->compound_printed.empty()) slot->compound_printed += "; ";
      slot->compound_printed += (t.part_label.empty() ? t.part : t.part_label) + ": " +
                                (t.value ? sign(t.op) + plain(*t.value) : t.printed);
      continue;
    }
    if (!slot->target) slot->target = &t;
  }
  every_year.every_year = true;
  period_end.period_end = true;
  for (PlanChoice* c : {&explicit_year, &period_end, &every_year})
    if (c->target || c->compound) return *c;
  return {};
}

// Fact value: the stated value when it agrees with numerator / denominator (× 100 for a
// percentage) within half a unit of the precision; otherwise the recomputed share rounded at the
// precision (the figure as it would be printed), with a warning when a stated value disagrees.
// Rounding keeps statuses in line with the printed table: 35/868 = 4.03 % prints as «4,0» = plan 4.
void read_fact(const Indicator& ind, const Fact& f, int precision, YearFigures& y, Diagnostics& diags) {
  y.fact = rounded(f.value, precision);
  const std::optional<double> from_parts = fact_from_parts(ind, f);
  if (!from_parts) return;
  const double recomputed = *from_parts;
  if (!finite_or_error(recomputed, *f.numerator, *f.denominator, f, ind, diags)) {
    y.fact.reset();
    return;
  }
  if (f.value && stated_fact_stands(*f.value, recomputed, precision)) return;
  if (f.value)
    warn_at(diags, f, ind,
            tr("check.share", {plain(*f.numerator), plain(*f.denominator),
                                         number_text(recomputed, precision + 1), plain(*f.value)}),
            "share-mismatch");
  y.fact = round_decimal(recomputed, precision).value;
  y.fact_recomputed = true;
}

void check_breakdowns(const Indicator& ind, Diagnostics& diags) {
  for (const auto& t : ind.targets) {
    if (t.breakdown.empty() || !t.value) continue;
    double sum = 0;
    bool complete = true;
    for (const auto& p : t.breakdown) {
      if (!p.value) complete = false;
      else sum += *p.value;
    }
    if (complete && std::fabs(sum - *t.value) > kEps * std::max(1.0, std::fabs(*t.value)))
      warn_at(diags, t, ind, tr("check.breakdown", {plain(sum), plain(*t.value)}), "breakdown-sum");
  }
}

// Belomorsk's column: target(last year) / target(first year) over explicit-year plans.
void check_ratio(const Indicator& ind, IndicatorMetrics& im, Diagnostics& diags) {
  const Target *first = nullptr, *last = nullptr;
  for (const auto& t : ind.targets) {
    if (!t.year || !t.value || !t.part.empty() || t.every_year) continue;
    if (!first || *t.year < *first->year) first = &t;
    if (!last || *t.year > *last->year) last = &t;
  }
  if (!first || !last || *first->year == *last->year || *first->value == 0) return;
  if (!finite_or_error(*last->value / *first->value, *last->value, *first->value, *last, ind, diags)) return;
  im.ratio_last_first = *last->value / *first->value;
  im.ratio_rounded = round_decimal(*im.ratio_last_first, 2);
  if (!ind.printed_ratio) return;
  if (std::fabs(im.ratio_rounded->value - *ind.printed_ratio) > 0.005 + kEps) {
    im.ratio_differs_from_printed = true;
    std::string printed = ind.printed_ratio_text.empty() ? number_text(*ind.printed_ratio, 2) : ind.printed_ratio_text;
    warn_at(diags, ind, ind,
            tr("check.ratio", {plain(*last->value), plain(*first->value), im.ratio_rounded->text, printed}),
            "ratio-mismatch");
  }
}

Progress classify(double value, double substantial, double moderate) {
  if (ge(value, substantial)) return Progress::Substantial;
  if (ge(value, moderate)) return Progress::Moderate;
  if (ge(value, 0)) return Progress::Limited;
  return Progress::Deterioration;
}

// Open SDG (sdg-build) progress between the first and the latest fact up to the report year.
// The target is the indicator's last planned year, even when it lies after the report year.
Progress open_sdg_progress(const std::vector<YearFigures>& years, int report_year, bool lower_better) {
  const YearFigures *base = nullptr, *latest = nullptr, *target = nullptr;
  for (const auto& y : years) {
    if (y.plan) target = &y;  // last target year
    if (y.fact && y.year <= report_year && !is_interim(y.fact_period)) {
      if (!base) base = &y;
      latest = &y;
    }
  }
  if (!base || !latest || latest == base) return Progress::NotAvailable;
  const double y0 = *base->fact, yt = *latest->fact;
  if (y0 <= 0 || yt <= 0) return Progress::NotAvailable;
  if (target && bound_holds(yt, *target->plan, target->plan_op, lower_better)) return Progress::TargetAchieved;
  const double cagr_o = std::pow(yt / y0, 1.0 / (latest->year - base->year)) - 1;
  if (!std::isfinite(cagr_o)) return Progress::NotAvailable;
  if (target && *target->plan > 0 && target->year > base->year) {
    const double cagr_r = std::pow(*target->plan / y0, 1.0 / (target->year - base->year)) - 1;
    if (lower_better ? cagr_r < 0 : cagr_r > 0) return classify(cagr_o / cagr_r, 0.95, 0.6);
  }
  return classify(lower_better ? -cagr_o : cagr_o, 0.015, 0.005);  // no (usable) target
}

// A degree of achievement or relative deviation that overflowed (a plan of 1e-320) is an
// error at the year's fact; the year is then left unassessed.
// The plan and fact of a year as the data state them, before they are rounded at the
// indicator's precision.
struct Stated {
  std::optional<double> plan, fact;
};

// A degree or deviation that is not a finite number is an error at the fact (or the indicator),
// never a published figure. The stated plan and fact are divided as well: rounded at the
// indicator's precision, a plan of 1e-320 shows as 0 and its overflow would go unseen.
void drop_if_not_finite(const Indicator& ind, YearFigures& y, const Stated& stated, bool yes_no, Diagnostics& diags) {
  if (!y.fact || !y.plan || !stated.fact || !stated.plan) return;
  const bool lower = is_lower_better(ind);
  const double fact = *stated.fact, plan = *stated.plan;
  const std::optional<double> as_stated = achievement_degree(fact, plan, lower, yes_no);
  for (std::optional<double> v : {y.degree, y.deviation, y.deviation_rel, as_stated, std::optional<double>(fact - plan)}) {
    if (!v || std::isfinite(*v)) continue;
    const Annotated* at = &ind;
    for (const auto& f : ind.facts)
      if (f.year == y.year && f.period == y.fact_period) at = &f;
    finite_or_error(*v, lower ? plan : fact, lower ? fact : plan, *at, ind, diags);
    y.degree.reset();
    y.degree_capped.reset();
    y.deviation.reset();
    y.deviation_rel.reset();
    y.achieved.reset();
    y.status = IndicatorStatus::NoData;
    return;
  }
}

}  // namespace

IndicatorMetrics compute_indicator(const Programme& prog, const Indicator& ind, const Methodology& m,
                                   int report_year, Diagnostics& diags, FactPeriod period) {
  IndicatorMetrics im;
  im.programme = prog.id;
  im.indicator = ind.id;
  im.precision = default_precision(ind);
  const bool yes_no = is_yes_no(ind), lower = is_lower_better(ind);
  const bool assessable = is_assessed(ind);
  const std::vector<int> years = table_years(prog, ind, report_year, period);
  const std::optional<int> end_year = period_end_year(prog, years);

  // Exact sizes: push_back's doubling left ~40 % of these vectors unused (30 000 indicators
  // at 1000 programmes: tens of MiB).
  im.years.reserve(years.size());
  std::vector<Stated> stated_years;  // the plan and fact before rounding, to find overflows
  stated_years.reserve(years.size());
  for (int year : years) {
    YearFigures y;
    Stated stated;
    y.year = year;
    PlanChoice c = choose_plan(ind, year, end_year);
    if (c.compound) {
      y.plan_printed = c.compound_printed;
      y.plan_compound = true;
    } else if (c.target) {
      stated.plan = c.target->value;
      y.plan = rounded(c.target->value, im.precision);
      y.plan_op = c.target->op;
      y.plan_printed = c.target->printed;
      y.plan_from_every_year = c.every_year;
      y.plan_from_period_end = c.period_end;
    }
    if (!assessable) y.plan.reset(), stated.plan.reset();
    // Interim facts are not annual figures: only the report year of an interim report reads one.
    if (const Fact* f = fact_for(ind, year, year == report_year ? period : FactPeriod::Year)) {
      read_fact(ind, *f, im.precision, y, diags);
      stated.fact = y.fact_recomputed ? y.fact : f->value;
      y.fact_period = f->period;
      y.fact_as_of = f->as_of;
    }
    im.years.push_back(std::move(y));
    stated_years.push_back(stated);
  }
  int last_target_year = 0;
  for (const auto& y : im.years)
    if (y.plan) last_target_year = y.year;
  // A recurring threshold («ежегодно не менее 50») binds each year on its own: every year is its
  // last, so a shortfall is never «в графике».
  for (size_t k = 0; k < im.years.size(); ++k) {
    YearFigures& y = im.years[k];
    if (is_interim(y.fact_period)) assess_interim(y, lower, yes_no, m, im.precision);
    else assess_year(y, lower, yes_no, y.year < last_target_year && !y.plan_from_every_year, m, im.precision);
    drop_if_not_finite(ind, y, stated_years[k], yes_no, diags);
  }

  for (const auto& y : im.years) {
    if (y.fact && y.year <= report_year && !is_interim(y.fact_period)) im.last_fact_year = y.year;
    if (y.year != report_year) continue;
    im.status = y.status;
    im.report_degree = y.degree;
    im.report_degree_capped = y.degree_capped;
  }
  if (std::none_of(im.years.begin(), im.years.end(), [&](const YearFigures& y) { return y.year == report_year; }))
    im.status = IndicatorStatus::NoTarget;

  // Trend: first against latest annual fact up to the report year, at the display precision.
  std::vector<double> facts;
  for (const auto& y : im.years)
    if (y.fact && y.year <= report_year && !is_interim(y.fact_period)) facts.push_back(*y.fact);
  if (facts.size() >= 2 && !yes_no) {
    const double a = round_decimal(facts.front(), im.precision).value, b = round_decimal(facts.back(), im.precision).value;
    im.trend = b > a ? Trend::Up : b < a ? Trend::Down : Trend::Flat;
  }
  if (m.trend && !yes_no && assessable) im.progress = open_sdg_progress(im.years, report_year, lower);
  size_t values = 0;
  for (const auto& f : ind.facts) values += f.by_organisation.size();
  im.by_organisation.reserve(values);
  for (const auto& f : ind.facts) {
    if (f.period != FactPeriod::Year) continue;
    for (const auto& ov : f.by_organisation) {
      std::optional<double> v = rounded(ov.value, im.precision);
      if (!v && ov.numerator && ov.denominator && *ov.denominator != 0) {
        const double share = *ov.numerator / *ov.denominator * (is_percent(ind) ? 100.0 : 1.0);
        if (finite_or_error(share, *ov.numerator, *ov.denominator, f, ind, diags))
          v = round_decimal(share, im.precision).value;
      }
      im.by_organisation.push_back({f.year, ov.organisation, v});
    }
  }
  check_ratio(ind, im, diags);
  check_breakdowns(ind, diags);
  return im;
}

}  // namespace vitrina
