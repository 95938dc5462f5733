// `vitrina collect <programme> -o FILE.xlsx`: written under the same rules as annex -o
// (pipeline.h's write_programme_workbook, write/ownership.h) — a workbook someone filled in is
// never replaced without --force.
#include "cli/data_entry.h"
#include "collect/collect_workbook.h"

namespace vitrina {

int run_collect(const BuildOptions& opt, const std::string& programme, const std::filesystem::path& out,
                const CollectOptions& c) {
  return write_programme_workbook(opt, programme, out,
                                  [&](const SiteModel& model, const Programme& p, const SiteMetrics& metrics,
                                      Diagnostics& diags) { return build_collect_xlsx(model, p, metrics, c, diags); });
}

}  // namespace vitrina
