// Stage 1: read data/ and content/ into the model. Every problem becomes a diagnostic;
// the loader never throws and keeps going to report all problems in one run.
#pragma once
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "diag/diagnostics.h"
#include "load/json_positions.h"
#include "model/model.h"

namespace vitrina {

// Positions of every loaded JSON file, for later stages' diagnostics (validate).
struct SourceIndex {
  std::map<std::string, PositionMap> files;
  TextPos locate(const std::string& file, const std::string& pointer) const;
};

struct LoadResult {
  SiteModel model;
  SourceIndex sources;
};

// `site_dir` holds data/ and content/. File names in diagnostics are relative to it.
LoadResult load_site(const std::filesystem::path& site_dir, Diagnostics& diags);

// Parses one JSON text; on success fills `out` and `positions` (duplicate keys reported).
bool parse_json_text(const std::string& text, const std::string& file, nlohmann::json& out,
                     PositionMap& positions, Diagnostics& diags);

}  // namespace vitrina
