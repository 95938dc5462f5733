// The board's annex workbook of one programme: «Мероприятия», «Показатели», «План и факт»,
// «Паспорт» (docs/annexes.md). Deterministic: same model → same bytes.
#pragma once
#include <string>

#include "compute/metrics.h"
#include "diag/diagnostics.h"
#include "model/model.h"

namespace vitrina {

// The .xlsx bytes ("" on failure, with an error in `diags`). Figures come from `metrics`
// (computed for the report year wanted, e.g. `vitrina annex … --year Y`).
std::string build_annex_xlsx(const Site& site, const Programme& programme, const SiteMetrics& metrics,
                             Diagnostics& diags);

}  // namespace vitrina
