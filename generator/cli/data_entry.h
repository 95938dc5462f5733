// The commands for people who do not edit JSON: `vitrina new`, `vitrina collect` and
// `vitrina import` (issue 19). main.cpp registers them with add_data_entry_commands().
#pragma once
#include <CLI/CLI.hpp>
#include <filesystem>
#include <optional>
#include <string>

#include "collect/collect_workbook.h"
#include "pipeline/pipeline.h"

namespace vitrina {

struct NewSiteOptions {
  std::string municipality = "Муниципальное образование";
  std::string period;        // "2024-2026"; default: this year and the next two
  std::string programme_id = "programme";
};

struct ImportOptions {
  std::filesystem::path file;
  std::string programme;   // "" = from the workbook, or the one programme whose codes match
  bool replace = false;    // overwrite facts and statuses that differ
  bool dry_run = false;    // report what would change, write nothing
};

int run_new(const std::filesystem::path& dir, const NewSiteOptions& opt);
int run_collect(const BuildOptions& opt, const std::string& programme, const std::filesystem::path& out,
                const CollectOptions& c);
int run_import(const BuildOptions& opt, const ImportOptions& imp);

// Registers the three subcommands on `app` (options bound to `opt` and the structs kept by the
// returned object); after parsing, run() executes the one given, if any.
class DataEntryCommands {
 public:
  DataEntryCommands(CLI::App& app, BuildOptions& opt, std::string& site);
  std::optional<int> run();

 private:
  BuildOptions& opt_;
  std::string& site_;
  CLI::App *new_ = nullptr, *collect_ = nullptr, *import_ = nullptr;
  std::string new_dir_, programme_, out_, period_ = "year";
  NewSiteOptions new_opt_;
  ImportOptions import_opt_;
  int year_ = 0;
};

}  // namespace vitrina
