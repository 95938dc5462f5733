// Where Vitrina may write (write/ownership.h): output folders, single files, the stamp, the
// private folder of each output in the cache.
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "text/messages.h"
#include "write/ownership.h"

using namespace vitrina;
namespace fs = std::filesystem;

namespace {
fs::path fresh_dir(const std::string& tag) {
  fs::path d = fs::temp_directory_path() / ("vitrina-own-" + tag + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return fs::canonical(d);
}
void put(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}
// A site with data/ and content/, its cache folder inside.
SiteFolders make_site(const fs::path& dir) {
  put(dir / "site/data/site.json", "{}");
  fs::create_directories(dir / "site/content");
  return site_folders(dir / "site", {}, {});
}
}  // namespace

TEST_CASE("resolve_target: a trailing slash, '.', '..' and links above are resolved; the last name is kept") {
  const fs::path dir = fresh_dir("resolve");
  fs::create_directories(dir / "real/public");
  fs::create_directory_symlink(dir / "real", dir / "link");
  fs::create_directory_symlink(dir / "real/public", dir / "real/public-link");
  CHECK(resolve_target(dir / "real/public/") == dir / "real/public");
  CHECK(resolve_target(dir / "real/./x/../public") == dir / "real/public");
  CHECK(resolve_target(dir / "link/public") == dir / "real/public");
  CHECK(resolve_target(dir / "real/public-link") == dir / "real/public-link");  // not followed
  CHECK(resolve_target(dir / "real/public/..") == dir / "real");
  const fs::path cwd = fs::current_path();
  fs::current_path(dir / "real/public");
  CHECK(resolve_target(".") == dir / "real/public");
  CHECK(resolve_target("new/") == dir / "real/public/new");
  fs::current_path(cwd);
  CHECK(is_within(dir / "a/b", dir / "a"));
  CHECK(is_within(dir / "a", dir / "a"));
  CHECK(!is_within(dir / "ab", dir / "a"));
  CHECK(!is_within(dir / "a", dir / "a/b"));
  CHECK(is_within(dir, "/"));
  fs::remove_all(dir);
}

TEST_CASE("refuse_output_folder: the site, its inputs and cache, / and $HOME always; someone else's folder without --force") {
  set_language("en");
  const fs::path dir = fresh_dir("folder");
  const SiteFolders site = make_site(dir);
  CHECK(refuse_output_folder(site, dir / "site/output", false).empty());
  CHECK(refuse_output_folder(site, dir / "public", false).empty());
  for (const fs::path& bad : {dir / "site", dir, fs::path("/"), dir / "site/data", dir / "site/data/programmes/x",
                              dir / "site/content", dir / "site/templates", dir / "site/themes/t",
                              dir / "site/.vitrina", dir / "site/.vitrina/builds"}) {
    CAPTURE(bad);
    CHECK(!refuse_output_folder(site, bad, false).empty());
    CHECK(!refuse_output_folder(site, bad, true).empty());
  }
  const char* home = std::getenv("HOME");
  const std::string saved = home ? home : "";
  ::setenv("HOME", (dir / "home").c_str(), 1);
  fs::create_directories(dir / "home");
  CHECK(refuse_output_folder(site, dir / "home", true).find("home folder") != std::string::npos);
  if (saved.empty()) ::unsetenv("HOME");
  else ::setenv("HOME", saved.c_str(), 1);
  // A cache folder inside the output would be published.
  const SiteFolders cached = site_folders(dir / "site", dir / "public/cache", {});
  CHECK(!refuse_output_folder(cached, dir / "public", true).empty());

  // What is there: empty and stamped folders are Vitrina's to build into; others need --force.
  fs::create_directories(dir / "empty");
  CHECK(refuse_output_folder(site, dir / "empty", false).empty());
  put(dir / "cms/thesis.docx", "x");
  const std::string why = refuse_output_folder(site, dir / "cms", false);
  CHECK(why.find("--force") != std::string::npos);
  CHECK(why.find("thesis.docx") != std::string::npos);
  CHECK(refuse_output_folder(site, dir / "cms", true).empty());
  put(dir / "built/index.html", "x");
  put(dir / "built/.vitrina-output", encode_stamp({"index.html"}));
  CHECK(refuse_output_folder(site, dir / "built", false).empty());
  // A stamp of another format is not a stamp.
  put(dir / "fake/.vitrina-output", "hello");
  CHECK(!refuse_output_folder(site, dir / "fake", false).empty());
  // A file, a link: never.
  put(dir / "file", "x");
  CHECK(!refuse_output_folder(site, dir / "file", true).empty());
  fs::create_directory_symlink(dir / "empty", dir / "link");
  CHECK(!refuse_output_folder(site, dir / "link", true).empty());
  fs::remove_all(dir);
}

TEST_CASE("inspect_output_folder: stamped, legacy (the old cache beside it lists the files), foreign") {
  const fs::path dir = fresh_dir("inspect");
  put(dir / "out/a.html", "a");
  OutputFolder f = inspect_output_folder(dir / "out");
  CHECK(f.exists);
  CHECK(!f.stamped);
  CHECK(!f.empty);
  put(dir / ".out.vitrina-cache", "{\"format\": 3}\nI \"data/site.json\" 1 2 3 abc 1\nF \"a.html\" 1 2 3 \"\" -\n");
  f = inspect_output_folder(dir / "out");
  CHECK(f.stamped);
  CHECK(f.legacy);
  CHECK(f.ours == std::vector<std::string>{"a.html"});
  fs::create_directories(dir / ".out.prev");
  fs::create_directories(dir / ".out.staging-123");
  put(dir / ".out.vitrina-search/alpha", "x");
  put(dir / "other", "kept");
  remove_legacy_siblings(dir / "out");
  std::vector<std::string> left;
  for (const auto& e : fs::directory_iterator(dir)) left.push_back(e.path().filename().string());
  std::sort(left.begin(), left.end());
  CHECK(left == std::vector<std::string>{"other", "out"});
  fs::remove_all(dir);
}

TEST_CASE("stamp: round trip of odd names; output_work: one stable folder per output path") {
  const std::vector<std::string> files = {"a b.html", "q\"uote/x.html", "new\nline.html", "ру/файл.html", "back\\slash/\"q\".html", "end\\"};
  std::vector<std::string> back;
  REQUIRE(decode_stamp(encode_stamp(files), back));
  CHECK(back == files);
  CHECK(!decode_stamp("vitrina-output 10\n", back));
  CHECK(!decode_stamp("", back));
  const OutputWork a = output_work("/c", "/srv/www/site"), b = output_work("/c", "/srv/www2/site");
  CHECK(a.dir == output_work("/c", "/srv/www/site").dir);
  CHECK(a.dir != b.dir);
  CHECK(a.dir.parent_path() == "/c/builds");
  CHECK(a.dir.filename().string().rfind("site-", 0) == 0);
  CHECK(output_work("/c", "/x/.hidden name").dir.filename().string().rfind("out.hidden_name-", 0) == 0);
  CHECK(a.prev.parent_path() == a.dir);
}

TEST_CASE("refuse_output_file / write_output_file: never an input, the cache or a built site; replaces only its own unchanged file") {
  set_language("en");
  const fs::path dir = fresh_dir("file");
  const SiteFolders site = make_site(dir);
  for (const fs::path& bad : {dir / "site/data/site.json", dir / "site/data/new.xlsx", dir / "site/content/a.xlsx",
                              dir / "site/.vitrina/x.xlsx"}) {
    CAPTURE(bad);
    CHECK(!refuse_output_file(site, bad, false).empty());
    CHECK(!refuse_output_file(site, bad, true).empty());
  }
  put(dir / "out/.vitrina-output", encode_stamp({}));
  CHECK(!refuse_output_file(site, dir / "out/xlsx/a.xlsx", true).empty());
  CHECK(!refuse_output_file(site, dir, true).empty());  // a folder

  const fs::path mine = dir / "annex.xlsx";
  CHECK(refuse_output_file(site, mine, false).empty());
  CHECK(write_output_file(site, mine, "first").empty());
  CHECK(refuse_output_file(site, mine, false).empty());  // its own, unchanged
  CHECK(write_output_file(site, mine, "second").empty());
  {
    std::ifstream in(mine);
    std::string text;
    in >> text;
    CHECK(text == "second");
  }
  ::usleep(10000);
  put(mine, "edited by hand");
  CHECK(refuse_output_file(site, mine, false).find("changed") != std::string::npos);
  CHECK(refuse_output_file(site, mine, true).empty());
  put(dir / "theirs.xlsx", "theirs");
  CHECK(refuse_output_file(site, dir / "theirs.xlsx", false).find("--force") != std::string::npos);
  // A failed write leaves the previous file and says why.
  CHECK(!write_output_file(site, dir / "no-such/x.xlsx", "x").empty());
  std::vector<std::string> left;
  for (const auto& e : fs::directory_iterator(dir)) left.push_back(e.path().filename().string());
  std::sort(left.begin(), left.end());
  CHECK(left == std::vector<std::string>{"annex.xlsx", "out", "site", "theirs.xlsx"});
  fs::remove_all(dir);
}

TEST_CASE("prune_output_work: the private folders of outputs that are gone are removed, others kept") {
  const fs::path dir = fresh_dir("prune");
  const fs::path cache = dir / "cache";
  fs::create_directories(dir / "live");
  auto work = [&](const std::string& name, const std::string& record) {
    fs::create_directories(cache / "builds" / name / "prev");
    if (!record.empty()) put(cache / "builds" / name / "output", record);
  };
  work("gone", (dir / "deleted-output").string());
  work("gone-parent", (dir / "no-such/output").string());
  work("live", (dir / "live").string());
  work("unrecorded", "");
  work("mine", (dir / "also-deleted").string());
  prune_output_work(cache, cache / "builds" / "mine");
  std::vector<std::string> left;
  for (const auto& e : fs::directory_iterator(cache / "builds")) left.push_back(e.path().filename().string());
  std::sort(left.begin(), left.end());
  CHECK(left == std::vector<std::string>{"live", "mine", "unrecorded"});
  fs::remove_all(dir);
}
