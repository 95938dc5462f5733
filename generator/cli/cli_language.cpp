#include "cli/cli_language.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <regex>

#include "load/object_reader.h"
#include "text/messages.h"

namespace vitrina {

namespace {

// Terminal columns of UTF-8 text: one per code point (continuation bytes do not count).
size_t columns(const std::string& s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// CLI11's detail::format_help, with the name column measured in code points.
std::string help_line(const std::string& name, const std::string& description, size_t width) {
  std::string out = "  " + name;
  if (!description.empty()) {
    const size_t used = columns(out);
    out += used >= width ? "\n" + std::string(width, ' ') : std::string(width - used, ' ');
    for (char c : description) {
      out += c;
      if (c == '\n') out += std::string(width, ' ');
    }
  }
  return out + "\n";
}

// CLI11's type names ("TEXT", "INT") in the messages' language.
std::string type_label(const std::string& type) {
  if (type == "TEXT") return tr("cli.type_text");
  if (type == "INT" || type == "UINT") return tr("cli.type_int");
  if (type == "FLOAT") return tr("cli.type_number");
  return type;
}

class HelpFormatter : public CLI::Formatter {
 public:
  HelpFormatter() {
    label("Usage", tr("cli.usage"));
    label("OPTIONS", tr("cli.usage_options"));
    label("SUBCOMMAND", tr("cli.usage_command"));
    label("SUBCOMMANDS", tr("cli.usage_command"));
    label("Positionals", tr("cli.group_arguments"));
    label("REQUIRED", tr("cli.required_mark"));
  }

  std::string make_option(const CLI::Option* opt, bool positional) const override {
    return help_line(make_option_name(opt, positional) + make_option_opts(opt), make_option_desc(opt), column_width_);
  }

  std::string make_subcommand(const CLI::App* sub) const override {
    return help_line(sub->get_display_name(true), sub->get_description(), column_width_);
  }

  // " ЧИСЛО:0–256 ОБЯЗАТЕЛЬНО": the type name, a validator's description, whether required.
  std::string make_option_opts(const CLI::Option* opt) const override {
    if (opt->get_type_size() == 0) return {};
    std::string type = opt->get_type_name(), out;
    if (!type.empty()) {
      const size_t colon = type.find(':');
      out = " " + type_label(type.substr(0, colon)) + (colon == std::string::npos ? "" : type.substr(colon));
    }
    if (opt->get_required()) out += " " + get_label("REQUIRED");
    return out;
  }
};

// The deepest subcommand the command line named (the app itself when none).
const CLI::App* current_command(const CLI::App* app) {
  while (!app->get_subcommands().empty()) app = app->get_subcommands().front();
  return app;
}

std::string command_path(const CLI::App* app) {
  std::string path = app->get_name();
  for (const CLI::App* p = app->get_parent(); p; p = p->get_parent()) path = p->get_name() + " " + path;
  return path;
}

// Every name an option of `app` answers to ("-j", "--jobs"), for suggestions.
std::vector<std::string> option_names(const CLI::App* app) {
  std::vector<std::string> names;
  for (const CLI::Option* o : app->get_options()) {
    for (const auto& l : o->get_lnames()) names.push_back("--" + l);
    for (const auto& s : o->get_snames()) names.push_back("-" + s);
  }
  return names;
}

// The type an option expects, in words ("ЧИСЛО"), from its CLI11 type name.
std::string expected_type(const CLI::App* app, const std::string& name) {
  const CLI::Option* o = app->get_option_no_throw(name);
  if (!o) return tr("cli.type_text");
  const std::string type = o->get_type_name();
  return type_label(type.substr(0, type.find(':')));
}

// An argument CLI11 did not expect in command `cur`: an unknown option (with the closest name),
// an option written before its command, an unknown command, or a surplus value.
std::string unexpected(const CLI::App* top, const CLI::App* cur, const std::string& arg) {
  if (arg.size() > 1 && arg[0] == '-') {
    const std::string name = arg.substr(0, arg.find('='));
    // Unparsed although the command has it: it came before the command.
    if (cur != top && cur->get_option_no_throw(name)) return tr("cli.option_after_command", {name, cur->get_name()});
    if (cur == top)
      for (const CLI::App* sub : top->get_subcommands({}))
        if (sub->get_option_no_throw(name)) return tr("cli.option_after_command", {name, sub->get_name()});
    std::vector<std::string> names = option_names(cur);
    if (cur != top) {
      const std::vector<std::string> general = option_names(top);  // --lang is allowed after a command too
      names.insert(names.end(), general.begin(), general.end());
    }
    const std::string guess = closest_match(name, names);
    return guess.empty() ? tr("cli.unknown_option", {name}) : tr("cli.unknown_option_suggest", {name, guess});
  }
  if (cur == top) {
    std::vector<std::string> commands;
    for (const CLI::App* sub : top->get_subcommands({})) commands.push_back(sub->get_name());
    const std::string guess = closest_match(arg, commands);
    return guess.empty() ? tr("cli.unknown_command", {arg}) : tr("cli.unknown_command_suggest", {arg, guess});
  }
  return tr("cli.extra_argument", {arg});
}

// CLI11 2.1's English message of `e`, explained in the messages' language.
std::string explain(const CLI::App* top, const CLI::Error& e) {
  const CLI::App* cur = current_command(top);
  const std::string what = e.what();
  std::smatch m;
  if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
    // "The following argument(s) was/were not expected: " + the arguments, last first. Only
    // the first is explained: what follows it is often its value. (With fallthrough, the
    // top app throws it for its command's arguments too.)
    const std::string list = what.substr(what.find(": ") + 2);
    return "vitrina: " + unexpected(top, cur, list.substr(list.rfind(' ') + 1));
  }
  std::string msg;
  if (dynamic_cast<const CLI::RequiredError*>(&e) && std::regex_match(what, m, std::regex("(\\S+) is required"))) {
    const CLI::Option* o = cur->get_option_no_throw(m[1]);
    msg = o && !o->get_description().empty() ? tr("cli.required_described", {m[1].str(), o->get_description()})
                                               : tr("cli.required", {m[1].str()});
  } else if (std::regex_match(what, m, std::regex("(\\S+): \\d+ required (\\S+) missing"))) {
    msg = tr("cli.value_missing", {m[1].str(), expected_type(cur, m[1])});
  } else if (std::regex_match(what, m, std::regex("Could not convert: (\\S+) = (.*)"))) {
    const CLI::Option* o = cur->get_option_no_throw(m[1]);
    msg = o && o->get_type_name().empty() ? tr("cli.flag_value", {m[1].str()})
                                       : tr("cli.wrong_value", {m[2].str(), m[1].str(), expected_type(cur, m[1])});
  } else if (std::regex_match(what, m, std::regex("Expected (?:exactly|at least) (\\d+) arguments to (\\S+), got (\\d+)"))) {
    msg = tr("cli.value_count", {m[2].str(), m[1].str(), m[3].str()});
  } else if (std::regex_match(what, m, std::regex("(\\S+)(?:: too many inputs for a flag| was given a disallowed flag override|: Should be true/false or a number)"))) {
    msg = tr("cli.flag_value", {m[1].str()});
  } else if (dynamic_cast<const CLI::ValidationError*>(&e) && std::regex_match(what, m, std::regex("(\\S+): ([\\s\\S]*)"))) {
    msg = tr("cli.invalid_value", {m[1].str(), m[2].str()});  // the validators below speak tr() already
  } else {
    msg = tr("cli.error_other", {what});
  }
  return "vitrina: " + msg;
}

}  // namespace

std::string cli_failure_message(const CLI::App* app, const CLI::Error& e) {
  return explain(app, e) + "\n" + tr("cli.see_help", {command_path(current_command(app))}) + "\n";
}

void localise_cli(CLI::App& app) {
  app.formatter(std::make_shared<HelpFormatter>());
  app.failure_message(cli_failure_message);
  for (CLI::Option* o : app.get_options())
    if (o->get_group() == "Options") o->group(tr("cli.group_options"));
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    if (sub->get_group() == "Subcommands") sub->group(tr("cli.group_commands"));
    localise_cli(*sub);
  }
}

