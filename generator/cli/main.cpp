// The `vitrina` command line: parses options (CLI11) and calls the pipeline.
#include <malloc.h>

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <cstring>
#include <iostream>

#include "cli/cli_language.h"
#include "cli/data_entry.h"
#include "pipeline/pipeline.h"
#include "serve/serve.h"
#include "text/messages.h"

using namespace vitrina;

#ifdef VITRINA_JEMALLOC
// jemalloc's settings, read when it starts (MALLOC_CONF in the environment still overrides
// them). One arena instead of four per core: what one thread frees (a snapshot's bytes, a
// workbook rendered on a worker) is then reused by the others instead of each thread growing
// a heap of its own, and every page the system hands over is a page fault (17 % of a one-value
// rebuild's CPU at N = 300). That rebuild touches 8 % fewer new pages and peaks 14 MB lower.
// A free block up to 1024 times the size asked for may be split (64 by default): the pages
// util/heap.h faults in ahead are freed as one block, and small requests must be served from it.
extern "C" {
const char* malloc_conf = "narenas:1,lg_extent_max_active_fit:10";
}
#endif

namespace {

// The language must be known before the help texts are built: look for --lang in argv,
// then VITRINA_LANG; Russian is the default.
std::string early_language(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--lang") == 0 && i + 1 < argc) return argv[i + 1];
    if (std::strncmp(argv[i], "--lang=", 7) == 0) return argv[i] + 7;
  }
  if (const char* env = std::getenv("VITRINA_LANG")) return env;
  return "ru";
}

}  // namespace

int main(int argc, char** argv) {
#ifndef VITRINA_JEMALLOC
  // glibc raises its mmap threshold to the size of each large block freed, after which the
  // multi-megabyte strings of big pages and workbooks come from the heap and fragment it
  // (peak memory at 1 000 programmes was 2–3 % higher). A fixed threshold keeps them mmapped.
  // (Builds with jemalloc, the default, do not use glibc's malloc at all.)
  ::mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
  set_language(early_language(argc, argv));
  CLI::App app{tr("cli.about"), "vitrina"};
  app.set_help_flag("-h,--help", tr("cli.help"));
  app.set_version_flag("--version", std::string("vitrina ") + VITRINA_VERSION, tr("cli.version"));
  app.require_subcommand(0, 1);
  app.fallthrough();

  std::string lang = language();
  BuildOptions opt;
  std::string site = ".", out, cache_dir, format = "text";
  app.add_option("--lang", lang, tr("cli.lang"))->check(one_of_words({"ru", "en"}));

  auto common = [&](CLI::App* sub, bool output) {
    sub->set_help_flag("-h,--help", tr("cli.help"));
    sub->add_option("--site", site, tr("cli.site"));
    sub->add_option("--format", format, tr("cli.format"))->check(one_of_words({"text", "github", "json"}));
    sub->add_option("--year", opt.year, tr("cli.year"));
    sub->add_flag("-v,--verbose", opt.verbose, tr("cli.verbose"));
    sub->add_flag("-q,--quiet", opt.quiet, tr("cli.quiet"));
    sub->add_flag("--show-acknowledged", opt.show_acknowledged, tr("cli.show_ack"));
    if (output) {
      sub->add_option("-j,--jobs", opt.jobs, tr("cli.jobs"))->check(int_range(0, 256));
      sub->add_option("--out", out, tr("cli.out"));
      sub->add_option("--base-url", opt.base_url, tr("cli.base_url"));
      sub->add_flag("--no-cache", opt.no_cache, tr("cli.no_cache"));
      sub->add_flag("--no-search", opt.no_search, tr("cli.no_search"));
      sub->add_option("--cache-dir", cache_dir, tr("cli.cache_dir"));
      sub->add_flag("--force", opt.force, tr("cli.force"));
      sub->add_option("--wait", opt.wait_seconds, tr("cli.wait"))->check(non_negative_number());
    }
  };
  CLI::App* build = app.add_subcommand("build", tr("cli.build"));
  common(build, true);
  CLI::App* check = app.add_subcommand("check", tr("cli.check"));
  common(check, false);
  CLI::App* report = app.add_subcommand("report", tr("cli.report"));
  std::string report_format = "text";
  report->set_help_flag("-h,--help", tr("cli.help"));
  report->add_option("--site", site, tr("cli.site"));
  report->add_option("--year", opt.year, tr("cli.year"));
  report->add_option("--format", report_format, tr("cli.report_format"))->check(one_of_words({"text", "json"}));

  CLI::App* annex = app.add_subcommand("annex", tr("cli.annex"));
  std::string annex_id, annex_out;
  annex->set_help_flag("-h,--help", tr("cli.help"));
  annex->add_option("programme", annex_id, tr("cli.annex_id"))->required();
  annex->add_option("-o,--output", annex_out, tr("cli.annex_out"))->required();
  annex->add_option("--site", site, tr("cli.site"));
  annex->add_option("--year", opt.year, tr("cli.year"));
  annex->add_flag("-q,--quiet", opt.quiet, tr("cli.quiet"));
  annex->add_flag("--force", opt.force, tr("cli.annex_force"));

  CLI::App* serve = app.add_subcommand("serve", tr("cli.serve"));
  common(serve, true);
  int port = 8080;
  std::string bind = "127.0.0.1";
  serve->add_option("--port", port, tr("cli.port"))->check(int_range(0, 65535));
  serve->add_option("--bind", bind, tr("cli.bind"));
  DataEntryCommands data_entry(app, opt, site);  // new, collect, import
  app.footer(tr("cli.footer"));
  localise_cli(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  set_language(lang);
  opt.site_dir = site;
  if (!out.empty()) opt.out_dir = out;
  if (!cache_dir.empty()) opt.cache_dir = cache_dir;
  opt.format = format == "github" ? DiagFormat::Github : format == "json" ? DiagFormat::Json : DiagFormat::Text;

  if (*build) {
    opt.leave_to_exit = true;  // the process ends here: no need to free the model first
    return run_build(opt);
  }
  if (*check) return run_check(opt);
  if (*report) return run_report(opt, report_format);
  if (*annex) return run_annex(opt, annex_id, annex_out);
  if (*serve) return run_serve({opt, bind, port});
  if (auto rc = data_entry.run()) return *rc;
  std::cerr << tr("cli.need_command") << "\n";
  return kExitUsage;
}
