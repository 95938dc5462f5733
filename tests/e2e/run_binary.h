// Runs the built `vitrina` binary for end-to-end tests and captures its output.
#pragma once
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "write/ownership.h"

struct RunResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// The binary under test: the one built with the tests, or $VITRINA_TEST_BINARY (to show that a
// test fails on an older build).
inline std::string vitrina_binary() {
  const char* other = std::getenv("VITRINA_TEST_BINARY");
  return other && *other ? other : VITRINA_BINARY;
}

// `env` is a prefix of VAR=value assignments for the shell ("" for none).
inline RunResult run_vitrina_env(const std::string& env, const std::string& args) {
  std::string cmd = env + (env.empty() ? "" : " ") + vitrina_binary() + " " + args + " 2>&1";
  RunResult r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.output.append(buf.data(), n);
  int st = ::pclose(p);
  r.exit_code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

inline RunResult run_vitrina(const std::string& args) { return run_vitrina_env("", args); }

inline std::string fixture(const std::string& name) {
  return std::string(VITRINA_SOURCE_DIR) + "/tests/fixtures/" + name;
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Replaces the first `from` in `file` by `to`; the test stops when `from` is not there.
inline void replace_once(const std::filesystem::path& file, const std::string& from, const std::string& to) {
  std::string text = slurp(file);
  const size_t at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  text.replace(at, from.size(), to);
  std::ofstream(file, std::ios::binary) << text;
}

// A fresh empty temporary folder for one test.
inline std::filesystem::path temp_dir(const std::string& tag) {
  auto d = std::filesystem::temp_directory_path() / ("vitrina-test-" + tag + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d;
}

// The private folder of output `out` built from `site` (<site>/.vitrina/builds/<…>/: build-cache,
// snapshots/, prev/).
inline std::filesystem::path work_folder(const std::filesystem::path& site, const std::filesystem::path& out) {
  return vitrina::output_work(vitrina::site_folders(site, {}, {}).cache_root, vitrina::resolve_target(out)).dir;
}

// Copies a site folder without its cache folder (.vitrina/), which another test may be
// writing into while this one copies (tests build the fixtures in place).
inline void copy_site(const std::filesystem::path& from, const std::filesystem::path& to) {
  std::filesystem::create_directories(to);
  for (const auto& e : std::filesystem::directory_iterator(from))
    if (e.path().filename() != ".vitrina")
      std::filesystem::copy(e.path(), to / e.path().filename(), std::filesystem::copy_options::recursive);
}

// Relative path → bytes of every regular file under `root`.
inline std::map<std::string, std::string> tree(const std::filesystem::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root))
    if (e.is_regular_file()) files[std::filesystem::relative(e.path(), root).generic_string()] = slurp(e.path());
  return files;
}

// The lines of `out` that contain `needle`.
inline std::vector<std::string> lines_with(const std::string& out, const std::string& needle) {
  std::vector<std::string> r;
  std::stringstream ss(out);
  for (std::string l; std::getline(ss, l);)
    if (l.find(needle) != std::string::npos) r.push_back(l);
  return r;
}
