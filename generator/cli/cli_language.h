// The command line in the messages' language (Russian by default): CLI11's help headings,
// type names and parse errors go through tr(), and help columns are aligned by code points,
// not bytes. CLI11 itself is not patched: a Formatter subclass writes the help, and the
// App's failure_message explains each parse error class CLI11 throws.
#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace vitrina {

// Call once every option and subcommand is added: sets the formatter, the group headings
// and the failure message on `app` and all its subcommands.
void localise_cli(CLI::App& app);

// What `vitrina` prints for a parse error of `app` (one line or two, ending in a line that
// names the help to read).
std::string cli_failure_message(const CLI::App* app, const CLI::Error& e);

// Validators with translated errors and language-neutral descriptions ("{text,json}", "0–256").
CLI::Validator one_of_words(std::vector<std::string> words);
CLI::Validator int_range(int min, int max);
CLI::Validator non_negative_number();

}  // namespace vitrina
