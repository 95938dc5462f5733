// Markdown pages under content/: YAML front matter (title, order, menu, source_lines) + body.
#pragma once
#include <filesystem>
#include <string>

#include "diag/diagnostics.h"
#include "model/model.h"

namespace vitrina {

// Splits front matter from the body of one page's text; `file` names it in diagnostics.
bool parse_page(const std::string& text, const std::string& file, ContentPage& page, Diagnostics& diags);

// Reads content/*.md (site pages) and content/<programme>/*.md into the model, the programmes'
// folders on up to `jobs` threads (0: all cores).
void load_content(const std::filesystem::path& site_dir, SiteModel& model, Diagnostics& diags, int jobs = 0);

}  // namespace vitrina
