// compute: every rule of docs/metrics.md, table-driven, over models built in code.
#include <doctest/doctest.h>

#include <cfloat>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "compute/indicator_rules.h"
#include "compute/measure_rules.h"
#include "compute/metrics.h"
#include "compute/report.h"
#include "text/messages.h"

using namespace vitrina;

namespace {

Target plan(std::optional<int> year, double value, Bound op = Bound::Eq) {
  Target t;
  t.year = year;
  t.value = value;
  t.op = op;
  return t;
}

Fact fact(int year, std::optional<double> value, std::optional<double> num = {}, std::optional<double> den = {}) {
  Fact f;
  f.year = year;
  f.value = value;
  f.numerator = num;
  f.denominator = den;
  f.origin.file = "data/programmes/p/indicators.json";
  f.origin.line = 7;
  return f;
}

// `kind` and `better` as the data spell them ("" = not stated).
Indicator indicator(std::string id, std::string_view kind, std::string unit, std::string_view better,
                    std::vector<Target> targets, std::vector<Fact> facts) {
  Indicator i;
  i.id = std::move(id);
  i.name = "Показатель " + i.id;
  i.kind = from_key<IndicatorKind>(kind).value_or(IndicatorKind::NotStated);
  i.unit = std::move(unit);
  i.better = from_key<Better>(better).value_or(Better::NotStated);
  i.targets = std::move(targets);
  i.facts = std::move(facts);
  i.origin.file = "data/programmes/p/indicators.json";
  i.origin.line = 3;
  return i;
}

Measure measure(std::string id, std::string period, std::vector<MeasureStatus> status, std::string parent = {}) {
  Measure m;
  m.id = std::move(id);
  m.name = "Мероприятие " + m.id;
  m.parent = std::move(parent);
  m.period.printed = period;
  m.status = std::move(status);
  return m;
}

Programme programme(int start = 2020, int end = 2024) {
  Programme p;
  p.id = "p";
  p.title = "Программа";
  p.period.start = start;
  p.period.end = end;
  return p;
}

SiteModel site(Programme p, int report_year) {
  SiteModel s;
  s.site.report_year = report_year;
  s.programmes.push_back(std::move(p));
  return s;
}

bool near(std::optional<double> a, double b) { return a && std::fabs(*a - b) < 1e-9; }

}  // namespace

TEST_CASE("compute: round_decimal is half up on decimal digits, never binary noise") {
  struct Case { double x; int precision; const char* text; };
  const Case cases[] = {
      {0.1 + 0.2, 1, "0.3"},        {0.1 + 0.2, 2, "0.30"},     {2.675, 2, "2.68"},  // binary rounding gives 2.67
      {66.666, 1, "66.7"},          {1.005, 2, "1.01"},         {194.0 / 291 * 100, 1, "66.7"},
      {0.5, 0, "1"},                {2.5, 0, "3"},              {-2.5, 0, "-3"},     // half away from zero
      {-0.04, 1, "0.0"},            {0, 1, "0.0"},              {9.995, 2, "10.00"},
      {1234.5678, 2, "1234.57"},    {1e-7, 2, "0.00"},          {0.006, 2, "0.01"},
      {65.0 / 55, 2, "1.18"},       {90.0 / 84, 2, "1.07"},     {80.0 / 60, 2, "1.33"},
      {57, 1, "57.0"},              {1e21, 0, "1000000000000000000000"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.x);
    CAPTURE(c.precision);
    Rounded r = round_decimal(c.x, c.precision);
    CHECK(r.text == c.text);
    CHECK(r.precision == c.precision);
  }
  CHECK(round_decimal(0.1 + 0.2, 1).value == 0.3);
  // The digits are worked on in fixed buffers: the longest text, carries past the first digit and
  // the clamped precisions must still come out whole.
  CHECK(round_decimal(DBL_MAX, 12).text == "17976931348623157" + std::string(292, '0') + "." + std::string(12, '0'));
  CHECK(round_decimal(-DBL_MAX, 0).text == "-17976931348623157" + std::string(292, '0'));
  CHECK(round_decimal(999.9995, 3).text == "1000.000");
  CHECK(round_decimal(-9.5, 0).text == "-10");
  CHECK(round_decimal(5e-13, 12).text == "0.000000000001");
  CHECK(round_decimal(4.9e-324, 12).text == "0.000000000000");
  CHECK(round_decimal(-0.0, 2).text == "0.00");
  CHECK(round_decimal(1.25, -1).text == "1");
  CHECK(round_decimal(1.25, 20).text == "1.250000000000");
  CHECK(round_decimal(1234.5678, 2).value == 1234.57);
  CHECK(round_decimal(NAN, 1).text.empty());  // not a number in, no number out
  CHECK(round_decimal(INFINITY, 1).value == 0);
}

TEST_CASE("compute: achievement degree by direction, yes/no and division by zero") {
  struct Case { double fact, plan; bool lower, yes_no; std::optional<double> degree; const char* why; };
  const Case cases[] = {
      {57.1, 55, false, false, 57.1 / 55, "growth: fact / plan"},
      {75, 50, false, false, 1.5, "over 100 %: kept uncapped here"},
      {5, 4, true, false, 0.8, "lower is better: plan / fact"},
      {3, 4, true, false, 4.0 / 3, "lower is better, better than plan"},
      {1, 1, false, true, 1.0, "yes/no: desired state holds"},
      {0, 1, false, true, 0.0, "yes/no: it does not"},
      {0, 0, false, true, 1.0, "yes/no, «no» is good (Kirov G9.1)"},
      {1, 0, false, true, 0.0, "yes/no, «no» is good, but yes"},
      {3, 0, false, false, std::nullopt, "zero plan: no data, not inf"},
      {0, 4, true, false, std::nullopt, "lower is better, zero fact: no data, not inf"},
      {-1, 4, false, false, std::nullopt, "negative value: no data"},
      {0, 5, false, false, 0.0, "nothing done: 0"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.why);
    auto d = achievement_degree(c.fact, c.plan, c.lower, c.yes_no);
    REQUIRE(d.has_value() == c.degree.has_value());
    if (d) CHECK(*d == doctest::Approx(*c.degree));
  }
}

