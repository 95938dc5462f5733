#include "write/publish.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <tbb/parallel_invoke.h>
#include <unistd.h>

#include <algorithm>
#include <functional>
#include <cstring>
#include <fstream>
#include <iterator>


namespace vitrina {

namespace fs = std::filesystem;

bool safe_output_path(const std::string& rel) {
  if (rel.empty() || rel.front() == '/' || rel.back() == '/') return false;
  if (rel.find('\0') != std::string::npos || rel.find('\\') != std::string::npos) return false;
  size_t start = 0;
  while (start <= rel.size()) {
    size_t end = rel.find('/', start);
    if (end == std::string::npos) end = rel.size();
    std::string part = rel.substr(start, end - start);
    if (part.empty() || part == "." || part == ".." || part.size() > 255) return false;
    start = end + 1;
  }
  return true;
}

namespace {

bool same_bytes(const fs::path& p, std::string_view bytes) {
  struct stat st;
  if (::lstat(p.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || static_cast<size_t>(st.st_size) != bytes.size())
    return false;
  int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return false;
  std::string buf(bytes.size(), '\0');
  size_t off = 0;
  while (off < buf.size()) {
    ssize_t n = ::read(fd, buf.data() + off, buf.size() - off);
    if (n <= 0) break;
    off += static_cast<size_t>(n);
  }
  ::close(fd);
  return off == bytes.size() && std::string_view(buf) == bytes;
}

bool write_file(const fs::path& p, std::string_view bytes) {
  int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) return false;
  size_t off = 0;
  while (off < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
    if (n <= 0) {
      ::close(fd);
      return false;
    }
    off += static_cast<size_t>(n);
  }
  return ::close(fd) == 0;
}

// `p` relative to `root`, for paths a directory iterator over `root` yields (fs::relative
// would resolve every component with a system call).
std::string relative_to(const fs::path& p, const fs::path& root) {
  const std::string& s = p.native();
  const size_t n = root.native().size();
  return s.size() > n + 1 ? s.substr(n + (s[n] == '/' ? 1 : 0)) : std::string();
}

// Calls `f(rel)` for every regular file under `root` (symbolic links are not followed or listed).
template <class F>
void each_file(const fs::path& root, const F& f) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (it->is_regular_file(ec) && !it->is_symlink(ec)) f(relative_to(it->path(), root));
  }
}

void list_files(const fs::path& root, std::set<std::string>& out) {
  each_file(root, [&](std::string rel) { out.insert(std::move(rel)); });
}

}  // namespace

Publisher::Publisher(const fs::path& out_dir, bool record_paths)
    : out_dir_(fs::absolute(out_dir).lexically_normal()), record_paths_(record_paths) {}

Publisher::~Publisher() {
  if (!begun_ || done_) return;
  // A failed build: a staging tree that started from the previous site goes back to being
  // the next build's base; a fresh one is removed.
  std::error_code ec;
  const fs::path prev = out_dir_.parent_path() / ("." + out_dir_.filename().string() + ".prev");
  if (from_base_ && ::rename(staging_.c_str(), prev.c_str()) == 0) return;
  fs::remove_all(staging_, ec);
}

bool Publisher::begin(Diagnostics& diags) {
  const fs::path parent = out_dir_.parent_path();
  const std::string name = out_dir_.filename().string();
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (fs::is_symlink(out_dir_, ec)) {
    diags.error(out_dir_.string(), 0, 0, "output folder is a symbolic link; refusing to replace it");
    return false;
  }
  staging_ = parent / ("." + name + ".staging-" + std::to_string(::getpid()));
  // The previous site (kept by the last build) becomes the staging tree: most of its
  // entries already are hard links to the live files, so a rebuild only touches what
  // changed instead of relinking the whole site. Leftovers of killed builds (staging or
  // swapped-out trees) serve as well; any others are removed. Nothing in a base tree is
  // trusted: every file is checked against the live one (same inode) or rewritten.
  const fs::path prev = parent / ("." + name + ".prev");
  std::vector<fs::path> leftovers;
  for (const auto& e : fs::directory_iterator(parent, ec)) {
    std::string n = e.path().filename().string();
    if (n.rfind("." + name + ".staging-", 0) == 0 || n.rfind("." + name + ".old-", 0) == 0 ||
        n.rfind("." + name + ".vitrina-cache.tmp-", 0) == 0)
      leftovers.push_back(e.path());
  }
  std::sort(leftovers.begin(), leftovers.end());
  fs::path base;
  if (fs::is_directory(fs::symlink_status(prev, ec))) base = prev;
  for (const auto& l : leftovers) {
    if (base.empty() && fs::is_directory(fs::symlink_status(l, ec))) base = l;
    else fs::remove_all(l, ec);
  }
  if (!base.empty() && ::rename(base.c_str(), staging_.c_str()) == 0) {
    from_base_ = true;
  } else {
    fs::remove_all(base, ec);
    fs::create_directories(staging_, ec);
    if (ec) {
      diags.error(staging_.string(), 0, 0, "cannot create staging folder: " + ec.message());
      return false;
    }
  }
  begun_ = true;
  live_exists_ = fs::is_directory(out_dir_, ec);
  return true;
}

