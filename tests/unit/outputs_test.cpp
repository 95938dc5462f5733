// plan/outputs.h: the one table of output paths, and who owns each file. Every file the
// planner, the workbooks and open data make for a programme must be owned by that programme
// (an incremental build reuses exactly those), every other file by none.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>

#include "compute/metrics.h"
#include "load/loader.h"
#include "output/opendata/opendata.h"
#include "output/xlsx/board_workbook.h"
#include "plan/outputs.h"
#include "plan/pages.h"

using namespace vitrina;

TEST_CASE("outputs: paths come from the table") {
  CHECK(output_path(Output::ProgrammePages, "alpha", "index.html") == "programmes/alpha/index.html");
  CHECK(output_path(Output::ProgrammeWorkbook, "alpha") == "xlsx/alpha.xlsx");
  CHECK(workbook_path("alpha") == "xlsx/alpha.xlsx");
  CHECK(indicators_csv_path("alpha") == "data/alpha/indicators.csv");
  CHECK(measures_csv_path("alpha") == "data/alpha/measures.csv");
  CHECK(programme_json_path("alpha") == "data/alpha/alpha.json");
  CHECK(indicator_csv_path("alpha", "i1") == "data/alpha/indicators/i1.csv");
  CHECK(indicator_json_path("alpha", "i1") == "data/alpha/indicators/i1.json");
  CHECK(output_path(Output::BoardWorkbook) == "board.xlsx");
  CHECK(output_path(Output::DataIndex) == "data/index.json");
  CHECK(output_path(Output::SitePages, {}, "about/index.html") == "pages/about/index.html");
  CHECK(output_path(Output::SearchIndex, {}, "index.json") == "search/index.json");
  CHECK(output_path(Output::Assets, {}, "style.0123456789.css") == "assets/style.0123456789.css");
}

TEST_CASE("outputs: the owner of a path, and paths no programme output can have") {
  CHECK(output_owner("programmes/alpha/index.html") == "alpha");
  CHECK(output_owner("programmes/a.b-c_1/indicators/i1/index.html") == "a.b-c_1");
  CHECK(output_owner("xlsx/alpha.xlsx") == "alpha");
  CHECK(output_owner("data/alpha/indicators/i1.csv") == "alpha");
  for (const char* site_wide : {"index.html", "404.html", "board.xlsx", "data/index.json", "sitemap.xml", "feed.xml",
                                "robots.txt", ".htaccess", "assets/style.css", "search/index.json", "search/programmes/alpha.json",
                                "pages/about/index.html", "dashboard/index.html", "organisations/index.html"}) {
    CAPTURE(site_wide);
    CHECK(output_owner(site_wide).empty());
  }
  for (const char* odd : {"xlsx/sub/alpha.xlsx", "xlsx/.xlsx", "xlsx/alpha.csv", "programmes/alpha", "programmes/alpha/",
                          "programmes//index.html", "programmesx/alpha/index.html", "data/alpha", "xlsx"}) {
    CAPTURE(odd);
    CHECK(output_owner(odd).empty());
  }
  CHECK(is_download("xlsx/alpha.xlsx"));
  CHECK(is_download("board.xlsx"));
  CHECK(is_download("data/index.json"));
  CHECK(is_download("data/alpha/measures.csv"));
  CHECK(!is_download("programmes/alpha/index.html"));
  CHECK(!is_download("xlsx/sub/alpha.xlsx"));
}

TEST_CASE("outputs: every file a programme's outputs make is owned by that programme, the rest by none") {
  Diagnostics d;
  LoadResult loaded = load_site(std::filesystem::path(VITRINA_SOURCE_DIR) / "tests" / "fixtures" / "minimal", d, 1);
  REQUIRE(!d.has_errors());
  const SiteModel& model = loaded.model;
  REQUIRE(model.programmes.size() == 1);
  const std::string id = model.programmes[0].id;
  const SiteMetrics metrics = compute_metrics(model, d, 0, 1);

  size_t owned = 0, site_wide = 0;
  for (const PlannedPage& page : plan_pages(model)) {
    CAPTURE(page.path);
    CHECK(output_owner(page.path) == (page.programme == PlannedPage::npos ? "" : model.programmes[page.programme].id));
    (page.programme == PlannedPage::npos ? site_wide : owned) += 1;
  }
  for (const OutputFile& f : build_open_data(model, metrics)) {
    CAPTURE(f.path);
    CHECK(output_owner(f.path) == (f.path == output_path(Output::DataIndex) ? "" : id));
    CHECK(is_download(f.path));
  }
  std::set<std::string> workbooks;
  for (const OutputFile& f : build_workbooks(model, metrics, d, 1)) workbooks.insert(f.path);
  CHECK(workbooks == std::set<std::string>{workbook_path(id), output_path(Output::BoardWorkbook)});
  CHECK(output_owner(workbook_path(id)) == id);
  CHECK(owned > 4);      // passport, indicators, measures, dashboard, indicator pages, content page
  CHECK(site_wide >= 4);  // home, dashboard, organisations, 404
}

// Validate reports duplicate ids but the build goes on planning: each path is planned once, for
// the first page that has it, and the pages keep their order.
TEST_CASE("outputs: a path planned twice is kept once, for its first page, in order") {
  Diagnostics d;
  LoadResult loaded = load_site(std::filesystem::path(VITRINA_SOURCE_DIR) / "tests" / "fixtures" / "minimal", d, 1);
  REQUIRE(!d.has_errors());
  SiteModel model = loaded.model;
  REQUIRE(!model.programmes[0].indicators.empty());
  const std::vector<PlannedPage> once = plan_pages(model);
  Programme& p = model.programmes[0];
  p.indicators.push_back(p.indicators.front());  // the same id again: the same path
  model.programmes.push_back(p);                 // a whole programme again
  const std::vector<PlannedPage> twice = plan_pages(model);
  REQUIRE(twice.size() == once.size());
  for (size_t i = 0; i < once.size(); ++i) {
    CAPTURE(once[i].path);
    CHECK(twice[i].path == once[i].path);
    CHECK(twice[i].kind == once[i].kind);
    CHECK(twice[i].programme == once[i].programme);  // the first programme's, not the copy's
    CHECK(twice[i].item == once[i].item);
  }
}