TEST_CASE("compute: status of a year from plan, fact and the thresholds") {
  struct Case {
    std::optional<double> plan, fact;
    Bound op;
    bool lower, yes_no, before_last;
    IndicatorStatus status;
    std::optional<bool> achieved;
    const char* why;
  };
  using S = IndicatorStatus;
  const Case cases[] = {
      {55, 57.1, Bound::Eq, false, false, false, S::Achieved, true, "plan met"},
      {30, 30, Bound::Ge, false, false, false, S::Achieved, true, "«не менее 30»: fact = bound"},
      {30, 29, Bound::Ge, false, false, true, S::OnTrack, false, "29/30 = 0.967 ≥ 0.95 before the last target year"},
      {30, 29, Bound::Ge, false, false, false, S::AtRisk, false, "same in the last target year: at risk"},
      {30, 24, Bound::Ge, false, false, true, S::AtRisk, false, "24/30 = 0.8 = at_risk_min"},
      {30, 20, Bound::Ge, false, false, true, S::NotAchieved, false, "20/30 = 0.667 < 0.8"},
      {10, 9, Bound::Le, true, false, false, S::Achieved, true, "«не более 10»: 9"},
      {10, 12, Bound::Le, true, false, false, S::AtRisk, false, "«не более 10»: 12, degree 0.833"},
      {4, 5, Bound::Eq, true, false, false, S::AtRisk, false, "lower is better 4/5 = 0.8"},
      {4, 4, Bound::Eq, true, false, false, S::Achieved, true, "lower is better, plan met"},
      {1, 1, Bound::Eq, false, true, false, S::Achieved, true, "yes/no yes"},
      {1, 0, Bound::Eq, false, true, true, S::NotAchieved, false, "yes/no no, even before the last year"},
      {0, 0, Bound::Eq, false, true, false, S::Achieved, true, "no-is-good, none"},
      {0, 3, Bound::Eq, false, false, false, S::Achieved, true, "zero plan: judged by the bound, degree no data"},
      {0, 3, Bound::Eq, true, false, false, S::NotAchieved, false, "zero plan, lower is better, 3 > 0"},
      {55, std::nullopt, Bound::Eq, false, false, false, S::NoData, std::nullopt, "missing fact"},
      {std::nullopt, 40, Bound::Eq, false, false, false, S::NoTarget, std::nullopt, "fact without plan"},
      {std::nullopt, std::nullopt, Bound::Eq, false, false, false, S::NoTarget, std::nullopt, "nothing"},
  };
  Methodology m;  // defaults: achieved 1.0, on track 0.95, at risk 0.8, cap 1
  for (const auto& c : cases) {
    CAPTURE(c.why);
    YearFigures y;
    y.plan = c.plan;
    y.fact = c.fact;
    y.plan_op = c.op;
    assess_year(y, c.lower, c.yes_no, c.before_last, m, 1);
    CHECK(y.status == c.status);
    CHECK(y.achieved == c.achieved);
    if (y.degree) {
      CHECK(std::isfinite(*y.degree));
      CHECK(*y.degree_capped <= m.cap);
    }
  }
}

TEST_CASE("compute: over 100 % keeps the uncapped degree and caps it for aggregation") {
  YearFigures y;
  y.plan = 50;
  y.fact = 75;
  Methodology m;
  assess_year(y, false, false, false, m, 1);
  CHECK(near(y.degree, 1.5));
  CHECK(near(y.degree_capped, 1.0));
  CHECK(near(y.deviation, 25));
  CHECK(near(y.deviation_rel, 0.5));
  m.cap = 1.2;  // a site may allow over-achievement to count a little
  assess_year(y, false, false, false, m, 1);
  CHECK(near(y.degree_capped, 1.2));
}

TEST_CASE("compute: thresholds come from the site's methodology") {
  Methodology m;
  m.at_risk_min = 0.6;  // as in the demo site.json
  YearFigures y;
  y.plan = 10;
  y.fact = 7;
  assess_year(y, false, false, false, m, 1);
  CHECK(y.status == IndicatorStatus::AtRisk);
  m.at_risk_min = 0.8;
  assess_year(y, false, false, false, m, 1);
  CHECK(y.status == IndicatorStatus::NotAchieved);
  m.achieved_min = 0.7;  // "=" plans: achieved from this degree
  assess_year(y, false, false, false, m, 1);
  CHECK(y.status == IndicatorStatus::Achieved);
}

TEST_CASE("compute: precision defaults by unit and kind") {
  CHECK(default_precision(indicator("a", "share", "%", "higher", {}, {})) == 1);
  CHECK(default_precision(indicator("a", "count", "чел.", "higher", {}, {})) == 0);
  CHECK(default_precision(indicator("a", "ratio", "", "higher", {}, {})) == 2);
  CHECK(default_precision(indicator("a", "yes_no", "", "yes", {}, {})) == 0);
  Indicator i = indicator("a", "share", "%", "higher", {}, {});
  i.precision = 2;
  CHECK(default_precision(i) == 2);
}

TEST_CASE("compute: targets expand to years (every_year, end of period, compound)") {
  Programme p = programme(2021, 2025);
  Target every = plan(std::nullopt, 5, Bound::Ge);
  every.every_year = true;
  Target a = plan(std::nullopt, 65, Bound::Ge), b = plan(std::nullopt, 60, Bound::Ge);
  a.part = "a";
  a.part_label = "предметная";
  b.part = "b";
  b.part_label = "методическая";
  p.indicators = {indicator("every", "share", "%", "higher", {every}, {fact(2022, 5.5)}),
                  indicator("end", "share", "%", "higher", {plan(std::nullopt, 30, Bound::Ge)}, {}),
                  indicator("compound", "share", "%", "higher", {a, b}, {fact(2025, 70)})};
  Diagnostics d;
  SiteMetrics sm = compute_metrics(site(p, 2022), d);
  const auto* every_m = sm.indicator("p", "every");
  REQUIRE(every_m);
  REQUIRE(every_m->years.size() == 5);
  for (const auto& y : every_m->years) {
    CHECK(near(y.plan, 5));
    CHECK(y.plan_op == Bound::Ge);
    CHECK(y.plan_from_every_year);
  }
  CHECK(every_m->status == IndicatorStatus::Achieved);  // 5.5 ≥ 5 in 2022
  const auto* end_m = sm.indicator("p", "end");
  CHECK(end_m->years.back().year == 2025);
  CHECK(near(end_m->years.back().plan, 30));
  CHECK(end_m->years.back().plan_from_period_end);
  CHECK(!end_m->years.front().plan);
  CHECK(end_m->status == IndicatorStatus::NoTarget);  // nothing planned for 2022
  const auto* compound = sm.indicator("p", "compound");
  CHECK(compound->years.back().plan_compound);
  CHECK(!compound->years.back().plan);
  CHECK(compound->years.back().plan_printed == "предметная: ≥ 65; методическая: ≥ 60");
  CHECK(compound->years.back().status == IndicatorStatus::NoTarget);
}

