// One way to spread independent work over `--jobs` threads.
#pragma once
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_group.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <utility>

namespace vitrina {

// Threads for `jobs` (0: all cores). Never more threads than cores: that would only
// oversubscribe (and make TBB print a warning).
inline int thread_count(int jobs) {
  const int cores = tbb::info::default_concurrency();
  return jobs > 0 ? std::min(jobs, cores) : cores;
}

// Runs f() where its parallel loops may use `threads` threads: in a new arena of that size,
// or in the caller's arena when called from inside one that is no larger. The build makes
// its pages, workbooks and open data at the same time in one arena (parallel_tasks); with an
// arena per output, a thread could help only with the loops of the arena it was in (the
// build's own thread, done with its output, waited for the others' loops to end).
template <class F>
void in_arena(int threads, const F& f) {
  if (tbb::this_task_arena::current_thread_index() != tbb::task_arena::not_initialized &&
      tbb::this_task_arena::max_concurrency() <= threads) {
    f();
    return;
  }
  tbb::task_arena arena(threads);
  arena.execute(f);
}

// Runs f(0) … f(n - 1) on up to `jobs` threads, in any order.
template <class F>
void parallel_indices(size_t n, int jobs, const F& f) {
  const int threads = thread_count(jobs);
  if (threads <= 1 || n < 2) {
    for (size_t i = 0; i < n; ++i) f(i);
    return;
  }
  in_arena(threads, [&] { tbb::parallel_for(size_t{0}, n, f); });
}

// Runs the functions at the same time on up to `jobs` threads, or one after another on one.
// `first` starts at once on the calling thread; the others start in their order on the other
// threads, and on the calling thread when `first` is done. Give `first` the longest task: it then
// never waits for the others to begin, nor ends alone after them. It is isolated: while it waits
// for its own parallel loops, its thread takes none of the other tasks (which could keep it from
// its own work for as long as that task takes).
template <class First, class... F>
void parallel_tasks(int jobs, const First& first, const F&... f) {
  const int threads = thread_count(jobs);
  if (threads <= 1) {
    first();
    (f(), ...);
    return;
  }
  in_arena(threads, [&] {
    tbb::task_group others;
    (others.run([&f] { f(); }), ...);
    tbb::this_task_arena::isolate([&] { first(); });
    others.wait();
  });
}

// Runs `then` on the thread of whichever of `count` tasks calls done() last (parallel_tasks: an
// action that needs several tasks' results starts as soon as they are in, beside the others).
class Countdown {
 public:
  Countdown(int count, std::function<void()> then) : left_(count), then_(std::move(then)) {}
  void done() {
    if (--left_ == 0) then_();
  }

 private:
  std::atomic<int> left_;
  std::function<void()> then_;
};

}  // namespace vitrina
