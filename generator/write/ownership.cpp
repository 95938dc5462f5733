#include "write/ownership.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "text/messages.h"
#include "util/atomic_file.h"
#include "util/read_file.h"
#include "write/lock.h"

namespace vitrina {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::string_view kStampHeader = "vitrina-output 1";
// Beside the cache folder's other files: the single files Vitrina wrote (annex -o …).
constexpr const char* kWrittenFiles = "written-files";

fs::path canonical_or_absolute(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(fs::absolute(p, ec), ec);
  return ec ? fs::absolute(p).lexically_normal() : c;
}

// A JSON string literal; names without quotes, backslashes or control characters (all of a
// site's, in practice) are copied as they are: a stamp lists tens of thousands.
std::string json_quoted(const std::string& s) {
  if (std::none_of(s.begin(), s.end(), [](char c) { return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20; }))
    return '"' + s + '"';
  return json(s).dump(-1, ' ', false, json::error_handler_t::replace);
}

// The JSON string at the start of `line`; false when there is none. `rest`: what follows it.
bool leading_string(std::string_view line, std::string& out, std::string_view* rest = nullptr) {
  if (line.empty() || line[0] != '"') return false;
  // Usually no escape comes before the closing quote: both are found with memchr (a stamp has
  // ~34 000 lines at N = 300, read at the start of every build).
  size_t end = line.find('"', 1);
  const bool escaped = line.substr(1, end == std::string_view::npos ? line.size() : end - 1).find('\\') != std::string_view::npos;
  if (escaped)
    for (end = 1; end < line.size() && line[end] != '"';) end += line[end] == '\\' ? 2 : 1;
  if (end >= line.size()) return false;
  const std::string_view literal = line.substr(0, end + 1);
  if (!escaped) {
    out.assign(literal.substr(1, literal.size() - 2));
  } else {
    try {
      out = json::parse(literal).get<std::string>();
    } catch (const std::exception&) {
      return false;
    }
  }
  if (rest) *rest = line.substr(end + 1);
  return true;
}

// Every line of `text` (without its "\n").
template <class F>
void each_line(std::string_view text, const F& f) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    f(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
}

bool is_real_dir(const fs::path& p) {
  struct stat st;
  return ::lstat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// 64-bit FNV-1a: a name for a path that stays the same from one program version to the next.
uint64_t fnv1a(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ull;
  return h;
}

// The files Vitrina wrote on its own (not into an output folder), with the stamp each had then.
struct WrittenFile {
  uintmax_t size = 0;
  int64_t mtime_ns = 0;
  uint64_t inode = 0;
};

bool stamp_of(const fs::path& file, WrittenFile& w) {
  struct stat st;
  if (::lstat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  w.size = static_cast<uintmax_t>(st.st_size);
  w.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  w.inode = static_cast<uint64_t>(st.st_ino);
  return true;
}

std::map<std::string, WrittenFile> read_written(const fs::path& cache_root) {
  std::map<std::string, WrittenFile> out;
  std::string text;
  if (!read_file(cache_root / kWrittenFiles, text)) return out;
  each_line(text, [&](std::string_view line) {
    std::string path;
    std::string_view after;
    if (!leading_string(line, path, &after)) return;
    WrittenFile w;
    std::istringstream rest{std::string(after)};
    if (rest >> w.size >> w.mtime_ns >> w.inode) out[path] = w;
  });
  return out;
}

}  // namespace

fs::path resolve_target(const fs::path& p) {
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec);
  if (ec) abs = p;
  while (!abs.has_filename() && abs.has_relative_path()) abs = abs.parent_path();  // "public/" → "public"
  const fs::path name = abs.filename();
  if (name.empty() || name == "." || name == "..") return canonical_or_absolute(abs);
  return canonical_or_absolute(abs.parent_path()) / name;
}

bool is_within(const fs::path& p, const fs::path& dir) {
  auto a = p.begin(), b = dir.begin();
  for (; b != dir.end(); ++a, ++b) {
    if (b->empty() && std::next(b) == dir.end()) break;  // a trailing "/" of `dir`
    if (a == p.end() || *a != *b) return false;
  }
  return true;
}

SiteFolders site_folders(const fs::path& site_dir, const fs::path& cache_dir, const fs::path& share_dir) {
  SiteFolders s;
  s.site = canonical_or_absolute(site_dir);
  s.cache_root = cache_dir.empty() ? s.site / ".vitrina" : canonical_or_absolute(cache_dir);
  for (const char* d : {"data", "content", "templates", "themes"}) s.inputs.push_back(canonical_or_absolute(s.site / d));
  if (!share_dir.empty())
    for (const char* d : {"templates", "themes"}) s.inputs.push_back(canonical_or_absolute(share_dir / d));
  return s;
}

std::string encode_stamp(const std::vector<std::string>& files) {
  std::string out(kStampHeader);
  out += "\n# " + tr("stamp.output") + "\n";
  for (const auto& f : files) out += json_quoted(f) + "\n";
  return out;
}

bool decode_stamp(std::string_view text, std::vector<std::string>& files) {
  if (text.substr(0, kStampHeader.size()) != kStampHeader ||
      (text.size() > kStampHeader.size() && text[kStampHeader.size()] != '\n'))
    return false;
  files.clear();
  each_line(text, [&](std::string_view line) {
    std::string f;
    if (leading_string(line, f)) files.push_back(std::move(f));
  });
  return true;
}

namespace {

// The stamp's text, if `out` has one; only its first line when `whole` is false.
bool read_stamp(const fs::path& out, std::string& text, bool whole) {
  const fs::path stamp = out / kOutputStamp;
  struct stat st;
  if (::lstat(stamp.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  if (whole) return read_file(stamp, text);
  const int fd = ::open(stamp.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return false;
  text.resize(kStampHeader.size() + 1);
  const ssize_t n = ::read(fd, text.data(), text.size());
  ::close(fd);
  text.resize(n > 0 ? static_cast<size_t>(n) : 0);
  return true;
}

}  // namespace

OutputFolder inspect_output_folder(const fs::path& out) { return inspect_output_folder(out, true); }

OutputFolder inspect_output_folder(const fs::path& out, bool list) {
  OutputFolder f;
  if (!is_real_dir(out)) return f;
  f.exists = true;
  std::error_code ec;
  f.empty = fs::directory_iterator(out, ec) == fs::directory_iterator();
  std::string text;
  struct stat st;
  std::vector<std::string> files;
  if (read_stamp(out, text, list) && decode_stamp(text, files)) {
    f.stamped = true;
    if (list) f.ours = std::move(files);
    return f;
  }
  // Vitrina before stamps kept a cache beside the folder: its "F" lines list the files it wrote.
  const fs::path legacy = out.parent_path() / ("." + out.filename().string() + ".vitrina-cache");
  if (::lstat(legacy.c_str(), &st) == 0 && S_ISREG(st.st_mode) && read_file(legacy, text) &&
      text.rfind("{\"", 0) == 0) {
    each_line(text, [&](std::string_view line) {
      std::string path;
      if (line.size() > 2 && line.substr(0, 2) == "F " && leading_string(line.substr(2), path))
        f.ours.push_back(std::move(path));
    });
    f.stamped = f.legacy = true;
  }
  return f;
}

void remove_legacy_siblings(const fs::path& out) {
  const std::string prefix = "." + out.filename().string() + ".";
  std::error_code ec;
  std::vector<fs::path> old;
  for (const auto& e : fs::directory_iterator(out.parent_path(), ec)) {
    const std::string n = e.path().filename().string();
    if (n.rfind(prefix, 0) != 0) continue;
    const std::string rest = n.substr(prefix.size());
    if (rest == "vitrina-cache" || rest == "vitrina-model" || rest == "vitrina-search" || rest == "prev" || rest.rfind("staging-", 0) == 0 ||
        rest.rfind("old-", 0) == 0 || rest.rfind("vitrina-cache.tmp-", 0) == 0)
      old.push_back(e.path());
  }
  for (const auto& p : old) fs::remove_all(p, ec);  // a link among them is removed, never followed
}

std::string refuse_output_folder(const SiteFolders& site, const fs::path& out, bool force) {
  const std::string o = out.string();
  const char* home = std::getenv("HOME");
  if (out == out.root_path() || (home && *home && out == canonical_or_absolute(home)))
    return tr("out.root_or_home", {o});
  if (is_within(site.site, out)) return tr("out.contains_site", {o, site.site.string()});
  for (const auto& in : site.inputs)
    if (is_within(out, in)) return tr("out.inside_input", {o, in.string()});
  if (is_within(out, site.cache_root)) return tr("out.inside_cache", {o, site.cache_root.string()});
  if (is_within(site.cache_root, out)) return tr("out.contains_cache", {o, site.cache_root.string()});
  return refuse_unowned_folder(out, force);
}

std::string refuse_unowned_folder(const fs::path& out, bool force) {
  const std::string o = out.string();
  struct stat st;
  if (::lstat(out.c_str(), &st) != 0) return "";  // a new folder
  if (S_ISLNK(st.st_mode)) return tr("out.symlink", {o, canonical_or_absolute(out).string()});
  if (!S_ISDIR(st.st_mode)) return tr("out.not_folder", {o});
  const OutputFolder f = inspect_output_folder(out, false);
  if (f.empty || f.stamped || force) return "";
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(out, ec)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return tr("out.foreign", {o, names.empty() ? "" : names.front(), std::to_string(names.size())});
}

std::string refuse_output_file(const SiteFolders& site, const fs::path& file, bool force) {
  const std::string f = file.string();
  for (const auto& in : site.inputs)
    if (is_within(file, in)) return tr("file.is_input", {f, in.string()});
  if (is_within(file, site.cache_root)) return tr("file.in_cache", {f, site.cache_root.string()});
  struct stat st;
  for (fs::path dir = file.parent_path();; dir = dir.parent_path()) {
    const fs::path stamp = dir / kOutputStamp;
    if (::lstat(stamp.c_str(), &st) == 0 && S_ISREG(st.st_mode)) return tr("file.in_output", {f, dir.string()});
    if (dir == dir.root_path() || dir.empty()) break;
  }
  if (::lstat(file.c_str(), &st) != 0) return "";
  if (S_ISDIR(st.st_mode)) return tr("file.is_folder", {f});
  if (force) return "";
  const auto written = read_written(site.cache_root);
  auto it = written.find(f);
  WrittenFile now;
  if (it == written.end() || !S_ISREG(st.st_mode)) return tr("file.foreign", {f});
  if (!stamp_of(file, now) || now.size != it->second.size || now.mtime_ns != it->second.mtime_ns ||
      now.inode != it->second.inode)
    return tr("file.changed", {f});
  return "";
}

std::string write_output_file(const SiteFolders& site, const fs::path& file, std::string_view bytes) {
  std::string error;
  if (!write_file_atomically(file, bytes, error)) return tr("file.write_failed", {file.string(), error});
  // Recorded so that the next run may replace it (best effort: without the record, the next
  // run asks for --force).
  std::error_code ec;
  fs::create_directories(site.cache_root, ec);
  FileLock lock;
  if (lock.take(site.cache_root / (std::string(kWrittenFiles) + ".lock"), -1, {}, error) != FileLock::Result::Taken)
    return "";
  auto written = read_written(site.cache_root);
  for (auto it = written.begin(); it != written.end();) {  // forget files that are gone
    WrittenFile w;
    it = stamp_of(it->first, w) ? std::next(it) : written.erase(it);
  }
  stamp_of(file, written[file.string()]);
  std::string text;
  for (const auto& [path, w] : written)
    text += json_quoted(path) + " " + std::to_string(w.size) + " " + std::to_string(w.mtime_ns) + " " +
            std::to_string(w.inode) + "\n";
  write_file_atomically(site.cache_root / kWrittenFiles, text, error);
  return "";
}

OutputWork output_work(const fs::path& cache_root, const fs::path& out) {
  std::string name;
  for (char c : out.filename().string().substr(0, 40))
    name += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') ? c : '_';
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(fnv1a(out.native())));
  OutputWork w;
  w.dir = cache_root / "builds" / ((name.empty() || name[0] == '.' ? "out" + name : name) + "-" + hash);
  w.record = w.dir / "output";
  w.lock = w.dir / "lock";
  w.cache = w.dir / "build-cache";
  w.snapshots = w.dir / "snapshots";
  w.results = w.dir / "results";
  w.search = w.dir / "search";
  w.prev = w.dir / "prev";
  w.staging = w.dir / "staging";
  return w;
}

void prune_output_work(const fs::path& cache_root, const fs::path& keep) {
  std::error_code ec;
  std::vector<fs::path> works;
  for (const auto& e : fs::directory_iterator(cache_root / "builds", ec))
    if (e.path() != keep && is_real_dir(e.path())) works.push_back(e.path());
  for (const auto& w : works) {
    std::string out;
    if (!read_file(w / "output", out) || out.empty()) continue;  // not recorded: left alone
    const fs::path folder = out, parent = folder.parent_path();
    struct stat st;
    if (::lstat(folder.c_str(), &st) == 0) continue;
    // A build of that folder holds its parent's lock from before it creates its private folder
    // until it ends: only a folder nobody is building is removed.
    FileLock lock;
    std::string error;
    const bool parent_exists = ::stat(parent.c_str(), &st) == 0;
    if (parent_exists && lock.take(parent, 0, {}, error) != FileLock::Result::Taken) continue;
    if (::lstat(folder.c_str(), &st) != 0) fs::remove_all(w, ec);
  }
}

void mark_cache_folder(const fs::path& cache_root) {
  const fs::path tag = cache_root / "CACHEDIR.TAG";
  std::error_code ec;
  if (fs::exists(fs::symlink_status(tag, ec))) return;
  std::string error;
  write_file_atomically(tag,
                        "Signature: 8a477f597d28d172789f06886806bc55\n# " + tr("stamp.cache_folder") + "\n# " +
                            tr("stamp.cache_removable") + "\n",
                        error);
}

}  // namespace vitrina
