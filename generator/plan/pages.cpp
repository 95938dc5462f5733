#include "plan/pages.h"

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
  // Duplicate ids were reported by validate; keep the first page of a path only.
  std::vector<PlannedPage> unique;
  std::unordered_set<std::string> seen;
  for (auto& pg : pages)
    if (seen.insert(pg.path).second) unique.push_back(std::move(pg));
  return unique;
}

}  // namespace vitrina
