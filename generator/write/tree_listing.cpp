#include "write/tree_listing.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_for_each.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <iterator>
#include <unordered_map>

#include "util/atomic_file.h"
#include "util/read_file.h"

namespace vitrina {

namespace fs = std::filesystem;

namespace {

// Timestamps advance by a clock tick (ext4: a few ms), or by 2 s on FAT; the system clock
// this far back is before any tick a change made now could be stamped with.
constexpr int64_t kRacyNs = 2'000'000'000;

int64_t ns_of(const timespec& t) { return static_cast<int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec; }

FolderStamp stamp_of(const struct stat& st) { return {ns_of(st.st_mtim), ns_of(st.st_ctim), static_cast<uint64_t>(st.st_ino)}; }

// The earliest change time a folder changed from now on can have: the change time the folder
// `clock` gets when touched now (the file system's own clock and granularity, whatever they
// are), or without it the system clock kRacyNs ago.
int64_t change_time_from_now(const fs::path& clock) {
  timespec t;
  ::clock_gettime(CLOCK_REALTIME, &t);
  const int64_t fallback = ns_of(t) - kRacyNs;
  struct stat st;
  if (clock.empty() || ::utimensat(AT_FDCWD, clock.c_str(), nullptr, AT_SYMLINK_NOFOLLOW) != 0 ||
      ::lstat(clock.c_str(), &st) != 0)
    return fallback;
  return ns_of(st.st_ctim);
}

// Opens the folder `rel` of the tree open as `root` (never through a link); -1 when it cannot.
int open_folder(int root, const std::string& rel) {
  return ::openat(root, rel.empty() ? "." : rel.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

template <class T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
template <class T>
bool take(std::string_view& in, T& v) {
  if (in.size() < sizeof v) return false;
  std::memcpy(&v, in.data(), sizeof v);
  in.remove_prefix(sizeof v);
  return true;
}
void put_bytes(std::string& out, std::string_view s) {
  put<uint64_t>(out, s.size());
  out += s;
}
bool take_bytes(std::string_view& in, std::string& s) {
  uint64_t n = 0;
  if (!take(in, n) || in.size() < n) return false;
  s.assign(in.substr(0, n));
  in.remove_prefix(n);
  return true;
}

}  // namespace

TreeListing::Entry TreeListing::entry_at(size_t at) const {
  Entry e{names_[at], 0, {}, 0};
  size_t path = at + 1;
  if (e.type == 'f') {
    std::memcpy(&e.inode, names_.data() + path, sizeof e.inode);
    path += sizeof e.inode;
  }
  const size_t end = names_.find('\0', path);
  e.rel = std::string_view(names_).substr(path, end - path);
  e.next = end + 1;
  return e;
}

void TreeListing::add(std::string_view rel, char type, uint64_t inode) {
  names_ += type;
  if (type == 'f') put(names_, inode);
  names_ += rel;
  names_ += '\0';
}

void TreeListing::index_inodes() {
  files_by_name_.clear();
  for (size_t at = 0; at < names_.size();) {
    const Entry e = entry_at(at);
    if (e.type == 'f') files_by_name_.push_back({static_cast<size_t>(e.rel.data() - names_.data()), e.rel.size(), e.inode});
    at = e.next;
  }
  std::sort(files_by_name_.begin(), files_by_name_.end(),
            [this](const FileInode& a, const FileInode& b) { return path_of(a) < path_of(b); });
}

uint64_t TreeListing::inode_of(std::string_view rel) const {
  auto it = std::lower_bound(files_by_name_.begin(), files_by_name_.end(), rel,
                             [this](const FileInode& f, std::string_view r) { return path_of(f) < r; });
  return it != files_by_name_.end() && path_of(*it) == rel ? it->inode : 0;
}

void TreeListing::append(const TreeListing& other) {
  for (Folder f : other.folders_) {
    f.begin += names_.size();
    f.end += names_.size();
    folders_.push_back(std::move(f));
  }
  names_ += other.names_;
  read_ += other.read_;
}

// The folder `f` of an earlier listing, as it was listed; its sub-folders are appended to `dirs`.
void TreeListing::copy_folder(const TreeListing& from, const Folder& f, std::vector<std::string>& dirs) {
  Folder copy = f;
  copy.begin = names_.size();
  names_.append(from.names_, f.begin, f.end - f.begin);
  copy.end = names_.size();
  folders_.push_back(std::move(copy));
  for (size_t at = f.begin; at < f.end;) {
    const Entry e = from.entry_at(at);
    if (e.type == 'd') dirs.emplace_back(e.rel);
    at = e.next;
  }
}

namespace {

// The entries of the folder open as `fd` (closed here), whose path is `rel`, appended to `out`,
// its stamp taken first; its sub-folders are appended to `dirs` too. Read with getdents64
// itself: opendir/fdopendir would add two fcntl per folder, and the trees are mostly folders (a
// page is a folder with its index.html). The type comes from the listing: no stat per entry;
// so does a regular file's inode number.
template <class AddFolder, class AddEntry>
void list_folder(int fd, const std::string& rel, std::vector<std::string>& dirs, const AddFolder& add_folder,
                 const AddEntry& add_entry) {
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return;
  }
  add_folder(stamp_of(st));
  alignas(8) char buf[16384];
  for (long n; (n = ::getdents64(fd, buf, sizeof buf)) > 0;) {
    for (long at = 0; at < n;) {
      const auto* e = reinterpret_cast<const struct dirent64*>(buf + at);
      at += e->d_reclen;
      const std::string_view name = e->d_name;
      if (name == "." || name == "..") continue;
      std::string r = rel.empty() ? std::string(name) : rel + "/" + std::string(name);
      bool dir = e->d_type == DT_DIR, file = e->d_type == DT_REG;
      if (e->d_type == DT_UNKNOWN) {
        struct stat est;
        const bool known = ::fstatat(fd, e->d_name, &est, AT_SYMLINK_NOFOLLOW) == 0;
        dir = known && S_ISDIR(est.st_mode);
        file = known && S_ISREG(est.st_mode);
      }
      add_entry(r, dir ? 'd' : file ? 'f' : 'o', file ? static_cast<uint64_t>(e->d_ino) : 0);
      if (dir) dirs.push_back(std::move(r));
    }
  }
  ::close(fd);
}

}  // namespace

// Lists one tree's folders, each read or taken from an earlier listing (list_tree).
class TreeLister {
 public:
  TreeLister(int top, const TreeListing& known, bool parallel, const fs::path& clock)
      : top_(top), known_(known), taken_(change_time_from_now(clock)) {
    const auto& folders = known.folders_;
    std::vector<char> still(folders.size(), 0);
    auto check = [&](size_t i) { still[i] = unchanged(folders[i]); };
    if (parallel)
      tbb::parallel_for(size_t{0}, folders.size(), check);
    else
      for (size_t i = 0; i < folders.size(); ++i) check(i);
    index_.reserve(folders.size());
    for (size_t i = 0; i < folders.size(); ++i)
      if (still[i]) index_.emplace(folders[i].rel, i);
  }

