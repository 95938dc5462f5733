#include "incremental/fingerprint.h"

#include <sys/stat.h>
#include <time.h>

#include <algorithm>
#include <functional>

#include "util/read_file.h"

namespace vitrina {

namespace fs = std::filesystem;

Hasher& Hasher::add(std::string_view bytes) {
  add(static_cast<uint64_t>(bytes.size()));
  return add(static_cast<uint64_t>(std::hash<std::string_view>{}(bytes)));
}

Hasher& Hasher::add(uint64_t v) {
  // splitmix64 finaliser over the running state: order-sensitive, well mixed.
  uint64_t z = h_ ^ (v + 0x9e3779b97f4a7c15ull + (h_ << 6) + (h_ >> 2));
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  h_ = z ^ (z >> 31);
  return *this;
}

uint64_t InputFingerprint::all() const {
  Hasher h;
  h.add(site);
  for (const auto& [name, value] : programmes) h.add(name).add(value);
  return h.value();
}

std::string folder_after(const std::string& rel, std::string_view prefix) {
  if (rel.compare(0, prefix.size(), prefix) != 0) return "";
  const size_t slash = rel.find('/', prefix.size());
  return slash == std::string::npos ? "" : rel.substr(prefix.size(), slash - prefix.size());
}

std::string input_owner(const std::string& rel) {
  if (std::string id = folder_after(rel, "data/programmes/"); !id.empty()) return id;
  return folder_after(rel, "content/");
}

namespace {

struct Scan {
  const InputStamps& previous;
  InputStamps& stamps;
  size_t& files_read;
  int64_t now_ns;
  std::vector<std::pair<std::string, uint64_t>> entries;  // (name, hash)
};

uint64_t file_hash(const fs::path& path, const std::string& name, Scan& scan) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) return 0;
  InputStamp stamp;
  stamp.size = static_cast<uint64_t>(st.st_size);
  stamp.inode = static_cast<uint64_t>(st.st_ino);
  stamp.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  auto it = scan.previous.find(name);
  if (it != scan.previous.end() && it->second.trusted && it->second.size == stamp.size &&
      it->second.inode == stamp.inode && it->second.mtime_ns == stamp.mtime_ns) {
    stamp.hash = it->second.hash;
  } else {
    std::string bytes;
    stamp.hash = read_file(path, bytes) ? Hasher().add(bytes).value() : 0;
    ++scan.files_read;
  }
  stamp.trusted = stamp.mtime_ns < scan.now_ns - 1000000000;
  scan.stamps[name] = stamp;
  return stamp.hash;
}

// (name, hash) of every entry under root/sub. A symbolic link is hashed by its target (the
// loader refuses it, but a changed link must still count as a change).
void scan_dir(const fs::path& root, const std::string& sub, const std::string& prefix, Scan& scan) {
  std::error_code ec;
  const fs::path dir = root / sub;
  if (!fs::exists(dir, ec)) return;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    // The iterator yields dir/<relative>: strip the prefix (fs::relative would stat each part).
    const std::string name = prefix + sub + it->path().native().substr(dir.native().size());
    if (it->is_symlink(ec)) {
      scan.entries.emplace_back(name, Hasher().add("symlink:" + fs::read_symlink(it->path(), ec).string()).value());
    } else if (it->is_regular_file(ec)) {
      scan.entries.emplace_back(name, file_hash(it->path(), name, scan));
    } else if (it->is_directory(ec)) {
      scan.entries.emplace_back(name + "/", 1);  // an empty folder can matter (a programme folder)
    }
  }
}

}  // namespace

InputFingerprint fingerprint_inputs(const fs::path& site_dir, const fs::path& share_dir, const std::string& settings,
                                    const InputStamps& previous) {
  InputFingerprint fp;
  struct timespec now;
  ::clock_gettime(CLOCK_REALTIME, &now);
  Scan scan{previous, fp.stamps, fp.files_read, static_cast<int64_t>(now.tv_sec) * 1000000000 + now.tv_nsec, {}};
  for (const char* sub : {"data", "content", "templates", "themes"}) scan_dir(site_dir, sub, "", scan);
  for (const char* sub : {"templates", "themes"}) scan_dir(share_dir, sub, "share:", scan);
  std::sort(scan.entries.begin(), scan.entries.end());
  Hasher site;
  site.add(settings);
  std::map<std::string, Hasher> programmes, data_folders;
  for (const auto& [name, hash] : scan.entries) {
    const std::string owner = input_owner(name);
    Hasher& h = owner.empty() ? site : programmes[owner];
    h.add(name).add(hash);
    if (std::string folder = folder_after(name, "data/programmes/"); !folder.empty())
      data_folders[folder].add(name).add(hash);
  }
  fp.site = site.value();
  for (const auto& [name, h] : programmes) fp.programmes[name] = h.value();
  for (const auto& [name, h] : data_folders) fp.data_folders[name] = h.value();
  return fp;
}

}  // namespace vitrina