TEST_CASE("compute: shares from numerator and denominator") {
  struct Case {
    std::optional<double> value, num, den;
    std::optional<double> fact;
    bool recomputed;
    size_t warnings;
    const char* why;
  };
  const Case cases[] = {
      {66.7, 194, 291, 66.7, false, 0, "Zima: 194/291 = 66.67 agrees with «66,7»"},
      {85, 409, 476, 85.9, true, 1, "Zima «409 … 85%»: 409/476 = 85.9 disagrees"},
      {std::nullopt, 194, 291, 66.7, true, 0, "no stated value: recomputed, rounded as printed"},
      {30.3, 10, 33, 30.3, false, 0, "10/33 = 30.30"},
      {12, 5, 0, 12, false, 0, "zero denominator: stated value kept, no inf"},
      {std::nullopt, 5, 0, std::nullopt, false, 0, "zero denominator, nothing stated: no data"},
      {29.3, 61, std::nullopt, 29.3, false, 0, "no denominator"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.why);
    Programme p = programme(2022, 2022);
    p.indicators = {indicator("s", "share", "%", "higher", {plan(2022, 10)}, {fact(2022, c.value, c.num, c.den)})};
    Diagnostics d;
    SiteMetrics sm = compute_metrics(site(p, 2022), d);
    const YearFigures& y = sm.indicator("p", "s")->years.at(0);
    CHECK(y.fact.has_value() == c.fact.has_value());
    if (c.fact) CHECK(*y.fact == doctest::Approx(*c.fact));
    CHECK(y.fact_recomputed == c.recomputed);
    CHECK(d.warning_count() == c.warnings);
    if (c.warnings) {
      CHECK(d.items()[0].file == "data/programmes/p/indicators.json");
      CHECK(d.items()[0].line == 7);  // the fact's line
    }
  }
}

TEST_CASE("compute: breakdown targets that do not add up are warnings") {
  struct Case { std::vector<double> parts; double value; size_t warnings; };
  const Case cases[] = {{{8, 4}, 12, 0}, {{8, 5}, 12, 1}, {{0.1, 0.2}, 0.3, 0}, {{9, 8, 2}, 19, 0}, {{9, 8}, 19, 1}};
  for (const auto& c : cases) {
    Target t = plan(2022, c.value);
    for (double v : c.parts) t.breakdown.push_back({"часть", v});
    Programme p = programme(2022, 2022);
    p.indicators = {indicator("b", "share", "%", "higher", {t}, {})};
    Diagnostics d;
    compute_metrics(site(p, 2022), d);
    CHECK(d.warning_count() == c.warnings);
    CHECK(d.error_count() == 0);
  }
}

TEST_CASE("compute: last/first target ratio against the printed column") {
  struct Case { double first, last, printed; const char* text; bool differs; };
  const Case cases[] = {{55, 65, 1.19, "1.18", true}, {84, 90, 1.08, "1.07", true}, {60, 80, 1.34, "1.33", true},
                        {55, 65, 1.18, "1.18", false}, {60, 80, 1.335, "1.33", false}};
  for (const auto& c : cases) {
    Programme p = programme(2022, 2030);
    Indicator i = indicator("r", "share", "%", "higher", {plan(2022, c.first), plan(2026, 60), plan(2030, c.last)}, {});
    i.printed_ratio = c.printed;
    p.indicators = {i};
    Diagnostics d;
    SiteMetrics sm = compute_metrics(site(p, 2022), d);
    const auto* im = sm.indicator("p", "r");
    REQUIRE(im->ratio_rounded);
    CHECK(im->ratio_rounded->text == c.text);
    CHECK(im->ratio_differs_from_printed == c.differs);
    CHECK(d.warning_count() == (c.differs ? 1u : 0u));
  }
  Programme p = programme(2022, 2030);
  p.indicators = {indicator("z", "count", "ед.", "higher", {plan(2022, 0), plan(2030, 5)}, {})};
  Diagnostics d;
  CHECK(!compute_metrics(site(p, 2022), d).indicator("p", "z")->ratio_last_first);  // 5/0: no data
}

TEST_CASE("compute: trend and Open SDG progress") {
  struct Case { std::vector<double> facts; double target; const char* better; Trend trend; Progress progress; };
  const Case cases[] = {
      {{40, 45, 50}, 60, "higher", Trend::Up, Progress::Substantial},  // ratio 1.106, worked out below
      {{40, 40, 40}, 60, "higher", Trend::Flat, Progress::Limited},
      {{40, 38, 35}, 60, "higher", Trend::Down, Progress::Deterioration},
      {{40, 50, 61}, 60, "higher", Trend::Up, Progress::TargetAchieved},
      {{20, 18, 16}, 10, "lower", Trend::Down, Progress::Moderate},
  };
  for (const auto& c : cases) {
    Programme p = programme(2020, 2024);
    std::vector<Fact> facts;
    for (size_t k = 0; k < c.facts.size(); ++k) facts.push_back(fact(2020 + int(k), c.facts[k]));
    p.indicators = {indicator("t", "count", "ед.", c.better, {plan(2024, c.target)}, facts)};
    SiteModel s = site(p, 2022);
    s.site.methodology.trend = true;
    Diagnostics d;
    const SiteMetrics sm = compute_metrics(s, d);  // the pointer below points into it
    const auto* im = sm.indicator("p", "t");
    CAPTURE(c.facts[2]);
    CHECK(im->trend == c.trend);
    CHECK(im->progress == c.progress);
    CHECK(im->last_fact_year == 2022);
  }
}

