// libFuzzer target: JSON parser + positions + typed readers + validation + metrics.
// Byte 0 % 5 picks the data file (site, programme, indicators, measures, organisations);
// the rest is its text. Properties: no crash, no UB, no leak, no exception escapes, and
// a file that fails to parse yields at least one error diagnostic, and the lazy position
// map (cheap load-time pass) answers exactly as the eagerly built full map.
#include <string>

#include "compute/metrics.h"
#include "fuzz/fuzz_common.h"
#include "validate/validate.h"

using namespace vitrina;

namespace {

std::string show(TextPos p) { return std::to_string(p.line) + ":" + std::to_string(p.column); }

// Every pointer of `j` (depth is bounded by the loader's nesting limit).
void check_pointers(const nlohmann::json& j, const std::string& at, const PositionMap& lazy, const PositionMap& full,
                    const std::string& text) {
  if (show(lazy.value(at)) != show(full.value(at)) || show(lazy.key(at)) != show(full.key(at)))
    fuzz::fail("lazy and full positions differ at " + at, text);
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) check_pointers(*it, at + "/" + pointer_escape(it.key()), lazy, full, text);
  } else if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i) check_pointers(j[i], at + "/" + std::to_string(i), lazy, full, text);
  }
}

void check_positions(const std::string& text, const nlohmann::json& j, const PositionMap& lazy) {
  const PositionMap full = PositionMap::build(text);
  const auto& a = lazy.duplicates();
  const auto& b = full.duplicates();
  bool same = a.size() == b.size();
  for (size_t i = 0; same && i < a.size(); ++i) same = a[i].pointer == b[i].pointer && show(a[i].pos) == show(b[i].pos);
  if (!same) fuzz::fail("lazy and full duplicate keys differ", text);
  check_pointers(j, "", lazy, full, text);
}

}  // namespace

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
  if (parsed) check_positions(text, probe, probe_pos);

  fuzz::load_text(kind, text, model, sources, diags);
  if (model.programmes.front().id.empty()) model.programmes.front().id = "alpha";
  validate(model, sources, diags);
  if (!diags.has_errors()) compute_metrics(model, diags);
  for (const auto& d : diags.items()) (void)format_diagnostic(d, DiagFormat::Json);
  return 0;
}
