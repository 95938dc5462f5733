// Rendering on several threads (vitrina build --jobs N) gives byte-identical output to a
// single-threaded build: every file of the tree, for the demo region and a generated corpus.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <string>

#include "run_binary.h"

namespace fs = std::filesystem;

namespace {

void check_identical(const std::string& site, const fs::path& dir) {
  for (const char* jobs : {"1", "2", "0"}) {
    auto r = run_vitrina("build --site \"" + site + "\" --out \"" + (dir / (std::string("out-j") + jobs)).string() +
                         "\" -q --jobs " + jobs);
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
  }
  const auto one = tree(dir / "out-j1");
  REQUIRE(one.size() > 10);
  for (const char* jobs : {"2", "0"}) {
    CAPTURE(jobs);
    const auto many = tree(dir / (std::string("out-j") + jobs));
    CHECK(many.size() == one.size());
    for (const auto& kv : one) {
      const std::string& path = kv.first;  // clang 14 cannot CAPTURE a structured binding
      CAPTURE(path);
      auto it = many.find(path);
      REQUIRE(it != many.end());
      CHECK(it->second == kv.second);  // compared whole: a failure names the file
    }
  }
}

}  // namespace

TEST_CASE("parallel build: --jobs 1, 2 and 0 give byte-identical trees (examples/demo)") {
  const fs::path dir = temp_dir("parallel-demo");
  check_identical(std::string(VITRINA_SOURCE_DIR) + "/examples/demo", dir);
  fs::remove_all(dir);
}

TEST_CASE("parallel build: --jobs 1, 2 and 0 give byte-identical trees (generated corpus)") {
  const fs::path dir = temp_dir("parallel-corpus");
  const std::string site = (dir / "site").string();
  const std::string gen = "/usr/bin/python3 \"" + std::string(VITRINA_SOURCE_DIR) + "/bench/gen-corpus\" \"" + site +
                          "\" --programmes 12 --jobs 1 >/dev/null 2>&1";
  REQUIRE(std::system(gen.c_str()) == 0);
  check_identical(site, dir);
  fs::remove_all(dir);
}
