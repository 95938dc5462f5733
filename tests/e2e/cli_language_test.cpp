// End-to-end: the command line speaks the messages' language (issue 23). `--help` of vitrina
// and of every command is Russian and aligned; CLI11's own parse errors (unknown option or
// command, missing or wrong value, a value out of range) are explained in Russian with the
// help to read, and exit 2.
#include <doctest/doctest.h>

#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "run_binary.h"

namespace {

const char* const kCommands[] = {"", "build", "check", "report", "annex", "serve", "new", "collect", "import"};

size_t columns(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Latin words of a help text that are not option names ("--base-url") or paths.
std::set<std::string> latin_words(const std::string& text) {
  const std::string stripped = std::regex_replace(text, std::regex("-{1,2}[A-Za-z][A-Za-z-]*|[\\w.]*[/.][\\w./<>]*"), " ");
  std::set<std::string> words;
  const std::regex word("[A-Za-z]{2,}");
  for (auto it = std::sregex_iterator(stripped.begin(), stripped.end(), word); it != std::sregex_iterator(); ++it)
    words.insert(it->str());
  return words;
}

}  // namespace

TEST_CASE("cli: --help of vitrina and of every command is Russian and aligned") {
  // What may stay Latin: names of commands, arguments and values typed as they are, and brands.
  const std::set<std::string> allowed = {"vitrina", "Vitrina", "Excel", "CSV", "build", "check", "report", "annex",
                                         "serve", "new", "collect", "import", "ru", "en", "text", "github", "json",
                                         "programme", "dir", "file", "year", "q1", "h1", "m9", "report_year",
                                         "acknowledged", "xlsx", "csv"};
  for (const char* command : kCommands) {
    CAPTURE(std::string(command));
    const RunResult r = run_vitrina(std::string(command) + " --help");
    CHECK(r.exit_code == 0);
    CHECK(r.output.find("Использование: vitrina") != std::string::npos);
    CHECK(r.output.find("Параметры:\n") != std::string::npos);
    for (const auto& w : latin_words(r.output)) CHECK_MESSAGE(allowed.count(w) == 1, w);
    // Every description starts in one column (code points, not bytes), unless its name is too long.
    std::istringstream lines(r.output);
    for (std::string l; std::getline(lines, l);) {
      if (l.rfind("  ", 0) != 0 || l.size() < 3 || l[2] == ' ') continue;
      const size_t gap = l.find("  ", 2);
      if (gap == std::string::npos) continue;  // a long name: the description is on the next line
      CAPTURE(l);
      CHECK(columns(l.substr(0, l.find_first_not_of(' ', gap))) == 30);
    }
  }
  CHECK(run_vitrina("--help").output.find("Команды:\n  build") != std::string::npos);
  CHECK(run_vitrina("build --help").output.find("  -j,--jobs ЦЕЛОЕ:0–256       Число потоков") != std::string::npos);
  CHECK(run_vitrina("annex --help").output.find("Аргументы:\n  programme ТЕКСТ ОБЯЗАТЕЛЬНО") != std::string::npos);
  // English on request.
  const RunResult en = run_vitrina("--lang en build --help");
  CHECK(en.output.find("Usage: vitrina build [OPTIONS]") != std::string::npos);
  CHECK(en.output.find("--year INTEGER") != std::string::npos);
}

TEST_CASE("cli: CLI11's errors are Russian, name the option, suggest a fix, and exit 2") {
  struct Case {
    const char* args;
    const char* expected;
  };
  const Case cases[] = {
      {"--bogus", "vitrina: неизвестный параметр «--bogus»\nСправка: vitrina --help\n"},
      {"biuld", "vitrina: неизвестная команда «biuld»; возможно, имелось в виду «build»\nСправка: vitrina --help\n"},
      {"build --verbos",
       "vitrina: неизвестный параметр «--verbos»; возможно, имелось в виду «--verbose»\nСправка: vitrina build --help\n"},
      {"--site x build",
       "vitrina: параметр --site относится к команде build и пишется после неё: vitrina build --site …\n"
       "Справка: vitrina build --help\n"},
      {"build extra", "vitrina: лишний аргумент «extra»\nСправка: vitrina build --help\n"},
      {"build --year", "vitrina: после --year нужно значение: ЦЕЛОЕ\nСправка: vitrina build --help\n"},
      {"build --year 2О24", "vitrina: значение «2О24» не подходит для --year: нужно ЦЕЛОЕ\nСправка: vitrina build --help\n"},
      {"build -j 999", "vitrina: --jobs: число 999 вне пределов 0–256\nСправка: vitrina build --help\n"},
      {"build -j x", "vitrina: --jobs: «x» — не целое число\nСправка: vitrina build --help\n"},
      {"build --wait -1", "vitrina: --wait: число -1 меньше нуля\nСправка: vitrina build --help\n"},
      {"build --quiet=maybe", "vitrina: --quiet — флаг, он пишется без значения\nСправка: vitrina build --help\n"},
      {"check --format xml",
       "vitrina: --format: значение «xml» не из списка: text, github, json\nСправка: vitrina check --help\n"},
      {"collect p -o x.xlsx --period q5",
       "vitrina: --period: значение «q5» не из списка: year, q1, h1, m9; возможно, имелось в виду «q1»\n"
       "Справка: vitrina collect --help\n"},
      {"annex", "vitrina: нужно указать programme (Идентификатор программы)\nСправка: vitrina annex --help\n"},
      {"annex p", "vitrina: нужно указать --output (Файл .xlsx)\nСправка: vitrina annex --help\n"},
      {"--lang en biuld", "vitrina: unknown command \"biuld\"; did you mean \"build\"?\nHelp: vitrina --help\n"},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.args));
    const RunResult r = run_vitrina(c.args);
    CHECK(r.exit_code == 2);
    CHECK(r.output == c.expected);
  }
}
