// End-to-end: the methodologist's path in with no JSON (issue 19) — `vitrina new`, `collect`,
// `import` (a CSV as Russian Excel saves it, the collect workbook itself, a workbook with a
// formula), `build` — run on the binary, so that the ASan+UBSan suite (tests/hardening/run_asan.sh)
// covers libxlsxwriter's workbook, the .xlsx and CSV readers and the in-place JSON edits too.
// The full round trips through openpyxl and LibreOffice are tests/py/test_data_entry.py.
#include <doctest/doctest.h>
#include <xlsxwriter.h>

#include <string>

#include "run_binary.h"

namespace fs = std::filesystem;

namespace {

const std::string kIndicators = "data/programmes/p/indicators.json";
// The header row «Код;Год;Факт» of a facts CSV as Russian Excel saves it (Windows-1251).
constexpr const char* kFactsHeader1251 = "\xCA\xEE\xE4;\xC3\xEE\xE4;\xD4\xE0\xEA\xF2\r\n";

void write_bytes(const fs::path& file, const std::string& bytes) { std::ofstream(file, std::ios::binary) << bytes; }

// A workbook as someone filled it, with a formula in «Факт» (libxlsxwriter, as any program).
void workbook_with_formula(const fs::path& file) {
  lxw_workbook* wb = workbook_new(file.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Факты");
  const char* head[] = {"Код", "Год", "Период", "Факт"};
  for (int c = 0; c < 4; ++c) worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), head[c], nullptr);
  worksheet_write_string(ws, 1, 0, "2", nullptr);
  worksheet_write_number(ws, 1, 1, 2024, nullptr);
  worksheet_write_string(ws, 1, 2, "год", nullptr);
  worksheet_write_formula_num(ws, 1, 3, "=60+2", nullptr, 62);
  REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
}

// A site made by `vitrina new` with one programme `p` (2024–2026) in a fresh temporary folder;
// `at` is the --site option every command of the test takes.
struct NewSite {
  explicit NewSite(const std::string& tag) : dir(temp_dir(tag)), site(dir / "site"), at(" --site " + site.string()) {
    const RunResult r = run_vitrina("new " + site.string() + " --period 2024-2026 --programme-id p");
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  }
  ~NewSite() { fs::remove_all(dir); }
  const fs::path dir, site;
  const std::string at;
};

}  // namespace

TEST_CASE("data entry: new, collect, import from CSV and from the workbook, build — no JSON touched by hand") {
  const NewSite s("data-entry");
  const fs::path& dir = s.dir;
  const fs::path& site = s.site;
  const std::string& at = s.at;
  RunResult r;
  r = run_vitrina("check" + at);
  CHECK(r.output.find("ошибок: 0, предупреждений: 0") != std::string::npos);
  r = run_vitrina("new " + site.string());
  CHECK(r.exit_code == 2);  // a folder that is not empty

  // A CSV as Russian Excel saves it: Windows-1251, `;`, decimal comma («да»: E4 E0 in cp1251).
  const std::string csv = std::string(kFactsHeader1251) + "1;2024;45,5\r\n3;2024;\xE4\xE0\r\n";
  write_bytes(dir / "facts.csv", csv);
  r = run_vitrina("import " + (dir / "facts.csv").string() + at);
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(r.output.find("2024: — → 45,5") != std::string::npos);
  CHECK(r.output.find("2024: — → да") != std::string::npos);
  const std::string imported = slurp(site / kIndicators);
  CHECK(imported.find("\"value\": 45.5") != std::string::npos);

  // The workbook collect writes carries the known facts: imported back, it changes nothing.
  r = run_vitrina("collect p -q -o " + (dir / "p.xlsx").string() + at);
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  r = run_vitrina("import " + (dir / "p.xlsx").string() + at);
  CHECK_MESSAGE(r.exit_code == 0, r.output);
  CHECK(r.output.find("Изменений нет") != std::string::npos);
  CHECK(slurp(site / kIndicators) == imported);

  // A formula in «Факт» is refused with its cell, and nothing is written.
  workbook_with_formula(dir / "formula.xlsx");
  r = run_vitrina("import " + (dir / "formula.xlsx").string() + at);
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("Факты!D2: в ячейке формула") != std::string::npos);
  CHECK(r.output.find("Ничего не записано") != std::string::npos);
  CHECK(slurp(site / kIndicators) == imported);

  r = run_vitrina("build -q --no-search" + at);
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(slurp(site / "output/programmes/p/indicators/1/index.html").find("45,5") != std::string::npos);
}

