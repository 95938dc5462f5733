#include "pipeline/search_index.h"

#include <spawn.h>
#include <sys/wait.h>

#include <cstdlib>
#include <iostream>
#include <vector>

#include "pipeline/pipeline.h"
#include "text/messages.h"

extern char** environ;

namespace vitrina {

namespace fs = std::filesystem;

fs::path pagefind_binary() {
  if (const char* env = std::getenv("VITRINA_PAGEFIND"); env && *env) return env;
  fs::path p = share_dir() / "node_modules" / ".bin" / "pagefind";
  std::error_code ec;
  return fs::exists(p, ec) ? p : fs::path();
}

bool build_search_index(const fs::path& site, Diagnostics& diags, bool verbose) {
  const fs::path bin = pagefind_binary();
  if (bin.empty()) {
    if (verbose) std::cerr << "  " << tr("search.skipped") << "\n";
    return true;
  }
  // No shell: arguments go to the program as they are, whatever the folder is called.
  std::vector<std::string> args = {bin.string(), "--site", site.string(), "--keep-index-url",
                                   verbose ? "--quiet" : "--silent"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid;
  if (::posix_spawn(&pid, bin.c_str(), nullptr, nullptr, argv.data(), environ) != 0) {
    diags.error(bin.string(), 0, 0, tr("search.failed", {"spawn"}));
    return false;
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    diags.error(bin.string(), 0, 0, tr("search.failed", {std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1)}));
    return false;
  }
  return true;
}

}  // namespace vitrina
