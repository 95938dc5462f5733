#include "pipeline/pipeline.h"

#include <fcntl.h>
#include <malloc.h>
#ifdef VITRINA_JEMALLOC
#include <jemalloc/jemalloc.h>
#endif
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <future>
#include <iostream>
#include <memory>
#include <unordered_map>
#include <vector>

#include "compute/metrics.h"
#include "compute/report.h"
#include "incremental/build_cache.h"
#include "incremental/results_cache.h"
#include "incremental/fingerprint.h"
#include "load/content_loader.h"
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
#include "util/atomic_file.h"
#include "util/parallel.h"
#include "util/program_id.h"
#include "validate/validate.h"
#include "write/lock.h"
#include "write/ownership.h"
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

// Runs f() and sets `ms` to how long it took: the branches of a step run at the same time, and
// --verbose shows each one's own time.
template <class F>
void timed(double& ms, const F& f) {
  const auto start = Clock::now();
  f();
  ms = ms_since(start);
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
                       const SnapshotOptions* snapshots = nullptr, ChecksStore* checks = nullptr,
                       const std::function<ContentFolders()>& content = {}) {
  loaded = load_site(opt.site_dir, diags, opt.jobs, snapshots, content);
  if (opt.year) loaded.model.site.report_year = opt.year;
  if (!opt.base_url.empty()) loaded.model.site.base_url = opt.base_url;
  // After a load error a programme's id may not be its folder's (programme.id_mismatch), and so
  // not name its inputs: then every programme is checked again.
  validate(loaded.model, loaded.sources, diags, opt.jobs, diags.has_errors() ? nullptr : checks);
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

using Reused = std::map<std::string, std::vector<const CachedFile*>>;

// The programmes whose inputs are as in the last build and whose files are all still in the
// live tree as that build left them (one stat per file, ~34 000 at 300 programmes). It needs
// only the fingerprints and the cache, so it runs in the background beside board.xlsx, planning
// and the publisher's start (plan_reuse then adds what the model decides). Not while the model is
// loaded: its 34 000 stats took CPU from the load, which board.xlsx waits for.
Reused intact_programmes(const InputFingerprint& fp, const BuildCache& cache, const fs::path& out) {
  Reused by_owner, intact;
  for (const auto& f : cache.files)
    if (std::string owner = output_owner(f.path); !owner.empty()) by_owner[std::move(owner)].push_back(&f);
  const int out_fd = ::open(out.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);  // paths resolved from it
  if (out_fd < 0) return intact;
  for (auto& [id, files] : by_owner) {
    auto now = fp.programmes.find(id);
    auto then = cache.programmes.find(id);
    if (now == fp.programmes.end() || then == cache.programmes.end() || now->second != then->second) continue;
    if (std::all_of(files.begin(), files.end(), [&](const CachedFile* f) { return unchanged(out_fd, *f); }))
      intact.emplace(id, std::move(files));
  }
  ::close(out_fd);
  return intact;
}

// Programmes of the model that are intact (intact_programmes), when everything site-wide is as
// in the last build too: their files are reused, the others are rendered.
RenderScope plan_reuse(const SiteModel& model, uint64_t site_fp, const BuildCache& cache, Reused& intact,
                       Reused& reused) {
  RenderScope scope;
  scope.programmes.assign(model.programmes.size(), true);
  if (cache.site != site_fp) return scope;
  for (size_t i = 0; i < model.programmes.size(); ++i)
    if (auto it = intact.find(model.programmes[i].id); it != intact.end()) {
      scope.programmes[i] = false;
      reused[it->first] = std::move(it->second);
    }
  return scope;
}

// Everything one build works on, handed from step to step (run_build lists the steps).
struct Build {
  explicit Build(const BuildOptions& o) : opt(o) {}
  const BuildOptions& opt;
  const Clock::time_point t0 = Clock::now();
  const fs::path share = share_dir();
  fs::path out;
  SiteFolders site;
  OutputWork work;
  FileLock lock;
  Diagnostics diags;
  BuildCache cache;
  bool have_cache = false;
  InputFingerprint fp;
  LoadResult loaded;
  SiteMetrics metrics;
  std::vector<PlannedPage> pages;
  uint64_t site_fp = 0;  // site-wide inputs and the report year
  Reused reused;
  RenderScope scope;
  // intact_programmes, in the background from the figures on (declared after what it reads: a
  // build that stops early waits for it before those go).
  std::future<Reused> intact;
  std::future<ContentFolders> content;  // read_content, from the fingerprints on
  // board.xlsx, made on a thread of its own from the figures on (start_board; declared after
  // what it reads, so that a build that stops early waits for it before those go).
  Diagnostics board_diags;
  std::future<std::string> board;
  HtmlResult html;
  std::vector<OpenDataEntry> data_entries;
  SearchIndex search;                        // every page, indexed as it is rendered
  SearchStats search_stats;                  // what writing the index wrote
  double search_ms = 0;                      // how long writing it took
  std::map<std::string, uint64_t> search_keys;  // programme → what its pages were made from
  PublishStats stats;
  // The build cache's file records, drafted while the last workbooks are made (prepare_publication).
  std::vector<CachedFile> drafted;
  std::vector<size_t> drafted_late;  // those of files still being made then: stat'ed again

  // --verbose: how long a step took and the memory so far; `key` names the step in the catalogue.
  void stage(const char* key, Clock::time_point since) const { stage_took(key, ms_since(since)); }
  void stage_took(const char* key, double ms) const {
    if (opt.verbose)
      std::cerr << "  "
                << tr("verbose.stage", {tr(key), std::to_string(static_cast<long>(ms)), std::to_string(peak_rss_mib()),
                                        std::to_string(heap_in_use_mib())})
                << "\n";
  }
  void note(const std::string& text) const {
    if (!opt.quiet) std::cerr << text << "\n";
  }
  // An error about where the build writes (no site changed): printed in the chosen format.
  int refuse(const std::string& message, int code = kExitUsage) {
    diags.error(out.string(), 0, 0, message);
    print_diagnostics(diags, opt);
    return code;
  }
  int failed() {
    print_diagnostics(diags, opt);
    summary(diags, opt);
    if (opt.format == DiagFormat::Text) std::cerr << tr("build.failed") << "\n";
    return kExitDataErrors;
  }
  // The publisher stopped: it refused the output folder (a usage error, nothing changed) or failed.
  int publish_failed(const Publisher& pub) {
    if (!pub.refused()) return failed();
    print_diagnostics(diags, opt);
    return kExitUsage;
  }
};

// One build at a time publishes into a folder: the lock is the output's parent folder (flock),
// whatever site or cache folder the builds use. The private folder is made only under the lock
// (prune_output_work relies on it), unless the parent cannot be locked and the lock is a file in it.
int lock_output(Build& b) {
  std::error_code ec;
  fs::create_directories(b.out.parent_path(), ec);
  std::string error;
  auto waiting = [&] {
    const long pid = FileLock::holder(b.work.lock);
    b.note(tr("lock.waiting", {b.out.string(), pid ? std::to_string(pid) : "?"}));
  };
  auto result = b.lock.take(b.out.parent_path(), b.opt.wait_seconds, waiting, error);
  if (result == FileLock::Result::Failed) {
    fs::create_directories(b.work.dir, ec);
    result = b.lock.take(b.work.lock, b.opt.wait_seconds, waiting, error);
  }
  if (result == FileLock::Result::TimedOut) {
    const long pid = FileLock::holder(b.work.lock);
    return b.refuse(tr("lock.busy", {b.out.string(), pid ? std::to_string(pid) : "?",
                                    std::to_string(static_cast<long>(b.opt.wait_seconds))}),
                    kExitBusy);
  }
  if (result == FileLock::Result::Failed) return b.refuse(tr("out.cache_unusable", {b.work.lock.string(), error}));
  return kExitOk;
}

// Step 1: where the build writes. The output folder must be one Vitrina may build into
// (write/ownership.h); its private folder in the cache is made and locked.
int claim_output(Build& b) {
  b.out = resolve_target(b.opt.out_dir.empty() ? b.opt.site_dir / "output" : b.opt.out_dir);
  b.site = site_folders(b.opt.site_dir, b.opt.cache_dir, b.share);
  if (std::string why = refuse_output_folder(b.site, b.out, b.opt.force); !why.empty()) return b.refuse(why);
  b.work = output_work(b.site.cache_root, b.out);
  if (const int code = lock_output(b); code != kExitOk) return code;
  std::error_code ec;
  fs::create_directories(b.work.dir, ec);
  if (ec) return b.refuse(tr("out.cache_unusable", {b.site.cache_root.string(), ec.message()}));
  remove_stale_temporaries(b.work.dir);  // a killed build's half-written cache; the lock is ours
  std::string error;
  if (!fs::exists(b.work.record, ec)) write_file_atomically(b.work.record, b.out.string(), error);
  mark_cache_folder(b.site.cache_root);
  FileLock::write_holder(b.work.lock);
  return kExitOk;
}

void print_done(const Build& b, size_t pages, size_t rendered) {
  if (b.opt.quiet) return;
  std::cerr << tr("build.done", {std::to_string(pages), std::to_string(b.stats.written), std::to_string(b.stats.kept),
                                 std::to_string(b.stats.removed), std::to_string(static_cast<long>(ms_since(b.t0))),
                                 std::to_string(rendered)})
            << "\n";
  std::cerr << tr("build.open", {(b.out / output_path(Output::Home)).string()}) << "\n";
}

// Step 2: nothing changed since the last build and its tree is intact: nothing to do (its
// diagnostics are printed again, so a rebuild says what the first build said).
bool nothing_changed(Build& b) {
  const auto t = Clock::now();
  // The inputs are listed while the last build's cache is read: only hashing needs its stamps.
  auto cached = std::async(std::launch::async, [&] { return !b.opt.no_cache && read_cache(b.work.cache, b.cache); });
  const InputListing inputs = list_inputs(b.opt.site_dir, b.share);
  // content/ is read meanwhile too, once its stamps are taken (a page edited after that is
  // read again by the next build, as its stamp changed).
  b.content = std::async(std::launch::async, read_content, b.opt.site_dir, b.opt.jobs);
  b.have_cache = cached.get();
  b.fp = fingerprint_inputs(inputs, build_settings(b.opt), b.cache.input_stamps);
  if (b.opt.no_search && !b.opt.quiet) std::cerr << tr("search.off") << "\n";
  b.stage("verbose.fingerprint", t);
  if (!(b.have_cache && b.cache.inputs == b.fp.all() && tree_unchanged(b.out, b.cache.files))) {
    if (b.opt.verbose)
      std::cerr << "    " << tr("verbose.inputs", {std::to_string(b.fp.stamps.size()), std::to_string(b.fp.files_read)})
                << "\n";
    return false;
  }
  for (const auto& d : b.cache.diagnostics) b.diags.add(d);
  print_diagnostics(b.diags, b.opt);
  b.stats.kept = std::count_if(b.cache.files.begin(), b.cache.files.end(),
                               [](const CachedFile& f) { return f.path != kOutputStamp; });
  print_done(b, b.cache.pages, 0);
  return true;
}

// Step 3: the model (unchanged programme folders restored from their snapshots), checked.
// False when the data has errors.
bool load_model(Build& b, ResultsCache& results) {
  auto t = Clock::now();
  FileBatch batch;
  SnapshotOptions snapshots;
  snapshots.dir = b.work.snapshots;
  snapshots.batch = &batch;
  snapshots.restore = !b.opt.no_cache;
  const uint64_t loader_fp = Hasher().add(loader_settings()).value();
  for (const auto& [folder, hash] : b.fp.data_folders) snapshots.keys[folder] = Hasher().add(loader_fp).add(hash).value();
  bool ok = load_and_validate(b.opt, b.loaded, b.diags, &snapshots, &results, [&] { return b.content.get(); });
  b.loaded.sources = SourceIndex{};  // positions are only needed by load and validate
  b.stage("verbose.load", t);
  if (b.opt.verbose)
    std::cerr << "    "
              << tr("verbose.programmes", {std::to_string(b.loaded.model.programmes.size()),
                                           std::to_string(b.loaded.folders_restored)})
              << "\n";
  return ok;
}

// What validate and compute find for a programme depends on its own inputs, everything
// site-wide and the program (all in the fingerprints); the figures cache adds the report.
ResultsCache results_cache(const Build& b) {
  std::map<std::string, uint64_t> inputs;
  for (const auto& [id, hash] : b.fp.programmes) inputs[id] = Hasher().add(b.fp.site).add(hash).value();
  return ResultsCache(b.work.results, std::move(inputs), !b.opt.no_cache);
}

// board.xlsx needs only the model and the figures, and it is the longest output of a one-value
// rebuild (one thread, ~260 ms at N = 300): made from the figures on, on a thread of its own, it
// runs beside planning, the reuse checks and the other outputs instead of starting after them.
// Not with --jobs 1, nor when the data has errors (no site is made then).
void start_board(Build& b) {
  if (thread_count(b.opt.jobs) <= 1 || b.diags.has_errors()) return;
  b.board = std::async(std::launch::async,
                       [&b] { return build_board_xlsx(b.loaded.model, b.metrics, b.board_diags, b.opt.jobs); });
}

// board.xlsx to the publisher: the one start_board made, else made now.
void add_board(Build& b, const FileSink& sink, Diagnostics& diags) {
  const std::string bytes = b.board.valid() ? b.board.get()
                                            : build_board_xlsx(b.loaded.model, b.metrics, b.board_diags, b.opt.jobs);
  if (!bytes.empty()) sink(output_path(Output::BoardWorkbook), bytes);
  diags.append(b.board_diags);
}

// Step 4: every figure computed, alone (its loops take every core, and board.xlsx waits for it),
// then board.xlsx begun.
void compute_figures(Build& b, ResultsCache& results) {
  const auto t = Clock::now();
  b.metrics = compute_metrics(b.loaded.model, b.diags, 0, b.opt.jobs, &results);
  results.commit();
  b.stage("verbose.compute", t);
  start_board(b);
}

// Step 4, beside board.xlsx: every page planned and its links checked, and the publisher begun
// (write/publish.h: the output folder checked, the staging tree made), at the same time: neither
// needs the other's result. False when the data has errors; `begun` false when the publisher
// refused or failed (its diagnostics are then in `pub_diags`).
bool plan_and_begin(Build& b, Publisher& pub, bool& begun, Diagnostics& pub_diags) {
  Diagnostics plan_diags;
  double plan_ms = 0;
  parallel_tasks(
      b.opt.jobs,
      [&] {
        timed(plan_ms, [&] {
          b.pages = plan_pages(b.loaded.model);
          check_content_links(b.loaded.model, b.pages, plan_diags, b.opt.jobs);
        });
      },
      [&] { begun = pub.begin(pub_diags); });
  b.diags.append(plan_diags);
  b.stage_took("verbose.plan", plan_ms);
  return !b.diags.has_errors();
}

// Step 4: the programmes whose files can be reused (plan_reuse), and the open-data entries of
// their files (data/index.json lists every file's checksum).
void plan_reused(Build& b, std::vector<OpenDataEntry>& reused_data) {
  const auto t = Clock::now();
  // The report year comes from all programmes' data: every programme's pages show it.
  b.site_fp = Hasher().add(b.fp.site).add(static_cast<uint64_t>(b.metrics.overall.report_year)).value();
  if (b.intact.valid()) {
    Reused intact = b.intact.get();
    b.scope = plan_reuse(b.loaded.model, b.site_fp, b.cache, intact, b.reused);
  }
  for (const auto& [id, files] : b.reused)
    for (const CachedFile* f : files)
      if (!f->sha256.empty()) reused_data.push_back({f->path, f->size, f->sha256});
  b.stage("verbose.reuse", t);
}

// The last cache's records of the reused files, which are still the same files. They point into
// the cache's list, which is sorted by path, so in address order they are in path order too and
// are matched with the (sorted) published files in one walk.
std::vector<const CachedFile*> reused_records(const Build& b) {
  std::vector<const CachedFile*> kept;
  for (const auto& [id, files] : b.reused) kept.insert(kept.end(), files.begin(), files.end());
  std::sort(kept.begin(), kept.end());
  return kept;
}

// The reused programmes' files, hard-linked into the staging tree (a few syscalls each, on the
// threads the outputs leave free: it runs beside them). A file that is gone is an error.
void keep_reused(Build& b, Publisher& pub, Diagnostics& diags) {
  const std::vector<const CachedFile*> keep = reused_records(b);  // in path order
  std::vector<Publisher::KeptFile> files;
  files.reserve(keep.size());
  for (const CachedFile* f : keep) files.push_back({f->path, f->inode});
  const std::vector<char> kept = pub.keep_all(files, b.opt.jobs);
  for (size_t i = 0; i < keep.size(); ++i)
    if (!kept[i]) diags.error((b.out / keep[i]->path).string(), 0, 0, tr("build.output_changed"));
}

bool is_html(const std::string& path) { return path.size() > 5 && path.compare(path.size() - 5, 5, ".html") == 0; }

// The programmes whose pages are reused, for the search index: their records come from the
// search cache (or, when a record is missing or fails its check, from the reused pages
// themselves) when SearchIndex::write needs them.
void reuse_search_records(Build& b) {
  for (const auto& [id, files] : b.reused) {
    std::vector<std::string> html;
    for (const CachedFile* f : files)
      if (is_html(f->path)) html.push_back(f->path);
    b.search.reuse(id, b.search_keys[id], b.work.search, b.out, html);
  }
}

// Step 6 (during step 5): the search index of every page (output/search/search_index.h), into
// the staged tree.
void write_search_index(Build& b, Publisher& pub) {
  const auto t = Clock::now();
  std::vector<std::string> ids;
  for (const auto& p : b.loaded.model.programmes) ids.push_back(p.id);
  // The last build's index is changed where pages changed, unless everything is made afresh.
  const LastSearchIndex last{b.work.search, b.out,
                             [&pub](const std::string& rel, uint64_t inode) { return pub.keep(rel, inode); }};
  b.search_stats = b.search.write(ids, pub.sink(), b.opt.jobs, b.opt.no_cache ? nullptr : &last);
  b.search_ms = ms_since(t);
}

void report_search_index(const Build& b) {
  if (b.opt.no_search) return;
  b.stage_took("verbose.search", b.search_ms);
  const SearchStats& st = b.search_stats;
  if (b.opt.verbose)
    std::cerr << "    "
              << tr("verbose.search_index", {std::to_string(st.pages), std::to_string(st.cached),
                                             std::to_string(st.reread), std::to_string(st.stems),
                                             std::to_string(st.postings), std::to_string(st.buckets),
                                             std::to_string(st.bytes / 1024)})
              << "\n";
}

// The record of `rel`, a file this build wrote (or kept at the same bytes), as it is in `dir`;
// false when it is not there.
bool fresh_record(const fs::path& dir, const std::string& rel,
                  const std::unordered_map<std::string_view, const OpenDataEntry*>& sha, CachedFile& f) {
  f.path = rel;
  if (!stat_output(dir, rel, f)) return false;
  if (auto it = sha.find(rel); it != sha.end()) f.sha256 = it->second->sha256;
  return true;
}

// Walks the sorted `paths` beside `kept` (the reused files' records, sorted by path): `on_kept`
// gets the record of a path that has one, `on_other` the path of any other and says whether to go
// on. False when it stopped.
template <class OnKept, class OnOther>
bool each_record(const std::vector<std::string>& paths, const std::vector<const CachedFile*>& kept, OnKept on_kept,
                 OnOther on_other) {
  auto k = kept.begin();
  for (const auto& rel : paths) {
    while (k != kept.end() && (*k)->path < rel) ++k;
    if (k != kept.end() && (*k)->path == rel) on_kept(**k++);
    else if (!on_other(rel)) return false;
  }
  return true;
}

std::unordered_map<std::string_view, const OpenDataEntry*> open_data_checksums(const Build& b) {
  std::unordered_map<std::string_view, const OpenDataEntry*> sha;
  for (const auto& e : b.data_entries) sha[e.path] = &e;
  return sha;
}

// While the last workbooks (`pending`) are made, the publication is prepared (Publisher::prepare)
// and the build cache's file records drafted from the staging tree (the published tree, once
// swapped in): record_cache then only looks again at `pending`. The reused files' records
// are copied: the draft is not used if the build publishes other files or in place.
void prepare_publication(Build& b, Publisher& pub, std::vector<std::string> pending) {
  pub.prepare(pending);
  std::sort(pending.begin(), pending.end());
  const auto sha = open_data_checksums(b);
  b.drafted.reserve(pub.prepared_files().size());
  const bool all = each_record(
      pub.prepared_files(), reused_records(b), [&](const CachedFile& kept) { b.drafted.push_back(kept); },
      [&](const std::string& rel) {
        b.drafted.emplace_back();
        b.drafted.back().path = rel;
        if (std::binary_search(pending.begin(), pending.end(), rel)) {
          b.drafted_late.push_back(b.drafted.size() - 1);
          return true;
        }
        return fresh_record(pub.staging_dir(), rel, sha, b.drafted.back());
      });
  if (!all) b.drafted.clear();
}

// The workbooks' paths (output/xlsx: one per rendered programme, and the board's).
std::vector<std::string> workbook_paths(const Build& b) {
  std::vector<std::string> paths{output_path(Output::BoardWorkbook)};
  for (size_t i = 0; i < b.loaded.model.programmes.size(); ++i)
    if (b.scope.wants(i)) paths.push_back(workbook_path(b.loaded.model.programmes[i].id));
  return paths;
}

// Step 5: pages, workbooks and open data, made at the same time, each file handed to the
// publisher as soon as it exists (and every page indexed for search on the thread that
// rendered it, the reused programmes' search records read from the search cache meanwhile).
// The search index is written as soon as the pages and those records are done, by whichever of
// the two ends last, beside the outputs still being made (in a one-value rebuild board.xlsx
// is the longest task, and the index used to wait for it). Diagnostics are merged in a fixed
// order.
bool render_outputs(Build& b, Publisher& pub, std::vector<OpenDataEntry> reused_data) {
  const auto t = Clock::now();
  const BuildOptions& opt = b.opt;
  const SiteModel& model = b.loaded.model;
  TemplateSet templates = TemplateSet::load({opt.site_dir / "templates", b.share / "templates"}, b.diags);
  const std::string theme_name = model.site.theme.empty() ? "default" : model.site.theme;
  Theme theme = load_theme({opt.site_dir / "themes" / theme_name, b.share / "themes" / theme_name,
                            b.share / "themes" / "default"},
                           model.site.locale, b.diags);
  HtmlOptions hopt{model.site.base_url, opt.jobs, !opt.no_search};
  if (::isatty(STDERR_FILENO) && !opt.quiet)
    std::cerr << tr("progress.render", {std::to_string(b.pages.size())}) << "\r" << std::flush;
  Diagnostics xlsx_diags, keep_diags;
  const FileSink sink = opt.no_search ? pub.sink() : FileSink([&](const std::string& rel, std::string_view bytes) {
    pub.add(rel, bytes);
    if (is_html(rel)) b.search.add_page(rel, bytes);
  });
  for (const auto& [id, hash] : b.fp.programmes) b.search_keys[id] = Hasher().add(hash).add(b.site_fp).value();
  double html_ms = 0, xlsx_ms = 0, data_ms = 0, search_ms = 0, keep_ms = 0;
  // The search index, once the pages and the reused records are in.
  Countdown search_inputs(2, [&] {
    if (!opt.no_search) write_search_index(b, pub);
  });
  // The publication prepared once every task but the workbooks' has staged its files.
  Countdown others(4, [&] { prepare_publication(b, pub, workbook_paths(b)); });
  // The workbooks first: board.xlsx, made since the figures were computed (start_board), is the
  // longest task of a one-value rebuild; while this thread waits for it, the others take the rest.
  parallel_tasks(
      opt.jobs,
      [&] {
        timed(xlsx_ms, [&] {
          build_annexes(model, b.metrics, xlsx_diags, opt.jobs, sink, b.scope);
          add_board(b, sink, xlsx_diags);
        });
      },
      [&] {
        timed(html_ms, [&] {
          b.html = render_html(model, b.metrics, b.pages, templates, theme, hopt, sink, b.scope);
        });
        search_inputs.done();
        others.done();
      },
      [&] {
        timed(data_ms, [&] {
          b.data_entries = build_open_data(model, b.metrics, sink, b.scope, std::move(reused_data), opt.jobs);
        });
        others.done();
      },
      [&] {
        if (!opt.no_search) timed(search_ms, [&] { reuse_search_records(b); });
        search_inputs.done();
        others.done();
      },
      [&] {
        timed(keep_ms, [&] { keep_reused(b, pub, keep_diags); });
        others.done();
      });
  b.diags.append(keep_diags);
  b.diags.append(xlsx_diags);
  b.stage("verbose.render", t);
  if (opt.verbose)
    std::cerr << "    "
              << tr("verbose.outputs", {std::to_string(static_cast<long>(html_ms)), std::to_string(static_cast<long>(xlsx_ms)),
                                        std::to_string(static_cast<long>(data_ms)),
                                        std::to_string(static_cast<long>(search_ms)),
                                        std::to_string(static_cast<long>(keep_ms))})
              << "\n";
  return !b.diags.has_errors();
}

// Step 7: publication (write/publish.h).
bool publish_site(Build& b, Publisher& pub) {
  const auto t = Clock::now();
  const bool ok = pub.finish(b.stats, b.diags);
  b.stage("verbose.write", t);
  if (ok && b.opt.verbose && b.stats.in_place) std::cerr << "    " << tr("build.in_place") << "\n";
  if (ok && !b.opt.no_search) b.search.save(b.work.search, b.search_keys, b.out);
  return ok;
}

// The drafted records are those of the published files (prepare_publication).
bool drafted_is_published(const Build& b, const Publisher& pub) {
  return !b.stats.in_place && !b.drafted.empty() && b.drafted.size() == pub.files().size() &&
         std::equal(b.drafted.begin(), b.drafted.end(), pub.files().begin(),
                    [](const CachedFile& f, const std::string& rel) { return f.path == rel; });
}

// The drafted records of the files still being made then, from the published tree.
bool restat_late(Build& b, const std::unordered_map<std::string_view, const OpenDataEntry*>& sha) {
  return std::all_of(b.drafted_late.begin(), b.drafted_late.end(),
                     [&](size_t i) { return fresh_record(b.out, b.drafted[i].path, sha, b.drafted[i]); });
}

// The records of the published files, when none were drafted.
void list_published(Build& b, const Publisher& pub, const std::unordered_map<std::string_view, const OpenDataEntry*>& sha,
                    BuildCache& next) {
  // The reused files need no stat; this is the last use of the cache's list: its records are
  // moved, not copied (34 000 at N = 300).
  next.files.reserve(pub.files().size());
  each_record(
      pub.files(), reused_records(b),
      [&](const CachedFile& kept) { next.files.push_back(std::move(b.cache.files[static_cast<size_t>(&kept - b.cache.files.data())])); },
      [&](const std::string& rel) {
        CachedFile f;
        if (fresh_record(b.out, rel, sha, f)) next.files.push_back(std::move(f));
        return true;
      });
}

// Step 8: what this build made, for the next one. A cache that cannot be written is removed:
// the next build is then a full one, never one that trusts an old record.
void record_cache(Build& b, const Publisher& pub, BuildCache& next) {
  const auto t = Clock::now();
  next.inputs = b.fp.all();
  next.site = b.site_fp;
  next.programmes = b.fp.programmes;
  next.input_stamps = b.fp.stamps;
  next.pages = b.pages.size();
  const auto sha = open_data_checksums(b);
  if (drafted_is_published(b, pub) && restat_late(b, sha)) {
    next.files = std::move(b.drafted);
  } else {
    list_published(b, pub, sha, next);
  }
  next.diagnostics = b.diags.items();
  std::string error;
  if (!write_cache(b.work.cache, next, error)) {
    std::error_code ec;
    fs::remove(b.work.cache, ec);
    std::cerr << tr("cache.write_failed", {b.work.cache.string(), error}) << "\n";
  }
  b.stage("verbose.cache", t);
}

// Step 9: what the build did.
void report_build(Build& b) {
  print_diagnostics(b.diags, b.opt);
  if (!b.opt.quiet && b.opt.verbose) {
    for (const auto& [kind, n] : b.html.pages_by_kind)
      std::cerr << "  "
                << tr("verbose.pages", {kind, std::to_string(n), std::to_string(b.html.bytes_by_kind[kind] / (n ? n : 1)),
                                        std::to_string(b.html.requests_by_kind[kind]),
                                        std::to_string(static_cast<long>(b.html.ms_by_kind[kind]))})
                << "\n";
    for (const auto& p : b.stats.written_paths) std::cerr << "  + " << p << "\n";
    for (const auto& p : b.stats.removed_paths) std::cerr << "  - " << p << "\n";
  }
  print_done(b, b.pages.size(), b.html.rendered);
}

}  // namespace