TEST_CASE("compute: Open SDG ratio worked by hand") {
  // 40 → 50 in 2 years: CAGR = (50/40)^(1/2) − 1 = 0.1180; needed 40 → 60 in 4 years:
  // (60/40)^(1/4) − 1 = 0.1067; ratio 1.106 ≥ 0.95: substantial.
  Programme p = programme(2020, 2024);
  p.indicators = {indicator("t", "count", "ед.", "higher", {plan(2024, 60)}, {fact(2020, 40), fact(2022, 50)})};
  SiteModel s = site(p, 2022);
  Diagnostics d;
  CHECK(compute_metrics(s, d).indicator("p", "t")->progress == Progress::Substantial);
  s.site.methodology.trend = false;
  CHECK(compute_metrics(s, d).indicator("p", "t")->progress == Progress::NotAvailable);
}

TEST_CASE("compute: measure terms resolve to years") {
  Programme p = programme(2020, 2024);
  auto with = [](Measure m, Period per) {
    m.period = per;
    return m;
  };
  Period then_yearly;  // «июнь 2021, далее ежегодно»
  then_yearly.start = PartialDate{2021, 6, 0};
  then_yearly.then_yearly = true;
  Period within;
  within.within_year = true;
  Period relative;  // «Декабрь текущего года»
  relative.relative = true;
  relative.months = {12};
  Period yearly;
  yearly.recurrence = "yearly";
  Period range;
  range.start = PartialDate{2020, 0, 0};
  range.end = PartialDate{2021, 0, 0};
  Period inherited;
  inherited.inherited = true;
  p.measures = {with(measure("then", "", {}), then_yearly), with(measure("within", "", {}), within),
                with(measure("rel", "", {}), relative),      with(measure("yearly", "", {}), yearly),
                with(measure("parent", "", {}), range),      with(measure("child", "", {}, "parent"), inherited),
                measure("undated", "", {})};
  struct Case { const char* id; std::optional<int> start, end; };
  const Case cases[] = {{"then", 2021, 2024}, {"within", 2023, 2023}, {"rel", 2023, 2023}, {"yearly", 2020, 2024},
                        {"parent", 2020, 2021}, {"child", 2020, 2021}, {"undated", std::nullopt, std::nullopt}};
  for (const auto& c : cases) {
    CAPTURE(c.id);
    const Measure* m = nullptr;
    for (const auto& x : p.measures)
      if (x.id == c.id) m = &x;
    REQUIRE(m);
    ResolvedTerm t = resolve_term(p, *m, 2023);
    CHECK(t.start_year == c.start);
    CHECK(t.end_year == c.end);
  }
  // A one-year programme: «в течение года» is that year, whatever the report year.
  Programme zima = programme(2022, 2022);
  Measure w = with(measure("w", "", {}), within);
  CHECK(resolve_term(zima, w, 2023).start_year == 2022);
}

TEST_CASE("compute: a measure finished in an earlier year keeps that status, not «нет сведений»") {
  Programme p = programme(2020, 2024);
  auto dated = [](Measure m, int y0, int y1) {
    m.period.start = PartialDate{y0, 0, 0};
    m.period.end = PartialDate{y1, 0, 0};
    return m;
  };
  p.measures = {dated(measure("past", "", {{2020, MeasureState::Done, "", "", ""}}), 2020, 2020),
                dated(measure("running", "", {{2020, MeasureState::Done, "", "", ""}}), 2020, 2022),
                dated(measure("future", "", {{2020, MeasureState::Planned, "", "", ""}}), 2022, 2022)};
  Diagnostics d;
  const SiteMetrics sm = compute_metrics(site(p, 2021), d);
  const MeasureMetrics* past = sm.measure("p", "past");
  CHECK(!past->status);
  REQUIRE(past->earlier_status);
  CHECK(*past->earlier_status == MeasureState::Done);
  CHECK(past->earlier_status_year == 2020);
  CHECK(!past->counted);  // not a measure of 2021
  // planned in 2021 without a 2021 status: unknown that year, whatever it was in 2020
  CHECK(!sm.measure("p", "running")->earlier_status);
  CHECK(sm.programme("p")->measures.no_status == 1);
  CHECK(!sm.measure("p", "future")->earlier_status);  // a measure of 2022: not finished, whatever 2020 said
}

