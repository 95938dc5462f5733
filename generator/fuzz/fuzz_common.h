// Shared helpers of the libFuzzer targets. Input layout used by the JSON and render
// targets: byte 0 selects which data file the rest replaces (and options), bytes 1.. are
// the file's text. The seed corpora (tests/hardening/make_seeds.py) use the same layout.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "load/loader.h"
#include "load/object_reader.h"
#include "load/read_programme.h"

namespace vitrina::fuzz {

enum FileKind : uint8_t { kSite = 0, kProgramme = 1, kIndicators = 2, kMeasures = 3, kOrganisations = 4, kKinds = 5 };

inline const char* file_name(int k) {
  static const char* names[] = {"data/site.json", "data/programmes/alpha/programme.json",
                                "data/programmes/alpha/indicators.json", "data/programmes/alpha/measures.json",
                                "data/programmes/alpha/organisations.json"};
  return names[k];
}

// Parses and reads one file of `kind` into `model` (site or programme 0), as the loader does.
inline void load_text(int kind, const std::string& text, SiteModel& model, SourceIndex& sources,
                      Diagnostics& diags) {
  if (model.programmes.empty()) model.programmes.emplace_back();  // even when parsing fails
  nlohmann::json j;
  PositionMap pos;
  const std::string name = file_name(kind);
  if (!parse_json_text(text, name, j, pos, diags)) return;
  const PositionMap* p = &(sources.files[name] = std::move(pos));
  FileContext ctx{name, p, &diags};
  if (model.programmes.empty()) model.programmes.emplace_back();
  Programme& prog = model.programmes.front();
  std::string programme_field;
  switch (kind) {
    case kSite: read_site(ctx, j, model.site); break;
    case kProgramme: read_programme(ctx, j, prog); break;
    case kIndicators: read_indicators(ctx, j, prog, programme_field); break;
    case kMeasures: read_measures(ctx, j, prog, programme_field); break;
    default: read_organisations(ctx, j, prog, programme_field); break;
  }
}

[[noreturn]] inline void fail(const std::string& what, const std::string& detail) {
  std::fprintf(stderr, "fuzz invariant violated: %s\n%s\n", what.c_str(), detail.c_str());
  std::abort();
}

}  // namespace vitrina::fuzz
