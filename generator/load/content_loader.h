// Markdown pages under content/: YAML front matter (title, order, menu, source_lines) + body.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "model/model.h"

namespace vitrina {

// Splits front matter from the body of one page's text; `file` names it in diagnostics.
bool parse_page(const std::string& text, const std::string& file, ContentPage& page, Diagnostics& diags);

// What content/ holds, read before the model exists (a build reads it while it reads the last
// build's cache): the site's pages (content/*.md) and each folder's, with their diagnostics.
struct ContentFolders {
  std::vector<ContentPage> pages;
  Diagnostics diags;  // of the site's pages and of listing content/
  struct Folder {
    std::filesystem::path dir;
    std::string name;  // site-relative, for diagnostics
    std::vector<ContentPage> pages;
    Diagnostics diags;
  };
  std::vector<Folder> folders;  // sorted by name
};

// Reads content/*.md and content/<folder>/*.md, the folders on up to `jobs` threads (0: all cores).
ContentFolders read_content(const std::filesystem::path& site_dir, int jobs = 0);

// Puts the pages into the model: each folder's into the programme of its name (a folder that
// names no programme is an error).
void add_content(ContentFolders content, SiteModel& model, Diagnostics& diags);

// Both: reads content/ into the model.
void load_content(const std::filesystem::path& site_dir, SiteModel& model, Diagnostics& diags, int jobs = 0);

}  // namespace vitrina