int run_build(const BuildOptions& opt) {
  Build b(opt);
  if (const int code = claim_output(b); code != kExitOk) return code;
  if (nothing_changed(b)) return kExitOk;
  ResultsCache results = results_cache(b);
  if (!load_model(b, results)) return b.failed();
  compute_figures(b, results);
  if (b.have_cache) b.intact = std::async(std::launch::async, intact_programmes, std::cref(b.fp), std::cref(b.cache), b.out);
  Publisher pub({b.out, b.work.dir, opt.force, !opt.no_cache}, opt.verbose);
  bool begun = false;
  Diagnostics pub_diags;
  if (!plan_and_begin(b, pub, begun, pub_diags)) return b.failed();
  b.diags.append(pub_diags);
  if (!begun) return b.publish_failed(pub);
  std::vector<OpenDataEntry> reused_data;
  plan_reused(b, reused_data);
  if (!render_outputs(b, pub, std::move(reused_data))) return b.failed();
  report_search_index(b);
  if (!publish_site(b, pub)) return b.publish_failed(pub);
  BuildCache next;
  record_cache(b, pub, next);
  prune_output_work(b.site.cache_root, b.work.dir);
  report_build(b);
  if (opt.leave_to_exit) {
    leave_to_exit(b.loaded);
    leave_to_exit(b.metrics);
    leave_to_exit(b.pages);
    leave_to_exit(b.cache);
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

int write_programme_workbook(const BuildOptions& opt, const std::string& programme, const fs::path& out_file,
                             const ProgrammeWorkbook& make) {
  // Where the workbook goes is checked first: a refused path costs no loading.
  const SiteFolders site = site_folders(opt.site_dir, opt.cache_dir, share_dir());
  const fs::path target = resolve_target(out_file);
  if (std::string why = refuse_output_file(site, target, opt.force); !why.empty()) {
    std::cerr << why << "\n";
    return kExitUsage;
  }
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
  std::string bytes = make(model, *it, metrics, diags);
  print_diagnostics(diags, opt);
  if (bytes.empty() || diags.has_errors()) return kExitDataErrors;
  if (std::string error = write_output_file(site, target, bytes); !error.empty()) {
    std::cerr << error << "\n";
    return kExitDataErrors;
  }
  if (!opt.quiet) std::cerr << tr("annex.done", {target.string()}) << "\n";
  return kExitOk;
}

int run_annex(const BuildOptions& opt, const std::string& programme, const fs::path& out_file) {
  return write_programme_workbook(opt, programme, out_file,
                                  [](const SiteModel& model, const Programme& p, const SiteMetrics& metrics,
                                     Diagnostics& diags) { return build_annex_xlsx(model.site, p, metrics, diags); });
}

bool load_for_command(const BuildOptions& opt, LoadResult& loaded, Diagnostics& diags) {
  return load_and_validate(opt, loaded, diags);
}
void report_diagnostics(Diagnostics& diags, const BuildOptions& opt) { print_diagnostics(diags, opt); }

}  // namespace vitrina