CLI::Validator one_of_words(std::vector<std::string> words) {
  std::string list, braces;
  for (const auto& w : words) {
    list += (list.empty() ? "" : ", ") + w;
    braces += (braces.empty() ? "" : ",") + w;
  }
  auto check = [words, list](std::string& value) -> std::string {
    if (std::find(words.begin(), words.end(), value) != words.end()) return {};
    const std::string guess = closest_match(value, words);
    return guess.empty() ? tr("cli.not_one_of", {value, list}) : tr("cli.not_one_of_suggest", {value, guess, list});
  };
  return CLI::Validator(check, "{" + braces + "}");
}

CLI::Validator int_range(int min, int max) {
  auto check = [min, max](std::string& value) -> std::string {
    int n = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || end != value.data() + value.size())
      return tr("cli.not_integer", {value});
    if (n < min || n > max) return tr("cli.out_of_range", {value, std::to_string(min), std::to_string(max)});
    return {};
  };
  return CLI::Validator(check, std::to_string(min) + "–" + std::to_string(max));
}

CLI::Validator non_negative_number() {
  auto check = [](std::string& value) -> std::string {
    char* end = nullptr;
    const double x = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0' || !std::isfinite(x)) return tr("cli.not_number", {value});
    return x < 0 ? tr("cli.negative", {value}) : std::string();
  };
  return CLI::Validator(check, "≥0");
}

}  // namespace vitrina
