// Incremental rebuilds (issue #8 item 2): after a one-file change only the pages of the
// programme that depends on it are rendered again, the build says how many it rendered,
// and the tree is byte-identical to a build from scratch.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "run_binary.h"

namespace fs = std::filesystem;

namespace {

// "M" from build -v's «программ: N, восстановлено из снимков: M» (or, with --lang en,
// "N programmes, M restored from snapshots"); -1 when absent.
long restored(const std::string& output) {
  std::smatch m;
  if (std::regex_search(output, m, std::regex("программ: [0-9]+, восстановлено из снимков: ([0-9]+)")) ||
      std::regex_search(output, m, std::regex("[0-9]+ programmes, ([0-9]+) restored from snapshots")))
    return std::stol(m[1]);
  return -1;
}

// "N" from "(отрисовано N)" in the build's summary line; -1 when absent.
long rendered(const std::string& output) {
  std::smatch m;
  return std::regex_search(output, m, std::regex("отрисовано ([0-9]+)\\)")) ? std::stol(m[1]) : -1;
}

// Pages of the demo site that belong to programme `id` (the files under programmes/<id>/).
long programme_pages(const fs::path& out, const std::string& id) {
  long n = 0;
  for (const auto& e : fs::recursive_directory_iterator(out / "programmes" / id))
    if (e.path().filename() == "index.html") ++n;
  return n;
}

void check_same_tree(const fs::path& a, const fs::path& b) {
  const auto x = tree(a), y = tree(b);
  CHECK(x.size() == y.size());
  for (const auto& kv : x) {
    const std::string& path = kv.first;
    CAPTURE(path);
    auto it = y.find(path);
    REQUIRE(it != y.end());
    CHECK(it->second == kv.second);
  }
}

ino_t inode(const fs::path& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 ? st.st_ino : 0;
}

const char* kChanged = "sredneryabinovskiy-2018";
const char* kOther = "verkhneperevalny-2018";

}  // namespace

TEST_CASE("incremental: a one-file change renders only its programme's pages and site-wide pages") {
  const fs::path dir = temp_dir("incremental");
  const fs::path site = dir / "site", out = dir / "output", fresh = dir / "fresh";
  copy_site(std::string(VITRINA_SOURCE_DIR) + "/examples/demo", site);
  auto first = run_vitrina("build --site " + site.string() + " --out " + out.string());
  REQUIRE(first.exit_code == 0);
  const long total = rendered(first.output);
  CHECK(total > 50);
  const fs::path other_page = out / "programmes" / kOther / "index.html";
  const ino_t other_before = inode(other_page);

  SUBCASE("nothing changed: nothing is rendered, nothing written") {
    auto again = run_vitrina("build --site " + site.string() + " --out " + out.string());
    CHECK(again.exit_code == 0);
    CHECK(rendered(again.output) == 0);
    CHECK(again.output.find("файлов записано 0") != std::string::npos);
    CHECK(inode(other_page) == other_before);
  }

  SUBCASE("one programme's file changed: its pages and the site-wide pages only") {
    // The programme's title appears on each of its pages.
    replace_once(site / "data/programmes" / kChanged / "programme.json", "\"title\": \"", "\"title\": \"Изменено: ");
    auto r = run_vitrina("build -v --site " + site.string() + " --out " + out.string());
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    // Only the changed folder was parsed; the others came from their snapshots.
    long programmes = 0;
    for (const auto& e : fs::directory_iterator(site / "data/programmes")) programmes += e.is_directory();
    CHECK(restored(r.output) == programmes - 1);
    const long site_wide = total - programme_pages(out, kChanged) - programme_pages(out, kOther) -
                           programme_pages(out, "verkhneosinnikovskiy-2018");
    CHECK(rendered(r.output) == programme_pages(out, kChanged) + site_wide);
    CHECK(slurp(out / "programmes" / kChanged / "index.html").find("Изменено: ") != std::string::npos);
    CHECK(inode(other_page) == other_before);  // reused: the same file, not rewritten
    // The search records of the two reused programmes came from the search cache.
    CHECK(r.output.find("(программ из кэша поиска: 2, прочитано заново: 0)") != std::string::npos);
    // The build cache describes the published files as they are (drafted from the staging tree
    // while the workbooks were still being made): the next build finds nothing to do.
    auto again = run_vitrina("build --site " + site.string() + " --out " + out.string());
    CHECK(rendered(again.output) == 0);
    CHECK(again.output.find("файлов записано 0") != std::string::npos);
    REQUIRE(run_vitrina("build -q --no-cache --site " + site.string() + " --out " + fresh.string()).exit_code == 0);
    check_same_tree(out, fresh);
  }

  SUBCASE("a content page changed: its new text is published, and a link it gains to no page is an error") {
    // content/ is read while the last build's cache is: after its stamps are taken, never before.
    const fs::path page = site / "content" / kChanged / "01-obshchie-polozheniya.md";
    std::ofstream(page, std::ios::binary | std::ios::app) << "\nДобавлено после сборки.\n";
    auto r = run_vitrina("build --site " + site.string() + " --out " + out.string());
    REQUIRE(r.exit_code == 0);
    CHECK(slurp(out / "programmes" / kChanged / "pages/01-obshchie-polozheniya/index.html")
              .find("Добавлено после сборки.") != std::string::npos);
    CHECK(inode(other_page) == other_before);
    REQUIRE(run_vitrina("build -q --no-cache --site " + site.string() + " --out " + fresh.string()).exit_code == 0);
    check_same_tree(out, fresh);
    std::ofstream(page, std::ios::binary | std::ios::app) << "\n[ссылка](../net-takoy/)\n";
    auto bad = run_vitrina("build --site " + site.string() + " --out " + out.string());
    CHECK(bad.exit_code != 0);
    CHECK(bad.output.find("01-obshchie-polozheniya.md") != std::string::npos);
    CHECK(bad.output.find("../net-takoy/") != std::string::npos);
  }

  SUBCASE("without the search cache the reused programmes' pages are read again: the same index") {
    REQUIRE(fs::remove_all(work_folder(site, out) / "search") > 1);
    replace_once(site / "data/programmes" / kChanged / "programme.json", "\"title\": \"", "\"title\": \"Изменено: ");
    auto r = run_vitrina("build -v --site " + site.string() + " --out " + out.string());
    REQUIRE(r.exit_code == 0);
    CHECK(r.output.find("(программ из кэша поиска: 0, прочитано заново: 2)") != std::string::npos);
    REQUIRE(run_vitrina("build -q --no-cache --site " + site.string() + " --out " + fresh.string()).exit_code == 0);
    check_same_tree(out, fresh);
  }

  SUBCASE("a template change renders everything") {
    fs::create_directories(site / "templates");
    std::string layout = slurp(std::string(VITRINA_SOURCE_DIR) + "/templates/layout.mustache");
    const size_t at = layout.find("</footer>");
    REQUIRE(at != std::string::npos);
    layout.insert(at, "<p>Шаблон изменён</p>");
    std::ofstream(site / "templates/layout.mustache", std::ios::binary) << layout;
    auto r = run_vitrina("build --site " + site.string() + " --out " + out.string());
    REQUIRE(r.exit_code == 0);
    CHECK(rendered(r.output) == total);
    CHECK(slurp(other_page).find("Шаблон изменён") != std::string::npos);
  }

  SUBCASE("a published file edited by hand is made again, not trusted") {
    std::ofstream(other_page, std::ios::binary | std::ios::app) << "<!-- edited -->";
    auto r = run_vitrina("build --site " + site.string() + " --out " + out.string());
    REQUIRE(r.exit_code == 0);
    CHECK(rendered(r.output) > 0);
    CHECK(slurp(other_page).find("edited") == std::string::npos);
    REQUIRE(run_vitrina("build -q --no-cache --site " + site.string() + " --out " + fresh.string()).exit_code == 0);
    check_same_tree(out, fresh);
  }

  SUBCASE("a deleted cache or --no-cache renders everything, with the same bytes") {
    REQUIRE(fs::remove(work_folder(site, out) / "build-cache"));
    auto r = run_vitrina("build --site " + site.string() + " --out " + out.string());
    CHECK(rendered(r.output) == total);
    CHECK(r.output.find("файлов записано 0") != std::string::npos);
    auto n = run_vitrina("build -v --no-cache --site " + site.string() + " --out " + out.string());
    CHECK(rendered(n.output) == total);
    CHECK(restored(n.output) == 0);
  }
  fs::remove_all(dir);
}

