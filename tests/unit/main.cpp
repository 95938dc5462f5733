#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace {

// The tests make their folders and files in the temporary folder named vitrina-…-<pid> (or
// vitrina-…-<pid>.<ext>). They are removed when the run ends, passed or failed, so repeated runs
// do not fill /tmp (ctest runs every case in a process of its own: each removes its own).
// VITRINA_KEEP_TEST_FILES=1 keeps them, to look at what a failed test left.
void remove_own_temporaries() {
  namespace fs = std::filesystem;
  if (const char* keep = std::getenv("VITRINA_KEEP_TEST_FILES"); keep && *keep && std::string(keep) != "0") return;
  const std::string pid = "-" + std::to_string(::getpid());
  std::error_code ec;
  const fs::path tmp = fs::temp_directory_path(ec);
  if (ec) return;
  for (const auto& e : fs::directory_iterator(tmp, ec)) {
    const std::string name = e.path().filename().string();
    const std::string stem = name.substr(0, name.find('.'));
    if (name.rfind("vitrina-", 0) == 0 && stem.size() > pid.size() &&
        stem.compare(stem.size() - pid.size(), pid.size(), pid) == 0)
      fs::remove_all(e.path(), ec);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const int result = doctest::Context(argc, argv).run();
  remove_own_temporaries();
  return result;
}
