#include "incremental/build_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cereal/types/map.hpp>
#include <cerrno>
#include <cstring>
#include <functional>

#include "util/atomic_file.h"
#include "util/read_file.h"
#include "util/snapshot_archive.h"

namespace vitrina {

namespace fs = std::filesystem;

namespace {
// "VTCACHE" + format version: bumped when the format or the meaning of a fingerprint changes.
// std::hash is part of the fingerprint, so its value on a fixed string (the frame's key)
// guards against a different standard library.
constexpr char kCacheMagic[8] = {'V', 'T', 'C', 'A', 'C', 'H', 'E', '7'};
uint64_t hash_check() { return std::hash<std::string_view>{}("vitrina-cache"); }

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

// The cache is read at the start of every build and written at the end of every build that
// published: one record per input and output file (over 34 000 at N = 300), in the binary
// format of the build's snapshots (util/snapshot_archive.h), whose frame names the format and
// carries the payload's size and checksum. The text form it replaced took ~25 ms to read
// and ~13 ms to write at N = 300, parsing and printing numbers and quoted paths.
VITRINA_SNAPSHOT_SIZE(InputStamp, 40);
VITRINA_SNAPSHOT_SIZE(CachedFile, 88);
VITRINA_SNAPSHOT_SIZE(BuildCache, 168);
template <class A> void serialize(A& a, InputStamp& x) { a(x.size, x.inode, x.mtime_ns, x.hash, x.trusted); }
template <class A> void serialize(A& a, CachedFile& x) { a(x.path, x.size, x.mtime_ns, x.inode, x.sha256); }
template <class A> void serialize(A& a, BuildCache& x) {
  a(x.inputs, x.site, x.programmes, x.input_stamps, x.pages, x.files, x.diagnostics);
}

bool read_cache(const fs::path& file, BuildCache& c) {
  std::string bytes;
  if (read_file(file, bytes) && decode_snapshot(bytes, kCacheMagic, hash_check(), c)) return true;
  c = BuildCache{};  // unreadable: the build renders everything and writes a new one
  return false;
}

namespace {
// About how many bytes the cache takes encoded, so that it is made in one buffer, never grown
// and copied (~18 MB at N = 1000, at the end of the build, where its memory may peak).
size_t encoded_size(const BuildCache& c) {
  size_t n = 1024;
  for (const auto& [id, fp] : c.programmes) n += id.size() + 16;
  for (const auto& [name, st] : c.input_stamps) n += name.size() + 48;
  for (const auto& f : c.files) n += f.path.size() + f.sha256.size() + 40;
  for (const auto& d : c.diagnostics) n += d.file.size() + d.message.size() + d.pointer.size() + d.code.size() + 64;
  return n;
}
}  // namespace

bool write_cache(const fs::path& file, const BuildCache& c, std::string& error) {
  std::string bytes;
  bytes.reserve(encoded_size(c));
  if (!encode_snapshot_into(bytes, kCacheMagic, hash_check(), c)) {  // only when memory ran out
    error = std::strerror(ENOMEM);
    return false;
  }
  // A killed or failed write leaves the previous cache or none, never part of this one; the
  // frame's size and checksum tell one a power cut damaged.
  return write_file_atomically(file, bytes, error, Durability::CheckedCache);
}

}  // namespace vitrina
