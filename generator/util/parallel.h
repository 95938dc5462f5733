// One way to spread independent per-item work over `--jobs` threads.
#pragma once
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstddef>

namespace vitrina {

// Runs f(0) … f(n - 1) on up to `jobs` threads (0: all cores), in any order. Never more
// threads than cores: that would only oversubscribe (and make TBB print a warning).
template <class F>
void parallel_indices(size_t n, int jobs, const F& f) {
  const int cores = tbb::info::default_concurrency();
  const int threads = jobs > 0 ? std::min(jobs, cores) : cores;
  if (threads <= 1 || n < 2) {
    for (size_t i = 0; i < n; ++i) f(i);
    return;
  }
  tbb::task_arena arena(threads);
  arena.execute([&] { tbb::parallel_for(size_t{0}, n, f); });
}

}  // namespace vitrina
