// Regression (tests/hardening/test_hostile.py TestBrokenJson.test_deeply_nested): JSON
// nested 100 000 levels deep made the position map build O(depth^2) pointer strings —
// gigabytes of memory and minutes — before the first diagnostic. parse_json_text now
// refuses nesting deeper than 200 levels up front, with the position where it happens.
#include <doctest/doctest.h>

#include <chrono>

#include "load/loader.h"

using namespace vitrina;

TEST_CASE("json: nesting beyond the limit is a positioned error, fast at any depth") {
  auto nested = [](size_t d, bool objects) {
    std::string s;
    for (size_t i = 0; i < d; ++i) s += objects ? "{\"a\":" : "[";
    s += "1";
    for (size_t i = 0; i < d; ++i) s += objects ? "}" : "]";
    return s;
  };
  nlohmann::json j;
  PositionMap pos;
  {
    Diagnostics diags;
    CHECK(parse_json_text(nested(200, false), "f.json", j, pos, diags));
    CHECK_FALSE(diags.has_errors());
  }
  {
    Diagnostics diags;
    CHECK_FALSE(parse_json_text(nested(201, true), "f.json", j, pos, diags));
    REQUIRE(diags.error_count() == 1);
    CHECK(diags.items()[0].line == 1);
    CHECK(diags.items()[0].column == 1 + 200 * 5);
  }
  {
    // Brackets inside strings do not count.
    Diagnostics diags;
    CHECK(parse_json_text("{\"a\": \"" + std::string(1000, '[') + "\\\"\"}", "f.json", j, pos, diags));
  }
  const auto t0 = std::chrono::steady_clock::now();
  for (bool objects : {false, true}) {
    Diagnostics diags;
    CHECK_FALSE(parse_json_text(nested(1'000'000, objects), "f.json", j, pos, diags));
    CHECK(diags.has_errors());
  }
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10));
}
