// Open data (docs/annexes.md): per programme and per indicator, CSV (UTF-8 with BOM, ';')
// and JSON of the computed view, plus data/index.json listing every file with its size and
// SHA-256. Paths are relative to output/. Deterministic: same model → same bytes.
#pragma once
#include <vector>

#include "compute/metrics.h"
#include "model/model.h"
#include "plan/pages.h"
#include "write/publish.h"

namespace vitrina {

inline constexpr const char* kOpenDataSchema = "vitrina-opendata/1";

// One line of data/index.json.
struct OpenDataEntry {
  std::string path;
  uintmax_t size = 0;
  std::string sha256;
};

// data/<p>/indicators.csv, data/<p>/measures.csv, data/<p>/<p>.json,
// data/<p>/indicators/<id>.csv and .json for every indicator of the programmes in `scope`,
// handed to `sink` as they are made (on `jobs` threads, 0 = all cores), then data/index.json,
// which also lists `reused` (files kept from the last build). Returns the index's entries.
std::vector<OpenDataEntry> build_open_data(const SiteModel& model, const SiteMetrics& metrics, const FileSink& sink,
                                           const RenderScope& scope, std::vector<OpenDataEntry> reused, int jobs);
// Every file in memory, by path, data/index.json last.
std::vector<OutputFile> build_open_data(const SiteModel& model, const SiteMetrics& metrics);

}  // namespace vitrina
