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

}  // namespace

TEST_CASE("strict: one JSON syntax error is one Russian diagnostic at its place, naming the cause") {
  struct Case {
    const char* from;
    const char* to;
    const char* expected;
  };
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
  for (const auto& c : cases) {
    CAPTURE(std::string(c.to));
    std::ofstream(file, std::ios::binary) << good;
    replace_once(file, c.from, c.to);
    const Checked r = check(site);
    CHECK(r.exit_code == 1);
    CHECK(r.diagnostics == at + c.expected);
    CHECK(r.summary == "ошибок: 1, предупреждений: 0");
  }

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