  // Every folder, from the top: depth first, or on all threads (in any order).
  TreeListing list(bool parallel) const {
    TreeListing out;
    if (parallel) {
      tbb::enumerable_thread_specific<TreeListing> found;
      const std::vector<std::string> start{""};
      tbb::parallel_for_each(start.begin(), start.end(), [&](const std::string& rel, auto& feeder) {
        std::vector<std::string> dirs;
        visit(rel, found.local(), dirs);
        for (auto& d : dirs) feeder.add(std::move(d));
      });
      for (const auto& part : found) out.append(part);
      return out;
    }
    std::vector<std::string> todo{""}, dirs;
    while (!todo.empty()) {
      const std::string rel = std::move(todo.back());
      todo.pop_back();
      dirs.clear();
      visit(rel, out, dirs);
      todo.insert(todo.end(), std::make_move_iterator(dirs.rbegin()), std::make_move_iterator(dirs.rend()));
    }
    return out;
  }

 private:
  // The folder `rel` into `out`, its sub-folders into `dirs`.
  void visit(const std::string& rel, TreeListing& out, std::vector<std::string>& dirs) const {
    if (auto it = index_.find(rel); it != index_.end()) return out.copy_folder(known_, known_.folders_[it->second], dirs);
    const int fd = open_folder(top_, rel);
    if (fd < 0) return;
    TreeListing::Folder f{rel, {}, taken_, out.names_.size(), 0};
    list_folder(
        fd, rel, dirs, [&](const FolderStamp& s) { f.stamp = s; },
        [&](std::string_view r, char type, uint64_t inode) { out.add(r, type, inode); });
    f.end = out.names_.size();
    out.folders_.push_back(std::move(f));
    ++out.read_;
  }

