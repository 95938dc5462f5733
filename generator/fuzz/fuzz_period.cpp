// libFuzzer target: the Russian period/date parser (pure function). Properties: no crash,
// no UB, terminates; derived months and days are in range, so later stages (charts,
// open data, xlsx) can trust them.
#include <string>

#include "fuzz/fuzz_common.h"
#include "load/period_parser.h"

using namespace vitrina;

namespace {
void check(const PartialDate& d, const std::string& in) {
  if (d.month < 0 || d.month > 12 || d.day < 0 || d.day > 31) fuzz::fail("date out of range: " + d.iso(), in);
  (void)d.iso();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  Period p = parse_period(text);
  if (p.start) check(*p.start, text);
  if (p.end) check(*p.end, text);
  for (const auto& e : p.events) check(e, text);
  for (int m : p.months)
    if (m < 1 || m > 12) fuzz::fail("month out of range", text);
  if (p.quarter < 0 || p.quarter > 4) fuzz::fail("quarter out of range", text);
  return 0;
}
