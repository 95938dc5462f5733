// End-to-end: strict loading (issue 23). Each mistake a methodologist makes in a data file —
// a syntax slip, an unknown field, an impossible date, a share over 100 % — gives its exact
// Russian diagnostic at its place and exit code 1; one syntax error gives one diagnostic.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "run_binary.h"

namespace fs = std::filesystem;

namespace {

const std::string kAlpha = "data/programmes/alpha/";

// A copy of the minimal fixture's data/ (or of `source`'s) in a fresh folder.
fs::path copy_data(const std::string& tag, const fs::path& source = fixture("minimal")) {
  const fs::path site = temp_dir("strict-" + tag) / "site";
  fs::create_directories(site);
  fs::copy(source / "data", site / "data", fs::copy_options::recursive);
  return site;
}

// The output of `check`: its diagnostic lines (joined by newlines) and the summary line.
struct Checked {
  int exit_code;
  std::string diagnostics;
  std::string summary;
  size_t lines = 0;
};

Checked check(const fs::path& site, const std::string& options = "") {
  const RunResult r = run_vitrina("check " + options + (options.empty() ? "" : " ") + "--site " + site.string());
  Checked c{r.exit_code, {}, {}};
  std::stringstream ss(r.output);
  for (std::string l; std::getline(ss, l);) {
    if (l.rfind("ошибок: ", 0) == 0 || l.find(" error(s), ") != std::string::npos) c.summary = l;
    else c.diagnostics += (c.lines++ ? "\n" : "") + l;
  }
  return c;
}

// UTF-8 text (Basic Multilingual Plane only) as Windows Notepad saves «Юникод»: UTF-16LE with a BOM.
std::string utf16le(const std::string& s) {
  std::string out = "\xFF\xFE";
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    char32_t cp = c;
    size_t n = 1;
    if (c >= 0xE0) cp = c & 0x0F, n = 3;
    else if (c >= 0xC0) cp = c & 0x1F, n = 2;
    for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out += static_cast<char>(cp & 0xFF);
    out += static_cast<char>(cp >> 8);
    i += n;
  }
  return out;
}

// One mistake made in a data file: the text `from` replaced by `to`, and the one diagnostic
// expected after the file's name.
struct Case {
  const char* from;
  const char* to;
  const char* expected;
};

// Each case on a fresh copy of `file`'s present text: exactly its diagnostic, and exit 1.
template <size_t N>
void check_each(const fs::path& site, const fs::path& file, const std::string& at, const Case (&cases)[N]) {
  const std::string good = slurp(file);
  for (const auto& c : cases) {
    CAPTURE(std::string(c.to));
    std::ofstream(file, std::ios::binary) << good;
    replace_once(file, c.from, c.to);
    const Checked r = check(site);
    CHECK(r.exit_code == 1);
    CHECK(r.diagnostics == at + c.expected);
    CHECK(r.summary == "ошибок: 1, предупреждений: 0");
  }
  std::ofstream(file, std::ios::binary) << good;
}

}  // namespace