// A share's fact with a numerator and a denominator is recomputed from them (docs/metrics.md
// «Факты»): a new value typed into the workbook that they do not give would be overridden on
// every page, so import removes them and says so; a value they still give keeps them.
TEST_CASE("data entry: an imported fact the numerator and denominator do not give replaces them") {
  const NewSite s("data-entry-parts");
  const fs::path& dir = s.dir;
  const fs::path& site = s.site;
  const std::string& at = s.at;
  RunResult r;
  auto import_fact = [&](const std::string& fact) {
    write_bytes(dir / "facts.csv", std::string(kFactsHeader1251) + "1;2024;" + fact + "\r\n");
    return run_vitrina("import --replace " + (dir / "facts.csv").string() + at);
  };
  r = import_fact("45,5");
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  replace_once(site / kIndicators, "\"value\": 45.5", "\"value\": 45.5, \"numerator\": 455, \"denominator\": 1000");

  r = import_fact("45,53");  // 455/1000 = 45.5 at the indicator's precision (1): they still agree
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(r.output.find("45,5 → 45,53") != std::string::npos);
  CHECK(r.output.find("убраны") == std::string::npos);
  CHECK(slurp(site / kIndicators).find("\"numerator\": 455") != std::string::npos);

  r = import_fact("47,5");
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(r.output.find("45,53 → 47,5") != std::string::npos);
  CHECK(r.output.find("2024: числитель и знаменатель 455/1000 убраны — по ним получалось 45,5, а не новый факт") !=
        std::string::npos);
  const std::string data = slurp(site / kIndicators);
  CHECK(data.find("\"value\": 47.5") != std::string::npos);
  CHECK(data.find("numerator") == std::string::npos);
  CHECK(data.find("denominator") == std::string::npos);

  r = run_vitrina("build -q --no-search" + at);
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(r.output.find("warning") == std::string::npos);
  CHECK(slurp(site / "output/programmes/p/indicators/1/index.html").find("47,5") != std::string::npos);
  CHECK(slurp(site / "output/data/p/indicators/1.csv").find(";2024;eq;30;47.5;") != std::string::npos);
}

// A workbook carries every record of the programme; a file whose records are all as before is
// neither written nor reported (it was: «Записано: …/measures.json» with the same bytes).
TEST_CASE("data entry: import writes only the files it changes") {
  const NewSite s("data-entry-unchanged");
  const fs::path& dir = s.dir;
  const fs::path& site = s.site;
  const std::string& at = s.at;
  RunResult r;
  // A fact and a status (Windows-1251 CSVs: «Код;Год;Факт» and «№;Год;Статус;Код», «выполнено»).
  write_bytes(dir / "facts.csv", std::string(kFactsHeader1251) + "1;2024;45,5\r\n");
  write_bytes(dir / "status.csv", "\xB9;\xC3\xEE\xE4;\xD1\xF2\xE0\xF2\xF3\xF1;\xCA\xEE\xE4\r\n1.;2024;\xE2\xFB\xEF\xEE\xEB\xED\xE5\xED\xEE;m1\r\n");
  for (const char* csv : {"facts.csv", "status.csv"}) {
    r = run_vitrina("import " + (dir / csv).string() + at);
    REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  }
  r = run_vitrina("collect p -q -o " + (dir / "p.xlsx").string() + at);
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  // The data moves on after the workbook was made: importing it back changes the fact only.
  replace_once(site / kIndicators, "\"value\": 45.5", "\"value\": 44");
  const fs::path measures = site / "data/programmes/p/measures.json";
  const std::string measures_before = slurp(measures);
  const auto measures_mtime = fs::last_write_time(measures);
  r = run_vitrina("import --replace " + (dir / "p.xlsx").string() + at);
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(r.output.find("2024: 44 → 45,5") != std::string::npos);
  CHECK(r.output.find("indicators.json") != std::string::npos);
  CHECK(r.output.find("measures.json") == std::string::npos);
  CHECK(slurp(measures) == measures_before);
  CHECK(fs::last_write_time(measures) == measures_mtime);
}
