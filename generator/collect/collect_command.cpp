// `vitrina collect <programme> -o FILE.xlsx`.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/data_entry.h"
#include "collect/collect_workbook.h"
#include "collect/layout.h"
#include "load/loader.h"
#include "tabular/table.h"
#include "text/messages.h"
#include "util/read_file.h"

namespace vitrina {

namespace fs = std::filesystem;

namespace {

bool inside(const fs::path& file, const fs::path& dir) {
  std::error_code ec;
  const fs::path f = fs::weakly_canonical(file, ec), d = fs::weakly_canonical(dir, ec);
  auto [a, b] = std::mismatch(d.begin(), d.end(), f.begin(), f.end());
  return a == d.end();
}

// Collect never overwrites the site's inputs, nor an existing file it did not make.
bool may_write(const fs::path& out, const fs::path& site, std::string& why) {
  for (const char* input : {"data", "content", "templates", "themes"})
    if (inside(out, site / input)) {
      why = tr("collect.out_is_input", {out.string()});
      return false;
    }
  std::error_code ec;
  if (!fs::exists(out, ec)) return true;
  std::string bytes, error;
  tabular::Workbook wb;
  if (read_file(out, bytes) && tabular::read_xlsx(bytes, wb, error, {}, {collect::kServiceSheet})) {
    const tabular::Sheet* s = wb.find(collect::kServiceSheet);
    const tabular::Cell* marker = s ? s->at(0, 0) : nullptr;
    if (marker && marker->text == collect::kMarker) return true;
  }
  why = tr("collect.out_not_ours", {out.string()});
  return false;
}

}  // namespace

bool write_file_atomically(const fs::path& file, const std::string& bytes, std::string& error) {
  fs::path tmp = file;
  tmp += ".vitrina-tmp";
  {
    std::ofstream o(tmp, std::ios::binary | std::ios::trunc);
    o.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    o.flush();
    if (!o) {
      error = tr("import.write_failed", {tmp.string()});
      std::error_code ec;
      fs::remove(tmp, ec);
      return false;
    }
  }
  std::error_code ec;
  fs::rename(tmp, file, ec);
  if (ec) {
    error = tr("import.write_failed", {file.string()}) + ": " + ec.message();
    fs::remove(tmp, ec);
    return false;
  }
  return true;
}

int run_collect(const BuildOptions& opt, const std::string& programme, const fs::path& out, const CollectOptions& c) {
  std::string why;
  if (!may_write(out, opt.site_dir, why)) {
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
  std::string error;
  if (!write_file_atomically(out, bytes, error)) {
    std::cerr << error << "\n";
    return kExitDataErrors;
  }
  if (!opt.quiet) std::cerr << tr("annex.done", {out.string()}) << "\n";
  return kExitOk;
}

}  // namespace vitrina
