// libFuzzer target: JSON parser + positions + typed readers + validation + metrics.
// Byte 0 % 5 picks the data file (site, programme, indicators, measures, organisations);
// the rest is its text. Properties: no crash, no UB, no leak, no exception escapes, and
// a file that fails to parse yields at least one error diagnostic.
#include <string>

#include "compute/metrics.h"
#include "fuzz/fuzz_common.h"
#include "validate/validate.h"

using namespace vitrina;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const int kind = data[0] % fuzz::kKinds;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  Diagnostics diags;
  SiteModel model;
  SourceIndex sources;
  nlohmann::json probe;
  PositionMap probe_pos;
  Diagnostics probe_diags;
  const bool parsed = parse_json_text(text, "x.json", probe, probe_pos, probe_diags);
  if (!parsed && !probe_diags.has_errors()) fuzz::fail("parse failed without a diagnostic", text);

  fuzz::load_text(kind, text, model, sources, diags);
  if (model.programmes.front().id.empty()) model.programmes.front().id = "alpha";
  validate(model, sources, diags);
  if (!diags.has_errors()) compute_metrics(model, diags);
  for (const auto& d : diags.items()) (void)format_diagnostic(d, DiagFormat::Json);
  return 0;
}
