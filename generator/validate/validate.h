// Stage 2: cross-object checks over the loaded model (ids, references, years).
// Reads positions from the load stage's SourceIndex; never reads files itself.
#pragma once
#include "diag/diagnostics.h"
#include "load/loader.h"
#include "model/model.h"

namespace vitrina {

// The diagnostics of unchanged programmes' own checks kept from an earlier build
// (incremental/results_cache.h): validate asks for them before checking a programme, and hands
// over the ones it found. Called from several threads at once.
class ChecksStore {
 public:
  virtual ~ChecksStore() = default;
  virtual bool restore(const Programme& p, Diagnostics& out) = 0;
  virtual void save(const Programme& p, const Diagnostics& found) = 0;
};

// `jobs`: threads for the per-programme checks (0: all cores; util/parallel.h). The diagnostics
// are the same for any number, and with or without a `store`.
void validate(const SiteModel& model, const SourceIndex& sources, Diagnostics& diags, int jobs = 1,
              ChecksStore* store = nullptr);

}  // namespace vitrina