  // The folder still has the stamp it was listed with, and had not changed in the tick its
  // listing began: a later change would have changed the stamp.
  bool unchanged(const TreeListing::Folder& f) const {
    struct stat st;
    return f.stamp.ctime_ns < f.taken_ns &&
           ::fstatat(top_, f.rel.empty() ? "." : f.rel.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode) &&
           stamp_of(st) == f.stamp;
  }

  const int top_;
  const TreeListing& known_;
  const int64_t taken_;  // before any folder's stamp is taken (change_time_from_now)
  std::unordered_map<std::string_view, size_t> index_;  // unchanged folders of known_
};

TreeListing list_tree(const fs::path& root, const TreeListing& known, bool parallel, const fs::path& clock) {
  const int top = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (top < 0) return {};
  TreeListing out = TreeLister(top, known, parallel, clock).list(parallel);
  ::close(top);
  return out;
}

// Per folder: its path, stamp and time, then its entries' bytes with each entry's name in
// place of its path (the folder's path is not repeated: the file is a third the size).
void TreeListing::encode(std::string& out) const {
  put<uint64_t>(out, folders_.size());
  for (const Folder& f : folders_) {
    put_bytes(out, f.rel);
    put(out, f.stamp.mtime_ns), put(out, f.stamp.ctime_ns), put(out, f.stamp.inode), put(out, f.taken_ns);
    const size_t size_at = out.size();
    put<uint64_t>(out, 0);
    const size_t prefix = f.rel.empty() ? 0 : f.rel.size() + 1;
    for (size_t at = f.begin; at < f.end;) {
      const Entry e = entry_at(at);
      out += e.type;
      if (e.type == 'f') put(out, e.inode);
      out += e.rel.substr(prefix);
      out += '\0';
      at = e.next;
    }
    const uint64_t size = out.size() - size_at - sizeof(uint64_t);
    std::memcpy(out.data() + size_at, &size, sizeof size);
  }
}

// The entries of the folder `f` from their encoded bytes; false unless each is a type, an
// inode for a file, and a name (no '/') ending with a NUL.
bool TreeListing::decode_entries(const Folder& f, std::string_view in) {
  while (!in.empty()) {
    const char type = in.front();
    in.remove_prefix(1);
    uint64_t inode = 0;
    if ((type != 'd' && type != 'f' && type != 'o') || (type == 'f' && !take(in, inode))) return false;
    const size_t end = in.find('\0');
    if (end == 0 || end == std::string_view::npos) return false;
    const std::string_view name = in.substr(0, end);
    if (name.find('/') != std::string_view::npos) return false;
    in.remove_prefix(end + 1);
    names_ += type;
    if (type == 'f') put(names_, inode);
    if (!f.rel.empty()) (names_ += f.rel) += '/';
    names_ += name;
    names_ += '\0';
  }
  return true;
}

bool TreeListing::decode(std::string_view& in) {
  *this = TreeListing{};
  uint64_t n = 0;
  if (!take(in, n) || n > in.size()) return false;
  folders_.resize(n);
  for (Folder& f : folders_) {
    uint64_t size = 0;
    if (!take_bytes(in, f.rel) || !take(in, f.stamp.mtime_ns) || !take(in, f.stamp.ctime_ns) ||
        !take(in, f.stamp.inode) || !take(in, f.taken_ns) || !take(in, size) || size > in.size())
      return false;
    f.begin = names_.size();
    if (!decode_entries(f, in.substr(0, size))) return false;
    f.end = names_.size();
    in.remove_prefix(size);
  }
  return true;
}

namespace {
constexpr std::string_view kListingHeader = "vitrina-listing 3\n";  // 3: taken_ns from change_time_from_now
}

TreeListing read_listing(const fs::path& file) {
  TreeListing listing;
  std::string bytes;
  if (!read_file(file, bytes) || !strip_check(bytes) || bytes.compare(0, kListingHeader.size(), kListingHeader) != 0)
    return listing;
  std::string_view in = std::string_view(bytes).substr(kListingHeader.size());
  if (!listing.decode(in) || !in.empty()) return {};
  return listing;
}

bool write_listing(const fs::path& file, const TreeListing& listing, std::string& error) {
  std::string bytes(kListingHeader);
  listing.encode(bytes);
  append_check(bytes);
  return write_file_atomically(file, bytes, error, Durability::CheckedCache);
}

}  // namespace vitrina