TEST_CASE("compute: measure status, overdue, done rule and counts") {
  Programme p = programme(2020, 2024);
  auto dated = [](Measure m, int y0, int y1, int end_month = 0) {
    m.period.start = PartialDate{y0, 0, 0};
    m.period.end = PartialDate{y1, end_month, 0};
    return m;
  };
  p.measures = {
      dated(measure("late", "", {{2021, MeasureState::InProgress, "", "", ""}}), 2021, 2021),            // ended 2021, not done
      dated(measure("done", "", {{2022, MeasureState::Done, "", "2022-05-10", ""}}), 2022, 2022, 6),      // done in time
      dated(measure("slow", "", {{2022, MeasureState::Done, "", "2022-09-01", ""}}), 2022, 2022, 6),      // done after June
      dated(measure("nodate", "", {{2022, MeasureState::Done, "", "", ""}}), 2022, 2022),                 // done, no date
      dated(measure("going", "", {{2022, MeasureState::InProgress, "", "", ""}}), 2022, 2023),
      dated(measure("failed", "", {{2022, MeasureState::NotDone, "", "", ""}}), 2022, 2022),
      dated(measure("cancel", "", {{2022, MeasureState::Cancelled, "", "", ""}}), 2022, 2022),
      dated(measure("quiet", "", {}), 2022, 2022),                                         // no status
      dated(measure("parent", "", {{2022, MeasureState::Done, "", "2022-01-01", ""}}), 2022, 2022),
      dated(measure("child", "", {{2022, MeasureState::Planned, "", "", ""}}, "parent"), 2022, 2022),
  };
  p.measures[0].task = "t1";
  p.measures[1].task = "t1";
  p.measures[8].section = "s1";  // the child inherits its parent's section
  for (DoneRule rule : {DoneRule::Done, DoneRule::DoneInTime}) {
    CAPTURE(done_rule_key(rule));
    SiteModel s = site(p, 2022);
    s.site.methodology.done_rule = rule;
    Diagnostics d;
    SiteMetrics sm = compute_metrics(s, d);
    CHECK(sm.measure("p", "late")->overdue);
    CHECK(!sm.measure("p", "late")->counted);  // not planned in 2022, no 2022 status
    CHECK(!sm.measure("p", "going")->overdue);
    CHECK(sm.measure("p", "failed")->overdue);
    CHECK(!sm.measure("p", "cancel")->overdue);
    CHECK(!sm.measure("p", "quiet")->overdue);  // no status entered: unknown, not overdue
    CHECK(!sm.measure("p", "parent")->counted);  // counted through its sub-measure
    CHECK(sm.measure("p", "child")->section == "s1");
    const Counts& c = sm.programme("p")->measures;
    CHECK(c.total == 8);  // done, slow, nodate, going, failed, cancel, quiet, child
    CHECK(c.done == 3);
    CHECK(c.in_progress == 1);
    CHECK(c.not_done == 1);
    CHECK(c.cancelled == 1);
    CHECK(c.no_status == 1);
    CHECK(c.planned == 1);
    CHECK(c.overdue == 3);  // late, failed, and child: its term ended in 2022 and it is still «planned»
    const bool in_time = rule == DoneRule::DoneInTime;
    CHECK(c.done_counted == (in_time ? 1 : 3));
    // СРм = Мв / М over measures with a status, cancelled left out: 8 − 1 − 1 = 6.
    CHECK(near(sm.programme("p")->measures_done_share, in_time ? 0.167 : 0.5));  // 1/6, 3/6 as shown
    CHECK(sm.programme("p")->by_task.at("t1").total == 1);
    CHECK(sm.programme("p")->by_task.at("t1").overdue == 1);
    CHECK(sm.programme("p")->by_section.at("s1").total == 1);
  }
}

TEST_CASE("compute: rating thresholds at their boundaries") {
  struct Case { int done; Rating rating; };
  const Case cases[] = {{10, Rating::High}, {9, Rating::High},          {8, Rating::Medium},
                        {7, Rating::Satisfactory}, {6, Rating::Unsatisfactory}, {0, Rating::Unsatisfactory}};
  for (const auto& c : cases) {
    Programme p = programme(2022, 2022);
    for (int k = 0; k < 10; ++k)
      p.measures.push_back(measure("m" + std::to_string(k), "", {{2022, k < c.done ? MeasureState::Done : MeasureState::NotDone, "", "", ""}}));
    Diagnostics d;
    const SiteMetrics sm = compute_metrics(site(p, 2022), d);
    const ProgrammeMetrics* pm = sm.programme("p");
    CAPTURE(c.done);
    CHECK(pm->rating == c.rating);
    CHECK(pm->effectiveness_basis == EffectivenessBasis::Measures);
    CHECK(near(pm->effectiveness, c.done / 10.0));
  }
}

TEST_CASE("compute: a status or a rating is the class of the number shown beside it") {
  // 49.9 / 71.3 = 0.69986: shown as 0.700 with three decimals, so it must be rated as 0.700.
  Programme p = programme(2022, 2022);
  p.indicators = {indicator("a", "share", "%", "higher", {plan(2022, 71.3)}, {fact(2022, 49.9)})};
  Methodology m;
  m.at_risk_min = 0.7;
  SiteModel s = site(p, 2022);
  s.site.methodology = m;
  Diagnostics d;
  SiteMetrics sm = compute_metrics(s, d);
  const IndicatorMetrics* im = sm.indicator("p", "a");
  CHECK(near(im->report_degree, 0.7));
  CHECK(im->status == IndicatorStatus::AtRisk);  // 0.700 ≥ at_risk_min 0.7
  const ProgrammeMetrics* pm = sm.programme("p");
  CHECK(near(pm->mean_degree, 0.7));
  CHECK(near(pm->effectiveness, 0.7));
  CHECK(pm->rating == Rating::Satisfactory);
  // 49.8 / 71.3 = 0.69846 is shown as 0.698: «неудовлетворительная», and never printed as 0.70.
  s.programmes[0].indicators[0].facts[0].value = 49.8;
  sm = compute_metrics(s, d);
  CHECK(near(sm.programme("p")->effectiveness, 0.698));
  CHECK(sm.programme("p")->rating == Rating::Unsatisfactory);
  CHECK(sm.indicator("p", "a")->status == IndicatorStatus::NotAchieved);
  // Facts and plans are kept at the indicator's precision, deviations too: no binary noise.
  s.programmes[0].indicators[0].targets[0].value = 66;
  s.programmes[0].indicators[0].facts[0].value = 66.6;
  sm = compute_metrics(s, d);
  const YearFigures& y = sm.indicator("p", "a")->years.front();
  CHECK(*y.deviation == 0.6);  // 66.6 − 66 = 0.6000000000000014 in binary
  CHECK(*y.degree == 1.009);
  s.programmes[0].indicators[0].facts[0].value = 65.96;  // shown «66,0» = the plan: achieved
  sm = compute_metrics(s, d);
  CHECK(*sm.indicator("p", "a")->years.front().fact == 66.0);
  CHECK(sm.indicator("p", "a")->status == IndicatorStatus::Achieved);
}

TEST_CASE("compute: a recurring threshold is judged in each year, never «в графике»") {
  // «ежегодно не менее 50 человек», 48 in 2022 of 2022–2025: 48 / 50 = 0.96 would be «в графике»
  // before the last target year, but each year's threshold is that year's own.
  Programme p = programme(2022, 2025);
  Target every = plan(std::nullopt, 50, Bound::Ge);
  every.every_year = true;
  p.indicators = {indicator("e", "count", "чел.", "higher", {every}, {fact(2022, 48), fact(2023, 50)}),
                  indicator("r", "count", "чел.", "higher", {plan(2022, 50), plan(2025, 60)}, {fact(2022, 48)})};
  Diagnostics d;
  SiteMetrics sm = compute_metrics(site(p, 2022), d);
  const IndicatorMetrics* e = sm.indicator("p", "e");
  CHECK(e->status == IndicatorStatus::AtRisk);
  CHECK(e->years[1].status == IndicatorStatus::Achieved);
  for (const auto& y : e->years) CHECK(y.status != IndicatorStatus::OnTrack);
  // A plan trajectory (plain values per year) still has «в графике» before its last year.
  CHECK(sm.indicator("p", "r")->status == IndicatorStatus::OnTrack);
}

