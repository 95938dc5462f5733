// End to end: small sites written inline, built, and read back where a reader meets the figures
// (issue 18: a yes/no indicator read as a number, a finished measure read as «нет сведений»).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "run_binary.h"

namespace fs = std::filesystem;

namespace {

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// Programme «p» of 2020–2022, report year 2021, with the given indicators and measures (JSON arrays).
fs::path inline_site(const std::string& tag, const std::string& indicators, const std::string& measures) {
  const fs::path site = temp_dir(tag) / "site";
  write(site / "data/site.json",
        R"({"title": "Тест", "owner": "Тест", "report_year": 2021, "build_date": "2024-01-01"})");
  write(site / "data/programmes/p/programme.json",
        R"({"id": "p", "title": "Программа", "period": {"start": 2020, "end": 2022}})");
  write(site / "data/programmes/p/indicators.json", R"({"programme": "p", "indicators": )" + indicators + "}");
  write(site / "data/programmes/p/measures.json", R"({"programme": "p", "measures": )" + measures + "}");
  return site;
}

// The text of the first element of `html` after `marker` (tags removed).
std::string text_after(const std::string& html, const std::string& marker) {
  size_t at = html.find(marker);
  if (at == std::string::npos) return "(no " + marker + ")";
  at = html.find('>', at) + 1;
  std::string out;
  for (int depth = 1; at < html.size() && depth > 0; ++at) {
    if (html[at] == '<') {
      depth += html[at + 1] == '/' ? -1 : 1;
      at = html.find('>', at);
      if (html[at - 1] == '/') ++depth;  // self-closing
      continue;
    }
    out += html[at];
  }
  return out;
}

}  // namespace

TEST_CASE("e2e figures: an indicator whose «better» is yes/no reads «да»/«нет» on every page, whatever its kind") {
  // `better: "yes"` without a kind is a yes/no indicator: compute scores it 1/0, so pages must
  // not print 1 and 0 (they did when only `kind: "yes_no"` was asked).
  const std::string indicators = R"([
    {"id": "yn", "number": "1.", "name": "Наличие плана", "better": "yes",
     "targets": [{"year": 2021, "value": 1}], "facts": [{"year": 2021, "value": 0}]}])";
  const fs::path site = inline_site("figures-yesno", indicators, "[]");
  const fs::path out = site.parent_path() / "output";
  REQUIRE(run_vitrina("build --quiet --no-search --site " + site.string() + " --out " + out.string()).exit_code == 0);
  const std::string list = slurp(out / "programmes/p/indicators/index.html");
  CHECK(text_after(list, "data-figure=\"plan\"") == "да");
  CHECK(text_after(list, "data-figure=\"fact\"") == "нет");
  const std::string page = slurp(out / "programmes/p/indicators/yn/index.html");
  CHECK(page.find("data-figure=\"plan\" data-value=\"1\">да<") != std::string::npos);
  CHECK(page.find("data-figure=\"fact\" data-value=\"0\">нет<") != std::string::npos);
  CHECK(page.find("data-figure=\"degree\" data-value=\"0.000\">0,000<") != std::string::npos);
  CHECK(page.find("data-figure=\"status\" data-value=\"not_achieved\"") != std::string::npos);

  // Validation asks the same rule: 2 is not a yes/no value.
  write(site / "data/programmes/p/indicators.json",
        R"({"programme": "p", "indicators": [{"id": "yn", "name": "Наличие плана", "better": "yes",
            "facts": [{"year": 2021, "value": 2}]}]})");
  const RunResult bad = run_vitrina("check --site " + site.string());
  CHECK(bad.exit_code == 1);
  CHECK(bad.output.find("indicators.json:2:") != std::string::npos);
  CHECK(bad.output.find("/indicators/0/facts/0/value") != std::string::npos);
}

TEST_CASE("e2e figures: a measure finished in an earlier year shows that status and year, not «нет сведений»") {
  const std::string measures = R"([
    {"id": "m1", "number": "1.", "name": "Семинар 2020 года", "period": "2020",
     "status": [{"year": 2020, "status": "done"}]},
    {"id": "m2", "number": "2.", "name": "Мероприятие 2021 года", "period": "2021"}])";
  const fs::path site = inline_site("figures-measure", "[]", measures);
  const fs::path out = site.parent_path() / "output";
  REQUIRE(run_vitrina("build --quiet --no-search --site " + site.string() + " --out " + out.string()).exit_code == 0);
  const std::string page = slurp(out / "programmes/p/measures/index.html");
  const size_t m1 = page.find("id=\"m-m1\""), m2 = page.find("id=\"m-m2\"");
  REQUIRE(m1 != std::string::npos);
  REQUIRE(m2 != std::string::npos);
  const std::string row1 = page.substr(m1, page.find("</tr>", m1) - m1);
  const std::string row2 = page.substr(m2, page.find("</tr>", m2) - m2);
  CHECK(row1.find("выполнено (2020)") != std::string::npos);
  CHECK(row1.find("нет сведений") == std::string::npos);
  CHECK(row2.find("нет сведений") != std::string::npos);  // a measure of 2021 with no status is unknown
  const std::string json = slurp(out / "data/p/p.json");
  CHECK(json.find("\"earlier_status\": \"done\",\n      \"earlier_status_year\": 2020") != std::string::npos);
}
