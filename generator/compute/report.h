// `vitrina report`: the computed status of every programme, for a methodologist to check the
// figures before publishing. Text (a table per programme) or JSON (documented in docs/metrics.md).
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "compute/metrics.h"

namespace vitrina {

// `format`: "text" or "json" (anything else is treated as "text"). `colour`: ANSI colours in
// the text form, only when the caller knows the terminal supports them. Language: language().
std::string format_report(const SiteModel& model, const SiteMetrics& metrics, const std::string& format, bool colour);

// A programme's measure counts as the report's JSON and open data both write them:
// total, one per status, no_status, overdue, done_counted.
nlohmann::ordered_json counts_json(const Counts& c);

}  // namespace vitrina
