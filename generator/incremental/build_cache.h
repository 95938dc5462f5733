// Incremental rebuilds, part 2: what the last successful build made. The cache is a binary
// file in the output's private folder (write/ownership.h OutputWork::cache, never published),
// written after the new tree is published, in the frame of the build's snapshots (its format,
// then the size and checksum of what follows: util/snapshot_archive.h). It records the input
// fingerprints and, for every published file, its size, mtime and inode, so a later
// build can tell that a file in the live tree is still exactly the one it made. A cache that
// does not match or does not pass its check (killed build, full disk, files edited by hand,
// another Vitrina) only costs a full render, never a wrong or a smaller site.
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "incremental/fingerprint.h"
#include "plan/outputs.h"

namespace vitrina {

struct CachedFile {
  std::string path;    // relative to the output folder
  uintmax_t size = 0;
  int64_t mtime_ns = 0;
  uint64_t inode = 0;
  std::string sha256;  // open-data files only (data/index.json lists them)
};

struct BuildCache {
  uint64_t inputs = 0;  // InputFingerprint::all(): equal and tree intact = nothing to do
  uint64_t site = 0;    // what every programme's outputs depend on (site inputs, report year)
  std::map<std::string, uint64_t> programmes;  // programme id → fingerprint of its inputs
  InputStamps input_stamps;                    // so unchanged input files are not read again
  size_t pages = 0;
  std::vector<CachedFile> files;               // sorted by path
  std::vector<Diagnostic> diagnostics;         // replayed when nothing changed
};

// False (and `cache` empty) when the file is missing, of another format, or fails its check.
bool read_cache(const std::filesystem::path& file, BuildCache& cache);
// Written atomically (util/atomic_file.h); false with `error` set when it could not be.
bool write_cache(const std::filesystem::path& file, const BuildCache& cache, std::string& error);

// The programme whose outputs include a file is not recorded: output_owner() of the table of
// outputs (plan/outputs.h) tells it from the path (~1 MB less to write and read at N = 300).

// Size, mtime and inode of out_dir/rel (false when it is not a regular file).
bool stat_output(const std::filesystem::path& out_dir, const std::string& rel, CachedFile& f);
// True when out_dir/f.path is still the file the cache describes.
bool unchanged(const std::filesystem::path& out_dir, const CachedFile& f);
// The same, for the output folder open as `out_fd` (less of each path to resolve).
bool unchanged(int out_fd, const CachedFile& f);
// True when out_dir still holds every cached file, unchanged (other entries are not
// Vitrina's and do not matter).
bool tree_unchanged(const std::filesystem::path& out_dir, const std::vector<CachedFile>& files);

}  // namespace vitrina
