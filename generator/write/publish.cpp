#include "write/publish.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <set>

namespace vitrina {

namespace fs = std::filesystem;

bool safe_output_path(const std::string& rel) {
  if (rel.empty() || rel.front() == '/' || rel.back() == '/') return false;
  if (rel.find('\0') != std::string::npos || rel.find('\\') != std::string::npos) return false;
  size_t start = 0;
  while (start <= rel.size()) {
    size_t end = rel.find('/', start);
    if (end == std::string::npos) end = rel.size();
    std::string part = rel.substr(start, end - start);
    if (part.empty() || part == "." || part == ".." || part.size() > 255) return false;
    start = end + 1;
  }
  return true;
}

namespace {

bool same_bytes(const fs::path& p, const std::string& bytes) {
  struct stat st;
  if (::lstat(p.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || static_cast<size_t>(st.st_size) != bytes.size())
    return false;
  std::ifstream in(p, std::ios::binary);
  std::string buf(bytes.size(), '\0');
  in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
  return in.gcount() == static_cast<std::streamsize>(bytes.size()) && buf == bytes;
}

bool write_file(const fs::path& p, const std::string& bytes) {
  int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) return false;
  size_t off = 0;
  while (off < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
    if (n <= 0) {
      ::close(fd);
      return false;
    }
    off += static_cast<size_t>(n);
  }
  return ::close(fd) == 0;
}

void list_files(const fs::path& root, std::set<std::string>& out) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (it->is_regular_file(ec) && !it->is_symlink(ec)) out.insert(fs::relative(it->path(), root).generic_string());
  }
}

}  // namespace

bool publish(const fs::path& out_dir_in, const std::vector<OutputFile>& files, PublishStats& stats,
             Diagnostics& diags, const BeforeSwap& before_swap) {
  const fs::path out_dir = fs::absolute(out_dir_in).lexically_normal();
  const fs::path parent = out_dir.parent_path();
  const std::string name = out_dir.filename().string();
  std::error_code ec;
  fs::create_directories(parent, ec);

  // Leftovers of builds that were killed: staging or swapped-out trees.
  for (const auto& e : fs::directory_iterator(parent, ec)) {
    std::string n = e.path().filename().string();
    if (n.rfind("." + name + ".staging-", 0) == 0 || n.rfind("." + name + ".old-", 0) == 0)
      fs::remove_all(e.path(), ec);
  }
  if (fs::is_symlink(out_dir, ec)) {
    diags.error(out_dir.string(), 0, 0, "output folder is a symbolic link; refusing to replace it");
    return false;
  }
  const fs::path staging = parent / ("." + name + ".staging-" + std::to_string(::getpid()));
  fs::create_directories(staging, ec);
  if (ec) {
    diags.error(staging.string(), 0, 0, "cannot create staging folder: " + ec.message());
    return false;
  }
  const bool live_exists = fs::is_directory(out_dir, ec);
  std::set<std::string> made_dirs;
  for (const auto& f : files) {
    if (!safe_output_path(f.path)) {
      diags.error(f.path, 0, 0, "unsafe output path refused");
      fs::remove_all(staging, ec);
      return false;
    }
    const fs::path target = staging / f.path;
    const std::string dir = target.parent_path().string();
    if (made_dirs.insert(dir).second) fs::create_directories(target.parent_path(), ec);
    const fs::path live = out_dir / f.path;
    if (live_exists && same_bytes(live, f.bytes) && ::link(live.c_str(), target.c_str()) == 0) {
      ++stats.kept;
      continue;
    }
    if (!write_file(target, f.bytes)) {
      diags.error(f.path, 0, 0, std::string("cannot write output file: ") + std::strerror(errno));
      fs::remove_all(staging, ec);
      return false;
    }
    ++stats.written;
    stats.bytes_written += f.bytes.size();
    stats.written_paths.push_back(f.path);
  }

  std::set<std::string> new_files;
  for (const auto& f : files) new_files.insert(f.path);
  if (before_swap) {
    if (!before_swap(staging, diags)) {
      fs::remove_all(staging, ec);
      return false;
    }
    // Files the hook wrote get the same treatment as ours: identical ones become hard links
    // to the live copies, so their mtimes are kept too.
    std::set<std::string> staged;
    list_files(staging, staged);
    for (const auto& rel : staged) {
      if (new_files.count(rel)) continue;
      new_files.insert(rel);
      const fs::path target = staging / rel, live = out_dir / rel;
      std::string bytes;
      std::ifstream in(target, std::ios::binary);
      bytes.assign(std::istreambuf_iterator<char>(in), {});
      const fs::path tmp = target.string() + ".vitrina-link";
      if (live_exists && same_bytes(live, bytes) && ::link(live.c_str(), tmp.c_str()) == 0 &&
          ::rename(tmp.c_str(), target.c_str()) == 0) {
        ++stats.kept;
      } else {
        ::unlink(tmp.c_str());
        ++stats.written;
        stats.bytes_written += bytes.size();
        stats.written_paths.push_back(rel);
      }
    }
  }

  if (live_exists) {
    std::set<std::string> old_files;
    list_files(out_dir, old_files);
    for (const auto& o : old_files)
      if (!new_files.count(o)) {
        ++stats.removed;
        stats.removed_paths.push_back(o);
      }
    if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, out_dir.c_str(), RENAME_EXCHANGE) != 0) {
      diags.error(out_dir.string(), 0, 0, std::string("cannot swap in the new site: ") + std::strerror(errno));
      fs::remove_all(staging, ec);
      return false;
    }
    // `staging` now holds the previous site; rename it first so a kill during the slow
    // delete leaves a name the next build recognises and removes.
    const fs::path old = parent / ("." + name + ".old-" + std::to_string(::getpid()));
    fs::rename(staging, old, ec);
    fs::remove_all(ec ? staging : old, ec);
  } else {
    fs::rename(staging, out_dir, ec);
    if (ec) {
      diags.error(out_dir.string(), 0, 0, "cannot move the new site into place: " + ec.message());
      fs::remove_all(staging, ec);
      return false;
    }
  }
  return true;
}

}  // namespace vitrina
