// Stage 4: which pages the site has and where they go. Paths are relative to output/;
// every page links with relative URLs so the folder works on any sub-path and from disk.
#pragma once
#include <string>
#include <vector>

#include "model/model.h"

namespace vitrina {

enum class PageKind {
  Home, SiteDashboard, Organisations, Programme, Indicators, Indicator, Measures, Dashboard,
  Organisation, ProgrammeContent, SiteContent, NotFound
};

const char* page_template(PageKind k);  // template name in templates/

struct PlannedPage {
  PageKind kind = PageKind::Home;
  std::string path;            // "programmes/kaltan-2019/index.html" (plan/outputs.h)
  size_t programme = npos;     // index into SiteModel::programmes
  size_t item = npos;          // index of the indicator / organisation / content page
  static constexpr size_t npos = static_cast<size_t>(-1);
};

std::vector<PlannedPage> plan_pages(const SiteModel& model);

// Which programmes' outputs (pages, workbook, open data) a build makes again; the others'
// files are reused from the last build (incremental rebuilds). Site-wide outputs are
// always made. Empty = everything.
struct RenderScope {
  std::vector<bool> programmes;  // indexed like SiteModel::programmes
  bool wants(size_t programme) const {
    return programmes.empty() || programme == PlannedPage::npos || programme >= programmes.size() ||
           programmes[programme];
  }
};

// URL paths shared by the planner and the renderers (relative to the site root).
std::string programme_path(const Programme& p);                                   // programmes/<id>/index.html
std::string programme_sub_path(const Programme& p, const std::string& leaf);      // programmes/<id>/<leaf>/index.html
std::string indicator_path(const Programme& p, const Indicator& i);
std::string organisation_path(const Programme& p, const Organisation& o);
std::string content_path(const ContentPage& page);
// "../../" for a page at "a/b/index.html": the prefix that leads back to the root.
std::string root_prefix(const std::string& page_path);

}  // namespace vitrina
