// compute over real data: the five bundled documents (no facts: nothing is assessable, only the
// printed-number checks fire) and the demonstration region (facts and statuses), with figures
// worked out by hand from the JSON files and quoted next to each check.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "compute/metrics.h"
#include "load/loader.h"

using namespace vitrina;

namespace {

struct Loaded {
  SiteModel model;
  Diagnostics load_diags, compute_diags;
  SiteMetrics metrics;
};

Loaded load_and_compute(const std::string& dir) {
  Loaded l;
  l.model = load_site(dir, l.load_diags).model;
  l.metrics = compute_metrics(l.model, l.compute_diags);
  return l;
}

const YearFigures& year(const IndicatorMetrics* im, int y) {
  REQUIRE(im);
  for (const auto& f : im->years)
    if (f.year == y) return f;
  FAIL("no year " << y);
  return im->years.front();
}

}  // namespace

TEST_CASE("compute data: bundled programmes have no facts, so none is assessable") {
  Loaded l = load_and_compute(std::string(VITRINA_SOURCE_DIR));
  REQUIRE(l.model.programmes.size() == 5);
  CHECK(l.metrics.programmes.size() == 5);
  for (const auto& pm : l.metrics.programmes) {
    CAPTURE(pm.programme);
    CHECK(pm.rating == Rating::NotAssessable);
    CHECK(!pm.effectiveness);
    CHECK(!pm.mean_degree);
    CHECK(!pm.measures_done_share);
    CHECK(pm.indicators_assessed == 0);
  }
  CHECK(l.metrics.overall.rating == Rating::NotAssessable);
  for (const auto& entry : l.metrics.indicators) {
    const std::string& key = entry.first;  // clang 14: no structured bindings in doctest macros
    const IndicatorMetrics& im = entry.second;
    CAPTURE(key);
    CHECK(im.status != IndicatorStatus::Achieved);
    CHECK(im.status != IndicatorStatus::NotAchieved);
  }
  // Zima 7: «12%, из них: 8% … 4% …» adds up (DOMAIN §6.3), so no breakdown warning anywhere:
  // the only compute warnings are Belomorsk's three ratios.
  CHECK(l.compute_diags.warning_count() == 3);
  CHECK(l.compute_diags.error_count() == 0);
}

TEST_CASE("compute data: Belomorsk Appendix 2 ratio column (DOMAIN §6.3)") {
  Loaded l = load_and_compute(std::string(VITRINA_SOURCE_DIR));
  struct Case { const char* id; const char* ratio; double printed; const char* message; };
  // indicators.json: targets 2022 and 2030 of indicators 1, 2, 3 and the printed «1,19», «1,08 », «1,34».
  const Case cases[] = {{"1", "1.18", 1.19, "65/55 = 1.18"},   // 65 / 55 = 1.1818
                        {"2", "1.07", 1.08, "90/84 = 1.07"},   // 90 / 84 = 1.0714
                        {"3", "1.33", 1.34, "80/60 = 1.33"}};  // 80 / 60 = 1.3333
  for (const auto& c : cases) {
    CAPTURE(c.id);
    const IndicatorMetrics* im = l.metrics.indicator("belomorsk-2022", c.id);
    REQUIRE(im);
    REQUIRE(im->ratio_rounded);
    CHECK(im->ratio_rounded->text == c.ratio);
    CHECK(im->ratio_differs_from_printed);
    const Indicator* ind = nullptr;
    for (const auto& p : l.model.programmes)
      for (const auto& i : p.indicators)
        if (p.id == "belomorsk-2022" && i.id == c.id) ind = &i;
    REQUIRE(ind);
    CHECK(*ind->printed_ratio == doctest::Approx(c.printed));
    bool found = false;
    for (const auto& d : l.compute_diags.items())
      if (d.message.find(c.message) != std::string::npos) {
        found = true;
        CHECK(d.severity == Severity::Warning);
        CHECK(d.file == "data/programmes/belomorsk-2022/indicators.json");
        CHECK(d.line == ind->origin.line);
        CHECK(d.line > 0);
      }
    CHECK(found);
  }
}

