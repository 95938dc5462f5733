#include "pipeline/pipeline.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "compute/metrics.h"
#include "compute/report.h"
#include "load/loader.h"
#include "output/html/html_site.h"
#include "output/opendata/opendata.h"
#include "output/xlsx/annex_workbook.h"
#include "output/xlsx/board_workbook.h"
#include "pipeline/search_index.h"
#include "plan/pages.h"
#include "render/template_set.h"
#include "text/messages.h"
#include "validate/validate.h"
#include "write/publish.h"

namespace vitrina {

namespace fs = std::filesystem;

fs::path share_dir() {
  if (const char* env = std::getenv("VITRINA_SHARE"); env && *env) return env;
  return VITRINA_SHARE_DIR;
}

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// Loads and validates; prints diagnostics. Returns false when there are errors.
bool load_and_validate(const BuildOptions& opt, LoadResult& loaded, Diagnostics& diags) {
  loaded = load_site(opt.site_dir, diags);
  if (opt.year) loaded.model.site.report_year = opt.year;
  if (!opt.base_url.empty()) loaded.model.site.base_url = opt.base_url;
  validate(loaded.model, loaded.sources, diags);
  return !diags.has_errors();
}

// Acknowledged warnings (reviewed by the data's author) are printed only on request.
void print_diagnostics(Diagnostics& diags, const BuildOptions& opt) {
  diags.sort();
  Diagnostics shown;
  for (const auto& d : diags.items())
    if (!d.acknowledged || opt.show_acknowledged) shown.add(d);
  const std::string text = format_all(shown, opt.format);
  std::cerr << text;
  if (opt.capture_diagnostics) *opt.capture_diagnostics += text;
}

void summary(const Diagnostics& diags, const BuildOptions& opt) {
  if (opt.format != DiagFormat::Text) return;
  const size_t hidden = opt.show_acknowledged ? 0 : diags.acknowledged_count();
  const size_t warnings = diags.warning_count() - hidden;
  if (diags.error_count() || warnings || !opt.quiet) {
    std::cerr << tr("summary.diags", {std::to_string(diags.error_count()), std::to_string(warnings)});
    if (hidden) std::cerr << tr("summary.acknowledged", {std::to_string(hidden)});
    std::cerr << "\n";
  }
}

}  // namespace

int run_check(const BuildOptions& opt) {
  Diagnostics diags;
  LoadResult loaded;
  bool ok = load_and_validate(opt, loaded, diags);
  if (ok) compute_metrics(loaded.model, diags);
  if (ok) {
    auto pages = plan_pages(loaded.model);
    check_content_links(loaded.model, pages, diags);
  }
  print_diagnostics(diags, opt);
  summary(diags, opt);
  return diags.has_errors() ? kExitDataErrors : kExitOk;
}

