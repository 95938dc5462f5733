// Atomic publication: staging, hard links for unchanged files, stale removal, safe paths.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "write/publish.h"

using namespace vitrina;
namespace fs = std::filesystem;

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
  fs::path out = dir / "output";
  Diagnostics d;
  PublishStats s1;
  REQUIRE(publish(out, {{"a.html", "A"}, {"x/b.html", "B"}, {"old.html", "O"}}, s1, d));
  CHECK(s1.written == 3);
  struct stat before;
  ::stat((out / "a.html").c_str(), &before);
  PublishStats s2;
  REQUIRE(publish(out, {{"a.html", "A"}, {"x/b.html", "B2"}}, s2, d));
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
  // No staging or old trees are left beside the output.
  int siblings = 0;
  for (const auto& e : fs::directory_iterator(dir)) (void)e, ++siblings;
  CHECK(siblings == 1);
  // An unsafe path fails the whole publication and leaves the live tree alone.
  PublishStats s3;
  CHECK(!publish(out, {{"../evil", "x"}}, s3, d));
  CHECK(fs::exists(out / "a.html"));
  CHECK(!fs::exists(dir / "evil"));
  fs::remove_all(dir);
}
