// Runs the stages in order: load → validate → compute → plan pages → render → write.
// Each command of the CLI is a thin wrapper around these functions.
#pragma once
#include <filesystem>
#include <functional>
#include <string>

#include "diag/diagnostics.h"

namespace vitrina {

struct BuildOptions {
  std::filesystem::path site_dir = ".";
  std::filesystem::path out_dir;  // default: <site>/output
  std::filesystem::path cache_dir;  // caches, snapshots, previous tree; default: <site>/.vitrina
  bool force = false;             // --force: write into a folder or over a file Vitrina did not make
                                  // (a folder's other files are kept; write/ownership.h)
  double wait_seconds = -1;       // --wait: how long to wait for another build of the same output
                                  // (negative: as long as it takes)
  std::string base_url;           // overrides site.json base_url when non-empty
  int year = 0;                   // overrides report_year when non-zero
  bool verbose = false, quiet = false;
  DiagFormat format = DiagFormat::Text;
  bool show_acknowledged = false; // also print warnings the data marks as reviewed
  int jobs = 0;                   // worker threads for rendering; 0 = all cores
  bool no_cache = false;          // render everything, even programmes unchanged since the last build
  bool no_search = false;         // no search index (and no search form on the pages)
  std::string* capture_diagnostics = nullptr;  // also append the printed diagnostics here
  // The process ends right after this build (the CLI's `build`): the model and the other
  // large structures are left to the exit instead of being freed one object at a time, which
  // took ~0.2 s of a 2.5 s rebuild at 300 programmes. `serve` and tests leave it off.
  bool leave_to_exit = false;
};

// Exit codes shared by every command.
// kExitUsage also when Vitrina refuses to write where it was asked to (write/ownership.h);
// kExitBusy when another build of the same output did not finish within --wait.
enum ExitCode { kExitOk = 0, kExitDataErrors = 1, kExitUsage = 2, kExitBusy = 3 };

int run_check(const BuildOptions& opt);
int run_build(const BuildOptions& opt);
int run_report(const BuildOptions& opt, const std::string& format);
int run_annex(const BuildOptions& opt, const std::string& programme, const std::filesystem::path& out_file);

// One programme's workbook written to a file (annex -o, collect -o): where it goes is checked
// first (write/ownership.h: never among the site's inputs, its cache or a built site; an existing
// file only if Vitrina wrote it and nobody changed it since, unless --force), then the site is
// loaded and validated, `make` renders the workbook and it is written atomically. Returns the
// command's exit code.
struct SiteModel;
struct Programme;
struct SiteMetrics;
using ProgrammeWorkbook =
    std::function<std::string(const SiteModel&, const Programme&, const SiteMetrics&, Diagnostics&)>;
int write_programme_workbook(const BuildOptions& opt, const std::string& programme,
                             const std::filesystem::path& out_file, const ProgrammeWorkbook& make);

// For the other commands (collect, import): load and validate the site, print its diagnostics
// as build does (acknowledged warnings only on request). False when the data has errors.
struct LoadResult;
bool load_for_command(const BuildOptions& opt, LoadResult& loaded, Diagnostics& diags);
void report_diagnostics(Diagnostics& diags, const BuildOptions& opt);

// Where the bundled templates/ and themes/ live: $VITRINA_SHARE, else ../share/vitrina beside
// the binary's folder (the installed layout, /usr/bin → /usr/share/vitrina), else the source tree.
std::filesystem::path share_dir();

}  // namespace vitrina
