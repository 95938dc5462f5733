// Files that cannot lie: written so that a reader (or the next run) sees either the old bytes or
// the new ones, whole — the bytes go to a temporary file in the same folder, every write and the
// close are checked, the file is fsync'ed, then renamed over the target and the folder fsync'ed —
// and, for caches, a check line that tells a file cut short or altered from a whole one.
// A full disk, a killed process or a power cut leaves the previous file, never half a file.
#pragma once
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vitrina {

// Whether a file must be on disk before it replaces the previous one (fsync'ed, and its folder
// after the rename), or may stay in the page cache: only for a cache that carries a check of
// its own (append_check, or a snapshot's frame) and that is rebuilt when it fails it or is
// missing — a power cut may then leave the previous file, none or a damaged one, each only
// costing work, never a wrong result. A sync is a disk round trip per file at the end of
// every build (the build cache is ~5 MB at N = 300).
enum class Durability { Synced, CheckedCache };

// Replaces `file` with `bytes` atomically (permissions 0644 less the umask). False with
// `error` set (the system's message) when anything failed; the previous file is then intact
// and no temporary file is left.
bool write_file_atomically(const std::filesystem::path& file, std::string_view bytes, std::string& error,
                           Durability durability = Durability::Synced);

// Removes the temporary files a killed writer left in `dir` (".NAME.tmp-PID"). Only for a
// folder the caller alone writes to (one it holds the lock of): a live writer's file would go too.
void remove_stale_temporaries(const std::filesystem::path& dir);

// Writes all of `bytes` to `fd` (retrying short writes and EINTR); false on any error.
bool write_all(int fd, std::string_view bytes);

// Appends a last line with the size and a checksum of everything before it; strip_check
// removes it again and is false when it is missing or does not match (a file cut short by a
// full disk, or altered). For text and binary contents alike.
void append_check(std::string& bytes);
bool strip_check(std::string& bytes);

// Many files at once (a cache with one file per programme): each is written under a temporary
// name with checked writes, then commit() puts them all on disk together — fdatasync on several
// threads costs about one disk round trip instead of one per file (~9 ms each on this disk:
// 2.7 s for 300 files) — and only then renames them into place.
class FileBatch {
 public:
  FileBatch() = default;
  ~FileBatch();  // removes the temporary files of a batch never committed
  FileBatch(const FileBatch&) = delete;
  FileBatch& operator=(const FileBatch&) = delete;

  // Thread-safe. False (and nothing left behind) when the temporary file cannot be written.
  bool write(const std::filesystem::path& file, std::string_view bytes);
  // Syncs and renames every file written so far; one that cannot be synced is removed, so
  // its previous version (or none) stays. Returns how many were put in place.
  size_t commit();

 private:
  std::mutex mu_;
  std::vector<std::pair<std::filesystem::path, std::filesystem::path>> pending_;  // temporary → file
};

}  // namespace vitrina
