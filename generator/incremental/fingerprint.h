// Incremental rebuilds, part 1: what the inputs are. Before anything is parsed, every input
// file (data/, content/, templates/, themes/ of the site and the bundled ones) is read and
// hashed, and the hashes are grouped by who depends on them: one programme's folder
// (data/programmes/<id>/, content/<id>/) or the whole site (everything else). The build
// compares these with the last build's (build_cache.h) to reuse unchanged programmes' files.
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace vitrina {

// 64-bit content hash for change detection (not for security).
class Hasher {
 public:
  Hasher& add(std::string_view bytes);
  Hasher& add(uint64_t value);
  uint64_t value() const { return h_; }

 private:
  uint64_t h_ = 0x9e3779b97f4a7c15ull;
};

// A file's size, mtime and inode when its content hash was taken. Like git's index, a file
// whose stamp is unchanged is not read again — unless its mtime was within a second of the
// moment it was hashed (a change in the same clock tick would not show in the mtime).
struct InputStamp {
  uint64_t size = 0, inode = 0;
  int64_t mtime_ns = 0;
  uint64_t hash = 0;
  bool trusted = false;  // the mtime was old enough when hashed
};
using InputStamps = std::map<std::string, InputStamp>;

struct InputFingerprint {
  uint64_t site = 0;                           // site-wide inputs and `settings`
  std::map<std::string, uint64_t> programmes;  // programme folder → its own files
  std::map<std::string, uint64_t> data_folders;  // data/programmes/<id>/ alone (what loading it reads)
  InputStamps stamps;                          // every input file, for the next build
  size_t files_read = 0;                       // files whose bytes had to be read and hashed
  uint64_t all() const;                        // everything: equal means nothing changed
};

// Every entry of the input folders with its stamp (lstat), none of them read: the part of the
// fingerprint that needs nothing from the last build, so the build lists the inputs while it
// reads the last build's cache (build_cache.h), whose stamps say which files to read.
struct InputListing {
  struct Entry {
    std::string name;         // site-relative (see fingerprint_inputs)
    std::filesystem::path path;
    bool stamped = false;     // a file: `stamp` and `regular` hold its lstat (no hash yet)
    bool regular = false;
    InputStamp stamp;         // otherwise stamp.hash is the entry's hash (a link, a folder)
  };
  std::vector<Entry> entries;
  int64_t listed_ns = 0;  // the time the stamps were taken
};

// Lists every entry under site_dir's data/, content/, templates/ and themes/ (site-relative
// names: "data/…", "content/…", "templates/…", "themes/…") and share_dir's templates/ and themes/
// (prefixed with "share:").
InputListing list_inputs(const std::filesystem::path& site_dir, const std::filesystem::path& share_dir);

// Hashes every listed input. `settings` is whatever else the output depends on (version,
// options, language). Files whose stamp in `previous` still matches are not read.
InputFingerprint fingerprint_inputs(const InputListing& inputs, const std::string& settings,
                                    const InputStamps& previous = {});
inline InputFingerprint fingerprint_inputs(const std::filesystem::path& site_dir,
                                           const std::filesystem::path& share_dir, const std::string& settings,
                                           const InputStamps& previous = {}) {
  return fingerprint_inputs(list_inputs(site_dir, share_dir), settings, previous);
}

// The first path component after `prefix` when `rel` starts with it and goes deeper
// ("programmes/" in "programmes/a/x" → "a"), else "".
std::string folder_after(const std::string& rel, std::string_view prefix);

// The programme folder a site-relative input file belongs to, or "" for site-wide files.
std::string input_owner(const std::string& site_relative_path);

}  // namespace vitrina
