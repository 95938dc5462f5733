// Stage 2: cross-object checks over the loaded model (ids, references, years).
// Reads positions from the load stage's SourceIndex; never reads files itself.
#pragma once
#include "diag/diagnostics.h"
#include "load/loader.h"
#include "model/model.h"

namespace vitrina {

// `jobs`: threads for the per-programme checks (0: all cores; util/parallel.h).
void validate(const SiteModel& model, const SourceIndex& sources, Diagnostics& diags, int jobs = 1);

}  // namespace vitrina
