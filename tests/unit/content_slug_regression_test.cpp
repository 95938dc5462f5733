// Regression (hardening suite, tests/hardening/test_hostile.py TestPaths): a content file
// whose name is not a valid id ("..md" → slug ".", "...md" → slug "..", spaces, markup,
// non-UTF-8 bytes) used to reach plan/publish, where ".." became "pages/../index.html" and
// only safe_output_path stopped it. The loader now reports the file name.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "diag/diagnostics.h"
#include "load/content_loader.h"
#include "model/model.h"

using namespace vitrina;
namespace fs = std::filesystem;

TEST_CASE("content: file names that are not valid slugs are diagnosed, not loaded") {
  const fs::path site = fs::temp_directory_path() / ("vitrina-slug-" + std::to_string(::getpid()));
  fs::remove_all(site);
  fs::create_directories(site / "content");
  const std::string body = "---\ntitle: T\n---\ntext\n";
  for (const char* name : {"..md", "...md", "a b.md", "x<script>.md", "\xff.md", "good-1.md"})
    std::ofstream(site / "content" / name) << body;
  SiteModel model;
  Diagnostics diags;
  load_content(site, model, diags);
  REQUIRE(model.pages.size() == 1);
  CHECK(model.pages[0].slug == "good-1");
  CHECK(diags.error_count() == 5);
  fs::remove_all(site);
}

// Regression (test_hostile.py TestBrokenJson.test_invalid_utf8): invalid UTF-8 in a
// Markdown page used to be copied into HTML declared UTF-8; now it is an error with the
// position of the first bad byte. Symlinked pages are reported under their own name
// (fs::relative used to resolve the link and name the file outside the site).
TEST_CASE("content: invalid UTF-8 is diagnosed with its position, symlinks keep their name") {
  const fs::path site = fs::temp_directory_path() / ("vitrina-utf8-" + std::to_string(::getpid()));
  fs::remove_all(site);
  fs::create_directories(site / "content");
  const char* bad[] = {"\xff", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82", "\xe2\x82x"};
  int i = 0;
  for (const char* b : bad)
    std::ofstream(site / "content" / ("p" + std::to_string(i++) + ".md")) << "---\ntitle: T\n---\nok\nx" << b;
  std::ofstream(site / "content" / "good.md") << "---\ntitle: Т\n---\nпривет ✓ 😀\n";
  fs::create_symlink(site / "content" / "good.md", site / "content" / "leak.md");
  SiteModel model;
  Diagnostics diags;
  load_content(site, model, diags);
  REQUIRE(model.pages.size() == 1);
  CHECK(model.pages[0].slug == "good");
  CHECK(diags.error_count() == 6);
  bool named = false;
  for (const auto& d : diags.items()) {
    if (d.severity == Severity::Error) {
      CHECK(d.line == 5);
      CHECK(d.column == 2);
    }
    if (d.severity == Severity::Warning && d.file == "content/leak.md") named = true;
  }
  CHECK(named);
  fs::remove_all(site);
}

TEST_CASE("content: Cyrillic file names are transliterated into slugs; a clash is an error") {
  const fs::path site = fs::temp_directory_path() / ("vitrina-translit-" + std::to_string(::getpid()));
  fs::remove_all(site);
  fs::create_directories(site / "content");
  const std::string body = "---\ntitle: T\n---\ntext\n";
  std::ofstream(site / "content" / "Общие положения.md") << body;
  std::ofstream(site / "content" / "obshchiye-polozheniya.md") << body;  // the same address
  std::ofstream(site / "content" / "Финансирование.md") << body;
  SiteModel model;
  Diagnostics diags;
  load_content(site, model, diags);
  REQUIRE(model.pages.size() == 2);
  CHECK(model.pages[0].slug == "finansirovaniye");
  CHECK(model.pages[1].slug == "obshchiye-polozheniya");
  REQUIRE(diags.error_count() == 1);
  CHECK(diags.items()[0].message.find("obshchiye-polozheniya") != std::string::npos);
  fs::remove_all(site);
}
