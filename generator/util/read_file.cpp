#include "util/read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vitrina {

// Plain POSIX reads into a string sized from fstat: no stream buffers (an ifstream allocates
// and faults in its own buffer per file, a tenth of loading thousands of data files). A file
// that grows while being read is read to its end.
bool read_file(const std::filesystem::path& path, std::string& out) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
    ::close(fd);
    return false;
  }
  out.resize(st.st_size > 0 ? static_cast<size_t>(st.st_size) : 0);
  size_t have = 0;
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
        out.append(more, static_cast<size_t>(n));
        have = out.size();
      }
    }
    if (n < 0) {
      ::close(fd);
      return false;
    }
    if (n == 0) break;
  }
  ::close(fd);
  out.resize(have);
  return true;
}

}  // namespace vitrina
