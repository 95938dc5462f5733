// Stage 6: atomic publication. The new tree is staged in a sibling folder; every file
// whose bytes did not change is hard-linked from the live tree (keeping its mtime, so
// sync tools upload only changes); then the two folders are swapped with one
// renameat2(RENAME_EXCHANGE). A failed or killed build never touches the live site.
// The swapped-out tree is kept beside it (.<name>.prev) and becomes the next build's
// staging tree, so a rebuild creates and deletes only the entries that changed.
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
#include <unordered_set>
#include <vector>

#include "diag/diagnostics.h"

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
};

// True when `rel` is a safe relative output path (no "..", not absolute, no NUL, no "//").
bool safe_output_path(const std::string& rel);

// Runs on the complete staged tree before it is swapped in (e.g. the search indexer);
// false aborts the publication. Files it adds are kept as if they had been added.
using BeforeSwap = std::function<bool(const std::filesystem::path& staging, Diagnostics& diags)>;

class Publisher {
 public:
  // `record_paths`: keep the paths written and removed for PublishStats (a site of 1 000
  // programmes writes 100 000 files: only when they are to be listed).
  explicit Publisher(const std::filesystem::path& out_dir, bool record_paths = true);
  ~Publisher();  // removes the staging tree unless finish() swapped it in
  Publisher(const Publisher&) = delete;
  Publisher& operator=(const Publisher&) = delete;

  // Creates the staging folder (and removes leftovers of killed builds).
  bool begin(Diagnostics& diags);
  // Thread-safe. Stages `bytes` as `rel`: a hard link to the live file when its bytes are
  // the same, a new file otherwise. Errors are reported by finish().
  void add(const std::string& rel, std::string_view bytes);
  // Thread-safe. Stages the live file `rel` as it is (the caller knows it is up to date;
  // `live_inode`, when known, saves a system call). False when there is no such live file.
  bool keep(const std::string& rel, uint64_t live_inode = 0);
  FileSink sink() {
    return [this](const std::string& rel, std::string_view bytes) { add(rel, bytes); };
  }
  // Runs the hook, swaps the staged tree in and keeps the previous one as the next base.
  // `hook_dir`: the folder the hook writes into ("" = anywhere), where its files are looked for.
  bool finish(PublishStats& stats, Diagnostics& diags, const BeforeSwap& before_swap = {},
              const std::string& hook_dir = "");

  const std::filesystem::path& out_dir() const { return out_dir_; }
  // Every file of the published tree (after finish), sorted.
  std::vector<std::string> files() const;

 private:
  void fail(const std::string& file, const std::string& message);
  bool make_parent(const std::filesystem::path& target);
  void remove_unstaged();
  void unstaged_live(std::vector<std::string>& out) const;

  std::filesystem::path out_dir_, staging_;
  bool live_exists_ = false, begun_ = false, done_ = false;
  bool from_base_ = false;  // staging started from the previous tree, not empty
  mutable std::mutex mu_;
  // Hashed: a rebuild looks up every file of two trees (100 000 at N = 1000) in files_.
  std::unordered_set<std::string> files_, made_dirs_;
  std::vector<std::string> written_paths_;
  size_t written_ = 0;
  bool record_paths_ = true;
  std::atomic<size_t> kept_{0};
  uintmax_t bytes_written_ = 0;
  Diagnostics errors_;
};

// One-shot form: publishes exactly `files`.
bool publish(const std::filesystem::path& out_dir, const std::vector<OutputFile>& files, PublishStats& stats,
             Diagnostics& diags, const BeforeSwap& before_swap = {});

}  // namespace vitrina
