#include "incremental/build_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>

#include "util/atomic_file.h"
#include "util/read_file.h"

namespace vitrina {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {
// Bumped when the format or the meaning of a fingerprint changes; std::hash is part of the
// fingerprint, so its value on a fixed string guards against a different standard library.
constexpr int kCacheFormat = 4;
uint64_t hash_check() { return std::hash<std::string_view>{}("vitrina-cache"); }

std::string hex(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}
uint64_t unhex(const json& j) { return j.is_string() ? std::stoull(j.get<std::string>(), nullptr, 16) : 0; }
}  // namespace

namespace {

bool from_stat(const struct stat& st, CachedFile& f) {
  if (!S_ISREG(st.st_mode)) return false;
  f.size = static_cast<uintmax_t>(st.st_size);
  f.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  f.inode = static_cast<uint64_t>(st.st_ino);
  return true;
}

bool same_file(const CachedFile& now, const CachedFile& f) {
  return now.size == f.size && now.mtime_ns == f.mtime_ns && now.inode == f.inode;
}

}  // namespace

bool stat_output(const fs::path& out_dir, const std::string& rel, CachedFile& f) {
  struct stat st;
  return ::lstat((out_dir / rel).c_str(), &st) == 0 && from_stat(st, f);
}

bool unchanged(const fs::path& out_dir, const CachedFile& f) {
  CachedFile now;
  return stat_output(out_dir, f.path, now) && same_file(now, f);
}

bool unchanged(int out_fd, const CachedFile& f) {
  struct stat st;
  CachedFile now;
  return ::fstatat(out_fd, f.path.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && from_stat(st, now) && same_file(now, f);
}

bool tree_unchanged(const fs::path& out_dir, const std::vector<CachedFile>& files) {
  if (files.empty()) return false;
  for (const auto& f : files)
    if (!unchanged(out_dir, f)) return false;
  return true;
}

namespace {

// One JSON string literal, as nlohmann writes it (never throws: invalid UTF-8 is replaced).
// Printable ASCII other than a quote or a backslash is written as it is: output paths nearly
// always are, and the cache quotes ~70 000 strings at N = 300 (a json value for each cost
// ~1 % of a one-value rebuild).
std::string quoted(const std::string& s) {
  const bool plain = std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; });
  if (plain) return '"' + s + '"';
  return json(s).dump(-1, ' ', false, json::error_handler_t::replace);
}

// Reads the JSON string literal at text[pos] and moves pos past it and one separator.
bool unquote(const std::string& text, size_t& pos, std::string& out) {
  if (pos >= text.size() || text[pos] != '"') return false;
  size_t end = pos + 1;
  bool escaped = false;
  while (end < text.size() && text[end] != '"') {
    if (text[end] == '\\') {
      escaped = true;
      ++end;
    }
    ++end;
  }
  if (end >= text.size()) return false;
  out = escaped ? json::parse(text.substr(pos, end + 1 - pos)).get<std::string>() : text.substr(pos + 1, end - pos - 1);
  pos = end + 2;
  return true;
}

// The next space-separated field at text[pos] (a view into `text`).
std::string_view field(const std::string& text, size_t& pos) {
  size_t end = text.find_first_of(" \n", pos);
  if (end == std::string::npos) end = text.size();
  const std::string_view f = std::string_view(text).substr(pos, end - pos);
  pos = end + 1;
  return f;
}

// The whole field as a number in `base`; throws when it is not one (the cache is then unread).
template <class T>
T number(std::string_view f, int base = 10) {
  T v{};
  const auto [end, ec] = std::from_chars(f.data(), f.data() + f.size(), v, base);
  if (ec != std::errc() || end != f.data() + f.size()) throw std::runtime_error("bad line");
  return v;
}

}  // namespace

