// Stage 6: publication. The new tree is staged in the output's private folder inside the site's
// cache folder (write/ownership.h: <cache>/builds/<name>-<hash>/staging); every file whose bytes
// did not change is hard-linked from the live tree (keeping its mtime, so sync tools upload only
// changes). Nothing in the staging tree is ever followed through a symbolic link.
//
// Then, in the usual case — the output folder holds only files Vitrina wrote (its stamp,
// write/ownership.h, lists them) and the cache is on its file system — the two folders are
// swapped with one renameat2(RENAME_EXCHANGE): a failed or killed build never touches the live
// site. The swapped-out tree is kept (prev/) and becomes the next build's staging tree, so a
// rebuild creates and deletes only the entries that changed.
//
// Otherwise the staged files are published in place: when the output folder is a mount point,
// the current folder, on another file system than the cache (files are then copied, not
// linked), or holds entries Vitrina did not write (a folder adopted with --force). Each changed
// file replaces the live one atomically (a temporary name in its folder, then rename), then
// Vitrina's stale files are removed; entries the stamp does not list are never touched, and a
// staged file that would replace one of them stops the publication before anything is changed.
// Readers may see old and new pages side by side for the moment it takes; a killed
// publication is completed by the next build.
//
// Files are streamed: the output stages hand each file to a Publisher as soon as it is
// made (from any thread) and drop its bytes, so memory does not grow with the site.
#pragma once
#include <atomic>
#include <filesystem>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "diag/diagnostics.h"
#include "write/tree_listing.h"

namespace vitrina {

struct OutputFile {
  std::string path;   // relative, '/'-separated, no ".." (checked)
  std::string bytes;
};

// Where an output stage puts each file it makes. Must be safe to call from several threads.
using FileSink = std::function<void(const std::string& path, std::string_view bytes)>;

struct PublishStats {
  size_t written = 0, kept = 0, removed = 0;
  uintmax_t bytes_written = 0;
  std::vector<std::string> written_paths, removed_paths;  // sorted; empty unless recorded
  bool in_place = false;  // published in place instead of swapped (see above)
};

// True when `rel` is a safe relative output path (no "..", not absolute, no NUL, no "//").
bool safe_output_path(std::string_view rel);

struct PublishPlace {
  std::filesystem::path out;   // the output folder (resolved: write/ownership.h resolve_target)
  std::filesystem::path work;  // a private folder for staging/ and prev/ (OutputWork::dir)
  bool adopt = false;          // --force: build into a folder holding entries Vitrina did not write
  // The trees' listings kept in `work` by the last build are used (false, --no-cache: each tree
  // is read whole; new ones are kept either way).
  bool trust_listings = true;
};

class Publisher {
 public:
  // `record_paths`: keep the paths written and removed for PublishStats (a site of 1 000
  // programmes writes 100 000 files: only when they are to be listed).
  explicit Publisher(const PublishPlace& place, bool record_paths = true);
  ~Publisher();  // a staging tree that was not published goes back to prev/ or is removed
  Publisher(const Publisher&) = delete;
  Publisher& operator=(const Publisher&) = delete;

  // Checks the output folder (a link, a file, or someone else's folder is refused) and
  // creates the staging tree (removing leftovers of killed builds).
  bool begin(Diagnostics& diags);
  // Thread-safe. Stages `bytes` as `rel`: a hard link to the live file when its bytes are
  // the same, a new file otherwise. Errors are reported by finish().
  void add(const std::string& rel, std::string_view bytes);
  // Thread-safe. Stages the live file `rel` as it is (the caller knows it is up to date;
  // `live_inode`, when known, saves a system call). False when there is no such live file.
  bool keep(const std::string& rel, uint64_t live_inode = 0);
  // Thread-safe. keep() of each of `files` (the live file and its inode, sorted by path) on
  // `jobs` threads; whether each was kept. Those the base tree's listing holds at the live
  // inode are noted in one walk beside its sorted files, under one lock (a rebuild keeps
  // ~34 000 files at N = 300, each a search of the listing and two locks through keep()).
  struct KeptFile {
    std::string_view rel;
    uint64_t live_inode = 0;
  };
  std::vector<char> keep_all(const std::vector<KeptFile>& files, int jobs);
  FileSink sink() {
    return [this](const std::string& rel, std::string_view bytes) { add(rel, bytes); };
  }
  // Called while the build still makes only the files at `pending` (the rest is staged): does
  // on this thread what finish() would do that depends on which paths the new tree holds, not on
  // the bytes of those still to come — the live tree listed again and surveyed, the base tree's
  // entries to remove found, the stamp staged — so that finish() is short (in a one-value
  // rebuild the board's workbook is made alone on one core for its last ~120 ms). finish() uses
  // this only when exactly these paths were staged, and otherwise does it all again.
  void prepare(const std::vector<std::string>& pending);
  // The files the published tree will hold, stamp included, sorted, if finish() uses what
  // prepare() did (then files() is the same list); empty when prepare() was not called or
  // gave up (the live tree holds entries Vitrina did not write).
  const std::vector<std::string>& prepared_files() const { return prepared_.files; }
  // Stamps the staged tree and publishes it (see above). The trees' listings, for the next
  // build, are then written on another thread: they are complete once the Publisher is destroyed.
  bool finish(PublishStats& stats, Diagnostics& diags);
  // True when begin() or finish() refused the output folder (someone else's folder, a link, or
  // entries Vitrina did not write where the site's files go): a usage error, nothing changed.
  bool refused() const { return refused_; }

