// Stage 1: read data/ and content/ into the model. Every problem becomes a diagnostic;
// the loader never throws and keeps going to report all problems in one run.
#pragma once
#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "diag/diagnostics.h"
#include "load/content_loader.h"
#include "load/json_positions.h"
#include "model/model.h"

namespace vitrina {

// Positions of every loaded JSON file, for later stages' diagnostics (validate). Holds no
// file text: a position that is not an object's start is found by re-reading the file on
// first use (see PositionMap), so it is {0, 0} if the file has changed since loading.
// locate() may be called from several threads.
struct SourceIndex {
  std::map<std::string, PositionMap> files;
  // Files that are there (or required) but could not be read or parsed, or that lack a
  // required field: their error is reported once, and later stages do not report what their
  // missing objects imply.
  std::set<std::string> unread;
  TextPos locate(const std::string& file, const std::string& pointer) const;
};

struct LoadResult {
  SiteModel model;
  SourceIndex sources;
  size_t folders_restored = 0;  // programme folders decoded from snapshots, not parsed
};

struct SnapshotOptions;

// `site_dir` holds data/ and content/. File names in diagnostics are relative to it.
// Programme folders are loaded on up to `jobs` threads (0: all cores); the model and the
// diagnostics are the same, in the same order, for any number of threads. With `snapshots`,
// unchanged folders are restored from their snapshots and parsed ones are kept
// (load/snapshot.h); the result is the same either way. `content`, when given, yields what
// content/ holds (read_content, load/content_loader.h: a build reads it while it does other
// work); otherwise content/ is read here.
LoadResult load_site(const std::filesystem::path& site_dir, Diagnostics& diags, int jobs = 0,
                     const SnapshotOptions* snapshots = nullptr,
                     const std::function<ContentFolders()>& content = {});

// Parses one JSON text; on success fills `out` and `positions` (duplicate keys reported).
// `source` is the file the text was read from (made absolute here); the full position map
// is built from it when first needed. Without it (in-memory text) a copy of `text` is kept.
bool parse_json_text(const std::string& text, const std::string& file, nlohmann::json& out,
                     PositionMap& positions, Diagnostics& diags, const std::filesystem::path& source = {});

}  // namespace vitrina