void Publisher::fail(const std::string& file, const std::string& message) {
  std::lock_guard<std::mutex> lock(mu_);
  errors_.error(file, 0, 0, message);
}

// Folders are created once each; several threads may ask for the same one. In a base tree
// a file may stand where a folder is wanted now (or the reverse): it is removed.
bool Publisher::make_parent(const fs::path& target) {
  const fs::path dir = target.parent_path();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (made_dirs_.count(dir.string())) return true;
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec && from_base_) {
    for (fs::path p = dir; p != staging_ && !p.empty(); p = p.parent_path()) {
      auto st = fs::symlink_status(p, ec);
      if (fs::exists(st) && !fs::is_directory(st)) fs::remove(p, ec);
    }
    ec.clear();
    fs::create_directories(dir, ec);
  }
  if (!fs::is_directory(fs::symlink_status(dir, ec))) return false;
  std::lock_guard<std::mutex> lock(mu_);
  made_dirs_.insert(dir.string());
  return true;
}

namespace {

bool same_inode(const fs::path& a, const fs::path& b) {
  struct stat x, y;
  return ::lstat(a.c_str(), &x) == 0 && ::lstat(b.c_str(), &y) == 0 && x.st_ino == y.st_ino && x.st_dev == y.st_dev;
}

// Puts a hard link to `live` at `target`, replacing whatever is there, atomically.
bool link_into(const fs::path& live, const fs::path& target) {
  if (same_inode(live, target)) return true;
  const fs::path tmp = target.string() + ".vitrina-tmp";
  ::unlink(tmp.c_str());
  if (::link(live.c_str(), tmp.c_str()) != 0) return false;
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return false;
  }
  return true;
}

// Writes a new file at `target`, replacing whatever is there. Never opens an existing file
// for writing: in a base tree it may be a hard link to a live file.
bool replace_with(const fs::path& target, std::string_view bytes) {
  const fs::path tmp = target.string() + ".vitrina-tmp";
  ::unlink(tmp.c_str());
  if (!write_file(tmp, bytes)) return false;
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return false;
  }
  return true;
}

// A folder where a file must go (left in a base tree) is removed first.
void clear_folder_at(const fs::path& target) {
  std::error_code ec;
  if (fs::is_directory(fs::symlink_status(target, ec))) fs::remove_all(target, ec);
}

}  // namespace

void Publisher::add(const std::string& rel, std::string_view bytes) {
  if (!safe_output_path(rel)) return fail(rel, "unsafe output path refused");
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!files_.insert(rel).second) {
      errors_.error(rel, 0, 0, "two outputs have the same path");
      return;
    }
  }
  const fs::path target = staging_ / rel;
  if (!make_parent(target)) return fail(rel, "cannot create output folder");
  if (from_base_) clear_folder_at(target);
  const fs::path live = out_dir_ / rel;
  if (live_exists_ && same_bytes(live, bytes) && link_into(live, target)) {
    ++kept_;
    return;
  }
  // A fresh staging tree has nothing at `target` (paths are unique, checked above): the file
  // is created in place, without the temporary name and rename a base tree needs.
  if (!(from_base_ ? replace_with(target, bytes) : write_file(target, bytes)))
    return fail(rel, std::string("cannot write output file: ") + std::strerror(errno));
  std::lock_guard<std::mutex> lock(mu_);
  ++written_;
  if (record_paths_) written_paths_.push_back(rel);
  bytes_written_ += bytes.size();
}

