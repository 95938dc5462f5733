#include "pipeline/pipeline.h"

#include <tbb/info.h>
#include <tbb/parallel_invoke.h>
#include <tbb/task_arena.h>
#include <malloc.h>
#ifdef VITRINA_JEMALLOC
#include <jemalloc/jemalloc.h>
#endif
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <unordered_map>
#include <vector>

#include "compute/metrics.h"
#include "compute/report.h"
#include "incremental/build_cache.h"
#include "incremental/fingerprint.h"
#include "load/loader.h"
#include "load/snapshot.h"
#include "output/html/html_site.h"
#include "output/opendata/opendata.h"
#include "output/search/search_index.h"
#include "output/xlsx/annex_workbook.h"
#include "output/xlsx/board_workbook.h"
#include "plan/outputs.h"
#include "plan/pages.h"
#include "render/template_set.h"
#include "text/messages.h"
#include "util/parallel.h"
#include "util/program_id.h"
#include "validate/validate.h"
#include "write/publish.h"

namespace vitrina {

namespace fs = std::filesystem;

fs::path share_dir() {
  if (const char* env = std::getenv("VITRINA_SHARE"); env && *env) return env;
  // An installed binary (/usr/bin/vitrina from the Debian package, or the package unpacked
  // anywhere) has its files in ../share/vitrina; a binary in the build tree uses the sources.
  static const fs::path installed = [] {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    const fs::path dir = exe.parent_path().parent_path() / "share" / "vitrina";
    return !ec && fs::is_directory(dir / "templates", ec) ? dir : fs::path();
  }();
  return installed.empty() ? fs::path(VITRINA_SHARE_DIR) : installed;
}

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// The process's peak resident memory so far (VmHWM), in MiB; 0 when unknown.
long peak_rss_mib() {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6) / 1024;
  return 0;
}

// Bytes the program holds on the heap now (not what the process keeps from the system), in MiB.
long heap_in_use_mib() {
#ifdef VITRINA_JEMALLOC
  uint64_t epoch = 1;
  size_t len = sizeof epoch, allocated = 0, alen = sizeof allocated;
  ::mallctl("epoch", &epoch, &len, &epoch, len);  // refreshes the statistics
  if (::mallctl("stats.allocated", &allocated, &alen, nullptr, 0) != 0) return 0;
  return static_cast<long>(allocated >> 20);
#else
  const struct mallinfo2 mi = ::mallinfo2();
  return static_cast<long>((mi.uordblks + mi.hblkhd) >> 20);
#endif
}

// Loads and validates; prints diagnostics. Returns false when there are errors.
bool load_and_validate(const BuildOptions& opt, LoadResult& loaded, Diagnostics& diags,
                       const SnapshotOptions* snapshots = nullptr) {
  loaded = load_site(opt.site_dir, diags, opt.jobs, snapshots);
  if (opt.year) loaded.model.site.report_year = opt.year;
  if (!opt.base_url.empty()) loaded.model.site.base_url = opt.base_url;
  validate(loaded.model, loaded.sources, diags);
  return !diags.has_errors();
}

