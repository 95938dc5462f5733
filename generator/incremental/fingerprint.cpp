#include "incremental/fingerprint.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <time.h>

#include <algorithm>
#include <functional>


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

// Files larger than any input the loader reads (it refuses them with a diagnostic) are
// known by their stamp alone: never read, so a 3 GiB scan left in content/ costs nothing.
constexpr uint64_t kMaxHashedBytes = 64ull << 20;

// The content hash of a regular file, read in chunks (memory does not grow with the file).
// The file is opened non-blocking and checked again after opening: if it was swapped for a
// FIFO or device meanwhile, it is not read.
uint64_t content_hash(const fs::path& path, std::string& buffer) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) return 0;
  struct stat st;
  Hasher h;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    buffer.resize(64 * 1024);
    while (true) {
      size_t have = 0;  // whole chunks, so the hash does not depend on how reads split
      ssize_t n = 0;
      while (have < buffer.size() && (n = ::read(fd, buffer.data() + have, buffer.size() - have)) > 0)
        have += static_cast<size_t>(n);
      if (n < 0) {
        h = Hasher().add(uint64_t{0});
        break;
      }
      h.add(std::string_view(buffer.data(), have));
      if (have < buffer.size()) break;
    }
  }
  ::close(fd);
  return h.value();
}

// A file's entry with its lstat; one that is gone (lstat fails) hashes as 0.
InputListing::Entry stamped_entry(const fs::path& path, std::string name) {
  InputListing::Entry e{std::move(name), path, true, false, {}};
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) {
    e.stamped = false;
    return e;
  }
  e.regular = S_ISREG(st.st_mode);
  e.stamp.size = static_cast<uint64_t>(st.st_size);
  e.stamp.inode = static_cast<uint64_t>(st.st_ino);
  e.stamp.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  return e;
}

// Every entry under root/sub. A symbolic link is hashed by its target (the loader refuses
// it, but a changed link must still count as a change).
void list_dir(const fs::path& root, const std::string& sub, const std::string& prefix, InputListing& out) {
  std::error_code ec;
  const fs::path dir = root / sub;
  if (!fs::exists(dir, ec)) return;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    // The iterator yields dir/<relative>: strip the prefix (fs::relative would stat each part).
    std::string name = prefix + sub + it->path().native().substr(dir.native().size());
    if (it->is_symlink(ec)) {
      const uint64_t hash = Hasher().add("symlink:" + fs::read_symlink(it->path(), ec).string()).value();
      out.entries.push_back({std::move(name), {}, false, false, {0, 0, 0, hash, false}});
    } else if (it->is_directory(ec)) {
      // An empty folder can matter (a programme folder).
      out.entries.push_back({std::move(name) + "/", {}, false, false, {0, 0, 0, 1, false}});
    } else {
      out.entries.push_back(stamped_entry(it->path(), std::move(name)));  // a FIFO or device: never read
    }
  }
}

// The hash of a listed file: the last build's when its stamp still matches, else read (a
// special or oversized file by its stamp alone). Recorded in `stamps` for the next build.
uint64_t file_hash(const InputListing::Entry& e, int64_t listed_ns, const InputStamps& previous, InputStamps& stamps,
                   size_t& files_read, std::string& buffer) {
  InputStamp stamp = e.stamp;
  auto it = previous.find(e.name);
  if (it != previous.end() && it->second.trusted && it->second.size == stamp.size &&
      it->second.inode == stamp.inode && it->second.mtime_ns == stamp.mtime_ns) {
    stamp.hash = it->second.hash;
  } else if (!e.regular || stamp.size > kMaxHashedBytes) {
    stamp.hash = Hasher().add(e.regular ? "oversize" : "special").add(stamp.size).add(stamp.inode)
                     .add(static_cast<uint64_t>(stamp.mtime_ns)).value();
  } else {
    stamp.hash = content_hash(e.path, buffer);
    ++files_read;
  }
  stamp.trusted = stamp.mtime_ns < listed_ns - 1000000000;
  stamps[e.name] = stamp;
  return stamp.hash;
}

}  // namespace

InputListing list_inputs(const fs::path& site_dir, const fs::path& share_dir) {
  InputListing listing;
  struct timespec now;
  ::clock_gettime(CLOCK_REALTIME, &now);
  listing.listed_ns = static_cast<int64_t>(now.tv_sec) * 1000000000 + now.tv_nsec;
  for (const char* sub : {"data", "content", "templates", "themes"}) list_dir(site_dir, sub, "", listing);
  for (const char* sub : {"templates", "themes"}) list_dir(share_dir, sub, "share:", listing);
  return listing;
}

InputFingerprint fingerprint_inputs(const InputListing& inputs, const std::string& settings,
                                    const InputStamps& previous) {
  InputFingerprint fp;
  std::vector<std::pair<std::string_view, uint64_t>> entries;  // (name, hash)
  entries.reserve(inputs.entries.size());
  std::string buffer;  // one chunk of a file being hashed
  for (const auto& e : inputs.entries)
    entries.emplace_back(e.name, e.stamped ? file_hash(e, inputs.listed_ns, previous, fp.stamps, fp.files_read, buffer)
                                           : e.stamp.hash);
  std::sort(entries.begin(), entries.end());
  Hasher site;
  site.add(settings);
  std::map<std::string, Hasher> programmes, data_folders;
  for (const auto& [view, hash] : entries) {
    const std::string name(view);
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
