// Writing a file so that a reader (or the next run) sees either the old bytes or the new ones,
// whole: the bytes go to a temporary file in the same folder, every write and the close are
// checked, the file is fsync'ed, then renamed over the target and the folder is fsync'ed.
// A full disk, a killed process or a power cut leaves the previous file, never half a file.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>

namespace vitrina {

// Replaces `file` with `bytes` atomically (permissions 0644 less the umask). False with
// `error` set (the system's message) when anything failed; the previous file is then intact
// and no temporary file is left.
bool write_file_atomically(const std::filesystem::path& file, std::string_view bytes, std::string& error);

// Writes all of `bytes` to `fd` (retrying short writes and EINTR); false on any error.
bool write_all(int fd, std::string_view bytes);

}  // namespace vitrina
