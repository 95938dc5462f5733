// Open data (docs/annexes.md): per programme and per indicator, CSV (UTF-8 with BOM, ';')
// and JSON of the computed view, plus data/index.json listing every file with its size and
// SHA-256. Paths are relative to output/. Deterministic: same model → same bytes.
#pragma once
#include <vector>

#include "compute/metrics.h"
#include "model/model.h"
#include "write/publish.h"

namespace vitrina {

inline constexpr const char* kOpenDataSchema = "vitrina-opendata/1";

// data/<p>/indicators.csv, data/<p>/measures.csv, data/<p>/<p>.json,
// data/<p>/indicators/<id>.csv and .json for every indicator, and data/index.json (last).
std::vector<OutputFile> build_open_data(const SiteModel& model, const SiteMetrics& metrics);

}  // namespace vitrina
