// HTML pages: builds a view model per planned page and renders it through the
// templates (page template inside the "layout" template). Theme assets are copied
// with content hashes in their names.
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "compute/metrics.h"
#include "diag/diagnostics.h"
#include "model/model.h"
#include "plan/pages.h"
#include "render/template_set.h"
#include "write/publish.h"

namespace vitrina {

struct Theme {
  std::map<std::string, std::string> strings;  // catalogue key → text in the site language, theme overrides applied
  std::vector<OutputFile> assets;              // css/js/favicon with hashed names
  std::map<std::string, std::string> asset_paths;  // logical name ("style.css") → hashed path
};

// Loads themes/<name>/ from the site folder, falling back to the bundled theme.
Theme load_theme(const std::vector<std::filesystem::path>& theme_dirs, const std::string& locale,
                 Diagnostics& diags);

struct HtmlOptions {
  std::string base_url = "/";  // absolute URL prefix for sitemap, feed, canonical links
  int jobs = 0;                // worker threads; 0 = all cores; output is identical for any value
  bool search = true;          // the pages have the search form (the site has search/)
};

struct HtmlResult {
  size_t rendered = 0;                          // pages rendered (the others were in scope-skipped programmes)
  std::map<std::string, size_t> pages_by_kind;  // template name → count
  std::map<std::string, size_t> bytes_by_kind;
  std::map<std::string, size_t> requests_by_kind;  // the page plus what it loads (first page of the kind)
  std::map<std::string, double> ms_by_kind;        // rendering time summed over the kind's pages (all threads)
};

// Renders the pages in `scope` and the site-wide files (assets, sitemap, robots, feed) into
// `sink`, each as soon as it is made; from several threads when opt.jobs allows.
HtmlResult render_html(const SiteModel& model, const SiteMetrics& metrics, const std::vector<PlannedPage>& pages,
                       TemplateSet& templates, const Theme& theme, const HtmlOptions& opt,
                       const FileSink& sink, const RenderScope& scope = {});

// Content pages' internal links must point at pages that exist: error with file:line. Pages
// are checked on up to `jobs` threads (0: all cores).
void check_content_links(const SiteModel& model, const std::vector<PlannedPage>& pages, Diagnostics& diags,
                         int jobs = 0);

}  // namespace vitrina