// The cache holds one line per input and output file (a site of 1 000 programmes has over
// 100 000): a JSON header line, then "I" and "F" lines of space-separated fields with paths
// as JSON strings. Read and written line by line, without building a JSON document of the
// whole file (which cost ~100 MB at that size).
bool read_cache(const fs::path& file, BuildCache& c) {
  std::string text;
  if (!read_file(file, text) || !strip_check(text)) return false;
  try {
    size_t nl = text.find('\n');
    if (nl == std::string::npos) return false;
    const json j = json::parse(text.substr(0, nl));
    if (j.value("format", 0) != kCacheFormat || unhex(j.at("hash_check")) != hash_check()) return false;
    c.inputs = unhex(j.at("inputs"));
    c.site = unhex(j.at("site"));
    c.pages = j.at("pages").get<size_t>();
    for (const auto& [id, fp] : j.at("programmes").items()) c.programmes[id] = unhex(fp);
    for (const auto& d : j.at("diagnostics")) {
      Diagnostic x;
      x.severity = d.at("severity").get<std::string>() == "error" ? Severity::Error : Severity::Warning;
      x.file = d.at("file").get<std::string>();
      x.line = d.at("line").get<int>();
      x.column = d.at("column").get<int>();
      x.message = d.at("message").get<std::string>();
      x.pointer = d.at("pointer").get<std::string>();
      x.code = d.at("code").get<std::string>();
      x.acknowledged = d.at("acknowledged").get<bool>();
      c.diagnostics.push_back(std::move(x));
    }
    size_t pos = nl + 1;
    c.files.reserve(static_cast<size_t>(std::count(text.begin() + static_cast<std::ptrdiff_t>(pos), text.end(), '\n')));
    while (pos < text.size()) {
      const char kind = text[pos];
      pos += 2;
      std::string name;
      if (!unquote(text, pos, name)) throw std::runtime_error("bad line");
      if (kind == 'I') {
        InputStamp st;
        st.size = number<uint64_t>(field(text, pos));
        st.mtime_ns = number<int64_t>(field(text, pos));
        st.inode = number<uint64_t>(field(text, pos));
        st.hash = number<uint64_t>(field(text, pos), 16);
        st.trusted = field(text, pos) == "1";
        c.input_stamps[name] = st;
      } else if (kind == 'F') {
        CachedFile cf;
        cf.path = std::move(name);
        cf.size = number<uintmax_t>(field(text, pos));
        cf.mtime_ns = number<int64_t>(field(text, pos));
        cf.inode = number<uint64_t>(field(text, pos));
        if (!unquote(text, pos, cf.owner)) throw std::runtime_error("bad line");
        cf.sha256 = field(text, pos);
        if (cf.sha256 == "-") cf.sha256.clear();
        c.files.push_back(std::move(cf));
      } else {
        throw std::runtime_error("bad line");
      }
    }
  } catch (const std::exception&) {
    c = BuildCache{};  // unreadable: the build renders everything and writes a new one
    return false;
  }
  return true;
}

bool write_cache(const fs::path& file, const BuildCache& c, std::string& error) {
  json j;
  j["format"] = kCacheFormat;
  j["hash_check"] = hex(hash_check());
  j["inputs"] = hex(c.inputs);
  j["site"] = hex(c.site);
  j["pages"] = c.pages;
  j["programmes"] = json::object();
  for (const auto& [id, fp] : c.programmes) j["programmes"][id] = hex(fp);
  json diags = json::array();
  for (const auto& d : c.diagnostics)
    diags.push_back({{"severity", d.severity == Severity::Error ? "error" : "warning"},
                     {"file", d.file},
                     {"line", d.line},
                     {"column", d.column},
                     {"message", d.message},
                     {"pointer", d.pointer},
                     {"code", d.code},
                     {"acknowledged", d.acknowledged}});
  j["diagnostics"] = std::move(diags);
  std::string text = j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
  text.reserve(text.size() + 96 * (c.input_stamps.size() + c.files.size()));
  auto num = [&](auto v) { text += std::to_string(v); };
  for (const auto& [name, st] : c.input_stamps) {
    text += "I " + quoted(name) + ' ';
    num(st.size), text += ' ', num(st.mtime_ns), text += ' ', num(st.inode);
    text += ' ' + hex(st.hash) + (st.trusted ? " 1\n" : " 0\n");
  }
  for (const auto& f : c.files) {
    text += "F " + quoted(f.path) + ' ';
    num(f.size), text += ' ', num(f.mtime_ns), text += ' ', num(f.inode);
    text += ' ' + quoted(f.owner) + ' ' + (f.sha256.empty() ? "-" : f.sha256) + '\n';
  }
  append_check(text);  // a file cut short (a full disk) or altered fails read_cache
  // A killed or failed write leaves the previous cache or none, never part of this one.
  return write_file_atomically(file, text, error);
}

}  // namespace vitrina
