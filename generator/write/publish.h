// Stage 6: atomic publication. The new tree is staged in a sibling folder; every file
// whose bytes did not change is hard-linked from the live tree (keeping its mtime, so
// sync tools upload only changes); then the two folders are swapped with one
// renameat2(RENAME_EXCHANGE). A failed or killed build never touches the live site.
#pragma once
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "diag/diagnostics.h"

namespace vitrina {

struct OutputFile {
  std::string path;   // relative, '/'-separated, no ".." (checked)
  std::string bytes;
};

struct PublishStats {
  size_t written = 0, kept = 0, removed = 0;
  uintmax_t bytes_written = 0;
  std::vector<std::string> written_paths, removed_paths;
};

// True when `rel` is a safe relative output path (no "..", not absolute, no NUL, no "//").
bool safe_output_path(const std::string& rel);

// Runs on the complete staged tree before it is swapped in (e.g. the search indexer);
// false aborts the publication. Files it adds are kept as if they were in `files`.
using BeforeSwap = std::function<bool(const std::filesystem::path& staging, Diagnostics& diags)>;

bool publish(const std::filesystem::path& out_dir, const std::vector<OutputFile>& files, PublishStats& stats,
             Diagnostics& diags, const BeforeSwap& before_swap = {});

}  // namespace vitrina
