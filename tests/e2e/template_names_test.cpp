// A value that is costly to make is left out of a page's view when none of the page's templates
// names it (ViewContext::shows in output/html/views.h). A site's own template that names it
// must still get it: the dashboards' at-risk rows draw no sparkline with the built-in
// templates, and do with an override that shows {{{spark}}}.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "run_binary.h"

namespace fs = std::filesystem;

namespace {

size_t count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("templates: a site's template that names a value the built-in ones leave out gets it") {
  const fs::path dir = temp_dir("template-names");
  const fs::path site = dir / "site", out = dir / "output";
  copy_site(std::string(VITRINA_SOURCE_DIR) + "/examples/demo", site);
  REQUIRE(run_vitrina("build -q --site " + site.string() + " --out " + out.string()).exit_code == 0);
  const std::string builtin = slurp(out / "dashboard/index.html");
  const size_t at_risk = count(builtin, "data-indicator=");
  REQUIRE(at_risk > 0);
  CHECK(count(builtin, "class=\"spark\"") == 0);
  REQUIRE(count(builtin, "#m-") > 0);  // overdue measures

  // The same rows with a sparkline cell after the status.
  std::string body = slurp(std::string(VITRINA_SOURCE_DIR) + "/templates/partials/dashboard_body.mustache");
  const std::string row_end = "{{#status}}{{> partials/status}}{{/status}}</td></tr>{{/at_risk}}";
  const size_t at = body.find(row_end);
  REQUIRE(at != std::string::npos);
  body.insert(at + row_end.size() - std::string("</tr>{{/at_risk}}").size(), "<td>{{{spark}}}</td><td>[{{unit}}]</td>");
  // And the overdue measures with their years and the programme.
  const std::string overdue_end = "<td>{{status}}</td></tr>{{/overdue}}";
  const size_t late = body.find(overdue_end);
  REQUIRE(late != std::string::npos);
  body.insert(late + overdue_end.size() - std::string("</tr>{{/overdue}}").size(),
              "<td data-years=\"{{years}}\">{{programme}}</td>");
  fs::create_directories(site / "templates/partials");
  std::ofstream(site / "templates/partials/dashboard_body.mustache", std::ios::binary) << body;
  REQUIRE(run_vitrina("build -q --site " + site.string() + " --out " + out.string()).exit_code == 0);
  const std::string site_dashboard = slurp(out / "dashboard/index.html");
  CHECK(count(site_dashboard, "data-indicator=") == at_risk);
  CHECK(count(site_dashboard, "<td><svg class=\"spark\"") == at_risk);
  CHECK(count(site_dashboard, "<td>[]</td>") == 0);  // every row has its unit
  CHECK(count(site_dashboard, "<td data-years=\"") == count(builtin, "#m-"));
  CHECK(count(site_dashboard, "<td data-years=\"\">") == 0);
  CHECK(count(site_dashboard, "\"></td>") == 0);  // and its programme
  fs::remove_all(dir);
}
