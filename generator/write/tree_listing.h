// Listings of the publisher's folder trees (write/publish.h): every entry of a tree, its type,
// and a regular file's inode number, read with getdents64 folder by folder, each folder's stamp
// taken first. A listing is kept between builds (its record), so that the next build reads
// again only the folders whose stamp changed: one fstatat per folder instead of reading
// ~16 000 folders per tree at N = 300 (what git's index does for a work tree's files).
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace vitrina {

// What tells that a folder's entries changed: a name added, removed or renamed sets its mtime
// and ctime, and a folder put in its place has another inode.
struct FolderStamp {
  int64_t mtime_ns = 0, ctime_ns = 0;
  uint64_t inode = 0;
  bool operator==(const FolderStamp&) const = default;
};

// A listed folder tree: each entry's path relative to the tree, whether it is a folder (a link
// is listed as what it is, never followed) and a regular file's inode number. In one buffer, a
// type letter, the inode (files), the path and a NUL per entry, each folder's entries together:
// a tree has ~160 000 entries at N = 1000 and two are held while the build renders, where its
// memory peaks (a string per entry cost ~40 MiB more there).
class TreeListing {
 public:
  // f(std::string_view rel, char type) for every entry: 'd' a folder, 'f' a regular file, 'o'
  // anything else (a link is listed as what it is, never followed).
  template <class F>
  void each_entry(const F& f) const {
    for (size_t at = 0; at < names_.size();) {
      const Entry e = entry_at(at);
      f(e.rel, e.type);
      at = e.next;
    }
  }
  // f(std::string_view rel, bool dir) for every entry.
  template <class F>
  void each(const F& f) const {
    each_entry([&](std::string_view rel, char type) { f(rel, type == 'd'); });
  }
  // Once every entry is added: sorts the files by name, for inode_of and each_file_by_name.
  void index_inodes();
  // f(std::string_view rel, uint64_t inode) for every regular file, in name order (after
  // index_inodes).
  template <class F>
  void each_file_by_name(const F& f) const {
    for (const FileInode& file : files_by_name_) f(path_of(file), file.inode);
  }
  // The inode number listed for the regular file `rel`; 0 when none was.
  uint64_t inode_of(std::string_view rel) const;
  bool empty() const { return names_.empty() && folders_.empty(); }
  size_t folders() const { return folders_.size(); }
  // How many folders were read (not taken from an earlier listing) when this one was made.
  size_t folders_read() const { return read_; }

  // The record: the listing's bytes, for the same tree's next listing (decode is false when
  // `in` does not hold a whole, well-formed listing; `in` is then left anywhere).
  void encode(std::string& out) const;
  bool decode(std::string_view& in);

 private:
  friend class TreeLister;
  struct Entry {
    char type;  // 'd' folder, 'f' regular file (inode follows), 'o' anything else
    uint64_t inode;
    std::string_view rel;
    size_t next;  // where the next entry starts
  };
  // A listed folder: its stamp, a time no change made after it was listed can be stamped
  // before (list_tree) and its entries' bytes in names_.
  struct Folder {
    std::string rel;
    FolderStamp stamp;
    int64_t taken_ns = 0;
    size_t begin = 0, end = 0;
  };
  Entry entry_at(size_t at) const;
  bool decode_entries(const Folder& f, std::string_view in);
  void add(std::string_view rel, char type, uint64_t inode);
  void append(const TreeListing& other);
  void copy_folder(const TreeListing& from, const Folder& f, std::vector<std::string>& dirs);

  std::string names_;
  std::vector<Folder> folders_;
  struct FileInode {
    size_t at, size;  // the path in names_
    uint64_t inode;
  };
  std::string_view path_of(const FileInode& f) const { return std::string_view(names_).substr(f.at, f.size); }
  std::vector<FileInode> files_by_name_;  // index_inodes
  size_t read_ = 0;
};

// Every entry under `root`, on this thread or (`parallel`) on all threads. A folder of `known`
// (an earlier listing of the same tree, or none) whose stamp is still the one it was listed
// with is taken from it unread, unless it had changed in the same clock tick as the listing
// began (a change within that tick would not show in its stamp).
// `clock`, when given, is a folder of ours on `root`'s file system (outside the tree) that
// list_tree touches to learn that file system's time as it stamps changes (git's racy-index
// rule: a folder is trusted once its last change lies before that time). Without it a folder must have changed 2 s before
// the listing began (the coarsest granularity of timestamps, FAT's, on the system clock).
TreeListing list_tree(const std::filesystem::path& root, const TreeListing& known = {}, bool parallel = false,
                      const std::filesystem::path& clock = {});

// A tree's listing kept between builds (write/publish.h), in a file of its own. A missing, cut
// short or altered file reads as an empty listing: the tree is then read whole.
TreeListing read_listing(const std::filesystem::path& file);
// Written atomically (util/atomic_file.h); false with `error` set when it could not be.
bool write_listing(const std::filesystem::path& file, const TreeListing& listing, std::string& error);

}  // namespace vitrina