TEST_CASE("strict: one JSON syntax error is one Russian diagnostic at its place, naming the cause") {
  const std::string at = kAlpha + "indicators.json:";
  const Case cases[] = {
      {"\"unit\": \"%\",", "\"unit\": \"%\"",
       "9:18: error: синтаксическая ошибка JSON: пропущена запятая: поставьте «,» здесь, перед «\"better\"» в строке 10"},
      {"\"value\": 42}", "\"value\": 42,1}",
       "17:33: error: синтаксическая ошибка JSON: десятичная запятая в числе «42,1»: в JSON дробную часть отделяет "
       "точка — «42.1»"},
      {"\"name\": \"Доля педагогов, прошедших обучение\"", "\u201Cname\u201D: \u201CДоля\u201D",
       "7:7: error: синтаксическая ошибка JSON: типографская кавычка «\u201C» вместо прямой \" (так бывает, когда "
       "текст вставлен из Word): ключи и тексты в JSON заключаются в прямые кавычки \"…\", а «ёлочки» и “лапки” "
       "можно оставить только внутри текста"},
      {"\"name\": \"Доля педагогов, прошедших обучение\",", "\"name\": \"Доля педагогов\u201D,",
       "7:30: error: синтаксическая ошибка JSON: типографская кавычка «\u201D» вместо прямой \" (так бывает, когда "
       "текст вставлен из Word): ключи и тексты в JSON заключаются в прямые кавычки \"…\", а «ёлочки» и “лапки” "
       "можно оставить только внутри текста"},
      {"\"name\": \"Число вакансий\",", "\"name\": \"Число \"вакансий\"\",",
       "23:22: error: синтаксическая ошибка JSON: прямая кавычка \" внутри текста закрыла его раньше времени: внутри "
       "текста пишите «ёлочки» или \\\""},
      {"\"value\": 60}", "\"value\": 60},",
       "14:36: error: синтаксическая ошибка JSON: лишняя запятая перед «]»: после последнего элемента запятая не "
       "ставится"},
      {"\"kind\": \"count\",", "\"kind\": count,",
       "24:15: error: синтаксическая ошибка JSON: недопустимое значение «count»: текст пишется в кавычках \"…\", а из "
       "слов допустимы только true, false и null"},
      {"\"kind\": \"count\",", "kind: \"count\",",
       "24:7: error: синтаксическая ошибка JSON: имя поля «kind» без кавычек: пишите его в двойных кавычках, \"имя\": "
       "значение"},
      {"\"kind\": \"count\",", "\"kind\": \"count\", // количество",
       "24:24: error: синтаксическая ошибка JSON: комментарии в JSON не допускаются: удалите его (пояснение можно "
       "записать в поле notes)"},
      {"\"value\": 3}]", "\"value\": 3}",
       "29:5: error: синтаксическая ошибка JSON: скобка «}» не закрывает «[» из строки 28"},
      {"\"name\": \"Число вакансий\",", "\"name\": \"Число вакансий,",
       "23:15: error: синтаксическая ошибка JSON: текст, начатый здесь, не закрыт кавычкой \" до конца строки 23"},
      {"\"value\": 3}]", "\"value\": 3 %}]",
       "28:43: error: синтаксическая ошибка JSON: здесь должна быть запятая или закрывающая скобка, а стоит «%»"},
      {"\"programme\": \"alpha\",", "\xEF\xBB\xBF\"programme\": \"alpha\",",
       "2:3: error: синтаксическая ошибка JSON: невидимый знак BOM (U+FEFF) не в начале файла — так бывает, когда "
       "склеены два файла или вставлен текст из другого файла: удалите его (он стоит прямо перед «\"programme\"»)"},
      // Windows-1251: «Доля» is C4 EE EB FF there.
      {"\"name\": \"Доля педагогов, прошедших обучение\"", "\"name\": \"\xC4\xEE\xEB\xFF\"",
       "7:16: error: синтаксическая ошибка JSON: файл сохранён в кодировке Windows-1251, а нужна UTF-8: откройте его "
       "в Блокноте и выберите «Сохранить как» → «Кодировка: UTF-8» (в LibreOffice: «Кодировка: Юникод (UTF-8)»)"},
  };
  const fs::path site = copy_data("syntax");
  const fs::path file = site / kAlpha / "indicators.json";
  const std::string good = slurp(file);
  check_each(site, file, at, cases);

  // Notepad's «Юникод» is UTF-16 with a byte-order mark.
  std::ofstream(file, std::ios::binary) << utf16le("\xEF\xBB\xBF" + good);
  const Checked u = check(site);
  CHECK(u.exit_code == 1);
  CHECK(u.diagnostics == at + "1:1: error: синтаксическая ошибка JSON: файл сохранён в "
                                                       "кодировке UTF-16 («Юникод» в Блокноте), а нужна UTF-8: выберите "
                                                       "«Сохранить как» → «Кодировка: UTF-8»");
  // A UTF-8 byte-order mark at the start, as Notepad writes «UTF-8 с BOM», is fine.
  std::ofstream(file, std::ios::binary) << "\xEF\xBB\xBF" + good;
  CHECK(check(site).exit_code == 0);
  fs::remove_all(site.parent_path());
}

TEST_CASE("strict: a file that cannot be parsed brings no errors about the objects it would have defined") {
  const fs::path site = copy_data("cascade", VITRINA_SOURCE_DIR);
  const fs::path zima = site / "data/programmes/zima-2022";
  const std::string indicators = slurp(zima / "indicators.json");
  // One missing comma in the indicators: measures and the management cycle refer to them.
  replace_once(zima / "indicators.json", "\"unit\": \"%\",", "\"unit\": \"%\"");
  Checked r = check(site);
  CHECK(r.exit_code == 1);
  CHECK(r.diagnostics == "data/programmes/zima-2022/indicators.json:11:18: error: синтаксическая "
                                                  "ошибка JSON: пропущена запятая: поставьте «,» здесь, перед "
                                                  "«\"better\"» в строке 12");
  CHECK(r.summary.rfind("ошибок: 1, предупреждений: 0", 0) == 0);
  std::ofstream(zima / "indicators.json", std::ios::binary) << indicators;

  // The passport: indicators and measures refer to its goals and sections.
  replace_once(zima / "programme.json", "\"kind\": \"programme\",", "\"kind\": \"programme\"");
  r = check(site);
  CHECK(r.exit_code == 1);
  CHECK(r.lines == 1);
  CHECK(r.diagnostics.find("data/programmes/zima-2022/programme.json:") == 0);
  CHECK(r.diagnostics.find("пропущена запятая") != std::string::npos);

  // A missing passport is one error too.
  fs::remove(zima / "programme.json");
  r = check(site);
  CHECK(r.exit_code == 1);
  CHECK(r.diagnostics == "data/programmes/zima-2022/programme.json: error: нет обязательного файла");
  fs::remove_all(site.parent_path());
}

