// Whole-file reads shared by the stages that read from disk (data, content, templates, theme).
// Only regular files are read: a FIFO would block the build forever, a device node such as
// /dev/zero would fill memory, and neither is ever an input (docs/security.md, «Пределы»).
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

namespace vitrina {

enum class ReadStatus {
  Ok,
  Missing,     // no such file
  NotRegular,  // a FIFO, device, socket or folder: not opened for reading
  TooLarge,    // over the caller's limit: not read
  Unreadable,  // permissions, I/O error
};

// Reads the regular file `path` into `out` if it has at most `max_bytes` bytes (a file that
// grows past the limit while being read counts as too large). `size` gets its size.
ReadStatus read_regular_file(const std::filesystem::path& path, std::string& out, uint64_t max_bytes,
                             uint64_t* size = nullptr);

// Reads a regular file of any size into `out`; false when it is not one or cannot be read.
bool read_file(const std::filesystem::path& path, std::string& out);

}  // namespace vitrina