TEST_CASE("compute data: demonstration region, figures worked out by hand") {
  Loaded l = load_and_compute(std::string(VITRINA_SOURCE_DIR) + "/examples/demo");
  REQUIRE(l.model.programmes.size() == 3);
  REQUIRE(l.model.site.report_year == 2021);  // examples/demo/data/site.json
  const SiteMetrics& m = l.metrics;
  const std::string sr = "sredneryabinovskiy-2018", vo = "verkhneosinnikovskiy-2018", vp = "verkhneperevalny-2018";

  // 1. sredneryabinovskiy-2018/indicators.json i1.1, 2021: every_year «≥ 30», fact 31.8
  //    (272/856 = 31.78 agrees with 31.8) → degree 31.8 / 30 = 1.06, achieved.
  const YearFigures& a = year(m.indicator(sr, "i1.1"), 2021);
  CHECK(*a.plan == 30);
  CHECK(a.plan_from_every_year);
  CHECK(*a.fact == doctest::Approx(31.8));
  CHECK(round_decimal(*a.degree, 3).text == "1.060");
  CHECK(a.status == IndicatorStatus::Achieved);

  // 2. sredneryabinovskiy i1.2 (lower is better), 2021: plan 4, fact 4 (35/868 = 4.03 → «4»):
  //    degree 4 / 4 = 1, achieved.
  const YearFigures& b = year(m.indicator(sr, "i1.2"), 2021);
  CHECK(*b.degree == doctest::Approx(1.0));
  CHECK(b.status == IndicatorStatus::Achieved);

  // 3. sredneryabinovskiy i1.3, 2021: plan 13 (= 8 + 5), fact 12.8 → 12.8 / 13 = 0.985 ≥ 0.95
  //    and 2021 precedes the last target year 2022: on track.
  const YearFigures& c = year(m.indicator(sr, "i1.3"), 2021);
  CHECK(round_decimal(*c.degree, 3).text == "0.985");
  CHECK(c.status == IndicatorStatus::OnTrack);

  // 4. sredneryabinovskiy i2.3 (count), 2021: plan 46, fact 49 → 49 / 46 = 1.065 uncapped, 1 capped.
  const IndicatorMetrics* i23 = m.indicator(sr, "i2.3");
  CHECK(round_decimal(*i23->report_degree, 3).text == "1.065");
  CHECK(*i23->report_degree_capped == 1.0);
  CHECK(*year(i23, 2021).deviation == doctest::Approx(3));
  //    Open SDG: 28 (2018) → 49 (2021): CAGR (49/28)^(1/3) − 1 = 0.2051; needed to reach 52 in
  //    2022: (52/28)^(1/4) − 1 = 0.1674; ratio 1.23 ≥ 0.95: substantial; facts go up.
  CHECK(i23->trend == Trend::Up);
  CHECK(i23->progress == Progress::Substantial);

  // 5. sredneryabinovskiy i2.4 (yes/no), 2021: plan 1, fact 0 → degree 0, not achieved.
  CHECK(*m.indicator(sr, "i2.4")->report_degree == 0.0);
  CHECK(m.indicator(sr, "i2.4")->status == IndicatorStatus::NotAchieved);

  // 6. sredneryabinovskiy i2.2: the target without year «≥ 39» belongs to 2022 (period end);
  //    2020 has a plan (≥ 34) but no fact: no data; 2021: 37 ≥ 36, achieved.
  const IndicatorMetrics* i22 = m.indicator(sr, "i2.2");
  CHECK(year(i22, 2022).plan_from_period_end);
  CHECK(*year(i22, 2022).plan == 39);
  CHECK(year(i22, 2020).status == IndicatorStatus::NoData);
  CHECK(year(i22, 2021).status == IndicatorStatus::Achieved);

  // 7. sredneryabinovskiy, programme: 8 indicators, i2.1 has no facts → 7 assessed; achieved
  //    i1.1, i1.2, i2.2, i2.3 = 4 → 4/7; СРп/п = (1 + 1 + 0.985 + 1 + 1 + 0 + 0) / 7 = 0.712.
  const ProgrammeMetrics* ps = m.programme(sr);
  REQUIRE(ps);
  CHECK(ps->indicators_total == 8);
  CHECK(ps->indicators_assessed == 7);
  CHECK(ps->indicators_achieved == 4);
  CHECK(round_decimal(*ps->mean_degree, 3).text == "0.712");

  // 8. sredneryabinovskiy measures.json, 2021, leaf measures only: m2, m3.1, m3.2, m3.3, m4.1,
  //    m4.2, m4.3, m5.1 = 8; done m3.3, m5.1 = 2; in progress m3.1, m3.2, m4.2, m4.3 = 4;
  //    not done m2, m4.1 = 2. СРм = 2/8 = 0.25. Effectiveness 0.5 × 0.712 + 0.5 × 0.25 = 0.481:
  //    unsatisfactory.
  CHECK(ps->measures.total == 8);
  CHECK(ps->measures.done == 2);
  CHECK(ps->measures.in_progress == 4);
  CHECK(ps->measures.not_done == 2);
  CHECK(*ps->measures_done_share == doctest::Approx(0.25));
  CHECK(round_decimal(*ps->effectiveness, 3).text == "0.481");
  CHECK(ps->rating == Rating::Unsatisfactory);
  //    m2 «февраль 2020, далее ежегодно» runs to the programme end 2022.
  CHECK(*m.measure(sr, "m2")->start_year == 2020);
  CHECK(*m.measure(sr, "m2")->end_year == 2022);
  //    task t3.1: m3.1, m3.2, m3.3.
  CHECK(ps->by_task.at("t3.1").total == 3);

  // 9. verkhneosinnikovskiy-2018 i1.1, 2021: «≥ 51», fact 18.3 → 18.3 / 51 = 0.359 < 0.6
  //    (site.json at_risk_min): not achieved; 35.2 (2018) → 18.3: down, deterioration.
  const IndicatorMetrics* v11 = m.indicator(vo, "i1.1");
  CHECK(round_decimal(*v11->report_degree, 3).text == "0.359");
  CHECK(v11->status == IndicatorStatus::NotAchieved);
  CHECK(v11->trend == Trend::Down);
  CHECK(v11->progress == Progress::Deterioration);

  // 10. verkhneosinnikovskiy i1.4, 2021: plan 17 (10 + 7), fact 13.6 → 0.8: at risk (0.6 ≤ 0.8 < 0.95).
  CHECK(round_decimal(*m.indicator(vo, "i1.4")->report_degree, 3).text == "0.800");
  CHECK(m.indicator(vo, "i1.4")->status == IndicatorStatus::AtRisk);

  // 11. verkhneosinnikovskiy i2.1 (lower, «≤ 21»), 2021: fact 20.8 (26/125) → 21 / 20.8 = 1.010.
  CHECK(round_decimal(*m.indicator(vo, "i2.1")->report_degree, 3).text == "1.010");
  CHECK(m.indicator(vo, "i2.1")->status == IndicatorStatus::Achieved);

  // 12. verkhneosinnikovskiy, programme: assessed i1.1, i1.2, i1.3, i1.4, i2.1, i3.1 = 6 (i4.1 has
  //     no 2021 fact, i5.1 none); СРп/п = (0.359 + 0.98 + 1 + 0.8 + 1 + 1) / 6 = 0.8565 → 0.857
  //     (the mean of the degrees as shown); i1.2 «ежегодно не менее 5 %»: 4.9 / 5 = 0.98, at risk:
  //     a recurring threshold binds every year on its own, so it is never on track.
  const ProgrammeMetrics* pv = m.programme(vo);
  CHECK(pv->indicators_assessed == 6);
  CHECK(pv->indicators_achieved == 3);
  CHECK(round_decimal(*pv->mean_degree, 3).text == "0.857");
  CHECK(m.indicator(vo, "i1.2")->status == IndicatorStatus::AtRisk);
  CHECK(m.indicator(vo, "i4.1")->status == IndicatorStatus::NoData);

  // 13. verkhneperevalny-2018 i4.1 (lower), 2021: plan 28, fact 27.7 → 28 / 27.7 = 1.011, achieved;
  //     i1.1: 32.1 / 63 = 0.510 < 0.6, not achieved; i4.2 («no» is good) 0 = 0, achieved.
  CHECK(round_decimal(*m.indicator(vp, "i4.1")->report_degree, 3).text == "1.011");
  CHECK(round_decimal(*m.indicator(vp, "i1.1")->report_degree, 3).text == "0.510");
  CHECK(m.indicator(vp, "i1.1")->status == IndicatorStatus::NotAchieved);
  CHECK(m.indicator(vp, "i4.2")->status == IndicatorStatus::Achieved);

  // The demo prints consistent shares and breakdowns: no compute warnings.
  CHECK(l.compute_diags.warning_count() == 0);
  for (const auto& pm : m.programmes) CHECK(pm.rating != Rating::NotAssessable);
}

TEST_CASE("compute data: the figures do not depend on the threads nor on the programmes' order (demonstration region)") {
  Loaded l = load_and_compute(std::string(VITRINA_SOURCE_DIR) + "/examples/demo");
  REQUIRE(l.model.programmes.size() == 3);
  Diagnostics d;
  const SiteMetrics many = compute_metrics(l.model, d, 0, 3);
  CHECK(many == l.metrics);
  // Reversed, each programme's figures are keyed into the site's maps in another order
  // (compute_metrics moves them in programme by programme).
  std::reverse(l.model.programmes.begin(), l.model.programmes.end());
  const SiteMetrics reversed = compute_metrics(l.model, d, 0, 1);
  CHECK(reversed.indicators == many.indicators);
  CHECK(reversed.measures == many.measures);
  REQUIRE(reversed.programmes.size() == 3);
  CHECK(reversed.programmes.front() == many.programmes.back());
  CHECK(reversed.overall.measures == many.overall.measures);
  CHECK(reversed.overall.indicators_assessed == many.overall.indicators_assessed);
}