TEST_CASE("strict: an unknown field is an error with its suggestion, unless acknowledged or \"strict\": false") {
  const fs::path site = copy_data("unknown");
  const fs::path indicators = site / kAlpha / "indicators.json";
  // A misspelt "facts": before, a warning, «Готово», and the indicator went public without facts.
  replace_once(indicators, "\"facts\": [", "\"fact\": [");
  Checked r = check(site);
  CHECK(r.exit_code == 1);
  CHECK(r.diagnostics == kAlpha + "indicators.json:16:7: error: неизвестное поле «fact»; возможно, имелось в виду "
                                  "«facts» (at /indicators/0/fact)");
  CHECK(r.summary == "ошибок: 1, предупреждений: 0");
  // The object says the field is there on purpose: a warning it acknowledges (hidden, counted).
  replace_once(indicators, "\"better\": \"higher\",", "\"better\": \"higher\", \"acknowledged\": [\"unknown-field\"],");
  r = check(site);
  CHECK(r.exit_code == 0);
  CHECK(r.summary == "ошибок: 0, предупреждений: 0 (и 1 проверенных, скрыто; --show-acknowledged)");
  replace_once(indicators, " \"acknowledged\": [\"unknown-field\"],", "");
  // The site turns strictness off: a warning.
  replace_once(site / "data/site.json", "\"report_year\"", "\"strict\": false, \"report_year\"");
  r = check(site);
  CHECK(r.exit_code == 0);
  CHECK(r.diagnostics == kAlpha + "indicators.json:16:7: warning: неизвестное поле «fact»; возможно, имелось в "
                                  "виду «facts» (at /indicators/0/fact)");
  // A Markdown page's front matter is held to the same rule.
  replace_once(site / "data/site.json", "\"strict\": false, ", "");
  replace_once(indicators, "\"fact\": [", "\"facts\": [");
  fs::create_directories(site / "content");
  std::ofstream(site / "content/about.md") << "---\ntitel: О сайте\n---\nТекст.\n";
  r = check(site);
  CHECK(r.exit_code == 1);
  // One error for one misspelling: not also «no title», and an error whatever "strict" says.
  CHECK(r.diagnostics == "content/about.md:2:1: error: неизвестное поле «titel» во front matter; возможно, имелось "
                         "в виду «title»");
  fs::remove_all(site.parent_path());
}

TEST_CASE("strict: a misspelt required field is one error, with no cascade of unknown references") {
  const fs::path site = copy_data("required", VITRINA_SOURCE_DIR);
  const fs::path indicators = site / "data/programmes/zima-2022/indicators.json";
  // Measures and the management cycle refer to indicator «1», whose "id" is misspelt.
  replace_once(indicators, "\"id\": \"1\",", "\"idd\": \"1\",");
  Checked r = check(site);
  CHECK(r.exit_code == 1);
  CHECK(r.diagnostics == "data/programmes/zima-2022/indicators.json:6:7: error: неизвестное поле «idd»; возможно, "
                         "имелось в виду «id» (at /indicators/0/idd)");
  CHECK(r.summary.rfind("ошибок: 1, предупреждений: 0", 0) == 0);
  // The whole list misspelt.
  replace_once(indicators, "\"idd\": \"1\",", "\"id\": \"1\",");
  replace_once(indicators, "\"indicators\": [", "\"indicator\": [");
  r = check(site);
  CHECK(r.exit_code == 1);
  CHECK(r.diagnostics == "data/programmes/zima-2022/indicators.json:4:3: error: неизвестное поле «indicator»; "
                         "возможно, имелось в виду «indicators» (at /indicator)");
  fs::remove_all(site.parent_path());
}

