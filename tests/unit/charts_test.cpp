// Charts (issue 21, item 2): round axis ticks on awkward ranges, threshold lines with their
// words, a yes/no timeline, the direction note, values on bars where they fit.
#include <doctest/doctest.h>

#include <cmath>
#include <regex>
#include <string>
#include <vector>

#include "output/svg/charts.h"

using namespace vitrina;

namespace {

ChartText words() {
  ChartText t;
  t.title = "Доля";
  t.plan_label = "План";
  t.fact_label = "Факт";
  t.target_label = "Целевой порог";
  t.at_least = "не менее";
  t.at_most = "не более";
  t.yes = "да";
  t.no = "нет";
  return t;
}

// The texts of the y axis (right-aligned labels left of the plot), top to bottom as written.
std::vector<std::string> y_labels(const std::string& svg) {
  std::vector<std::string> out;
  static const std::regex label(R"(<text class="axis" x="50\.0" y="[0-9.]+" text-anchor="end">([^<]*)</text>)");
  for (std::sregex_iterator i(svg.begin(), svg.end(), label), e; i != e; ++i) out.push_back((*i)[1]);
  return out;
}

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("axis_ticks: round steps on awkward ranges") {
  using V = std::vector<double>;
  SUBCASE("0 to 0.3: tenths") {
    AxisTicks t = axis_ticks(0, 0.3);
    CHECK(t.values == V{0, 0.1, 0.2, 0.3});
    CHECK(t.decimals == 1);
  }
  SUBCASE("55 to 65: a step of 2.5, not 2 (which needs six intervals)") {
    AxisTicks t = axis_ticks(55, 65);
    CHECK(t.values == V{55, 57.5, 60, 62.5, 65});
    CHECK(t.decimals == 1);
  }
  SUBCASE("0 to 1200: 250") {
    AxisTicks t = axis_ticks(0, 1200);
    CHECK(t.values == V{0, 250, 500, 750, 1000, 1250});
    CHECK(t.decimals == 0);
  }
  SUBCASE("0 to 65 (Strezhevoy key4): 20, not 65 / 4") {
    CHECK(axis_ticks(0, 65).values == V{0, 20, 40, 60, 80});
  }
  SUBCASE("a single value is shown from 0; 0 alone from 0 to 1") {
    CHECK(axis_ticks(47.1, 47.1).values == V{0, 10, 20, 30, 40, 50});
    CHECK(axis_ticks(0, 0).values == V{0, 0.2, 0.4, 0.6, 0.8, 1});
    CHECK(axis_ticks(-3, -3).values == V{-3, -2, -1, 0});
  }
  SUBCASE("every step is 1, 2, 2.5 or 5 × 10ⁿ and the ticks cover the range in at most 5 intervals") {
    for (double lo : {0.0, 0.013, 3.0, 17.0, 55.0, 99.5})
      for (double span : {0.007, 0.3, 1.0, 7.7, 13.0, 64.0, 1200.0, 98765.0}) {
        AxisTicks t = axis_ticks(lo, lo + span);
        CAPTURE(lo);
        CAPTURE(span);
        REQUIRE(t.values.size() >= 2);
        CHECK(t.values.size() <= 6);
        CHECK(t.values.front() <= lo);
        CHECK(t.values.back() >= lo + span);
        const double m = t.step / std::pow(10.0, std::floor(std::log10(t.step) + 1e-9));
        CHECK((std::abs(m - 1) < 1e-9 || std::abs(m - 2) < 1e-9 || std::abs(m - 2.5) < 1e-9 || std::abs(m - 5) < 1e-9));
      }
  }
}

TEST_CASE("plan_fact_chart: axis, threshold line with its words, values on bars, direction note") {
  ChartText t = words();
  t.precision = 1;
  SUBCASE("the axis is labelled with round numbers covering plan and fact") {
    std::string svg = plan_fact_chart({{2021, 16.3, 20.0}, {2022, 65.0, 48.8}}, t);
    CHECK(y_labels(svg) == std::vector<std::string>{"0", "20", "40", "60", "80"});
    CHECK(svg.find(">16,3<") != std::string::npos);  // values over the bars: they fit
    CHECK(svg.find(">65,0<") != std::string::npos);
  }
  SUBCASE("a threshold is a dashed line with «не менее 50», once for a run of equal thresholds") {
    std::string svg = plan_fact_chart({{2021, 50.0, 47.0, Bound::Ge}, {2022, 50.0, 52.0, Bound::Ge},
                                       {2023, 60.0, std::nullopt, Bound::Ge}}, t);
    CHECK(count(svg, "class=\"bar-plan\"") == 1);  // only the legend's sample
    CHECK(count(svg, "<line class=\"target\"") == 4);  // three years and the legend
    CHECK(count(svg, ">не менее 50,0<") == 1);
    CHECK(count(svg, ">не менее 60,0<") == 1);
    CHECK(svg.find(">Целевой порог<") != std::string::npos);
  }
  SUBCASE("«не более» for an upper bound; the note when lower is better") {
    t.direction_note = "чем меньше, тем лучше";
    std::string svg = plan_fact_chart({{2021, 10.0, 12.0, Bound::Le}}, t);
    CHECK(svg.find(">не более 10,0<") != std::string::npos);
    CHECK(svg.find("<text class=\"note\"") != std::string::npos);
    CHECK(svg.find(">чем меньше, тем лучше<") != std::string::npos);
  }
  SUBCASE("values that do not fit their bars are left to the table") {
    std::vector<ChartPoint> many;
    for (int y = 2000; y < 2030; ++y) many.push_back({y, 123456.0, 123456.0});
    CHECK(plan_fact_chart(many, t).find("class=\"value\"") == std::string::npos);
  }
  SUBCASE("nothing to draw: no chart") {
    CHECK(plan_fact_chart({{2021, std::nullopt, std::nullopt}}, t).empty());
  }
}

TEST_CASE("yes_no_timeline: a mark and its word per year, plan and fact") {
  ChartText t = words();
  std::string svg = yes_no_timeline({{2021, 1.0, 1.0}, {2022, 1.0, 0.0}, {2023, 1.0, std::nullopt}}, t);
  CHECK(count(svg, "class=\"mark-yes\"") == 4);
  CHECK(count(svg, "class=\"mark-no\"") == 1);
  CHECK(count(svg, ">да<") == 4);
  CHECK(count(svg, ">нет<") == 1);
  CHECK(count(svg, ">—<") == 1);
  CHECK(svg.find("<rect") == std::string::npos);  // no bars of 0 and 1
  CHECK(yes_no_timeline({{2021, std::nullopt, std::nullopt}}, t).empty());
}
