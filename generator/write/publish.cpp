#include "write/publish.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <future>
#include <set>

#include "text/messages.h"
#include "util/atomic_file.h"
#include "util/parallel.h"
#include "write/ownership.h"

namespace vitrina {

namespace fs = std::filesystem;

bool safe_output_path(std::string_view rel) {
  if (rel.empty() || rel.front() == '/' || rel.back() == '/') return false;
  if (rel.find('\0') != std::string_view::npos || rel.find('\\') != std::string_view::npos) return false;
  // Part by part, as views: every kept and written file is checked (~34 000 per rebuild).
  size_t start = 0;
  while (start <= rel.size()) {
    size_t end = rel.find('/', start);
    if (end == std::string_view::npos) end = rel.size();
    const std::string_view part = rel.substr(start, end - start);
    if (part.empty() || part == "." || part == ".." || part.size() > 255) return false;
    start = end + 1;
  }
  return true;
}

namespace {

// The name a file is written under before it is renamed into place, in its own folder.
constexpr std::string_view kTmpSuffix = ".vitrina-tmp";

bool is_tmp_name(std::string_view rel) {
  const size_t slash = rel.rfind('/');
  const size_t name = slash == std::string::npos ? 0 : slash + 1;
  return rel.size() > name + kTmpSuffix.size() && rel[name] == '.' &&
         rel.compare(rel.size() - kTmpSuffix.size(), kTmpSuffix.size(), kTmpSuffix) == 0;
}

fs::path tmp_beside(const fs::path& target) {
  return target.parent_path() / ("." + target.filename().string() + std::string(kTmpSuffix));
}

// The folder holding `rel` ("" at the top), a view into `rel`.
std::string_view parent_of(std::string_view rel) {
  const size_t slash = rel.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : rel.substr(0, slash);
}

// The bytes of the regular file `p` (never through a link); false when it is not one.
bool read_regular(const fs::path& p, std::string& out) {
  const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return false;
  struct stat st;
  bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  if (ok) {
    out.resize(static_cast<size_t>(st.st_size));
    size_t off = 0;
    while (off < out.size()) {
      const ssize_t n = ::read(fd, out.data() + off, out.size() - off);
      if (n <= 0) break;
      off += static_cast<size_t>(n);
    }
    ok = off == out.size();
  }
  ::close(fd);
  return ok;
}

bool same_bytes(const fs::path& p, std::string_view bytes) {
  struct stat st;
  if (::lstat(p.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || static_cast<size_t>(st.st_size) != bytes.size())
    return false;
  std::string buf;
  return read_regular(p, buf) && std::string_view(buf) == bytes;
}

bool write_file(const fs::path& p, std::string_view bytes) {
  const int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) return false;
  const bool ok = write_all(fd, bytes);
  return ::close(fd) == 0 && ok;
}

// lstat of root/rel, from the folder `root` open as `fd` when it is (-1: by the whole path).
bool lstat_in(int fd, const fs::path& root, const std::string& rel, struct stat& st) {
  return fd >= 0 ? ::fstatat(fd, rel.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 : ::lstat((root / rel).c_str(), &st) == 0;
}

bool same_inode(const fs::path& a, const fs::path& b) {
  struct stat x, y;
  return ::lstat(a.c_str(), &x) == 0 && ::lstat(b.c_str(), &y) == 0 && x.st_ino == y.st_ino && x.st_dev == y.st_dev;
}

// Puts a hard link to `live` at `target`, replacing whatever is there, atomically.
bool link_into(const fs::path& live, const fs::path& target) {
  if (same_inode(live, target)) return true;
  const fs::path tmp = tmp_beside(target);
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
  const fs::path tmp = tmp_beside(target);
  ::unlink(tmp.c_str());
  if (!write_file(tmp, bytes)) {
    ::unlink(tmp.c_str());
    return false;
  }
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

bool is_real_dir(const fs::path& p) {
  struct stat st;
  return ::lstat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

dev_t device_of(const fs::path& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 ? st.st_dev : 0;
}

// A mount point cannot be renamed; the current folder should not be (the shell in it would
// be left in the previous site).
bool must_stay_in_place(const fs::path& out) {
  if (device_of(out) != device_of(out.parent_path())) return true;
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  return !ec && is_within(cwd, out);
}

// Removes the folders of `dirs` that are empty, deepest first, and their parents up to `root`.
void remove_empty_dirs(const fs::path& root, const std::set<std::string>& dirs) {
  std::vector<std::string> order(dirs.begin(), dirs.end());
  std::sort(order.begin(), order.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  std::set<std::string> tried;
  for (std::string d : order)
    while (d.size() > root.native().size() && tried.insert(d).second && ::rmdir(d.c_str()) == 0)
      d = fs::path(d).parent_path().native();
}

// The stamp of a new tree whose files are `names` (sorted): it lists every file but itself.
// `names` then holds the stamp's path too, in order.
std::string stamp_for(std::vector<std::string>& names) {
  const std::string stamp(kOutputStamp);
  names.erase(std::remove(names.begin(), names.end(), stamp), names.end());
  std::string bytes = encode_stamp(names);
  names.insert(std::lower_bound(names.begin(), names.end(), stamp), stamp);
  return bytes;
}

}  // namespace

Publisher::Publisher(const PublishPlace& place, bool record_paths)
    : out_(resolve_target(place.out)),
      work_(fs::absolute(place.work).lexically_normal()),
      staging_(work_ / "staging"),
      prev_(work_ / "prev"),
      live_listing_(work_ / "listing-live"),
      prev_listing_(work_ / "listing-prev"),
      adopt_(place.adopt),
      trust_listings_(place.trust_listings),
      record_paths_(record_paths) {}

Publisher::~Publisher() {
  for (std::thread* t : {&lister_, &live_lister_, &settler_})
    if (t->joinable()) t->join();
  for (const int fd : {staging_fd_, out_fd_})
    if (fd >= 0) ::close(fd);
  if (!begun_ || done_) return;
  // Not published: a staging tree that started from the previous tree goes back to being the
  // next build's base; a fresh one is removed.
  std::error_code ec;
  if (from_base_ && ::rename(staging_.c_str(), prev_.c_str()) == 0) return;
  fs::remove_all(staging_, ec);
}

bool Publisher::begin(Diagnostics& diags) {
  std::error_code ec;
  if (std::string why = refuse_unowned_folder(out_, adopt_); !why.empty()) {
    refused_ = true;
    diags.error(out_.string(), 0, 0, why);
    return false;
  }
  OutputFolder folder = inspect_output_folder(out_);
  live_exists_ = folder.exists;
  legacy_ = folder.legacy;
  ours_list_ = std::move(folder.ours);
  if (!std::is_sorted(ours_list_.begin(), ours_list_.end())) std::sort(ours_list_.begin(), ours_list_.end());
  ours_.insert(ours_list_.begin(), ours_list_.end());
  if (!live_exists_) fs::create_directories(out_.parent_path(), ec);
  fs::create_directories(work_, ec);
  // A staging tree left by a killed build is never adopted; the previous tree is, but only a
  // real folder (a link planted in its place is removed, not followed).
  fs::remove_all(staging_, ec);
  if (is_real_dir(prev_) && ::rename(prev_.c_str(), staging_.c_str()) == 0) {
    from_base_ = true;
  } else {
    fs::remove_all(prev_, ec);
    if (::mkdir(staging_.c_str(), 0755) != 0) {
      diags.error(staging_.string(), 0, 0, tr("publish.staging_failed", {std::strerror(errno)}));
      return false;
    }
  }
  link_live_ = device_of(staging_) == device_of(live_exists_ ? out_ : out_.parent_path());
  begun_ = true;
  staging_fd_ = ::open(staging_.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (live_exists_) out_fd_ = ::open(out_.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  // What the two trees hold (remove_unstaged, live_entries()): each folder is read again only
  // when it changed since the last build listed it (tree_listing.h). The base tree is listed
  // while the build renders; the live tree is checked at the end against its kept listing
  // (read meanwhile), or, when none was kept, read whole while the build renders.
  if (from_base_)
    lister_ = std::thread([this] {
      base_entries_ = list_tree(staging_, trust_listings_ ? read_listing(prev_listing_) : TreeListing{}, false,
                                work_);
    });
  if (live_exists_)
    live_lister_ = std::thread([this] {
      std::error_code none;
      live_entries_ = trust_listings_ && fs::exists(live_listing_, none) ? read_listing(live_listing_)
                                                                         : list_tree(out_, {}, false, live_clock());
    });
  return true;
}

void Publisher::fail(const std::string& file, const std::string& message) {
  std::lock_guard<std::mutex> lock(mu_);
  errors_.error(file, 0, 0, message);
}

// Folders are created once each, from the top down, each checked to be a real folder: in a
// base tree a file or a link may stand where a folder is wanted now, and is removed. Several
// threads may ask for the same one.
bool Publisher::make_dirs(const std::string& rel_dir) {
  if (rel_dir.empty()) return true;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (made_dirs_.count(rel_dir) || holds_listed(rel_dir)) return true;
  }
  if (!make_dirs(std::string(parent_of(rel_dir)))) return false;
  struct stat st;
  if (!from_base_) {
    // A fresh staging tree holds only what this build made: one mkdir, from the tree's open
    // folder (the folder exists already only when another thread just made it).
    if (::mkdirat(staging_fd_, rel_dir.c_str(), 0755) != 0 &&
        !(errno == EEXIST && lstat_in(staging_fd_, staging_, rel_dir, st) && S_ISDIR(st.st_mode)))
      return false;
  } else if (const bool there = lstat_in(staging_fd_, staging_, rel_dir, st); !there || !S_ISDIR(st.st_mode)) {
    const fs::path p = staging_ / rel_dir;  // (usually there already, in a base tree)
    if (there) ::unlink(p.c_str());
    if (::mkdir(p.c_str(), 0755) != 0 && errno != EEXIST) return false;
    if (!is_real_dir(p)) return false;
  }
  std::lock_guard<std::mutex> lock(mu_);
  made_dirs_.insert(rel_dir);
  return true;
}

void Publisher::add(const std::string& rel, std::string_view bytes) { stage(rel, bytes, true); }

void Publisher::stage(const std::string& rel, std::string_view bytes, bool count) {
  if (!safe_output_path(rel)) return fail(rel, tr("publish.unsafe_path"));
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (is_listed(rel) || !files_.emplace(rel, false).second) {
      errors_.error(rel, 0, 0, tr("publish.duplicate"));
      return;
    }
  }
  if (!make_dirs(std::string(parent_of(rel)))) return fail(rel, tr("publish.mkdir_failed", {std::strerror(errno)}));
  const fs::path target = staging_ / rel;
  if (from_base_) clear_folder_at(target);
  const fs::path live = out_ / rel;
  auto write_new = [&] { return from_base_ ? replace_with(target, bytes) : write_file(target, bytes); };
  if (live_exists_ && same_bytes(live, bytes)) {
    // The live file stays as it is: a hard link to it, or on another file system a copy.
    const bool staged = link_live_ ? link_into(live, target) : (from_base_ && same_bytes(target, bytes)) || write_new();
    if (staged) {
      std::lock_guard<std::mutex> lock(mu_);
      files_[rel] = true;
      if (count) ++kept_;
      return;
    }
  }
  // A fresh staging tree has nothing at `target` (paths are unique, checked above): the file
  // is created in place, without the temporary name and rename a base tree needs.
  if (!write_new()) return fail(rel, tr("publish.write_failed", {std::strerror(errno)}));
  if (!count) return;
  std::lock_guard<std::mutex> lock(mu_);
  ++written_;
  if (record_paths_) written_paths_.push_back(rel);
  bytes_written_ += bytes.size();
}

bool Publisher::keep(const std::string& rel, uint64_t live_inode) {
  if (!live_exists_ || !safe_output_path(rel)) return false;
  if (link_live_ && from_base_ && live_inode != 0) {
    // Usually the base tree already has this very file: its listing (begin()) says so without
    // a system call (inode numbers of one file system at one time name one file; a rebuild
    // keeps ~34 000 files at N = 300). Only this build changes the staging tree, and never at
    // a kept file's path or its folders, which were real folders when listed.
    wait_for_base_listing();
    if (base_entries_.inode_of(rel) == live_inode) {
      note_listed_dirs(parent_of(rel));
      return note_kept(rel);
    }
  }
  if (!make_dirs(std::string(parent_of(rel)))) return false;
  struct stat st;
  if (link_live_) {
    // Looked up from the trees' open folders: a third of the path to resolve.
    if (live_inode == 0) {
      if (!lstat_in(out_fd_, out_, rel, st) || !S_ISREG(st.st_mode)) return false;
      live_inode = static_cast<uint64_t>(st.st_ino);
    }
    if (!from_base_) return link_afresh(rel);
    // Usually the base tree already has this very file (the same inode): nothing to do (and
    // no full path to make: a rebuild keeps ~34 000 files at N = 300).
    const bool there = lstat_in(staging_fd_, staging_, rel, st) && static_cast<uint64_t>(st.st_ino) == live_inode;
    if (!there) {
      const fs::path target = staging_ / rel;
      if (from_base_) clear_folder_at(target);
      if (!link_into(out_ / rel, target)) return false;
    }
  } else {
    const fs::path target = staging_ / rel, live = out_ / rel;
    std::string bytes;
    if (!read_regular(live, bytes)) return false;
    if (!(from_base_ && same_bytes(target, bytes))) {
      if (from_base_) clear_folder_at(target);
      if (!replace_with(target, bytes)) return false;
    }
  }
  return note_kept(rel);
}

// A fresh staging tree has nothing at `rel` unless this build staged it already: one link,
// from and to the trees' open folders, without the temporary name, rename and stats a base
// tree needs (the first rebuild after a build from scratch keeps ~34 000 files at N = 300).
bool Publisher::link_afresh(const std::string& rel) {
  if (::linkat(out_fd_, rel.c_str(), staging_fd_, rel.c_str(), 0) != 0) {
    if (errno == EEXIST) fail(rel, tr("publish.duplicate"));
    return false;
  }
  return note_kept(rel);
}

bool Publisher::note_kept(const std::string& rel) {
  std::lock_guard<std::mutex> lock(mu_);
  return note_kept_locked(rel);
}

bool Publisher::note_kept_locked(std::string_view rel) {
  if (is_listed(rel) || !files_.emplace(std::string(rel), true).second) {
    errors_.error(std::string(rel), 0, 0, tr("publish.duplicate"));
    return false;
  }
  ++kept_;
  return true;
}

bool Publisher::is_listed(std::string_view rel) const {
  return std::binary_search(listed_.begin(), listed_.end(), rel, std::less<>());
}

bool Publisher::is_staged(std::string_view rel) const { return files_.count(rel) > 0 || is_listed(rel); }

// The paths under `dir` are those that start with "dir/": together in the sorted list, from the
// first one not before that prefix.
bool Publisher::holds_listed(std::string_view dir) const {
  std::string prefix(dir);
  prefix += '/';
  const auto it = std::lower_bound(listed_.begin(), listed_.end(), prefix);
  return it != listed_.end() && it->compare(0, prefix.size(), prefix) == 0;
}

std::vector<char> Publisher::keep_all(const std::vector<KeptFile>& files, int jobs) {
  std::vector<char> kept(files.size(), 0);
  const std::vector<size_t> rest = keep_listed(files, kept);
  parallel_indices(rest.size(), jobs, [&](size_t r) {
    const KeptFile& f = files[rest[r]];
    kept[rest[r]] = keep(std::string(f.rel), f.live_inode);
  });
  return kept;
}

// What keep() does when the base tree's listing holds the live file itself, for all of `files`
// at once: their paths and the listing's files are both sorted, so they are matched in one walk.
// Returns the indices of the others, for keep().
std::vector<size_t> Publisher::keep_listed(const std::vector<KeptFile>& files, std::vector<char>& kept) {
  std::vector<size_t> order(files.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto by_path = [&files](size_t a, size_t b) { return files[a].rel < files[b].rel; };
  if (!std::is_sorted(order.begin(), order.end(), by_path)) std::sort(order.begin(), order.end(), by_path);
  if (!live_exists_ || !link_live_ || !from_base_) return order;
  wait_for_base_listing();
  std::vector<uint64_t> listed(files.size(), 0);  // the inode listed at each file's path
  auto next = order.begin();
  base_entries_.each_file_by_name([&](std::string_view rel, uint64_t inode) {
    while (next != order.end() && files[*next].rel < rel) ++next;
    for (auto same = next; same != order.end() && files[*same].rel == rel; ++same) listed[*same] = inode;
  });
  std::vector<size_t> rest;
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> fresh;
  fresh.reserve(files.size());
  for (const size_t i : order) {
    const KeptFile& f = files[i];
    if (f.live_inode == 0 || listed[i] != f.live_inode || !safe_output_path(f.rel)) {
      rest.push_back(i);
    } else if ((!fresh.empty() && fresh.back() == f.rel) || is_staged(f.rel)) {
      errors_.error(std::string(f.rel), 0, 0, tr("publish.duplicate"));
    } else {
      fresh.emplace_back(f.rel);
      kept[i] = 1;
    }
  }
  kept_ += fresh.size();
  note_listed(std::move(fresh));
  return rest;
}

// Adds `fresh` (sorted, none listed yet) to the listed files.
void Publisher::note_listed(std::vector<std::string> fresh) {
  if (listed_.empty()) {
    listed_ = std::move(fresh);
  } else {
    std::vector<std::string> all;
    all.reserve(listed_.size() + fresh.size());
    std::merge(std::make_move_iterator(listed_.begin()), std::make_move_iterator(listed_.end()),
               std::make_move_iterator(fresh.begin()), std::make_move_iterator(fresh.end()), std::back_inserter(all));
    listed_ = std::move(all);
  }
}

// The base tree's listing, once complete, indexed (keep() and remove_unstaged need it whole).
void Publisher::wait_for_base_listing() {
  std::call_once(base_listed_, [this] {
    if (lister_.joinable()) lister_.join();
    base_entries_.index_inodes();
  });
}

// `rel_dir` and the folders above it, listed in the base tree as real folders, count as made
// (make_dirs) without looking at them again.
void Publisher::note_listed_dirs(std::string_view rel_dir) {
  std::lock_guard<std::mutex> lock(mu_);
  for (std::string_view d = rel_dir; !d.empty() && made_dirs_.emplace(d).second; d = parent_of(d)) {
  }
}

// The entries of a base tree this build did not stage (files, and links wherever they are), and
// the folders they may leave empty and those that were (an empty folder in the published tree
// would look like someone else's). The base tree was listed while the build staged into it
// (begin()): an entry the build did not touch is listed, and every entry the build made is a
// staged file or one of their folders. The listed files and `staged` (every staged path) are
// both sorted: they are walked together.
Publisher::Unstaged Publisher::unstaged_entries(const std::vector<std::string>& staged) {
  wait_for_base_listing();
  Unstaged gone;
  auto remove = [&](std::string_view rel) {
    gone.files.emplace_back(rel);
    gone.folders.insert((staging_ / rel).parent_path().native());
  };
  auto next = staged.begin();
  base_entries_.each_file_by_name([&](std::string_view rel, uint64_t) {
    while (next != staged.end() && *next < rel) ++next;
    if (next == staged.end() || *next != rel) remove(rel);
  });
  base_entries_.each_entry([&](std::string_view rel, char type) {
    if (type == 'd' && !made_dirs_.count(rel) && !holds_listed(rel)) gone.folders.insert((staging_ / rel).native());
    if (type == 'o' && !std::binary_search(staged.begin(), staged.end(), rel)) remove(rel);
  });
  return gone;
}

// Removes them, then the folders left empty, deepest first, and their parents (a folder that
// is not empty stays: one made since unstaged_entries looked, prepare()).
void Publisher::remove_unstaged(const Unstaged& gone) {
  for (const auto& rel : gone.files) ::unlink((staging_ / rel).c_str());
  remove_empty_dirs(staging_, gone.folders);
}

// The entries of the live tree as they are now: its folders that changed since they were
// listed (while the build rendered, or by the last build) are read again.
const TreeListing& Publisher::live_entries() {
  if (!live_exists_) return live_entries_;
  if (live_lister_.joinable()) live_lister_.join();
  live_entries_ = list_tree(out_, live_entries_, true, live_clock());
  return live_entries_;
}

// Entries of the live tree its stamp does not list are someone else's: they make the
// publication go in place, and one standing where the new tree has a file (or a file where
// it has a folder) refuses it. Vitrina's files that the new tree does not have are noted as
// gone (and temporary files of a killed in-place publication).
bool Publisher::survey_live(const TreeListing& live, const std::vector<std::string>& staged, Diagnostics& diags) {
  std::unordered_set<std::string_view> our_dirs, staged_dirs;  // views into ours_list_ and `staged`
  auto add_parents = [](std::unordered_set<std::string_view>& set, std::string_view rel) {
    for (std::string_view d = parent_of(rel); !d.empty() && set.insert(d).second; d = parent_of(d)) {
    }
  };
  for (const auto& rel : ours_list_) add_parents(our_dirs, rel);
  // Vitrina's files that are not staged now (both lists sorted): a few, usually.
  std::vector<std::string_view> unstaged;
  std::set_difference(ours_list_.begin(), ours_list_.end(), staged.begin(), staged.end(), std::back_inserter(unstaged));
  const std::unordered_set<std::string_view> stale(unstaged.begin(), unstaged.end());
  std::vector<std::string> conflicts;
  bool have_staged_dirs = false;
  live.each([&](std::string_view rel, bool dir) {
    if (dir ? our_dirs.count(rel) > 0 : rel == kOutputStamp) return;
    if (!dir && (ours_.count(rel) || is_tmp_name(rel))) {
      if (is_tmp_name(rel) || stale.count(rel)) gone_.emplace_back(rel);
      return;
    }
    foreign_ = true;
    if (!have_staged_dirs)
      for (const auto& f : staged) add_parents(staged_dirs, f);
    have_staged_dirs = true;
    auto is_staged = [&staged](std::string_view r) { return std::binary_search(staged.begin(), staged.end(), r, std::less<>()); };
    bool conflict = is_staged(rel) || (!dir && staged_dirs.count(rel) > 0);
    for (std::string_view a = parent_of(rel); !conflict && !a.empty(); a = parent_of(a)) conflict = is_staged(a);
    if (conflict) conflicts.emplace_back(rel);
  });
  if (conflicts.empty()) {
    std::sort(gone_.begin(), gone_.end());
    return true;
  }
  std::sort(conflicts.begin(), conflicts.end());
  std::string list;
  for (size_t i = 0; i < conflicts.size() && i < 5; ++i) list += (i ? ", " : "") + conflicts[i];
  if (conflicts.size() > 5) list += ", …";
  refused_ = true;
  diags.error(out_.string(), 0, 0, tr("out.conflict", {out_.string(), list, std::to_string(conflicts.size())}));
  return false;
}

// The listed files are sorted already: only the others are sorted, then merged with them.
std::vector<std::string> Publisher::staged_files() const {
  std::vector<std::string> others, all;
  others.reserve(files_.size());
  for (const auto& [rel, same] : files_) others.push_back(rel);
  std::sort(others.begin(), others.end());
  all.reserve(others.size() + listed_.size());
  std::merge(std::make_move_iterator(others.begin()), std::make_move_iterator(others.end()), listed_.begin(),
             listed_.end(), std::back_inserter(all));
  return all;
}

void Publisher::prepare(const std::vector<std::string>& pending) {
  if (!begun_) return;
  const TreeListing& live = live_entries();
  Prepared p;
  p.pending = pending;
  {
    std::lock_guard<std::mutex> lock(mu_);
    p.files = staged_files();
    std::vector<std::string> more = pending;
    std::sort(more.begin(), more.end());
    more.erase(std::unique(more.begin(), more.end()), more.end());
    std::vector<std::string> all;
    std::set_union(p.files.begin(), p.files.end(), more.begin(), more.end(), std::back_inserter(all));
    p.files = std::move(all);
    // Someone else's entries make the publication go in place, and conflicts are found among
    // the files staged then: finish() does it all.
    Diagnostics unused;
    if (!survey_live(live, p.files, unused) || foreign_) {
      gone_.clear();
      foreign_ = refused_ = false;
      return;
    }
    p.stamp = stamp_for(p.files);
    if (from_base_) p.unstaged = unstaged_entries(p.files);
  }
  stage(std::string(kOutputStamp), p.stamp, false);
  prepared_ = std::move(p);
}

// What prepare() did, when the build staged exactly the paths it was told of: `names` (the
// new tree's files, stamp included) and the base tree cleaned. Otherwise that is undone (the
// stamp unstaged, the survey forgotten) for finish() to do it all again.
bool Publisher::take_prepared(std::vector<std::string>& names) {
  if (prepared_.files.empty()) return false;
  const bool exact = files_.size() + listed_.size() == prepared_.files.size() &&
                     std::all_of(prepared_.pending.begin(), prepared_.pending.end(),
                                 [this](const std::string& rel) { return is_staged(rel); });
  if (!exact) {
    files_.erase(std::string(kOutputStamp));
    ::unlink((staging_ / kOutputStamp).c_str());
    gone_.clear();
    prepared_ = Prepared{};
    return false;
  }
  remove_unstaged(prepared_.unstaged);
  names = std::move(prepared_.files);
  return true;
}

// The new tree's list is sorted, then the base tree cleaned, on one core while the live tree is
// read again and surveyed on the other: each side only reads what the build staged. Then the
// stamp is staged and added to `names`.
bool Publisher::survey_and_clean(std::vector<std::string>& names, Diagnostics& diags) {
  auto listed = std::async(std::launch::async, [this] { return staged_files(); });
  const TreeListing& live = live_entries();
  names = listed.get();
  auto cleaned = std::async(std::launch::async, [this, &names] {
    if (from_base_) remove_unstaged(unstaged_entries(names));
  });
  const bool ours = survey_live(live, names, diags);
  cleaned.get();
  if (!ours) return false;
  stage(std::string(kOutputStamp), stamp_for(names), false);
  return true;
}

bool Publisher::finish(PublishStats& stats, Diagnostics& diags) {
  if (!begun_) return false;
  if (errors_.has_errors()) {
    diags.append(errors_);
    return false;
  }
  std::vector<std::string> names;
  if (!take_prepared(names) && !survey_and_clean(names, diags)) return false;
  if (errors_.has_errors()) {
    diags.append(errors_);
    return false;
  }
  published_ = std::move(names);

  bool ok;
  if (!live_exists_) {
    ok = ::rename(staging_.c_str(), out_.c_str()) == 0;
    if (ok) {
      done_ = true;
    } else if (errno == EXDEV && ::mkdir(out_.c_str(), 0755) == 0) {
      ok = publish_in_place(diags);  // another file system: copied
    } else {
      diags.error(out_.string(), 0, 0, tr("publish.move_failed", {std::strerror(errno)}));
    }
  } else if (link_live_ && !foreign_ && !must_stay_in_place(out_)) {
    ok = swap_in(diags);
  } else {
    ok = publish_in_place(diags);
  }
  if (!ok) return false;
  if (legacy_) remove_legacy_siblings(out_);
  // The trees' listings are written, and what nothing needs any more freed (~100 000 paths at
  // N = 300), beside the rest of the build; the destructor waits for it.
  settler_ = std::thread([this] {
    record_listings();
    auto drop = [](auto& x) { [[maybe_unused]] const auto gone = std::move(x); };
    drop(files_), drop(listed_), drop(made_dirs_), drop(ours_), drop(ours_list_), drop(live_entries_), drop(base_entries_);
  });

  stats.kept = kept_;
  stats.written = written_;
  stats.bytes_written = bytes_written_;
  stats.removed = gone_.size();
  stats.in_place = in_place_;
  std::sort(written_paths_.begin(), written_paths_.end());
  stats.written_paths = written_paths_;
  if (record_paths_) stats.removed_paths = gone_;
  return true;
}

// The trees' listings, for the next build: swapped, the staged tree is live and the live one
// is prev/; published in place, each stays where it was. A listing taken before this build
// changed a folder is still right for it: the folder's stamp has changed since, so the next
// build reads it again. A fresh staging tree swapped in (the first rebuild after a build from
// scratch) is listed now, as the live tree: else the next build would read its ~16 000
// folders (N = 300) beside the outputs, on the core the workbooks need. A tree not listed
// (a build from scratch's, or a fresh staging tree published in place), or a listing that
// cannot be written, leaves no file: that tree is then read whole (begin()).
void Publisher::record_listings() {
  if (!from_base_ && live_exists_ && !in_place_) base_entries_ = list_tree(out_, {}, true, work_);
  const TreeListing& live = in_place_ ? live_entries_ : base_entries_;
  const TreeListing& prev = in_place_ ? base_entries_ : live_entries_;
  for (const auto& [file, listing] : {std::pair{&live_listing_, &live}, std::pair{&prev_listing_, &prev}}) {
    std::string error;
    std::error_code ec;
    if (listing->empty() || !write_listing(*file, *listing, error)) fs::remove(*file, ec);
  }
}

// The clock of the live tree's listings (list_tree): the private folder, when on its file system.
fs::path Publisher::live_clock() const { return link_live_ ? work_ : fs::path(); }

bool Publisher::swap_in(Diagnostics& diags) {
  struct stat st;
  if (::stat(out_.c_str(), &st) == 0) ::chmod(staging_.c_str(), st.st_mode & 07777);  // the folder's own mode stays
  if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, out_.c_str(), RENAME_EXCHANGE) != 0) {
    if (errno == EXDEV || errno == EBUSY) return publish_in_place(diags);  // e.g. a bind mount
    diags.error(out_.string(), 0, 0, tr("publish.swap_failed", {std::strerror(errno)}));
    return false;
  }
  done_ = true;
  // `staging_` now holds the previous site: kept as the base of the next build's staging
  // tree (see begin()), instead of deleting thousands of entries now and creating them
  // again next time.
  std::error_code ec;
  if (::rename(staging_.c_str(), prev_.c_str()) != 0) fs::remove_all(staging_, ec);
  return true;
}

bool Publisher::publish_in_place(Diagnostics& diags) {
  in_place_ = true;
  std::string error;
  const fs::path stamp = out_ / kOutputStamp;
  // 1. The stamp lists the files of both trees while they are mixed: a killed publication
  //    leaves every file Vitrina wrote listed, for the next build to finish the work.
  {
    std::set<std::string> both(ours_list_.begin(), ours_list_.end());
    for (const auto& [rel, same] : files_)
      if (rel != kOutputStamp) both.insert(rel);
    both.insert(listed_.begin(), listed_.end());
    if (!write_file_atomically(stamp, encode_stamp({both.begin(), both.end()}), error)) {
      diags.error(stamp.string(), 0, 0, tr("publish.write_failed", {error}));
      return false;
    }
  }
  // 2. Vitrina's stale files, and the folders they leave empty (a folder still holding
  //    someone else's files stays).
  std::set<std::string> emptied;
  for (const auto& rel : gone_) {
    const fs::path p = out_ / rel;
    struct stat st;
    if (::lstat(p.c_str(), &st) == 0 && (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) && ::unlink(p.c_str()) == 0)
      emptied.insert(p.parent_path().native());
  }
  remove_empty_dirs(out_, emptied);
  // 3. Every changed file replaces the live one atomically; the stamp last.
  std::unordered_set<std::string> dirs;
  std::vector<std::string> changed;
  for (const auto& [rel, same] : files_)
    if (!same && rel != kOutputStamp) changed.push_back(rel);
  std::sort(changed.begin(), changed.end());
  changed.push_back(std::string(kOutputStamp));
  for (const auto& rel : changed)
    if (!place(rel, dirs)) {
      diags.error((out_ / rel).string(), 0, 0, tr("publish.write_failed", {std::strerror(errno)}));
      return false;
    }
  done_ = true;
  // The staging tree now mirrors Vitrina's files in the output: the next build's base.
  std::error_code ec;
  if (::rename(staging_.c_str(), prev_.c_str()) != 0) fs::remove_all(staging_, ec);
  return true;
}

// Puts the staged file `rel` into the live tree: its folders are real folders (created when
// missing; a file of Vitrina's where one goes now is removed), then a hard link or a copy
// under a temporary name is renamed over the live file.
bool Publisher::place(const std::string& rel, std::unordered_set<std::string>& dirs) {
  std::vector<std::string> chain;
  for (std::string_view d = parent_of(rel); !d.empty() && !dirs.count(std::string(d)); d = parent_of(d))
    chain.emplace_back(d);
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const fs::path p = out_ / *it;
    struct stat st;
    if (::lstat(p.c_str(), &st) == 0 && !S_ISDIR(st.st_mode)) {
      if (!ours_.count(*it)) return false;  // someone else's (survey_live stops this earlier)
      ::unlink(p.c_str());
    }
    if (::mkdir(p.c_str(), 0755) != 0 && errno != EEXIST) return false;
    if (!is_real_dir(p)) return false;
    dirs.insert(*it);
  }
  const fs::path staged = staging_ / rel, target = out_ / rel, tmp = tmp_beside(target);
  ::unlink(tmp.c_str());
  if (!link_live_ || ::link(staged.c_str(), tmp.c_str()) != 0) {
    std::string bytes;
    if (!read_regular(staged, bytes) || !write_file(tmp, bytes)) {
      ::unlink(tmp.c_str());
      return false;
    }
  }
  if (is_real_dir(target)) ::rmdir(target.c_str());  // a folder of Vitrina's emptied in step 2
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return false;
  }
  return true;
}

bool publish(const PublishPlace& place, const std::vector<OutputFile>& files, PublishStats& stats, Diagnostics& diags) {
  Publisher pub(place);
  if (!pub.begin(diags)) return false;
  for (const auto& f : files) pub.add(f.path, f.bytes);
  return pub.finish(stats, diags);
}

}  // namespace vitrina
