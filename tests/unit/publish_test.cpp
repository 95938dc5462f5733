// Atomic publication: staging, hard links for unchanged files, stale removal, safe paths.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <algorithm>
#include <fstream>
#include <functional>
#include <vector>

#include "write/ownership.h"
#include "write/publish.h"

using namespace vitrina;
namespace fs = std::filesystem;

namespace {
// An output folder alone in its parent (`dir`/site/output) and its private work folder elsewhere.
PublishPlace place_in(const fs::path& dir, bool adopt = false) {
  return {dir / "site" / "output", dir / "cache", adopt};
}
std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
}  // namespace

TEST_CASE("safe_output_path rejects escapes") {
  CHECK(safe_output_path("a/b/index.html"));
  CHECK(!safe_output_path("../x"));
  CHECK(!safe_output_path("a/../../x"));
  CHECK(!safe_output_path("/etc/passwd"));
  CHECK(!safe_output_path("a//b"));
  CHECK(!safe_output_path(std::string("a\0b", 3)));
  CHECK(!safe_output_path(""));
}

TEST_CASE("publish: first build, unchanged files hard-linked, changed rewritten, stale removed") {
  fs::path dir = fs::temp_directory_path() / ("vitrina-publish-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const PublishPlace place = place_in(dir);
  const fs::path out = place.out;
  Diagnostics d;
  PublishStats s1;
  REQUIRE(publish(place, {{"a.html", "A"}, {"x/b.html", "B"}, {"old.html", "O"}}, s1, d));
  CHECK(s1.written == 3);
  struct stat before;
  ::stat((out / "a.html").c_str(), &before);
  PublishStats s2;
  REQUIRE(publish(place, {{"a.html", "A"}, {"x/b.html", "B2"}}, s2, d));
  CHECK(s2.kept == 1);
  CHECK(s2.written == 1);
  CHECK(s2.removed == 1);
  struct stat after;
  ::stat((out / "a.html").c_str(), &after);
  CHECK(after.st_ino == before.st_ino);  // the same file, hard-linked: mtime kept
  CHECK(!fs::exists(out / "old.html"));
  std::ifstream in(out / "x/b.html");
  std::string b;
  in >> b;
  CHECK(b == "B2");
  // Nothing beside the output; in the work folder, no staging tree: only the previous tree,
  // kept as the base of the next staging tree, and the two trees' listings.
  auto names = [](const fs::path& d) {
    std::vector<std::string> n;
    for (const auto& e : fs::directory_iterator(d)) n.push_back(e.path().filename().string());
    std::sort(n.begin(), n.end());
    return n;
  };
  CHECK(names(out.parent_path()) == std::vector<std::string>{"output"});
  CHECK(names(place.work) == std::vector<std::string>{"listing-live", "listing-prev", "prev"});
  // The stamp lists Vitrina's files.
  std::vector<std::string> listed;
  REQUIRE(decode_stamp(read_all(out / ".vitrina-output"), listed));
  CHECK(listed == std::vector<std::string>{"a.html", "x/b.html"});
  // An unsafe path fails the whole publication and leaves the live tree alone.
  PublishStats s3;
  CHECK(!publish(place, {{"../evil", "x"}}, s3, d));
  CHECK(fs::exists(out / "a.html"));
  CHECK(!fs::exists(out.parent_path() / "evil"));
  fs::remove_all(dir);
}

TEST_CASE("publish: the previous tree is the next staging base, and building on it never alters a live file") {
  fs::path dir = fs::temp_directory_path() / ("vitrina-publish-base-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const PublishPlace place = place_in(dir);
  const fs::path out = place.out, prev = place.work / "prev";
  Diagnostics d;
  PublishStats s;
  REQUIRE(publish(place, {{"a.html", "A"}, {"b.html", "B1"}, {"c.html", "C"}}, s, d));
  REQUIRE(publish(place, {{"a.html", "A"}, {"b.html", "B2"}, {"d", "D"}}, s, d));
  // Generation 3 is staged in generation 1's tree, where a.html is a hard link shared with
  // the live generation 2 and the prev tree: it must be replaced, never written through.
  PublishStats s3;
  REQUIRE(publish(place, {{"a.html", "A2"}, {"b.html", "B2"}, {"c.html", "C3"}}, s3, d));
  CHECK(read_all(out / "a.html") == "A2");
  CHECK(read_all(out / "b.html") == "B2");
  CHECK(read_all(out / "c.html") == "C3");
  CHECK(!fs::exists(out / "d"));
  CHECK(s3.written == 2);
  CHECK(s3.kept == 1);
  CHECK(s3.removed == 1);
  // The swapped-out generation 2 is intact.
  CHECK(read_all(prev / "a.html") == "A");
  CHECK(read_all(prev / "b.html") == "B2");
  CHECK(read_all(prev / "d") == "D");
  // Generation 4 on generation 2's tree: where the file "d" was, a folder "d/" is needed.
  PublishStats s4;
  REQUIRE(publish(place, {{"a.html", "A2"}, {"d/e.html", "E"}}, s4, d));
  CHECK(read_all(out / "d/e.html") == "E");
  CHECK(!fs::exists(out / "b.html"));
  CHECK(!fs::exists(out / "c.html"));
  CHECK(read_all(prev / "c.html") == "C3");
  // A failed publication leaves the live tree alone and keeps a base for the next one.
  PublishStats s5;
  CHECK(!publish(place, {{"a.html", "A5"}, {"../evil", "x"}}, s5, d));
  CHECK(read_all(out / "a.html") == "A2");
  CHECK(fs::is_directory(prev));
  PublishStats s6;
  REQUIRE(publish(place, {{"a.html", "A2"}, {"d/e.html", "E"}}, s6, d));
  CHECK(s6.written == 0);
  CHECK(s6.kept == 2);
  // A folder emptied in the base tree does not reach the live tree (it would look like
  // someone else's and stop the swap).
  PublishStats s7, s8;
  REQUIRE(publish(place, {{"a.html", "A2"}}, s7, d));
  REQUIRE(publish(place, {{"a.html", "A3"}}, s8, d));
  CHECK(!fs::exists(out / "d"));
  CHECK(!s7.in_place);
  CHECK(!s8.in_place);
  fs::remove_all(dir);
}

TEST_CASE("publish: removed paths are listed sorted, and the folders they leave empty go too") {
  fs::path dir = fs::temp_directory_path() / ("vitrina-publish-removed-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const PublishPlace place = place_in(dir);
  const fs::path out = place.out;
  Diagnostics d;
  PublishStats s1;
  REQUIRE(publish(place, {{"a.html", "A"}, {"z/old.html", "Z"}, {"b/old.html", "B"}, {"c.html", "C"}}, s1, d));
  PublishStats s2;
  REQUIRE(publish(place, {{"a.html", "A"}, {"c.html", "C"}}, s2, d));
  CHECK(s2.removed == 2);
  CHECK(s2.removed_paths == std::vector<std::string>{"b/old.html", "z/old.html"});
  CHECK(s2.written == 0);
  CHECK(s2.kept == 2);
  CHECK(!fs::exists(out / "z"));
  CHECK(!fs::exists(out / "b"));
  fs::remove_all(dir);
}

TEST_CASE("publish: a folder Vitrina did not make is refused, adopted only on request, and its files are never touched") {
  fs::path dir = fs::temp_directory_path() / ("vitrina-publish-own-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  PublishPlace place = place_in(dir);
  const fs::path out = place.out;
  fs::create_directories(out / "photos");
  std::ofstream(out / "thesis.docx") << "thesis";
  std::ofstream(out / "photos" / "a.jpg") << "jpg";
  fs::create_directories(out / "uploads");  // an empty folder of someone else's
  struct stat before;
  ::stat((out / "thesis.docx").c_str(), &before);
  Diagnostics d;
  PublishStats s;
  CHECK(!publish(place, {{"index.html", "I"}}, s, d));
  CHECK(!fs::exists(out / "index.html"));
  place.adopt = true;
  REQUIRE(publish(place, {{"index.html", "I"}, {"photos/b.jpg", "B"}}, s, d));
  CHECK(s.in_place);
  REQUIRE(publish(place, {{"index.html", "I2"}}, s, d));  // photos/b.jpg is Vitrina's: removed
  CHECK(read_all(out / "index.html") == "I2");
  CHECK(!fs::exists(out / "photos" / "b.jpg"));
  CHECK(read_all(out / "photos" / "a.jpg") == "jpg");
  CHECK(fs::is_directory(out / "uploads"));
  struct stat after;
  ::stat((out / "thesis.docx").c_str(), &after);
  CHECK(after.st_ino == before.st_ino);
  CHECK(after.st_mtim.tv_nsec == before.st_mtim.tv_nsec);
  // A file of the new tree where someone else's file is: refused, nothing changed.
  Diagnostics conflict;
  Publisher pub(place);
  REQUIRE(pub.begin(conflict));
  pub.add("index.html", "I3");
  pub.add("thesis.docx", "mine");
  CHECK(!pub.finish(s, conflict));
  CHECK(pub.refused());
  CHECK(read_all(out / "thesis.docx") == "thesis");
  CHECK(read_all(out / "index.html") == "I2");
  fs::remove_all(dir);
}

TEST_CASE("publish: links planted in the previous tree are removed, never followed") {
  fs::path dir = fs::temp_directory_path() / ("vitrina-publish-link-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const PublishPlace place = place_in(dir);
  const fs::path out = place.out, prev = place.work / "prev", victim = dir / "victim";
  fs::create_directories(victim);
  std::ofstream(victim / "keep.txt") << "keep";
  Diagnostics d;
  PublishStats s;
  REQUIRE(publish(place, {{"a/x.html", "X1"}, {"b.html", "B1"}}, s, d));
  REQUIRE(publish(place, {{"a/x.html", "X2"}, {"b.html", "B2"}}, s, d));
  REQUIRE(fs::is_directory(prev / "a"));
  fs::remove_all(prev / "a");
  fs::create_directory_symlink(victim, prev / "a");
  fs::remove(prev / "b.html");
  fs::create_symlink(victim / "keep.txt", prev / "b.html");
  REQUIRE(publish(place, {{"a/x.html", "X3"}, {"a/y.html", "Y3"}, {"b.html", "B3"}}, s, d));
  CHECK(read_all(victim / "keep.txt") == "keep");
  CHECK(!fs::exists(victim / "x.html"));
  CHECK(!fs::exists(victim / "y.html"));
  CHECK(!fs::is_symlink(out / "a"));
  CHECK(read_all(out / "a/y.html") == "Y3");
  CHECK(read_all(out / "b.html") == "B3");
  // The whole previous tree replaced by a link: not adopted either.
  fs::remove_all(prev);
  fs::create_directory_symlink(victim, prev);
  REQUIRE(publish(place, {{"a/x.html", "X4"}, {"b.html", "B4"}}, s, d));
  CHECK(fs::exists(victim / "keep.txt"));
  CHECK(std::distance(fs::directory_iterator(victim), fs::directory_iterator()) == 1);
  fs::remove_all(dir);
}

TEST_CASE("publish: a file someone puts in the live tree while the build runs is seen, and kept") {
  // The live tree is listed while the build renders, and at the end only each folder's times
  // are compared (Publisher::live_entries): an entry added after the listing must still count.
  fs::path dir = fs::temp_directory_path() / ("vitrina-publish-during-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const PublishPlace place = place_in(dir);
  const fs::path out = place.out;
  Diagnostics d;
  PublishStats s;
  REQUIRE(publish(place, {{"a/x.html", "X1"}, {"a/b/y.html", "Y1"}, {"z.html", "Z1"}}, s, d));
  REQUIRE(publish(place, {{"a/x.html", "X2"}, {"a/b/y.html", "Y2"}, {"z.html", "Z2"}}, s, d));
  // Folders changed just before they are listed are read again anyway (write/tree_listing.h):
  // let them age.
  ::usleep(2'100'000);
  {
    Publisher pub(place);  // (it finishes writing the trees' listings when destroyed)
    REQUIRE(pub.begin(d));
    pub.add("a/x.html", "X3");
    pub.add("a/b/y.html", "Y3");
    ::usleep(100'000);  // the listing of this small tree is over
    std::ofstream(out / "a" / "b" / "notes.txt") << "mine";
    pub.add("z.html", "Z3");
    REQUIRE(pub.finish(s, d));
  }
  CHECK(s.in_place);  // someone else's entry: published in place, not swapped
  CHECK(read_all(out / "a" / "b" / "notes.txt") == "mine");
  CHECK(read_all(out / "a" / "b" / "y.html") == "Y3");
  CHECK(read_all(out / "z.html") == "Z3");
  fs::remove_all(dir);
}

namespace {
uint64_t inode_of(const fs::path& p) {
  struct stat st;
  return ::lstat(p.c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_ino) : 0;
}

// Two builds, then a third that keeps p/a.html, p/b.html, p/c.html and q/d.html as they are
// live, in a base tree where b.html is another file with the same name (not the live one),
// c.html is a link to a file elsewhere and q/ is gone. With `known_inodes`, keep() is told each
// live file's inode (what a rebuild knows from its cache), so the base tree's listing stands
// for looking at the files; without it, every file is looked at. `together`: all four are
// kept by one keep_all() (what a rebuild does), in an order other than their paths'. The
// published tree and what the live files are must be the same either way.
void keep_on_a_changed_base(const fs::path& dir, bool known_inodes, bool together = false) {
  fs::remove_all(dir);
  const PublishPlace place = place_in(dir);
  const fs::path out = place.out, prev = place.work / "prev";
  Diagnostics d;
  PublishStats s;
  const std::vector<OutputFile> files{{"p/a.html", "A"}, {"p/b.html", "B"}, {"p/c.html", "C"}, {"q/d.html", "D"}};
  std::vector<OutputFile> gen1 = files, gen2 = files;
  gen1.push_back({"s.html", "S1"});
  gen2.push_back({"s.html", "S2"});
  REQUIRE(publish(place, gen1, s, d));
  REQUIRE(publish(place, gen2, s, d));
  REQUIRE(inode_of(prev / "p/b.html") == inode_of(out / "p/b.html"));  // one file, hard-linked
  fs::remove(prev / "p/b.html");
  std::ofstream(prev / "p/b.html") << "STALE";
  fs::remove(prev / "p/c.html");
  std::ofstream(dir / "elsewhere") << "ELSEWHERE";
  fs::create_symlink(dir / "elsewhere", prev / "p/c.html");
  fs::remove_all(prev / "q");
  std::vector<std::pair<std::string, uint64_t>> live;
  for (const auto& f : files) live.push_back({f.path, inode_of(out / f.path)});

  Publisher pub(place, true);
  REQUIRE(pub.begin(d));
  if (together) {
    std::vector<Publisher::KeptFile> kept;
    for (auto it = live.rbegin(); it != live.rend(); ++it) kept.push_back({it->first, known_inodes ? it->second : 0});
    CHECK(pub.keep_all(kept, 2) == std::vector<char>(live.size(), 1));
  } else {
    for (const auto& [rel, inode] : live) CHECK(pub.keep(rel, known_inodes ? inode : 0));
  }
  pub.add("s.html", "S3");
  PublishStats s3;
  REQUIRE(pub.finish(s3, d));
  CHECK(s3.kept == 4);
  CHECK(s3.written == 1);
  for (const auto& [rel, inode] : live) CHECK(inode_of(out / rel) == inode);  // the live files themselves
  CHECK(read_all(out / "p/a.html") == "A");
  CHECK(read_all(out / "p/b.html") == "B");
  CHECK(!fs::is_symlink(out / "p/c.html"));
  CHECK(read_all(out / "p/c.html") == "C");
  CHECK(read_all(out / "q/d.html") == "D");
  CHECK(read_all(out / "s.html") == "S3");
  CHECK(read_all(dir / "elsewhere") == "ELSEWHERE");
  std::vector<std::string> published;
  for (const auto& e : fs::recursive_directory_iterator(out)) published.push_back(fs::relative(e.path(), out).string());
  std::sort(published.begin(), published.end());
  CHECK(published == std::vector<std::string>{".vitrina-output", "p", "p/a.html", "p/b.html", "p/c.html", "q",
                                              "q/d.html", "s.html"});
}
}  // namespace

TEST_CASE("publish: kept files come from the live tree; the base tree's listing is trusted only for the live file itself") {
  const fs::path dir = fs::temp_directory_path() / ("vitrina-publish-keep-" + std::to_string(::getpid()));
  SUBCASE("inodes known (the listing stands for a stat)") { keep_on_a_changed_base(dir, true); }
  SUBCASE("inodes unknown (every file looked at)") { keep_on_a_changed_base(dir, false); }
  SUBCASE("inodes known, kept together") { keep_on_a_changed_base(dir, true, true); }
  SUBCASE("inodes unknown, kept together") { keep_on_a_changed_base(dir, false, true); }
  fs::remove_all(dir);
}

namespace {
// Everything under `root`: each path, and a file's bytes or what else it is, sorted.
std::vector<std::string> tree_of(const fs::path& root) {
  std::vector<std::string> all;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator(); ++it) {
    const std::string rel = fs::relative(it->path(), root).string();
    all.push_back(it->is_symlink() ? rel + " (link)" : it->is_directory() ? rel + "/" : rel + " = " + read_all(it->path()));
  }
  std::sort(all.begin(), all.end());
  return all;
}

std::string summary(const PublishStats& s) {
  return std::to_string(s.written) + " written, " + std::to_string(s.kept) + " kept, " + std::to_string(s.removed) +
         " removed" + (s.in_place ? ", in place" : "");
}
}  // namespace

// The same builds into two outputs, one using the trees' listings kept by the last build (and
// keeping its files together, as a rebuild does), the other reading both trees whole each time
// (and keeping file by file), with files changed by hand in either tree in between: the
// published trees, the previous trees and what each build did are the same.
TEST_CASE("publish: the trees' kept listings give the same trees as reading them, and miss no change made by hand") {
  const fs::path dir = fs::temp_directory_path() / ("vitrina-publish-listed-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  PublishPlace kept = place_in(dir / "kept"), read = place_in(dir / "read");
  read.trust_listings = false;
  const std::vector<OutputFile> files{{"p/a/x.html", "X"}, {"p/a/y.html", "Y"}, {"p/b.html", "B"}, {"q/d.html", "D"}};
  auto same = [&] {
    CHECK(tree_of(kept.out) == tree_of(read.out));
    CHECK(tree_of(kept.work / "prev") == tree_of(read.work / "prev"));
  };
  // A build that keeps `files` as they are live (what a rebuild knows from its cache) and writes s.html.
  auto build = [&](const std::string& s_html) {
    std::string result;
    for (const PublishPlace* place : {&kept, &read}) {
      Diagnostics d;
      Publisher pub(*place, true);
      REQUIRE(pub.begin(d));
      std::vector<Publisher::KeptFile> together;
      for (const auto& f : files) together.push_back({f.path, inode_of(place->out / f.path)});
      if (place == &kept) CHECK(pub.keep_all(together, 2) == std::vector<char>(files.size(), 1));
      else
        for (const auto& f : together) CHECK(pub.keep(std::string(f.rel), f.live_inode));
      pub.add("s.html", s_html);
      PublishStats s;
      REQUIRE(pub.finish(s, d));
      result += (result.empty() ? "" : " | ") + summary(s);
    }
    same();
    return result;
  };
  // A change by hand, in both outputs' folders.
  auto both = [&](const std::function<void(const fs::path& root)>& change) {
    change(dir / "kept");
    change(dir / "read");
  };
  std::vector<OutputFile> gen1 = files;
  gen1.push_back({"s.html", "S1"});
  for (const PublishPlace* place : {&kept, &read}) {
    Diagnostics d;
    PublishStats s;
    REQUIRE(publish(*place, gen1, s, d));
  }
  build("S2");
  ::usleep(2'100'000);  // every folder ages past the timestamps' granularity: listings are trusted
  build("S3");
  CHECK(build("S4") == "1 written, 4 kept, 0 removed | 1 written, 4 kept, 0 removed");

  // In prev/ (the next staging tree): a file removed, one replaced by another file under the same
  // name, one added, each in a folder whose parent did not change.
  both([](const fs::path& root) {
    fs::remove(root / "cache/prev/p/a/x.html");
    fs::remove(root / "cache/prev/p/b.html");
    std::ofstream(root / "cache/prev/p/b.html") << "STALE";
    std::ofstream(root / "cache/prev/q/extra.html") << "EXTRA";
  });
  build("S5");
  CHECK(read_all(kept.out / "p/a/x.html") == "X");
  CHECK(read_all(kept.out / "p/b.html") == "B");
  CHECK(!fs::exists(kept.out / "q/extra.html"));
  // In the live tree, someone else's file: seen, so published in place around it.
  both([](const fs::path& root) { std::ofstream(root / "site/output/p/a/notes.txt") << "mine"; });
  CHECK(build("S6") == "1 written, 4 kept, 0 removed, in place | 1 written, 4 kept, 0 removed, in place");
  CHECK(read_all(kept.out / "p/a/notes.txt") == "mine");
  both([](const fs::path& root) { fs::remove(root / "site/output/p/a/notes.txt"); });
  build("S7");
  // Right after a build (within a timestamp's granularity of its listings): a file added to
  // prev/, then a file removed from it.
  both([](const fs::path& root) { std::ofstream(root / "cache/prev/p/a/late.html") << "LATE"; });
  build("S8");
  CHECK(!fs::exists(kept.out / "p/a/late.html"));
  both([](const fs::path& root) { fs::remove(root / "cache/prev/p/a/y.html"); });
  build("S9");
  CHECK(read_all(kept.out / "p/a/y.html") == "Y");
  // A kept listing that is altered or missing is not used.
  build("S10");
  {
    std::fstream f(kept.work / "listing-prev", std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(100);
    f.put('\x7f');
  }
  fs::remove(kept.work / "listing-live");
  both([](const fs::path& root) {
    fs::remove(root / "cache/prev/p/a/x.html");
    std::ofstream(root / "site/output/q/mine.txt") << "mine";
  });
  CHECK(build("S12") == "1 written, 4 kept, 0 removed, in place | 1 written, 4 kept, 0 removed, in place");
  CHECK(read_all(kept.out / "p/a/x.html") == "X");
  CHECK(read_all(kept.out / "q/mine.txt") == "mine");
  fs::remove_all(dir);
}

namespace {
// Every path under `root`, sorted.
std::vector<std::string> paths_under(const fs::path& root) {
  std::vector<std::string> all;
  for (const auto& e : fs::recursive_directory_iterator(root)) all.push_back(fs::relative(e.path(), root).string());
  std::sort(all.begin(), all.end());
  return all;
}
}  // namespace

TEST_CASE("publish: prepared while the last files are still being made, the same tree as without") {
  // Publisher::prepare does what depends only on the new tree's paths while the build still
  // makes the files at `pending`; finish() must publish exactly what it would have without it,
  // also when other files come after all or an announced one never does.
  fs::path dir = fs::temp_directory_path() / ("vitrina-publish-prepare-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const PublishPlace place = place_in(dir);
  const fs::path out = place.out;
  Diagnostics d;
  PublishStats s;
  const std::vector<OutputFile> gen{{"a/x.html", "X"}, {"a/y.html", "Y"}, {"late/w.xlsx", "W"}, {"old.html", "O"},
                                    {"gone/z.html", "Z"}};
  REQUIRE(publish(place, gen, s, d));
  REQUIRE(publish(place, gen, s, d));
  std::vector<std::string> expected, files_published;
  {
    Publisher pub(place);  // (it finishes writing the trees' listings when destroyed)
    REQUIRE(pub.begin(d));
    pub.add("a/x.html", "X3");
    pub.add("a/y.html", "Y");
    // late/ holds only late/w.xlsx in the base tree, which this build does not make: the folder
    // must still be there when late/u.xlsx comes.
    pub.prepare({"late/u.xlsx", "b.xlsx"});
    const std::vector<std::string> prepared{".vitrina-output", "a/x.html", "a/y.html", "b.xlsx", "late/u.xlsx"};
    CHECK(pub.prepared_files() == prepared);
    expected = prepared;
    SUBCASE("exactly the announced files come") {
      pub.add("late/u.xlsx", "U");
      pub.add("b.xlsx", "B");
    }
    SUBCASE("another file comes too") {
      pub.add("late/u.xlsx", "U");
      pub.add("b.xlsx", "B");
      pub.add("c.html", "C");
      expected.insert(expected.begin() + 4, "c.html");
    }
    SUBCASE("an announced file never comes") {
      pub.add("late/u.xlsx", "U");
      expected.erase(expected.begin() + 3);
    }
    REQUIRE(pub.finish(s, d));
    files_published = pub.files();
  }
  CHECK(!s.in_place);
  CHECK(files_published == expected);
  std::vector<std::string> stamped;
  REQUIRE(decode_stamp(read_all(out / ".vitrina-output"), stamped));
  std::vector<std::string> files = expected;
  files.erase(files.begin());
  CHECK(stamped == files);
  std::vector<std::string> published = expected;
  published.insert(published.end(), {"a", "late"});
  std::sort(published.begin(), published.end());
  CHECK(paths_under(out) == published);
  CHECK(read_all(out / "a/x.html") == "X3");
  CHECK(read_all(out / "late/u.xlsx") == "U");
  CHECK(s.removed == 3);  // late/w.xlsx, old.html, gone/z.html
  fs::remove_all(dir);
}

TEST_CASE("publish: someone else's entry in the live tree: prepare leaves it all to finish, which publishes in place") {
  fs::path dir = fs::temp_directory_path() / ("vitrina-publish-prepare-foreign-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const PublishPlace place = place_in(dir);
  const fs::path out = place.out;
  Diagnostics d;
  PublishStats s;
  REQUIRE(publish(place, {{"a.html", "A"}, {"b.xlsx", "B"}}, s, d));
  REQUIRE(publish(place, {{"a.html", "A"}, {"b.xlsx", "B"}}, s, d));
  std::ofstream(out / "notes.txt") << "mine";
  {
    Publisher pub(place);
    REQUIRE(pub.begin(d));
    pub.add("a.html", "A2");
    pub.prepare({"b.xlsx"});
    CHECK(pub.prepared_files().empty());
    pub.add("b.xlsx", "B2");
    REQUIRE(pub.finish(s, d));
  }
  CHECK(s.in_place);
  CHECK(read_all(out / "notes.txt") == "mine");
  CHECK(read_all(out / "a.html") == "A2");
  CHECK(read_all(out / "b.xlsx") == "B2");
  fs::remove_all(dir);
}

namespace {
// A listing's entries, as "path/" (a folder) or "path inode" (a file), sorted.
std::vector<std::string> entries_of(TreeListing listing) {
  listing.index_inodes();
  std::vector<std::string> all;
  listing.each([&](std::string_view rel, bool dir) {
    all.push_back(std::string(rel) + (dir ? "/" : " " + std::to_string(listing.inode_of(rel))));
  });
  std::sort(all.begin(), all.end());
  return all;
}
}  // namespace

// The first rebuild after a build from scratch stages afresh (there is no previous tree): the
// tree it publishes is listed then, so that the next build reads again only the folders
// changed since, or in the clock tick that listing began; a change made right after is seen.
TEST_CASE("publish: a tree staged afresh is listed once published, and a change made right after is still seen") {
  const fs::path dir = fs::temp_directory_path() / ("vitrina-publish-fresh-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const PublishPlace place = place_in(dir);
  const std::vector<OutputFile> files{{"p/a/x.html", "X"}, {"p/b.html", "B"}, {"q/d.html", "D"}};
  auto build = [&](const std::string& s_html, bool pause) {
    Diagnostics d;
    Publisher pub(place, true);
    REQUIRE(pub.begin(d));
    for (const auto& f : files) CHECK(pub.keep(f.path, inode_of(place.out / f.path)));
    pub.add("s.html", s_html);
    if (pause) ::usleep(50'000);  // the staged folders' last changes lie clock ticks before the listing
    PublishStats s;
    REQUIRE(pub.finish(s, d));
    return summary(s);
  };
  std::vector<OutputFile> gen1 = files;
  gen1.push_back({"s.html", "S1"});
  Diagnostics d;
  PublishStats s1;
  REQUIRE(publish(place, gen1, s1, d));
  CHECK(!fs::exists(place.work / "listing-live"));  // a build from scratch lists nothing

  CHECK(build("S2", true) == "1 written, 3 kept, 0 removed");
  const TreeListing listed = read_listing(place.work / "listing-live");
  CHECK(entries_of(listed) == entries_of(list_tree(place.out)));
  CHECK(entries_of(listed) == std::vector<std::string>{".vitrina-output " + std::to_string(inode_of(place.out / ".vitrina-output")),
                                                       "p/", "p/a/", "p/a/x.html " + std::to_string(inode_of(place.out / "p/a/x.html")),
                                                       "p/b.html " + std::to_string(inode_of(place.out / "p/b.html")), "q/",
                                                       "q/d.html " + std::to_string(inode_of(place.out / "q/d.html")),
                                                       "s.html " + std::to_string(inode_of(place.out / "s.html"))});
  // Only the top folder changed as the build ended (the stamp, the swap), maybe in the tick the
  // listing began: the others are trusted.
  CHECK(list_tree(place.out, listed, false, place.work).folders_read() <= 1);

  // Someone's file, added at once: seen, so the next build publishes in place around it.
  std::ofstream(place.out / "p/a/notes.txt") << "mine";
  CHECK(build("S3", false) == "1 written, 3 kept, 0 removed, in place");
  CHECK(read_all(place.out / "p/a/notes.txt") == "mine");
  CHECK(read_all(place.out / "s.html") == "S3");

  // A file kept twice into a fresh staging tree is an error, and the live tree stays.
  fs::remove_all(place.work / "prev");
  {
    Publisher pub(place, true);
    REQUIRE(pub.begin(d));
    CHECK(pub.keep("p/b.html", inode_of(place.out / "p/b.html")));
    CHECK(!pub.keep("p/b.html", inode_of(place.out / "p/b.html")));
    Diagnostics dup;
    PublishStats s;
    CHECK(!pub.finish(s, dup));
    CHECK(dup.has_errors());
  }
  CHECK(read_all(place.out / "s.html") == "S3");
  CHECK(!fs::exists(place.work / "staging"));
  fs::remove_all(dir);
}

// keep_all() notes the files the base tree's listing holds apart from the others: a path kept
// twice, or both kept and written, in either order, is still an error, and nothing is published.
TEST_CASE("publish: a file kept together twice, or kept and written, is an error") {
  const fs::path dir = fs::temp_directory_path() / ("vitrina-publish-twice-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const PublishPlace place = place_in(dir);
  const std::vector<OutputFile> files{
      {"p/a.html", "A"}, {"p/b.html", "B"}, {"q/c.html", "C"}, {"q-x/d.html", "D"}, {"r-x/e.html", "E"}, {"s.html", "S"}};
  Diagnostics d;
  PublishStats s;
  REQUIRE(publish(place, files, s, d));
  REQUIRE(publish(place, files, s, d));  // prev/ now holds the live files: the next staging base
  auto kept = [&](std::initializer_list<const char*> rels) {
    std::vector<Publisher::KeptFile> all;
    for (const char* rel : rels) all.push_back({rel, inode_of(place.out / rel)});
    return all;
  };
  auto fails = [&](const std::function<void(Publisher&)>& stage) {
    Publisher pub(place, true);
    REQUIRE(pub.begin(d));
    stage(pub);
    Diagnostics dup;
    PublishStats st;
    CHECK(!pub.finish(st, dup));
    CHECK(dup.has_errors());
    CHECK(read_all(place.out / "s.html") == "S");
  };
  fails([&](Publisher& pub) { CHECK(pub.keep_all(kept({"p/a.html", "p/a.html"}), 2) == std::vector<char>{1, 0}); });
  fails([&](Publisher& pub) {
    CHECK(pub.keep_all(kept({"p/a.html"}), 2) == std::vector<char>{1});
    pub.add("p/a.html", "A2");
  });
  fails([&](Publisher& pub) {
    pub.add("p/a.html", "A2");
    CHECK(pub.keep_all(kept({"p/a.html", "p/b.html"}), 2) == std::vector<char>{0, 1});
  });
  fails([&](Publisher& pub) {
    CHECK(pub.keep_all(kept({"p/a.html"}), 2) == std::vector<char>{1});
    CHECK(!pub.keep("p/a.html", inode_of(place.out / "p/a.html")));
  });
  // Kept together in two calls, q/c.html no longer made, and an empty folder left in prev/: the
  // same tree as one build that writes them (q/ and r/ go, although q-x/ and r-x/, whose names
  // start like theirs, hold kept files).
  fs::create_directories(place.work / "prev/r");
  {
    Publisher pub(place, true);
    REQUIRE(pub.begin(d));
    CHECK(pub.keep_all(kept({"p/b.html"}), 2) == std::vector<char>{1});
    CHECK(pub.keep_all(kept({"q-x/d.html", "r-x/e.html", "p/a.html"}), 2) == std::vector<char>{1, 1, 1});
    pub.add("s.html", "S2");
    PublishStats st;
    REQUIRE(pub.finish(st, d));
    CHECK(summary(st) == "1 written, 4 kept, 1 removed");
  }
  CHECK(paths_under(place.out) == std::vector<std::string>{".vitrina-output", "p", "p/a.html", "p/b.html", "q-x",
                                                           "q-x/d.html", "r-x", "r-x/e.html", "s.html"});
  CHECK(read_all(place.out / "p/a.html") == "A");
  CHECK(read_all(place.out / "s.html") == "S2");
  fs::remove_all(dir);
}