bool Publisher::keep(const std::string& rel, uint64_t live_inode) {
  if (!live_exists_ || !safe_output_path(rel)) return false;
  const fs::path target = staging_ / rel;
  if (!make_parent(target)) return false;
  const fs::path live = out_dir_ / rel;
  struct stat st;
  if (live_inode == 0) {
    if (::lstat(live.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
    live_inode = static_cast<uint64_t>(st.st_ino);
  }
  // Usually the base tree already has this very file (the same inode): nothing to do.
  const bool there = ::lstat(target.c_str(), &st) == 0 && static_cast<uint64_t>(st.st_ino) == live_inode;
  if (!there) {
    if (from_base_) clear_folder_at(target);
    if (!link_into(live, target)) return false;
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (!files_.insert(rel).second) {
    errors_.error(rel, 0, 0, "two outputs have the same path");
    return false;
  }
  ++kept_;
  return true;
}

// Removes from a base tree every file this build did not stage, then the folders that left
// empty (deepest first; only those where something was removed, and their parents).
void Publisher::remove_unstaged() {
  std::error_code ec;
  std::set<std::string> emptied;
  for (auto it = fs::recursive_directory_iterator(staging_, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_directory(ec) && !it->is_symlink(ec)) continue;
    if (!files_.count(relative_to(it->path(), staging_))) {
      ::unlink(it->path().c_str());
      emptied.insert(it->path().parent_path().native());
    }
  }
  // Longest paths first: a folder's children before the folder.
  std::vector<std::string> dirs(emptied.begin(), emptied.end());
  std::sort(dirs.begin(), dirs.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  std::set<std::string> tried;
  for (std::string d : dirs) {
    while (d.size() > staging_.native().size() && tried.insert(d).second && ::rmdir(d.c_str()) == 0)
      d = fs::path(d).parent_path().native();
  }
}

// Files of the live tree this build has not staged (so far: the hook may still add some).
void Publisher::unstaged_live(std::vector<std::string>& out) const {
  each_file(out_dir_, [&](std::string rel) {
    if (!files_.count(rel)) out.push_back(std::move(rel));
  });
}

std::vector<std::string> Publisher::files() const {
  std::vector<std::string> all(files_.begin(), files_.end());
  std::sort(all.begin(), all.end());
  return all;
}

bool Publisher::finish(PublishStats& stats, Diagnostics& diags, const BeforeSwap& before_swap,
                       const std::string& hook_dir) {
  if (!begun_) return false;
  std::error_code ec;
  if (errors_.has_errors()) {
    diags.append(errors_);
    return false;
  }
  // The base tree's stale files are removed while the live tree is walked for the files
  // this build drops: two independent walks of ~50 000 entries each at N = 300.
  std::vector<std::string> gone;
  tbb::parallel_invoke([&] { if (live_exists_) unstaged_live(gone); },
                       [&] { if (from_base_) remove_unstaged(); });
  if (before_swap) {
    if (!before_swap(staging_, diags)) return false;
    // Files the hook wrote get the same treatment as ours: identical ones become hard links
    // to the live copies, so their mtimes are kept too.
    // Only where the hook writes (or the whole tree when it did not say).
    std::set<std::string> staged;
    if (hook_dir.empty()) {
      list_files(staging_, staged);
    } else {
      std::set<std::string> inside;
      list_files(staging_ / hook_dir, inside);
      for (const auto& rel : inside) staged.insert(hook_dir + "/" + rel);
    }
    for (const auto& rel : staged) {
      if (files_.count(rel)) continue;
      files_.insert(rel);
      const fs::path target = staging_ / rel, live = out_dir_ / rel;
      std::string bytes;
      std::ifstream in(target, std::ios::binary);
      bytes.assign(std::istreambuf_iterator<char>(in), {});
      if (live_exists_ && same_bytes(live, bytes) && link_into(live, target)) {
        ++kept_;
      } else {
        ++written_;
        if (record_paths_) written_paths_.push_back(rel);
        bytes_written_ += bytes.size();
      }
    }
  }
  stats.kept = kept_;
  stats.written = written_;
  stats.bytes_written = bytes_written_;
  std::sort(written_paths_.begin(), written_paths_.end());
  stats.written_paths = written_paths_;

  if (live_exists_) {
    std::sort(gone.begin(), gone.end());
    for (auto& rel : gone)
      if (!files_.count(rel)) {  // not added by the hook either
        ++stats.removed;
        if (record_paths_) stats.removed_paths.push_back(std::move(rel));
      }
    if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, out_dir_.c_str(), RENAME_EXCHANGE) != 0) {
      diags.error(out_dir_.string(), 0, 0, std::string("cannot swap in the new site: ") + std::strerror(errno));
      return false;
    }
    done_ = true;
    // `staging_` now holds the previous site: kept as the base of the next build's staging
    // tree (see begin()), instead of deleting thousands of entries now and creating them
    // again next time.
    const fs::path prev = out_dir_.parent_path() / ("." + out_dir_.filename().string() + ".prev");
    fs::rename(staging_, prev, ec);
    if (ec) fs::remove_all(staging_, ec);
  } else {
    fs::rename(staging_, out_dir_, ec);
    if (ec) {
      diags.error(out_dir_.string(), 0, 0, "cannot move the new site into place: " + ec.message());
      return false;
    }
    done_ = true;
  }
  return true;
}

bool publish(const fs::path& out_dir, const std::vector<OutputFile>& files, PublishStats& stats, Diagnostics& diags,
             const BeforeSwap& before_swap) {
  Publisher pub(out_dir);
  if (!pub.begin(diags)) return false;
  for (const auto& f : files) pub.add(f.path, f.bytes);
  return pub.finish(stats, diags, before_swap);
}

}  // namespace vitrina
