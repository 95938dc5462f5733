// The board's meeting pack (output/board.xlsx): «Сводка» (a row per programme and the total), «Диаграмма»,
// a printed page per programme, the overdue and not done measures, and a sheet per indicator status.
#pragma once
#include <string>
#include <vector>

#include "compute/metrics.h"
#include "diag/diagnostics.h"
#include "model/model.h"
#include "plan/pages.h"
#include "write/publish.h"

namespace vitrina {

// Its cells are worked out on up to `jobs` threads (0 = all cores); the bytes do not depend on it.
std::string build_board_xlsx(const SiteModel& model, const SiteMetrics& metrics, Diagnostics& diags, int jobs = 0);

// The programmes' workbooks: xlsx/<programme>.xlsx for the programmes in `scope` (paths relative
// to output/), each handed to `sink` when it is made. Rendered on `jobs` threads (0 = all cores);
// files, bytes and diagnostics do not depend on it. A build makes board.xlsx apart: it starts it
// as soon as the figures are computed (pipeline.cpp).
void build_annexes(const SiteModel& model, const SiteMetrics& metrics, Diagnostics& diags, int jobs,
                   const FileSink& sink, const RenderScope& scope = {});
// Every workbook of the site: the annexes, then board.xlsx.
std::vector<OutputFile> build_workbooks(const SiteModel& model, const SiteMetrics& metrics, Diagnostics& diags,
                                        int jobs = 0);

}  // namespace vitrina
