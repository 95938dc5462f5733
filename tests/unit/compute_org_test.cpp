// Per-organisation figures are computed once by the compute stage (pages only format them).
#include <doctest/doctest.h>

#include "compute/metrics.h"

using namespace vitrina;

TEST_CASE("compute: organisation breakdowns: stated values kept, shares recomputed and rounded") {
  SiteModel model;
  model.site.report_year = 2022;
  Programme p;
  p.id = "p";
  p.period.start = 2021;
  p.period.end = 2022;
  Indicator ind;
  ind.id = "i";
  ind.name = "Доля";
  ind.kind = IndicatorKind::Share;
  ind.unit = "%";
  Fact f;
  f.year = 2022;
  f.value = 50;
  f.by_organisation.push_back({"a", 12.0, std::nullopt, std::nullopt});
  f.by_organisation.push_back({"b", std::nullopt, 2.0, 3.0});  // 66.666… % → 66.7 at precision 1
  f.by_organisation.push_back({"c", std::nullopt, 1.0, 0.0});  // division by zero: no value
  ind.facts.push_back(f);
  p.indicators.push_back(ind);
  model.programmes.push_back(p);
  Diagnostics d;
  SiteMetrics m = compute_metrics(model, d);
  const IndicatorMetrics* im = m.indicator("p", "i");
  REQUIRE(im);
  REQUIRE(im->by_organisation.size() == 3);
  CHECK(im->by_organisation[0].organisation == "a");
  CHECK(*im->by_organisation[0].value == 12.0);
  CHECK(im->by_organisation[1].year == 2022);
  CHECK(*im->by_organisation[1].value == doctest::Approx(66.7));
  CHECK(!im->by_organisation[2].value);
}
