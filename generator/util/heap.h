// Pages for the heap in bulk. Decoding the snapshots of a rebuild's unchanged programmes
// allocates ~1.75 times their size (~155 MiB at N = 300) in a few hundred milliseconds, and
// every new page was a page fault: about 40 % of the decode's CPU. Faulting in the same pages
// with one system call per snapshot costs less: ~20 ms of a one-value rebuild's ~1 s of CPU.
#pragma once
#include <cstddef>

namespace vitrina {

// While one lives, the calling thread's allocator arena keeps the pages freed to it instead of
// returning them to the system (as jemalloc does within milliseconds when many are freed at
// once), so that pages faulted in ahead by prefault_heap stay there for what comes next.
class KeptHeapPages {
 public:
  KeptHeapPages();
  ~KeptHeapPages();
  KeptHeapPages(const KeptHeapPages&) = delete;
  KeptHeapPages& operator=(const KeptHeapPages&) = delete;

 private:
  // Used only with jemalloc (VITRINA_JEMALLOC): the sanitizer build has none.
  [[maybe_unused]] unsigned arena_ = 0;
  [[maybe_unused]] long decay_ms_ = 0;
  [[maybe_unused]] bool set_ = false;
};

// Faults in about `bytes` of heap for the allocations about to follow (a no-op without jemalloc,
// or on a kernel without MADV_POPULATE_WRITE).
void prefault_heap(size_t bytes);

}  // namespace vitrina