  const std::filesystem::path& out_dir() const { return out_; }
  // Where the new tree is staged: a file staged there is, once published by a swap (not in
  // place: PublishStats::in_place), the live file — the same inode, size and mtime.
  const std::filesystem::path& staging_dir() const { return staging_; }
  // Every file Vitrina wrote into the published tree (after finish), its stamp included, sorted.
  const std::vector<std::string>& files() const { return published_; }

 private:
  void fail(const std::string& file, const std::string& message);
  bool make_dirs(const std::string& rel_dir);
  void stage(const std::string& rel, std::string_view bytes, bool count);
  // What remove_unstaged removes from a base tree: files and links, and folders that may be empty.
  struct Unstaged {
    std::vector<std::string> files;
    std::set<std::string> folders;
  };
  Unstaged unstaged_entries(const std::vector<std::string>& staged);
  void remove_unstaged(const Unstaged& unstaged);
  bool survey_and_clean(std::vector<std::string>& names, Diagnostics& diags);
  bool take_prepared(std::vector<std::string>& names);
  // What prepare() did, for finish().
  struct Prepared {
    std::vector<std::string> pending, files;  // files: the names, the stamp among them
    std::string stamp;
    Unstaged unstaged;
  } prepared_;
  const TreeListing& live_entries();
  void record_listings();
  bool survey_live(const TreeListing& live, const std::vector<std::string>& staged, Diagnostics& diags);
  bool swap_in(Diagnostics& diags);
  bool publish_in_place(Diagnostics& diags);
  bool place(const std::string& rel, std::unordered_set<std::string>& dirs);
  std::vector<std::string> staged_files() const;

  std::filesystem::path out_, work_, staging_, prev_;
  std::filesystem::path live_listing_, prev_listing_;  // the trees' listings (tree_listing.h)
  std::filesystem::path live_clock() const;
  bool adopt_ = false, trust_listings_ = true;
  bool live_exists_ = false, begun_ = false, done_ = false, refused_ = false;
  bool from_base_ = false;  // staging started from the previous tree, not empty
  bool link_live_ = true;   // the staging tree is on the live tree's file system
  bool legacy_ = false;     // the folder was made by Vitrina before stamps
  bool foreign_ = false;    // the live tree holds entries Vitrina did not write
  bool in_place_ = false;
  // Paths are looked up by std::string_view too (from a listing, without a copy).
  struct PathHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using PathSet = std::unordered_set<std::string, PathHash, std::equal_to<>>;
  std::vector<std::string> ours_list_;            // what the folder's stamp lists, sorted
  std::unordered_set<std::string_view> ours_;     // the same, hashed (views into ours_list_)
  mutable std::mutex mu_;
  // Hashed: a rebuild looks up every file of two trees (100 000 at N = 1000) in files_.
  // The value: the staged file is known to have the live file's bytes.
  std::unordered_map<std::string, bool, PathHash, std::equal_to<>> files_;
  PathSet made_dirs_;
  std::vector<std::string> published_;  // files(), once finish() has staged the stamp
  int staging_fd_ = -1, out_fd_ = -1;  // the two trees' folders, open during the build (keep())
  std::thread lister_;                   // lists the base tree (begin())
  TreeListing base_entries_;       // its entries, for remove_unstaged, and its files' inodes (keep())
  std::once_flag base_listed_;
  void wait_for_base_listing();
  void note_listed_dirs(std::string_view rel_dir);
  bool note_kept(const std::string& rel);
  bool note_kept_locked(std::string_view rel);
  std::vector<size_t> keep_listed(const std::vector<KeptFile>& files, std::vector<char>& kept);
  // The files keep_all() kept through the base tree's listing (most of a rebuild's ~34 000),
  // sorted: not in files_, so that each is neither hashed nor sorted again (staged_files merges
  // them). Their folders and those above them count as made (holds_listed).
  std::vector<std::string> listed_;
  void note_listed(std::vector<std::string> fresh);
  // Under mu_: whether `rel` was kept through the listing; staged at all; or `dir` holds such a file.
  bool is_listed(std::string_view rel) const;
  bool is_staged(std::string_view rel) const;
  bool holds_listed(std::string_view dir) const;
  bool link_afresh(const std::string& rel);
  std::thread live_lister_;              // reads the live tree's kept listing, or lists the tree (begin())
  std::thread settler_;                  // records the listings once published (finish())
  TreeListing live_entries_;
  std::vector<std::string> written_paths_, gone_;
  size_t written_ = 0;
  bool record_paths_ = true;
  std::atomic<size_t> kept_{0};
  uintmax_t bytes_written_ = 0;
  Diagnostics errors_;
};

// One-shot form: publishes exactly `files`.
bool publish(const PublishPlace& place, const std::vector<OutputFile>& files, PublishStats& stats,
             Diagnostics& diags);

}  // namespace vitrina