TEST_CASE("compute: effectiveness weights, custom thresholds and not assessable") {
  Programme p = programme(2022, 2022);
  p.indicators = {indicator("a", "count", "ед.", "higher", {plan(2022, 10)}, {fact(2022, 12)}),   // 1.2 → 1
                  indicator("b", "count", "ед.", "higher", {plan(2022, 10)}, {fact(2022, 8)}),    // 0.8
                  indicator("c", "count", "ед.", "higher", {plan(2022, 0)}, {fact(2022, 3)}),     // no degree
                  indicator("d", "count", "ед.", "higher", {plan(2022, 10)}, {}),                 // no data
                  indicator("txt", "text", "", "", {plan(2022, 1)}, {fact(2022, 1)})};            // not counted
  p.indicators.push_back(indicator("dup", "count", "ед.", "higher", {plan(2022, 10)}, {fact(2022, 1)}));
  p.indicators.back().restates = "a";  // a key indicator restating "a": not counted twice
  for (int k = 0; k < 5; ++k) p.measures.push_back(measure("m" + std::to_string(k), "", {{2022, k < 3 ? MeasureState::Done : MeasureState::NotDone, "", "", ""}}));
  SiteModel s = site(p, 2022);
  Diagnostics d;
  SiteMetrics sm = compute_metrics(s, d);
  const ProgrammeMetrics* pm = sm.programme("p");
  CHECK(pm->indicators_total == 4);
  CHECK(pm->indicators_assessed == 3);
  CHECK(pm->indicators_achieved == 2);  // a, c (zero plan, bound holds)
  CHECK(near(pm->share_achieved, 0.667));  // 2/3 as shown (kScorePrecision)
  CHECK(near(pm->mean_degree, 0.9));       // (1 + 0.8) / 2: c has no degree
  CHECK(near(pm->measures_done_share, 0.6));
  CHECK(near(pm->effectiveness, 0.75));    // 0.5 × 0.9 + 0.5 × 0.6
  CHECK(pm->effectiveness_basis == EffectivenessBasis::Both);
  CHECK(pm->rating == Rating::Satisfactory);
  s.site.methodology.weight_indicators = 0.3;
  s.site.methodology.weight_measures = 0.7;
  sm = compute_metrics(s, d);
  pm = sm.programme("p");
  CHECK(near(pm->effectiveness, 0.3 * 0.9 + 0.7 * 0.6));  // 0.69
  CHECK(pm->rating == Rating::Unsatisfactory);
  s.site.methodology.rating_satisfactory = 0.6;
  CHECK(compute_metrics(s, d).programme("p")->rating == Rating::Satisfactory);

  Programme empty = programme(2022, 2022);
  empty.indicators = {indicator("x", "share", "%", "higher", {plan(2022, 10)}, {})};
  empty.measures = {measure("m", "2022", {})};
  const SiteMetrics empty_metrics = compute_metrics(site(empty, 2022), d);
  const ProgrammeMetrics* none = empty_metrics.programme("p");
  CHECK(none->rating == Rating::NotAssessable);
  CHECK(!none->effectiveness);
  CHECK(!none->mean_degree);
  CHECK(!none->measures_done_share);
  CHECK(!none->share_achieved);
}

TEST_CASE("compute: overall figures pool every programme") {
  SiteModel s;
  s.site.report_year = 2022;
  Programme a = programme(2022, 2022), b = programme(2022, 2022);
  a.id = "a";
  b.id = "b";
  a.indicators = {indicator("1", "count", "ед.", "higher", {plan(2022, 10)}, {fact(2022, 10)})};
  b.indicators = {indicator("1", "count", "ед.", "higher", {plan(2022, 10)}, {fact(2022, 5)})};
  s.programmes = {a, b};
  Diagnostics d;
  SiteMetrics sm = compute_metrics(s, d);
  CHECK(sm.programmes.size() == 2);
  CHECK(sm.programme("a")->rating == Rating::High);
  CHECK(sm.programme("b")->rating == Rating::Unsatisfactory);
  CHECK(sm.overall.indicators_total == 2);
  CHECK(near(sm.overall.mean_degree, 0.75));
  CHECK(sm.overall.rating == Rating::Satisfactory);
  CHECK(compute_metrics(s, d, 2023).overall.report_year == 2023);  // --year overrides
}

TEST_CASE("compute: report in text and json") {
  Programme p = programme(2022, 2022);
  p.indicators = {indicator("1", "share", "%", "higher", {plan(2022, 55)}, {fact(2022, 57.1)}),
                  indicator("2", "count", "ед.", "lower", {plan(2022, 4, Bound::Le)}, {})};
  p.measures = {measure("m", "2022", {{2022, MeasureState::Done, "", "", ""}})};
  SiteModel s = site(p, 2022);
  Diagnostics d;
  SiteMetrics sm = compute_metrics(s, d);
  const std::string saved = language();
  set_language("en");
  std::string text = format_report(s, sm, "text", false);
  CHECK(text.find("achieved") != std::string::npos);
  CHECK(text.find("no data yet") != std::string::npos);
  CHECK(text.find("57.1") != std::string::npos);
  CHECK(text.find("1.038") != std::string::npos);  // 57.1 / 55
  CHECK(text.find("≤ 4") != std::string::npos);
  CHECK(text.find("\x1b[") == std::string::npos);
  CHECK(format_report(s, sm, "text", true).find("\x1b[32m") != std::string::npos);
  set_language("ru");
  CHECK(format_report(s, sm, "text", false).find("достигнут") != std::string::npos);
  CHECK(format_report(s, sm, "text", false).find("57,1") != std::string::npos);
  set_language(saved);

  auto j = nlohmann::json::parse(format_report(s, sm, "json", false));
  CHECK(j["report_year"] == 2022);
  const auto& ind = j["programmes"][0]["indicators"][0];
  CHECK(ind["plan"] == 55.0);
  CHECK(ind["fact"] == 57.1);
  CHECK(ind["degree"] == 1.038);
  CHECK(ind["degree_capped"] == 1.0);
  CHECK(ind["status"] == "achieved");
  CHECK(j["programmes"][0]["indicators"][1]["fact"].is_null());
  CHECK(j["programmes"][0]["summary"]["rating"] == "high");
  CHECK(j["programmes"][0]["summary"]["measures"]["done"] == 1);
  CHECK(j["overall"]["by_status"]["no_data"] == 1);
}

