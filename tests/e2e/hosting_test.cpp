// End-to-end: files for shared hosting that site.json asks for (.htaccess).
#include <doctest/doctest.h>

#include <fstream>

#include "run_binary.h"

namespace fs = std::filesystem;

TEST_CASE("e2e: \"htaccess\": true writes output/.htaccess for the site's base URL; false removes it") {
  const fs::path site = temp_dir("htaccess") / "site";
  fs::copy(fixture("minimal"), site, fs::copy_options::recursive);
  const fs::path json = site / "data" / "site.json";
  std::string settings = slurp(json);
  const std::string off = settings;
  settings.insert(settings.find('{') + 1, "\n  \"htaccess\": true,");
  std::ofstream(json, std::ios::trunc) << settings;

  REQUIRE(run_vitrina("build -q --site " + site.string() + " --base-url https://city.example/edu/").exit_code == 0);
  const std::string text = slurp(site / "output" / ".htaccess");
  CHECK(text.find("\nErrorDocument 404 /edu/404.html\n") != std::string::npos);
  CHECK(fs::exists(site / "output" / "404.html"));

  std::ofstream(json, std::ios::trunc) << off;
  REQUIRE(run_vitrina("build -q --site " + site.string()).exit_code == 0);
  CHECK_FALSE(fs::exists(site / "output" / ".htaccess"));
  fs::remove_all(site.parent_path());
}