// Keeps `value` alive until the process exits (BuildOptions::leave_to_exit). The list is
// never freed but stays reachable, so leak checkers do not report it.
template <class T>
void leave_to_exit(T& value) {
  static auto* kept = new std::vector<std::shared_ptr<void>>();
  kept->push_back(std::make_shared<T>(std::move(value)));
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

namespace {

// What loading a programme folder depends on besides its files: the program, and the UI
// language its diagnostics are worded in (load/snapshot.h).
std::string loader_settings() {
  return std::string("vitrina ") + VITRINA_VERSION + "|" + program_identity() + "|lang " + language();
}

// What the output depends on besides the input files: the program itself (its build ID: a
// changed vitrina renders everything again, while the same binary rebuilt by CI still
// reuses the last build), options and the UI language.
std::string build_settings(const BuildOptions& opt) {
  std::string s = loader_settings();
  s += "|base " + opt.base_url + "|year " + std::to_string(opt.year);
  s += opt.no_search ? "|no search" : "|search 1";
  return s;
}

// Programmes whose inputs, and everything site-wide, are as in the last build, and whose
// files are all still in the live tree as that build left them: their files are reused.
RenderScope plan_reuse(const SiteModel& model, const InputFingerprint& fp, uint64_t site_fp, const BuildCache& cache,
                       const fs::path& out, int jobs, std::map<std::string, std::vector<const CachedFile*>>& reused) {
  RenderScope scope;
  scope.programmes.assign(model.programmes.size(), true);
  if (cache.site != site_fp) return scope;
  std::map<std::string, std::vector<const CachedFile*>> by_owner;
  for (const auto& f : cache.files)
    if (!f.owner.empty()) by_owner[f.owner].push_back(&f);
  // One stat per published file (~34 000 at 300 programmes): spread over the threads.
  const size_t n = model.programmes.size();
  std::vector<const std::vector<const CachedFile*>*> candidates(n, nullptr);
  for (size_t i = 0; i < n; ++i) {
    const std::string& id = model.programmes[i].id;
    auto now = fp.programmes.find(id);
    auto then = cache.programmes.find(id);
    auto files = by_owner.find(id);
    if (now != fp.programmes.end() && then != cache.programmes.end() && now->second == then->second &&
        files != by_owner.end())
      candidates[i] = &files->second;
  }
  std::vector<char> intact(n, 0);
  auto check = [&](size_t i) {
    if (candidates[i])
      intact[i] = std::all_of(candidates[i]->begin(), candidates[i]->end(),
                              [&](const CachedFile* f) { return unchanged(out, *f); });
  };
  parallel_indices(n, jobs, check);
  for (size_t i = 0; i < n; ++i)
    if (intact[i]) {
      scope.programmes[i] = false;
      reused[model.programmes[i].id] = *candidates[i];
    }
  return scope;
}

void print_done(const BuildOptions& opt, size_t pages, size_t rendered, const PublishStats& stats,
                const fs::path& out, Clock::time_point t0) {
  if (opt.quiet) return;
  std::cerr << tr("build.done", {std::to_string(pages), std::to_string(stats.written), std::to_string(stats.kept),
                                 std::to_string(stats.removed), std::to_string(static_cast<long>(ms_since(t0))),
                                 std::to_string(rendered)})
            << "\n";
  std::cerr << tr("build.open", {(fs::absolute(out) / output_path(Output::Home)).lexically_normal().string()}) << "\n";
}

}  // namespace

int run_build(const BuildOptions& opt) {
  const auto t0 = Clock::now();
  Diagnostics diags;
  LoadResult loaded;
  const bool tty = ::isatty(STDERR_FILENO) && !opt.quiet;
  auto stage = [&](const char* name, Clock::time_point since) {
    if (opt.verbose)
      std::cerr << "  " << name << ": " << static_cast<long>(ms_since(since)) << " ms (peak memory so far "
                << peak_rss_mib() << " MiB, in use " << heap_in_use_mib() << " MiB)\n";
  };
  const fs::path out = opt.out_dir.empty() ? opt.site_dir / "output" : opt.out_dir;
  const fs::path share = share_dir();

  // Nothing changed since the last build and its tree is intact: nothing to do (its
  // diagnostics are printed again, so a rebuild says what the first build said).
  auto t = Clock::now();
  BuildCache cache;
  const fs::path cache_file = cache_path(out);
  const bool have_cache = !opt.no_cache && read_cache(cache_file, cache);
  const InputFingerprint fp = fingerprint_inputs(opt.site_dir, share, build_settings(opt), cache.input_stamps);
  if (opt.no_search && !opt.quiet) std::cerr << tr("search.off") << "\n";
  if (have_cache && cache.inputs == fp.all() && tree_unchanged(out, cache.files)) {
    stage("fingerprint", t);
    for (const auto& d : cache.diagnostics) diags.add(d);
    print_diagnostics(diags, opt);
    PublishStats stats;
    stats.kept = cache.files.size();
    print_done(opt, cache.pages, 0, stats, out, t0);
    return kExitOk;
  }
  stage("fingerprint", t);
  if (opt.verbose) std::cerr << "    " << fp.stamps.size() << " input files, " << fp.files_read << " read\n";

  t = Clock::now();
  SnapshotOptions snapshots;
  snapshots.dir = snapshot_dir(out);
  snapshots.restore = !opt.no_cache;
  const uint64_t loader_fp = Hasher().add(loader_settings()).value();
  for (const auto& [folder, hash] : fp.data_folders) snapshots.keys[folder] = Hasher().add(loader_fp).add(hash).value();
  bool ok = load_and_validate(opt, loaded, diags, &snapshots);
  loaded.sources = SourceIndex{};  // positions are only needed by load and validate
  stage("load+validate", t);
  if (opt.verbose)
    std::cerr << "    " << loaded.model.programmes.size() << " programmes, " << loaded.folders_restored
              << " restored from snapshots\n";
  const SiteModel& model = loaded.model;
  SiteMetrics metrics;
  std::vector<PlannedPage> pages;
  if (ok) {
    t = Clock::now();
    metrics = compute_metrics(model, diags, 0, opt.jobs);
    stage("compute", t);
    t = Clock::now();
    pages = plan_pages(model);
    check_content_links(model, pages, diags);
    stage("plan", t);
    ok = !diags.has_errors();
  }
  if (!ok) {
    print_diagnostics(diags, opt);
    summary(diags, opt);
    if (opt.format == DiagFormat::Text) std::cerr << tr("build.failed") << "\n";
    return kExitDataErrors;
  }

  // The report year comes from all programmes' data: every programme's pages show it.
  const uint64_t site_fp = Hasher().add(fp.site).add(static_cast<uint64_t>(metrics.overall.report_year)).value();
  std::map<std::string, std::vector<const CachedFile*>> reused;
  const RenderScope scope = have_cache ? plan_reuse(model, fp, site_fp, cache, out, opt.jobs, reused) : RenderScope{};

  t = Clock::now();
  Publisher pub(out, opt.verbose);
  if (!pub.begin(diags)) {
    print_diagnostics(diags, opt);
    return kExitDataErrors;
  }
  std::vector<OpenDataEntry> reused_data;
  {
    // Hard-linking the reused files into the staging tree: a few syscalls each, on all threads.
    std::vector<const CachedFile*> keep;
    for (const auto& [id, files] : reused) keep.insert(keep.end(), files.begin(), files.end());
    std::vector<char> kept(keep.size(), 0);
    parallel_indices(keep.size(), opt.jobs, [&](size_t i) { kept[i] = pub.keep(keep[i]->path, keep[i]->inode); });
    for (size_t i = 0; i < keep.size(); ++i) {
      if (!kept[i]) diags.error(out.string() + "/" + keep[i]->path, 0, 0, tr("build.output_changed"));
      if (!keep[i]->sha256.empty()) reused_data.push_back({keep[i]->path, keep[i]->size, keep[i]->sha256});
    }
  }
  stage("reuse", t);

  t = Clock::now();
  TemplateSet templates = TemplateSet::load({opt.site_dir / "templates", share / "templates"}, diags);
  const std::string theme_name = model.site.theme.empty() ? "default" : model.site.theme;
  Theme theme = load_theme({opt.site_dir / "themes" / theme_name, share / "themes" / theme_name,
                            share / "themes" / "default"},
                           model.site.locale, diags);
  HtmlOptions hopt{model.site.base_url, opt.jobs, !opt.no_search};
  if (tty) std::cerr << tr("progress.render", {std::to_string(pages.size())}) << "\r" << std::flush;
  // Pages, workbooks and open data are independent: made at the same time, each file
  // handed to the publisher as soon as it exists. Diagnostics are merged in a fixed order.
  HtmlResult html;
  Diagnostics html_diags, xlsx_diags;
  std::vector<OpenDataEntry> data_entries;
  // Every page is indexed for search as it is rendered, on the thread that rendered it.
  SearchIndex search;
  const FileSink sink = opt.no_search ? pub.sink() : FileSink([&](const std::string& rel, std::string_view bytes) {
    pub.add(rel, bytes);
    if (rel.size() > 5 && rel.compare(rel.size() - 5, 5, ".html") == 0) search.add_page(rel, bytes);
  });
  double html_ms = 0, xlsx_ms = 0, data_ms = 0, search_ms = 0;  // each branch's own time, for --verbose
  auto do_html = [&] {
    const auto b = Clock::now();
    html = render_html(model, metrics, pages, templates, theme, hopt, html_diags, sink, scope);
    html_ms = ms_since(b);
  };
  auto do_xlsx = [&] {
    const auto b = Clock::now();
    build_workbooks(model, metrics, xlsx_diags, opt.jobs, sink, scope);
    xlsx_ms = ms_since(b);
  };
  auto do_data = [&] {
    const auto b = Clock::now();
    data_entries = build_open_data(model, metrics, sink, scope, std::move(reused_data), opt.jobs);
    data_ms = ms_since(b);
  };
  // The search records of the reused programmes are read meanwhile (search cache).
  const fs::path search_cache = search_cache_dir(out);
  std::map<std::string, uint64_t> search_keys;  // programme → what its pages were made from
  for (const auto& [id, hash] : fp.programmes) search_keys[id] = Hasher().add(hash).add(site_fp).value();
  auto do_search = [&] {
    if (opt.no_search) return;
    const auto b = Clock::now();
    for (const auto& [id, files] : reused) {
      std::vector<std::string> html;
      for (const CachedFile* f : files)
        if (f->path.size() > 5 && f->path.compare(f->path.size() - 5, 5, ".html") == 0) html.push_back(f->path);
      search.reuse(id, search_keys[id], search_cache, out, html);
    }
    search_ms = ms_since(b);
  };
  const int threads = opt.jobs > 0 ? opt.jobs : tbb::info::default_concurrency();
  if (threads <= 1) {
    do_html(), do_xlsx(), do_data(), do_search();
  } else {
    tbb::task_arena arena(threads);
    arena.execute([&] { tbb::parallel_invoke(do_html, do_xlsx, do_data, do_search); });
  }
  diags.append(html_diags);
  diags.append(xlsx_diags);
  stage("render", t);
  if (opt.verbose)
    std::cerr << "    html " << static_cast<long>(html_ms) << " ms, xlsx " << static_cast<long>(xlsx_ms)
              << " ms, open data " << static_cast<long>(data_ms) << " ms, reused search records "
              << static_cast<long>(search_ms) << " ms (at the same time)\n";
  if (diags.has_errors()) {
    print_diagnostics(diags, opt);
    summary(diags, opt);
    if (opt.format == DiagFormat::Text) std::cerr << tr("build.failed") << "\n";
    return kExitDataErrors;
  }

  if (!opt.no_search) {
    t = Clock::now();
    std::vector<std::string> ids;
    for (const auto& p : model.programmes) ids.push_back(p.id);
    const SearchStats st = search.write(ids, pub.sink(), opt.jobs);
    stage("search", t);
    if (opt.verbose)
      std::cerr << "    " << st.pages << " pages indexed (" << st.cached << " programmes from the search cache, "
                << st.reread << " read again), " << st.stems << " stems, " << st.postings << " entries, "
                << st.buckets << " buckets, " << st.bytes / 1024 << " KiB\n";
  }

  t = Clock::now();
  PublishStats stats;
  if (!pub.finish(stats, diags)) {
    print_diagnostics(diags, opt);
    return kExitDataErrors;
  }
  stage("write", t);
  if (!opt.no_search) search.save(search_cache, search_keys);

  // Record what this build made, for the next one.
  t = Clock::now();
  BuildCache next;
  next.inputs = fp.all();
  next.site = site_fp;
  next.programmes = fp.programmes;
  next.input_stamps = fp.stamps;
  next.pages = pages.size();
  std::map<std::string, const OpenDataEntry*> sha;
  for (const auto& e : data_entries) sha[e.path] = &e;
  std::unordered_map<std::string, const CachedFile*> kept;  // still the same files: no stat needed
  for (const auto& [id, files] : reused)
    for (const CachedFile* f : files) kept[f->path] = f;
  for (const auto& rel : pub.files()) {
    if (auto k = kept.find(rel); k != kept.end()) {
      next.files.push_back(*k->second);
      continue;
    }
    CachedFile f;
    f.path = rel;
    if (!stat_output(out, rel, f)) continue;
    f.owner = output_owner(rel);
    if (auto it = sha.find(rel); it != sha.end()) f.sha256 = it->second->sha256;
    next.files.push_back(std::move(f));
  }
  next.diagnostics = diags.items();
  if (!write_cache(cache_file, next)) fs::remove(cache_file);
  stage("cache", t);

  print_diagnostics(diags, opt);
  if (!opt.quiet && opt.verbose) {
    for (const auto& [kind, n] : html.pages_by_kind)
      std::cerr << "  " << kind << ": " << n << " pages, " << html.bytes_by_kind[kind] / (n ? n : 1)
                << " bytes/page, " << html.requests_by_kind[kind] << " requests/page, "
                << static_cast<long>(html.ms_by_kind[kind]) << " ms\n";
    for (const auto& p : stats.written_paths) std::cerr << "  + " << p << "\n";
    for (const auto& p : stats.removed_paths) std::cerr << "  - " << p << "\n";
  }
  print_done(opt, pages.size(), html.rendered, stats, out, t0);
  if (opt.leave_to_exit) {
    leave_to_exit(loaded);
    leave_to_exit(metrics);
    leave_to_exit(pages);
    leave_to_exit(cache);
    leave_to_exit(next);
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

bool load_for_command(const BuildOptions& opt, LoadResult& loaded, Diagnostics& diags) {
  return load_and_validate(opt, loaded, diags);
}
void report_diagnostics(Diagnostics& diags, const BuildOptions& opt) { print_diagnostics(diags, opt); }

}  // namespace vitrina