TEST_CASE("compute: interim facts (quarter, half-year, nine months) are never judged as the year's fact") {
  Fact q1 = fact(2022, 10), h1 = fact(2022, 20), year = fact(2021, 55);
  q1.period = FactPeriod::Q1;
  h1.period = FactPeriod::H1;
  Indicator ind = indicator("1", "share", "%", "higher", {plan(2021, 50), plan(2022, 50)}, {year, q1, h1});
  Diagnostics diags;
  IndicatorMetrics im = compute_indicator(programme(2021, 2022), ind, Methodology{}, 2022, diags);
  REQUIRE(im.years.size() == 2);
  CHECK(near(im.years[0].fact, 55));
  CHECK_FALSE(im.years[1].fact.has_value());       // 10 and 20 are partial: no annual fact yet
  CHECK(im.status == IndicatorStatus::NoData);
  CHECK(im.last_fact_year == 2021);
  // An interim fact in a year outside the table adds no year of its own.
  ind.facts = {q1};
  ind.facts[0].year = 2023;
  CHECK(compute_indicator(programme(2021, 2022), ind, Methodology{}, 2022, diags).years.size() == 2);
  CHECK(fact_period_key(FactPeriod::M9) == std::string("m9"));
  CHECK(from_key<FactPeriod>("h1") == FactPeriod::H1);
  CHECK_FALSE(from_key<FactPeriod>("q2").has_value());
}

// ---- interim reporting (docs/metrics.md §10) ----------------------------------------------

namespace {

Fact interim(int year, FactPeriod period, std::optional<double> value, std::string as_of = {}) {
  Fact f = fact(year, value);
  f.period = period;
  f.as_of = std::move(as_of);
  return f;
}

}  // namespace

TEST_CASE("compute: every indicator status at every report period") {
  using S = IndicatorStatus;
  struct Case {
    std::optional<double> plan, fact;
    Bound op;
    std::string_view better;
    bool last_year;  // 2022 is the indicator's last target year (else 2023 follows)
    S year_status, interim_status;
    const char* why;
  };
  const Case cases[] = {
      {50, 55, Bound::Eq, "higher", true, S::Achieved, S::Achieved, "target already met: achieved at any date"},
      {50, 49, Bound::Eq, "higher", false, S::OnTrack, S::InProgress, "0.98 before the last year"},
      {50, 45, Bound::Eq, "higher", true, S::AtRisk, S::InProgress, "0.9: at risk only when the year is over"},
      {50, 10, Bound::Eq, "higher", true, S::NotAchieved, S::InProgress, "0.2: never «не достигнут» before the year ends"},
      {30, 30, Bound::Ge, "higher", true, S::Achieved, S::Achieved, "«не менее 30»: 30"},
      {30, 12, Bound::Ge, "higher", true, S::NotAchieved, S::InProgress, "«не менее 30»: 12 so far"},
      {10, 9, Bound::Le, "lower", true, S::Achieved, S::Achieved, "«не более 10»: 9 on the date"},
      {10, 14, Bound::Le, "lower", true, S::NotAchieved, S::InProgress, "«не более 10»: 14 on the date"},
      {4, 0, Bound::Eq, "lower", true, S::Achieved, S::Achieved, "lower is better, fact 0: no degree, the bound holds"},
      {1, 0, Bound::Eq, "yes", true, S::NotAchieved, S::InProgress, "yes/no: not yet"},
      {1, 1, Bound::Eq, "yes", true, S::Achieved, S::Achieved, "yes/no: done"},
      {50, std::nullopt, Bound::Eq, "higher", true, S::NoData, S::NoData, "no fact for the period"},
      {std::nullopt, 20, Bound::Eq, "higher", true, S::NoTarget, S::NoTarget, "no annual target"},
  };
  for (FactPeriod period : all_values<FactPeriod>()) {
    for (const auto& c : cases) {
      CAPTURE(fact_period_key(period));
      CAPTURE(c.why);
      std::vector<Target> targets;
      if (c.plan) targets.push_back(plan(2022, *c.plan, c.op));
      if (!c.last_year) targets.push_back(plan(2023, 60, c.op));
      // The annual fact of 2022 is never the one judged at an interim period, and the interim
      // fact never at the year's end.
      std::vector<Fact> facts = {interim(2022, period, c.fact, "2022-07-05")};
      if (is_interim(period)) facts.push_back(fact(2022, 1000));
      Indicator ind = indicator("1", c.better == "yes" ? "yes_no" : "", "", c.better, targets, facts);
      Diagnostics d;
      IndicatorMetrics im = compute_indicator(programme(2021, 2023), ind, Methodology{}, 2022, d, period);
      CHECK(im.status == (is_interim(period) ? c.interim_status : c.year_status));
      const YearFigures* y = nullptr;
      for (const auto& x : im.years)
        if (x.year == 2022) y = &x;
      REQUIRE(y);
      CHECK(y->fact == c.fact);
      if (c.fact) CHECK(y->fact_period == period);
      CHECK(im.status != (is_interim(period) ? S::NotAchieved : S::InProgress));
    }
  }
}

