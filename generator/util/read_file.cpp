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
    if (have == out.size()) out.resize(out.size() + (out.size() < 4096 ? 4096 : out.size() / 2));
    const ssize_t n = ::read(fd, out.data() + have, out.size() - have);
    if (n < 0) {
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    have += static_cast<size_t>(n);
  }
  ::close(fd);
  out.resize(have);
  return true;
}

}  // namespace vitrina
