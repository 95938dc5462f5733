// An exclusive lock held by one process at a time: flock(2) on a folder or a file. The kernel
// releases it when the process ends however it ends (a killed build's lock is simply free
// again), so a dead holder never blocks the next run and there is nothing to clean up.
#pragma once
#include <filesystem>
#include <functional>
#include <string>

namespace vitrina {

class FileLock {
 public:
  enum class Result { Taken, TimedOut, Failed };

  FileLock() = default;
  ~FileLock();
  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

  // Takes the lock on `path`: a folder, or a file (created if missing; its folder must
  // exist). When another process holds it, calls `waiting()` once and waits up to
  // `wait_seconds` (negative: as long as it takes). `error` is set on Failed.
  Result take(const std::filesystem::path& path, double wait_seconds, const std::function<void()>& waiting,
              std::string& error);
  bool held() const { return fd_ >= 0; }

  // Who holds a lock, for messages: the holder writes its process id into `file` after taking
  // the lock; holder() reads it back, 0 when there is none or that process is gone.
  static void write_holder(const std::filesystem::path& file);
  static long holder(const std::filesystem::path& file);

 private:
  int fd_ = -1;
};

}  // namespace vitrina
