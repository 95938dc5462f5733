#include "plan/pages.h"

#include <string_view>
#include <unordered_set>

#include "plan/outputs.h"

namespace vitrina {

const char* page_template(PageKind k) {
  switch (k) {
    case PageKind::Home: return "home";
    case PageKind::SiteDashboard: return "site_dashboard";
    case PageKind::Organisations: return "organisations";
    case PageKind::Programme: return "programme";
    case PageKind::Indicators: return "indicators";
    case PageKind::Indicator: return "indicator";
    case PageKind::Measures: return "measures";
    case PageKind::Dashboard: return "dashboard";
    case PageKind::Organisation: return "organisation";
    case PageKind::ProgrammeContent:
    case PageKind::SiteContent: return "page";
    case PageKind::NotFound: return "404";
  }
  return "page";
}

// Ids are already restricted to [A-Za-z0-9._-] by the loader, so they are safe path parts;
// a leading '.' cannot occur (ids start with a letter or digit). The folders come from the
// table of outputs (plan/outputs.h).
std::string programme_path(const Programme& p) { return output_path(Output::ProgrammePages, p.id, "index.html"); }
std::string programme_sub_path(const Programme& p, const std::string& leaf) {
  return output_path(Output::ProgrammePages, p.id, leaf + "/index.html");
}
std::string indicator_path(const Programme& p, const Indicator& i) {
  return output_path(Output::ProgrammePages, p.id, "indicators/" + i.id + "/index.html");
}
std::string organisation_path(const Programme& p, const Organisation& o) {
  return output_path(Output::ProgrammePages, p.id, "organisations/" + o.id + "/index.html");
}
std::string content_path(const ContentPage& page) {
  const std::string in_folder = page.slug + "/index.html";
  return page.programme.empty() ? output_path(Output::SitePages, {}, in_folder)
                                : output_path(Output::ProgrammePages, page.programme, "pages/" + in_folder);
}

std::string root_prefix(const std::string& page_path) {
  std::string r;
  for (char c : page_path)
    if (c == '/') r += "../";
  return r;
}

std::vector<PlannedPage> plan_pages(const SiteModel& model) {
  std::vector<PlannedPage> pages;
  // 14 000 pages at 300 programmes: room for all at once, not a copy of every path so far
  // each time the vector grows.
  size_t count = 4 + model.pages.size();
  for (const auto& prog : model.programmes)
    count += 4 + prog.indicators.size() + prog.organisations.size() + prog.pages.size();
  pages.reserve(count);
  pages.push_back({PageKind::Home, output_path(Output::Home)});
  pages.push_back({PageKind::SiteDashboard, output_path(Output::SiteDashboard)});
  pages.push_back({PageKind::Organisations, output_path(Output::Organisations)});
  pages.push_back({PageKind::NotFound, output_path(Output::NotFound)});
  for (size_t i = 0; i < model.pages.size(); ++i)
    pages.push_back({PageKind::SiteContent, content_path(model.pages[i]), PlannedPage::npos, i});
  for (size_t p = 0; p < model.programmes.size(); ++p) {
    const Programme& prog = model.programmes[p];
    pages.push_back({PageKind::Programme, programme_path(prog), p});
    pages.push_back({PageKind::Indicators, programme_sub_path(prog, "indicators"), p});
    pages.push_back({PageKind::Measures, programme_sub_path(prog, "measures"), p});
    pages.push_back({PageKind::Dashboard, programme_sub_path(prog, "dashboard"), p});
    for (size_t i = 0; i < prog.indicators.size(); ++i)
      pages.push_back({PageKind::Indicator, indicator_path(prog, prog.indicators[i]), p, i});
    for (size_t i = 0; i < prog.organisations.size(); ++i)
      pages.push_back({PageKind::Organisation, organisation_path(prog, prog.organisations[i]), p, i});
    for (size_t i = 0; i < prog.pages.size(); ++i)
      pages.push_back({PageKind::ProgrammeContent, content_path(prog.pages[i]), p, i});
  }
  // Duplicate ids were reported by validate; keep the first page of a path only. The paths
  // are looked up where they are (views into `pages`, which does not change until they are
  // all seen), and the pages kept are moved up in place.
  std::vector<bool> first(pages.size());
  {
    std::unordered_set<std::string_view> seen(pages.size());
    for (size_t i = 0; i < pages.size(); ++i) first[i] = seen.insert(pages[i].path).second;
  }
  size_t kept = 0;
  for (size_t i = 0; i < pages.size(); ++i)
    if (first[i]) {
      if (kept != i) pages[kept] = std::move(pages[i]);
      ++kept;
    }
  pages.erase(pages.begin() + static_cast<std::ptrdiff_t>(kept), pages.end());
  return pages;
}

}  // namespace vitrina
