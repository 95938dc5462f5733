// Runs Pagefind (npm, pinned in package-lock.json) over the staged HTML, so the search
// index is published atomically with the pages it indexes.
#pragma once
#include <filesystem>

#include "diag/diagnostics.h"

namespace vitrina {

// $VITRINA_PAGEFIND, else <share>/node_modules/.bin/pagefind; empty when neither exists.
std::filesystem::path pagefind_binary();

// Indexes `site`; returns false (with an error) when Pagefind fails. A missing binary is
// not an error: the site works without search, and `build -v` says the index was skipped.
bool build_search_index(const std::filesystem::path& site, Diagnostics& diags, bool verbose);

}  // namespace vitrina
