#include "util/read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <limits>

namespace vitrina {

// Plain POSIX reads into a string sized from fstat: no stream buffers (an ifstream allocates
// and faults in its own buffer per file, a tenth of loading thousands of data files). The
// file is opened non-blocking, so that opening a FIFO returns at once, and is read only if
// fstat says it is a regular file. A file that grows while being read is read to its end
// (or to the limit).
ReadStatus read_regular_file(const std::filesystem::path& path, std::string& out, uint64_t max_bytes,
                             uint64_t* size) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) return errno == ENOENT || errno == ENOTDIR ? ReadStatus::Missing : ReadStatus::Unreadable;
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return ReadStatus::Unreadable;
  }
  if (size) *size = static_cast<uint64_t>(st.st_size);
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return ReadStatus::NotRegular;
  }
  if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    ::close(fd);
    return ReadStatus::TooLarge;
  }
  out.resize(static_cast<size_t>(st.st_size));
  size_t have = 0;
  ReadStatus status = ReadStatus::Ok;
  while (true) {
    ssize_t n;
    if (have < out.size()) {
      n = ::read(fd, out.data() + have, out.size() - have);
      if (n > 0) have += static_cast<size_t>(n);
    } else {
      // At the size fstat gave: usually the end. Grow only if there is more.
      char more[4096];
      n = ::read(fd, more, sizeof more);
      if (n > 0) {
        if (out.size() + static_cast<size_t>(n) > max_bytes) {
          status = ReadStatus::TooLarge;
          break;
        }
        out.append(more, static_cast<size_t>(n));
        have = out.size();
      }
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      status = ReadStatus::Unreadable;
      break;
    }
    if (n == 0) break;
  }
  ::close(fd);
  if (status != ReadStatus::Ok) {
    out.clear();
    return status;
  }
  out.resize(have);
  return ReadStatus::Ok;
}

bool read_file(const std::filesystem::path& path, std::string& out) {
  return read_regular_file(path, out, std::numeric_limits<uint64_t>::max()) == ReadStatus::Ok;
}

}  // namespace vitrina