TEST_CASE("strict: impossible dates and reversed ranges in a measure's term are errors at the term") {
  const std::string at = kAlpha + "measures.json:";
  const Case cases[] = {
      {"\"15.03.2022\"", "\"31.13.2022\"",
       "6:83: error: несуществующая дата «31.13.2022» в сроке: месяц — второе число, от 1 до 12 (at /measures/1/period)"},
      {"\"15.03.2022\"", "\"29.02.2022\"",
       "6:83: error: несуществующая дата «29.02.2022» в сроке: последнее число этого месяца — 28 (at /measures/1/period)"},
      {"\"2021-2023 гг.\"", "\"2023-2021 гг.\"",
       "4:96: error: годы «2023-2021» в сроке идут в обратном порядке: начальный год пишется первым — «2021-2023» "
       "(at /measures/0/period)"},
      {"\"15.03.2022\"", "\"15.06.2022 – 14.03.2022\"",
       "6:83: error: даты «15.06.2022 – 14.03.2022» в сроке идут в обратном порядке: начальная дата пишется первой — "
       "«14.03.2022 – 15.06.2022» (at /measures/1/period)"},
      {"\"15.03.2022\"", "{\"printed\": \"март 2022\", \"start\": \"2022-03-31\", \"end\": \"2022-03-01\"}",
       "6:138: error: окончание срока «2022-03-01» раньше его начала «2022-03-31» (at /measures/1/period/end)"},
  };
  const fs::path site = copy_data("term");
  const fs::path file = site / kAlpha / "measures.json";
  check_each(site, file, at, cases);
  // A leap year's 29 February is a date.
  replace_once(file, "\"15.03.2022\"", "\"29.02.2024\"");
  CHECK(check(site).exit_code == 0);
  fs::remove_all(site.parent_path());
}

TEST_CASE("strict: a share outside 0–100 % is an error unless the indicator acknowledges it") {
  const fs::path site = copy_data("share");
  const fs::path file = site / kAlpha / "indicators.json";
  replace_once(file, "\"value\": 42}", "\"value\": 120}");
  replace_once(file, "\"numerator\": 45", "\"numerator\": 145");
  replace_once(file, "{\"year\": 2021, \"value\": 40}", "{\"year\": 2021, \"value\": -5}");
  Checked r = check(site);
  CHECK(r.exit_code == 1);
  const std::string hint = "; если показатель «i1» может превышать 100 %, укажите у него \"acknowledged\": [\"share-range\"]";
  CHECK(r.diagnostics == kAlpha + "indicators.json:12:33: error: доля -5 % вне пределов 0–100 %" + hint +
                             " (at /indicators/0/targets/0/value)\n" + kAlpha +
                             "indicators.json:17:33: error: доля 120 % вне пределов 0–100 %" + hint +
                             " (at /indicators/0/facts/0/value)\n" + kAlpha +
                             "indicators.json:18:37: error: числитель 145 и знаменатель 100 дают долю вне пределов "
                             "0–100 %" + hint + " (at /indicators/0/facts/1/numerator)");
  CHECK(r.summary == "ошибок: 3, предупреждений: 0");
  replace_once(file, "\"better\": \"higher\",", "\"better\": \"higher\", \"acknowledged\": [\"share-range\"],");
  r = check(site);
  CHECK(r.exit_code == 0);
  CHECK(r.summary == "ошибок: 0, предупреждений: 0 (и 3 проверенных, скрыто; --show-acknowledged)");
  fs::remove_all(site.parent_path());
}

TEST_CASE("strict: every kind of mistake in one run, each once, exit 1 and no site") {
  const fs::path site = copy_data("all");
  replace_once(site / kAlpha / "indicators.json", "\"facts\": [", "\"fact\": [");
  replace_once(site / kAlpha / "indicators.json", "\"value\": 3}", "\"value\": \"3\"}");
  replace_once(site / kAlpha / "measures.json", "\"15.03.2022\"", "\"31.02.2022\"");
  replace_once(site / kAlpha / "measures.json", "\"status\": \"done\"", "\"status\": \"dnoe\"");
  const fs::path out = site.parent_path() / "output";
  const RunResult r = run_vitrina("build -q --site " + site.string() + " --out " + out.string());
  CHECK(r.exit_code == 1);
  CHECK(lines_with(r.output, ": error: ").size() == 4);
  CHECK(r.output.find("indicators.json:16:7: error: неизвестное поле «fact»") != std::string::npos);
  CHECK(r.output.find("indicators.json:28:41: error: ожидается число, а указано текст (at /indicators/1/facts/0/value)") !=
        std::string::npos);
  CHECK(r.output.find("measures.json:6:83: error: несуществующая дата «31.02.2022»") != std::string::npos);
  CHECK(r.output.find("measures.json:5:65: error: недопустимое значение «dnoe»; возможно, «done»") != std::string::npos);
  CHECK(r.output.find("ошибок: 4, предупреждений: 0") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
  fs::remove_all(site.parent_path());
}
