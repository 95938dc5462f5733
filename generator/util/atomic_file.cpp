#include "util/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <set>
#include <thread>

namespace vitrina {

namespace fs = std::filesystem;

namespace {

fs::path temporary_for(const fs::path& file) {
  return file.parent_path() / ("." + file.filename().string() + ".tmp-" + std::to_string(::getpid()));
}

void sync_folder(const fs::path& dir) {
  if (const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// Writes `bytes` to a new file `tmp`; false, with the file removed and errno kept, on failure.
bool write_new(const fs::path& tmp, std::string_view bytes, bool sync) {
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) return false;
  bool ok = write_all(fd, bytes) && (!sync || ::fsync(fd) == 0);
  int saved = errno;
  if (::close(fd) != 0 && ok) {
    ok = false;
    saved = errno;
  }
  if (!ok) {
    ::unlink(tmp.c_str());
    errno = saved;
  }
  return ok;
}

std::string check_line(std::string_view body) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "\n#check %zu %016llx\n", body.size(),
                static_cast<unsigned long long>(std::hash<std::string_view>{}(body)));
  return buf;
}

}  // namespace

void remove_stale_temporaries(const fs::path& dir) {
  std::error_code ec;
  std::vector<fs::path> stale;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string n = e.path().filename().string();
    if (n.size() > 1 && n[0] == '.' && n.find(".tmp-") != std::string::npos && e.is_regular_file(ec)) stale.push_back(e.path());
  }
  for (const auto& p : stale) fs::remove(p, ec);
}

bool write_all(int fd, std::string_view bytes) {
  size_t off = 0;
  while (off < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = ENOSPC;
      return false;
    }
    off += static_cast<size_t>(n);
  }
  return true;
}

bool write_file_atomically(const fs::path& file, std::string_view bytes, std::string& error, Durability durability) {
  const bool sync = durability == Durability::Synced;
  const fs::path tmp = temporary_for(file);
  if (!write_new(tmp, bytes, sync)) {
    error = std::strerror(errno);
    return false;
  }
  if (::rename(tmp.c_str(), file.c_str()) != 0) {
    error = std::strerror(errno);
    ::unlink(tmp.c_str());
    return false;
  }
  if (sync) sync_folder(file.parent_path());  // the rename itself is durable only once the folder is
  return true;
}

void append_check(std::string& bytes) { bytes += check_line(bytes); }

bool strip_check(std::string& bytes) {
  if (bytes.size() < 2 || bytes.back() != '\n') return false;
  const size_t nl = bytes.rfind('\n', bytes.size() - 2);
  if (nl == std::string::npos) return false;
  if (bytes.compare(nl, std::string::npos, check_line(std::string_view(bytes).substr(0, nl))) != 0) return false;
  bytes.resize(nl);
  return true;
}

FileBatch::~FileBatch() {
  for (const auto& [tmp, file] : pending_) ::unlink(tmp.c_str());
}

bool FileBatch::write(const fs::path& file, std::string_view bytes) {
  const fs::path tmp = temporary_for(file);
  if (!write_new(tmp, bytes, false)) return false;
  std::lock_guard<std::mutex> lock(mu_);
  pending_.emplace_back(tmp, file);
  return true;
}

size_t FileBatch::commit() {
  std::vector<std::pair<fs::path, fs::path>> files;
  {
    std::lock_guard<std::mutex> lock(mu_);
    files.swap(pending_);
  }
  std::vector<char> synced(files.size(), 0);
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i; (i = next++) < files.size();) {
      const int fd = ::open(files[i].first.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
      synced[i] = fd >= 0 && ::fdatasync(fd) == 0;
      if (fd >= 0) ::close(fd);
    }
  };
  std::vector<std::thread> threads;
  for (size_t t = 0; t < std::min<size_t>(8, files.size()); ++t) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  size_t placed = 0;
  std::set<fs::path> folders;
  for (size_t i = 0; i < files.size(); ++i) {
    if (synced[i] && ::rename(files[i].first.c_str(), files[i].second.c_str()) == 0) {
      ++placed;
      folders.insert(files[i].second.parent_path());
    } else {
      ::unlink(files[i].first.c_str());
    }
  }
  for (const auto& dir : folders) sync_folder(dir);
  return placed;
}

}  // namespace vitrina
