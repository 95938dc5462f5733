#include "util/heap.h"

#ifdef VITRINA_JEMALLOC
#include <jemalloc/jemalloc.h>
#include <sys/mman.h>
#include <sys/types.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>
#endif

namespace vitrina {

#ifdef VITRINA_JEMALLOC

namespace {

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23  // Linux 5.14; older kernels refuse it, and then nothing is done
#endif

std::string decay_key(unsigned arena) { return "arena." + std::to_string(arena) + ".dirty_decay_ms"; }

}  // namespace

KeptHeapPages::KeptHeapPages() {
  size_t len = sizeof arena_;
  if (::mallctl("thread.arena", &arena_, &len, nullptr, 0) != 0) return;
  ssize_t old = 0, never = -1;
  len = sizeof old;
  set_ = ::mallctl(decay_key(arena_).c_str(), &old, &len, &never, sizeof never) == 0;
  decay_ms_ = static_cast<long>(old);
}

KeptHeapPages::~KeptHeapPages() {
  if (!set_) return;
  ssize_t old = decay_ms_;
  ::mallctl(decay_key(arena_).c_str(), nullptr, nullptr, &old, sizeof old);
}

void prefault_heap(size_t bytes) {
  // In blocks below jemalloc's oversize threshold (8 MiB), which come from the thread's arena:
  // a larger block would come from the arena for huge ones, which returns it to the system at
  // once. Page-aligned, so that whole pages are populated and handed back.
  constexpr size_t kPage = 4096, kBlock = size_t{4} << 20;
  std::vector<void*> blocks;
  for (size_t left = (bytes + kPage - 1) / kPage * kPage; left > 0;) {
    const size_t n = std::min(left, kBlock);
    void* block = ::aligned_alloc(kPage, n);
    if (!block) break;
    ::madvise(block, n, MADV_POPULATE_WRITE);
    blocks.push_back(block);
    left -= n;
  }
  for (void* block : blocks) ::free(block);
}

#else

KeptHeapPages::KeptHeapPages() {}
KeptHeapPages::~KeptHeapPages() {}
void prefault_heap(size_t) {}

#endif

}  // namespace vitrina
