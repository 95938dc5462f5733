// Reading one input file of data/ or content/ with its limit: every way it can fail (missing,
// not a regular file, too large, unreadable) becomes one diagnostic naming the file.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

#include "diag/diagnostics.h"

namespace vitrina {

// Limits on what the loader reads (docs/security.md, «Пределы»).
constexpr uint64_t kMaxJsonBytes = 64ull << 20;      // one data file
constexpr uint64_t kMaxMarkdownBytes = 4ull << 20;   // one content page
constexpr size_t kMaxPagesPerFolder = 2000;          // content/*.md, content/<programme>/*.md

// Reads `path` (named `name` in diagnostics) into `text`; false with an error otherwise.
// A missing file is an error only when `required`.
bool read_input(const std::filesystem::path& path, const std::string& name, std::string& text, uint64_t max_bytes,
                bool required, Diagnostics& diags);

}  // namespace vitrina