int run_build(const BuildOptions& opt) {
  const auto t0 = Clock::now();
  Diagnostics diags;
  LoadResult loaded;
  const bool tty = ::isatty(STDERR_FILENO) && !opt.quiet;
  auto stage = [&](const char* name, Clock::time_point since) {
    if (opt.verbose) std::cerr << "  " << name << ": " << static_cast<long>(ms_since(since)) << " ms\n";
  };
  auto t = Clock::now();
  bool ok = load_and_validate(opt, loaded, diags);
  stage("load+validate", t);
  const SiteModel& model = loaded.model;
  SiteMetrics metrics;
  std::vector<PlannedPage> pages;
  std::vector<OutputFile> files;
  HtmlResult html;
  if (ok) {
    t = Clock::now();
    metrics = compute_metrics(model, diags);
    stage("compute", t);
    t = Clock::now();
    pages = plan_pages(model);
    check_content_links(model, pages, diags);
    stage("plan", t);
    ok = !diags.has_errors();
  }
  if (ok) {
    t = Clock::now();
    const fs::path share = share_dir();
    TemplateSet templates = TemplateSet::load({opt.site_dir / "templates", share / "templates"}, diags);
    const std::string theme_name = model.site.theme.empty() ? "default" : model.site.theme;
    Theme theme = load_theme({opt.site_dir / "themes" / theme_name, share / "themes" / theme_name,
                              share / "themes" / "default"},
                             model.site.locale, diags);
    HtmlOptions hopt{model.site.base_url, opt.jobs};
    if (tty) std::cerr << tr("progress.render", {std::to_string(pages.size())}) << "\r" << std::flush;
    html = render_html(model, metrics, pages, templates, theme, hopt, diags);
    files = std::move(html.files);
    stage("render", t);
    t = Clock::now();
    for (auto& f : build_workbooks(model, metrics, diags, opt.jobs)) files.push_back(std::move(f));
    stage("xlsx", t);
    t = Clock::now();
    for (auto& f : build_open_data(model, metrics)) files.push_back(std::move(f));
    stage("open data", t);
    ok = !diags.has_errors();
  }
  if (!ok) {
    print_diagnostics(diags, opt);
    summary(diags, opt);
    if (opt.format == DiagFormat::Text) std::cerr << tr("build.failed") << "\n";
    return kExitDataErrors;
  }
  t = Clock::now();
  const fs::path out = opt.out_dir.empty() ? opt.site_dir / "output" : opt.out_dir;
  PublishStats stats;
  auto index = [&](const fs::path& staging, Diagnostics& d) { return build_search_index(staging, d, opt.verbose); };
  if (!publish(out, files, stats, diags, index)) {
    print_diagnostics(diags, opt);
    return kExitDataErrors;
  }
  stage("write", t);
  print_diagnostics(diags, opt);
  if (!opt.quiet) {
    if (opt.verbose) {
      for (const auto& [kind, n] : html.pages_by_kind)
        std::cerr << "  " << kind << ": " << n << " pages, " << html.bytes_by_kind[kind] / (n ? n : 1)
                  << " bytes/page, " << html.requests_by_kind[kind] << " requests/page\n";
      for (const auto& p : stats.written_paths) std::cerr << "  + " << p << "\n";
      for (const auto& p : stats.removed_paths) std::cerr << "  - " << p << "\n";
    }
    std::cerr << tr("build.done", {std::to_string(pages.size()), std::to_string(stats.written),
                                   std::to_string(stats.kept), std::to_string(stats.removed),
                                   std::to_string(static_cast<long>(ms_since(t0)))})
              << "\n";
    std::cerr << tr("build.open", {(fs::absolute(out) / "index.html").lexically_normal().string()}) << "\n";
  }
  return kExitOk;
}

int run_report(const BuildOptions& opt_in, const std::string& format) {
  // The report is where a methodologist reviews figures: reviewed warnings are shown too.
  BuildOptions opt = opt_in;
  opt.show_acknowledged = true;
  Diagnostics diags;
  LoadResult loaded;
  bool ok = load_and_validate(opt, loaded, diags);
  if (!ok) {
    print_diagnostics(diags, opt);
    return kExitDataErrors;
  }
  SiteMetrics metrics = compute_metrics(loaded.model, diags);
  print_diagnostics(diags, opt);
  const bool colour = format == "text" && ::isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR") &&
                      std::getenv("TERM") && std::string(std::getenv("TERM")) != "dumb";
  std::cout << format_report(loaded.model, metrics, format, colour);
  return kExitOk;
}

int run_annex(const BuildOptions& opt, const std::string& programme, const fs::path& out_file) {
  Diagnostics diags;
  LoadResult loaded;
  if (!load_and_validate(opt, loaded, diags)) {
    print_diagnostics(diags, opt);
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
  std::string bytes = build_annex_xlsx(model.site, *it, metrics, diags);
  print_diagnostics(diags, opt);
  if (bytes.empty() || diags.has_errors()) return kExitDataErrors;
  // Write beside the target and rename, so a failed write never leaves half a workbook.
  fs::path tmp = out_file;
  tmp += ".tmp";
  {
    std::ofstream o(tmp, std::ios::binary);
    o.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!o) {
      std::cerr << tr("file.unreadable", {tmp.string()}) << "\n";
      return kExitDataErrors;
    }
  }
  std::error_code ec;
  fs::rename(tmp, out_file, ec);
  if (ec) {
    std::cerr << ec.message() << "\n";
    return kExitDataErrors;
  }
  if (!opt.quiet) std::cerr << tr("annex.done", {out_file.string()}) << "\n";
  return kExitOk;
}

}  // namespace vitrina