TEST_CASE("incremental: snapshots of loaded folders never replay another language or a removed snapshot") {
  const fs::path dir = temp_dir("incremental-lang");
  const fs::path site = dir / "site", out = dir / "output";
  copy_site(std::string(VITRINA_SOURCE_DIR) + "/examples/demo", site);
  // A warning the load stage gives: an unknown field where the site is not strict.
  replace_once(site / "data/programmes" / kOther / "programme.json", "{", "{\"bogus_field\": 1,");
  replace_once(site / "data/site.json", "{", "{\"strict\": false,");
  const std::string args = " build -v --site " + site.string() + " --out " + out.string();
  auto ru = run_vitrina(args);
  CHECK(ru.output.find("неизвестное поле «bogus_field»") != std::string::npos);
  CHECK(restored(ru.output) == 0);
  REQUIRE(fs::exists(work_folder(site, out) / "snapshots" / (std::string(kOther) + ".snapshot")));
  auto en = run_vitrina("--lang en" + args);
  CHECK(en.output.find("unknown field \"bogus_field\"") != std::string::npos);
  CHECK(en.output.find("неизвестное поле") == std::string::npos);
  CHECK(restored(en.output) == 0);  // the language is part of every snapshot's key
  auto again = run_vitrina("--lang en" + args);
  CHECK(lines_with(again.output, ": warning: ") == lines_with(en.output, ": warning: "));
  // Snapshots deleted: the folders are parsed again, with the same result.
  REQUIRE(fs::remove_all(work_folder(site, out) / "snapshots") > 1);
  replace_once(site / "data/programmes" / kChanged / "programme.json", "\"title\": \"", "\"title\": \"Изменено: ");
  auto parsed = run_vitrina("--lang en" + args);
  CHECK(restored(parsed.output) == 0);
  CHECK(lines_with(parsed.output, ": warning: ") == lines_with(en.output, ": warning: "));
  fs::remove_all(dir);
}

TEST_CASE("incremental: warnings are printed again when nothing changed") {
  const fs::path dir = temp_dir("incremental-warn");
  const fs::path out = dir / "output";
  const std::string args = "build --show-acknowledged --site " + std::string(VITRINA_SOURCE_DIR) + " --out " + out.string();
  auto first = run_vitrina(args);
  REQUIRE(first.exit_code == 0);
  auto again = run_vitrina(args);
  CHECK(rendered(again.output) == 0);
  CHECK(lines_with(again.output, ": warning: ") == lines_with(first.output, ": warning: "));
  CHECK(lines_with(again.output, ": warning: ").size() == 4);
  fs::remove_all(dir);
}
