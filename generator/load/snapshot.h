// Snapshots of loaded programme folders. Loading a folder is a pure function of its files, of
// the program and of the UI language (which words its diagnostics), and parsing JSON was half
// of a rebuild after a one-value change (bench/README.md). So a build keeps, per folder, what
// loading gave — the model, the diagnostics, the parsed files' identities — in a binary file
// beside the output, keyed by a hash of those inputs; the next build decodes unchanged folders
// instead of parsing them. A snapshot that is missing, stale or damaged is simply not used.
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostics.h"
#include "load/json_positions.h"
#include "model/model.h"

namespace vitrina {

// What loading one programme folder yields.
struct LoadedFolder {
  Programme programme;
  Diagnostics diags;
  std::map<std::string, PositionMap> files;  // site-relative name → positions, for validate
  std::vector<std::string> unread;            // files that are there (or required) but could not be parsed
};

class FileBatch;

struct SnapshotOptions {
  std::filesystem::path dir;              // where the snapshots are; empty: none are used or kept
  FileBatch* batch = nullptr;             // new snapshots go here (util/atomic_file.h); null: none kept
  std::map<std::string, uint64_t> keys;   // folder name → hash of everything its loading reads
  bool restore = true;                    // false (--no-cache): parse every folder, still keep them
};

// The bytes of a snapshot of `folder` under `key` (a header with the key and a checksum, then
// the payload).
std::string encode_folder(const LoadedFolder& folder, uint64_t key);

// Decodes bytes made by encode_folder with the same `key`. File positions are deferred to
// site_dir/<name>, built only if a diagnostic needs them and only if the file is unchanged.
// False, with `out` unspecified, for bytes of another key, a damaged file or another format.
bool decode_folder(std::string_view bytes, uint64_t key, const std::filesystem::path& site_dir, LoadedFolder& out);

// File-level helpers over `opt.dir`: one file per folder, <dir>/<folder>.snapshot.
// restore_folder is false when there is no usable snapshot. save_folder writes a new one into
// `opt.batch` (every write checked); commit_snapshots, once the folders are loaded, puts them in
// place only after they are on disk (FileBatch::commit).
bool restore_folder(const SnapshotOptions& opt, const std::string& folder, const std::filesystem::path& site_dir,
                    LoadedFolder& out);
void save_folder(const SnapshotOptions& opt, const std::string& folder, const LoadedFolder& loaded);
// Commits the snapshots save_folder wrote and removes those of folders no longer in `opt.keys`
// (and temporary files of killed builds).
void commit_snapshots(const SnapshotOptions& opt);

}  // namespace vitrina
