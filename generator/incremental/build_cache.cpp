#include "incremental/build_cache.h"

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>

#include "util/read_file.h"

namespace vitrina {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {
// Bumped when the format or the meaning of a fingerprint changes; std::hash is part of the
// fingerprint, so its value on a fixed string guards against a different standard library.
constexpr int kCacheFormat = 2;
uint64_t hash_check() { return std::hash<std::string_view>{}("vitrina-cache"); }

std::string hex(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}
uint64_t unhex(const json& j) { return j.is_string() ? std::stoull(j.get<std::string>(), nullptr, 16) : 0; }
}  // namespace

fs::path cache_path(const fs::path& out_dir) {
  const fs::path out = fs::absolute(out_dir).lexically_normal();
  return out.parent_path() / ("." + out.filename().string() + ".vitrina-cache");
}

std::string output_owner(const std::string& rel) {
  auto folder_after = [&](std::string_view prefix) -> std::string {
    if (rel.compare(0, prefix.size(), prefix) != 0) return "";
    const size_t slash = rel.find('/', prefix.size());
    return slash == std::string::npos ? "" : rel.substr(prefix.size(), slash - prefix.size());
  };
  if (std::string id = folder_after("programmes/"); !id.empty()) return id;
  if (std::string id = folder_after("data/"); !id.empty()) return id;
  if (rel.compare(0, 5, "xlsx/") == 0 && rel.size() > 10 && rel.compare(rel.size() - 5, 5, ".xlsx") == 0 &&
      rel.find('/', 5) == std::string::npos)
    return rel.substr(5, rel.size() - 10);
  return "";
}

bool stat_output(const fs::path& out_dir, const std::string& rel, CachedFile& f) {
  struct stat st;
  if (::lstat((out_dir / rel).c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  f.size = static_cast<uintmax_t>(st.st_size);
  f.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  f.inode = static_cast<uint64_t>(st.st_ino);
  return true;
}

bool unchanged(const fs::path& out_dir, const CachedFile& f) {
  CachedFile now;
  return stat_output(out_dir, f.path, now) && now.size == f.size && now.mtime_ns == f.mtime_ns &&
         now.inode == f.inode;
}

bool tree_unchanged(const fs::path& out_dir, const std::vector<CachedFile>& files) {
  size_t count = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(out_dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_directory(ec)) ++count;
  }
  if (ec || count != files.size()) return false;
  for (const auto& f : files)
    if (!unchanged(out_dir, f)) return false;
  return true;
}

bool read_cache(const fs::path& file, BuildCache& c) {
  std::string text;
  if (!read_file(file, text)) return false;
  try {
    const json j = json::parse(text);
    if (j.value("format", 0) != kCacheFormat || unhex(j.at("hash_check")) != hash_check()) return false;
    c.inputs = unhex(j.at("inputs"));
    c.site = unhex(j.at("site"));
    c.pages = j.at("pages").get<size_t>();
    for (const auto& [id, fp] : j.at("programmes").items()) c.programmes[id] = unhex(fp);
    for (const auto& i : j.at("input_files")) {
      InputStamp st;
      st.size = i.at(1).get<uint64_t>();
      st.mtime_ns = i.at(2).get<int64_t>();
      st.inode = i.at(3).get<uint64_t>();
      st.hash = unhex(i.at(4));
      st.trusted = i.at(5).get<bool>();
      c.input_stamps[i.at(0).get<std::string>()] = st;
    }
    for (const auto& f : j.at("files")) {
      CachedFile cf;
      cf.path = f.at(0).get<std::string>();
      cf.size = f.at(1).get<uintmax_t>();
      cf.mtime_ns = f.at(2).get<int64_t>();
      cf.inode = f.at(3).get<uint64_t>();
      cf.owner = f.at(4).get<std::string>();
      cf.sha256 = f.at(5).get<std::string>();
      c.files.push_back(std::move(cf));
    }
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
  } catch (const std::exception&) {
    c = BuildCache{};  // unreadable: the build renders everything and writes a new one
    return false;
  }
  return true;
}

bool write_cache(const fs::path& file, const BuildCache& c) {
  json j;
  j["format"] = kCacheFormat;
  j["hash_check"] = hex(hash_check());
  j["inputs"] = hex(c.inputs);
  j["site"] = hex(c.site);
  j["pages"] = c.pages;
  j["programmes"] = json::object();
  for (const auto& [id, fp] : c.programmes) j["programmes"][id] = hex(fp);
  json inputs = json::array();
  for (const auto& [name, st] : c.input_stamps)
    inputs.push_back(json::array({name, st.size, st.mtime_ns, st.inode, hex(st.hash), st.trusted}));
  j["input_files"] = std::move(inputs);
  json files = json::array();
  for (const auto& f : c.files) files.push_back(json::array({f.path, f.size, f.mtime_ns, f.inode, f.owner, f.sha256}));
  j["files"] = std::move(files);
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
  // Written beside and renamed: a killed build leaves the old cache or the new one, whole.
  fs::path tmp = file;
  tmp += ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream o(tmp, std::ios::binary);
    o << j.dump() << "\n";
    if (!o) return false;
  }
  std::error_code ec;
  fs::rename(tmp, file, ec);
  if (ec) fs::remove(tmp, ec);
  return !ec;
}

}  // namespace vitrina
