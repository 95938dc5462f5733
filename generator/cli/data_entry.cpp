#include "cli/data_entry.h"

#include "cli/cli_language.h"

#include "text/messages.h"

namespace vitrina {

DataEntryCommands::DataEntryCommands(CLI::App& app, BuildOptions& opt, std::string& site) : opt_(opt), site_(site) {
  new_ = app.add_subcommand("new", tr("cli.new"));
  new_->set_help_flag("-h,--help", tr("cli.help"));
  new_->add_option("dir", new_dir_, tr("cli.new_dir"))->required();
  new_->add_option("--municipality", new_opt_.municipality, tr("cli.new_municipality"));
  new_->add_option("--period", new_opt_.period, tr("cli.new_period"));
  new_->add_option("--programme-id", new_opt_.programme_id, tr("cli.new_programme_id"));

  collect_ = app.add_subcommand("collect", tr("cli.collect"));
  collect_->set_help_flag("-h,--help", tr("cli.help"));
  collect_->add_option("programme", programme_, tr("cli.annex_id"))->required();
  collect_->add_option("-o,--output", out_, tr("cli.annex_out"))->required();
  collect_->add_option("--site", site_, tr("cli.site"));
  collect_->add_option("--year", year_, tr("cli.collect_year"));
  collect_->add_option("--period", period_, tr("cli.collect_period"))->check(one_of_words({"year", "q1", "h1", "m9"}));
  collect_->add_flag("--force", opt_.force, tr("cli.annex_force"));
  collect_->add_flag("-q,--quiet", opt_.quiet, tr("cli.quiet"));

  import_ = app.add_subcommand("import", tr("cli.import"));
  import_->set_help_flag("-h,--help", tr("cli.help"));
  import_->add_option("file", import_opt_.file, tr("cli.import_file"))->required();
  import_->add_option("--site", site_, tr("cli.site"));
  import_->add_option("--programme", import_opt_.programme, tr("cli.import_programme"));
  import_->add_flag("--replace", import_opt_.replace, tr("cli.import_replace"));
  import_->add_flag("--dry-run", import_opt_.dry_run, tr("cli.import_dry_run"));
  import_->add_flag("-q,--quiet", opt_.quiet, tr("cli.quiet"));
}

std::optional<int> DataEntryCommands::run() {
  if (*new_) return run_new(new_dir_, new_opt_);
  if (*collect_) {
    CollectOptions c;
    if (year_) c.year = year_;
    c.period = from_key<FactPeriod>(period_).value_or(FactPeriod::Year);
    return run_collect(opt_, programme_, out_, c);
  }
  if (*import_) return run_import(opt_, import_opt_);
  return std::nullopt;
}

}  // namespace vitrina
