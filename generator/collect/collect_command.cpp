// `vitrina collect <programme> -o FILE.xlsx`.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "cli/data_entry.h"
#include "collect/collect_workbook.h"
#include "load/loader.h"
#include "text/messages.h"
#include "write/ownership.h"

namespace vitrina {

namespace fs = std::filesystem;

// The workbook is written under the same rules as annex -o (write/ownership.h): never among the
// site's inputs, its cache or a built site, and an existing file only if Vitrina wrote it there
// and nobody changed it since (a workbook someone filled in is never replaced without --force).
int run_collect(const BuildOptions& opt, const std::string& programme, const fs::path& out, const CollectOptions& c) {
  const SiteFolders site = site_folders(opt.site_dir, opt.cache_dir, share_dir());
  const fs::path target = resolve_target(out);
  if (std::string why = refuse_output_file(site, target, opt.force); !why.empty()) {
    std::cerr << why << "\n";
    return kExitUsage;
  }
  Diagnostics diags;
  LoadResult loaded;
  if (!load_for_command(opt, loaded, diags)) {
    report_diagnostics(diags, opt);
    return kExitDataErrors;
  }
  const SiteModel& model = loaded.model;
  auto it = std::find_if(model.programmes.begin(), model.programmes.end(),
                         [&](const Programme& p) { return p.id == programme; });
  if (it == model.programmes.end()) {
    std::cerr << tr("annex.unknown", {programme}) << "\n";
    return kExitUsage;
  }
  SiteMetrics metrics = compute_metrics(model, diags, opt.year);
  std::string bytes = build_collect_xlsx(model, *it, metrics, c, diags);
  report_diagnostics(diags, opt);
  if (bytes.empty() || diags.has_errors()) return kExitDataErrors;
  if (std::string error = write_output_file(site, target, bytes); !error.empty()) {
    std::cerr << error << "\n";
    return kExitDataErrors;
  }
  if (!opt.quiet) std::cerr << tr("annex.done", {target.string()}) << "\n";
  return kExitOk;
}

}  // namespace vitrina