TEST_CASE("compute: an interim report reads the longest part of the year up to its period") {
  Indicator ind = indicator("1", "share", "%", "higher", {plan(2022, 50)},
                            {interim(2022, FactPeriod::Q1, 10, "2022-04-10"), interim(2022, FactPeriod::H1, 30),
                             interim(2022, FactPeriod::M9, 45), fact(2021, 40)});
  const Programme p = programme(2021, 2022);
  Diagnostics d;
  struct Case { FactPeriod period; std::optional<double> fact; FactPeriod read; };
  for (const Case& c : {Case{FactPeriod::Q1, 10, FactPeriod::Q1}, Case{FactPeriod::H1, 30, FactPeriod::H1},
                        Case{FactPeriod::M9, 45, FactPeriod::M9}, Case{FactPeriod::Year, std::nullopt, FactPeriod::Year}}) {
    CAPTURE(fact_period_key(c.period));
    IndicatorMetrics im = compute_indicator(p, ind, Methodology{}, 2022, d, c.period);
    CHECK(im.years.back().fact == c.fact);
    CHECK(im.years.back().fact_period == c.read);
    CHECK(im.last_fact_year == 2021);   // interim facts are not the year's last fact
    CHECK(im.trend == Trend::None);     // nor a point of the trend
  }
  // Nine months without a nine-months fact: the half-year's, named as such.
  ind.facts.erase(ind.facts.begin() + 2);
  IndicatorMetrics im = compute_indicator(p, ind, Methodology{}, 2022, d, FactPeriod::M9);
  CHECK(im.years.back().fact == 30);
  CHECK(im.years.back().fact_period == FactPeriod::H1);
  CHECK(im.status == IndicatorStatus::InProgress);
  CHECK(fact_for(ind, 2022, FactPeriod::Q1)->as_of == "2022-04-10");
  CHECK(fact_for(ind, 2022, FactPeriod::Year) == nullptr);
}

TEST_CASE("compute: running measures are overdue only when their term has ended by the as-of date") {
  Programme p = programme(2020, 2024);
  auto ending = [](std::string id, int month, MeasureState st) {
    Measure m = measure(std::move(id), "", {{2022, st, "", "", ""}});
    m.period.start = PartialDate{2022, 1, 0};
    m.period.end = PartialDate{2022, month, 0};
    return m;
  };
  p.measures = {ending("march", 3, MeasureState::InProgress), ending("june", 6, MeasureState::InProgress),
                ending("sept", 9, MeasureState::Planned), ending("dec", 0, MeasureState::InProgress),
                ending("done", 3, MeasureState::Done)};
  struct Case { FactPeriod period; int overdue; };
  for (const Case& c : {Case{FactPeriod::Q1, 1}, Case{FactPeriod::H1, 2}, Case{FactPeriod::M9, 3},
                        Case{FactPeriod::Year, 4}}) {
    CAPTURE(fact_period_key(c.period));
    SiteModel s = site(p, 2022);
    s.site.report_period = c.period;
    Diagnostics d;
    SiteMetrics sm = compute_metrics(s, d);
    CHECK(sm.report.as_of == period_end_date(2022, c.period));
    CHECK(sm.programme("p")->measures.overdue == c.overdue);
    CHECK_FALSE(sm.measure("p", "done")->overdue);
    CHECK(sm.measure("p", "dec")->overdue == (c.period == FactPeriod::Year));
  }
  // An as-of date before the quarter's end: the March measure is not late yet.
  SiteModel s = site(p, 2022);
  s.site.report_period = FactPeriod::Q1;
  s.site.as_of = "2022-03-20";
  Diagnostics d;
  CHECK(compute_metrics(s, d).programme("p")->measures.overdue == 0);
  CHECK(term_end_date(ResolvedTerm{2024, 2024, 2}) == "2024-02-29");
  CHECK(term_end_date(ResolvedTerm{2023, 2023, 0}) == "2023-12-31");
}

TEST_CASE("compute: the report's date and the rating of an interim report") {
  Programme p = programme(2021, 2022);
  p.indicators = {indicator("1", "share", "%", "higher", {plan(2022, 50)},
                            {interim(2022, FactPeriod::H1, 45, "2022-07-12"), interim(2022, FactPeriod::Q1, 20, "2022-04-08"),
                             fact(2021, 40)})};
  p.measures = {measure("m", "", {{2022, MeasureState::Done, "", "", ""}})};
  p.measures[0].period.start = PartialDate{2022, 0, 0};
  SiteModel s = site(p, 2022);
  s.site.report_period = FactPeriod::H1;
  Diagnostics d;
  SiteMetrics sm = compute_metrics(s, d);
  CHECK(sm.report.interim());
  CHECK(sm.report.as_of == "2022-07-12");  // the latest as_of of the half-year's facts
  const ProgrammeMetrics& pm = *sm.programme("p");
  CHECK(near(pm.mean_degree, 0.9));       // progress towards the annual targets
  CHECK(near(pm.measures_done_share, 1.0));
  CHECK_FALSE(pm.effectiveness.has_value());  // rated at the end of the year only
  CHECK(pm.rating == Rating::NotAssessable);
  CHECK(sm.overall.rating == Rating::NotAssessable);
  {
    const DocumentLanguage ru("ru");
    CHECK(as_of_text(sm.report) == "по состоянию на 12.07.2022");
    CHECK(period_text(sm.report) == "I полугодие 2022 г.");
    const std::string text = format_report(s, sm, "text", false);
    CHECK(text.find("за I полугодие 2022 г., по состоянию на 12.07.2022") != std::string::npos);
    CHECK(text.find("по итогам года") != std::string::npos);
  }
  auto j = nlohmann::json::parse(format_report(s, sm, "json", false));
  CHECK(j["report_period"] == "h1");
  CHECK(j["as_of"] == "2022-07-12");
  CHECK(j["programmes"][0]["indicators"][0]["status"] == "in_progress");
  CHECK(j["programmes"][0]["indicators"][0]["fact_period"] == "h1");

  s.site.as_of = "2022-07-20";  // the site's date wins
  CHECK(compute_metrics(s, d).report.as_of == "2022-07-20");
  CHECK(compute_metrics(s, d, 2021).report.as_of == "2021-06-30");  // … for its own report year only
  s.site.report_period = FactPeriod::Year;
  s.site.as_of.clear();
  sm = compute_metrics(s, d);
  CHECK(sm.report.as_of == "2022-12-31");
  CHECK(sm.programme("p")->indicators_assessed == 0);  // no annual fact for 2022
  CHECK(sm.programme("p")->rating != Rating::NotAssessable);  // the measure is rated
}
