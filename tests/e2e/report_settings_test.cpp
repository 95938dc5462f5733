// End to end: the site.json settings of a report (issue 20) as a reader meets them — an interim
// report says «по состоянию на» on every page and judges a shortfall «в работе», and
// `publish_rating: false` keeps the effectiveness rating off the public pages and open data.
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

// Programme «p» of 2020–2022 with one share indicator (plan 60 in 2021) and one measure, with
// the given site.json settings and facts.
fs::path settings_site(const std::string& tag, const std::string& settings, const std::string& facts) {
  const fs::path site = temp_dir(tag) / "site";
  write(site / "data/site.json",
        R"({"title": "Тест", "owner": "Тест", "report_year": 2021, "build_date": "2024-01-01")" + settings + "}");
  write(site / "data/programmes/p/programme.json",
        R"({"id": "p", "title": "Программа", "period": {"start": 2020, "end": 2022}})");
  write(site / "data/programmes/p/indicators.json",
        R"({"programme": "p", "indicators": [{"id": "i1", "number": "1.", "name": "Доля", "unit": "%",
            "kind": "share", "targets": [{"year": 2021, "value": 60}], "facts": )" + facts + "}]}");
  write(site / "data/programmes/p/measures.json",
        R"({"programme": "p", "measures": [{"id": "m1", "number": "1.", "name": "Семинар", "period": "2021",
            "status": [{"year": 2021, "status": "done"}]}]})");
  return site;
}

fs::path build(const fs::path& site) {
  const fs::path out = site.parent_path() / "output";
  const RunResult r = run_vitrina("build --quiet --no-search --site " + site.string() + " --out " + out.string());
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  return out;
}

bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

}  // namespace

TEST_CASE("e2e report settings: a half-year report says «по состоянию на» on every page and judges «в работе»") {
  // 30 of 60 at the half-year: the year has not ended, so not «не достигнут» (it was).
  const fs::path out = build(settings_site("settings-h1", R"(, "report_period": "h1", "as_of": "2021-07-10")",
                                           R"([{"year": 2021, "period": "h1", "value": 30}])"));
  for (const char* page : {"index.html", "programmes/p/index.html", "programmes/p/indicators/index.html",
                           "programmes/p/indicators/i1/index.html", "programmes/p/dashboard/index.html"}) {
    CAPTURE(page);
    const std::string html = slurp(out / page);
    CHECK(has(html, "по состоянию на <span class=\"as-of\">10.07.2021</span>"));
    CHECK(has(html, "I полугодие 2021"));
  }
  const std::string ind = slurp(out / "programmes/p/indicators/i1/index.html");
  CHECK(has(ind, "data-figure=\"status\" data-value=\"in_progress\""));
  CHECK_FALSE(has(ind, "data-value=\"not_achieved\""));
}

TEST_CASE("e2e report settings: a measure's result and reason and a fact's source and comment are on the pages") {
  const fs::path site = settings_site("settings-execution", "",
                                      R"([{"year": 2021, "value": 55, "source": "отчёт ОО-1", "note": "без филиалов"}])");
  write(site / "data/programmes/p/measures.json",
        R"({"programme": "p", "measures": [{"id": "m1", "number": "1.", "name": "Семинар", "period": "2021",
            "status": [{"year": 2021, "status": "not_done", "result": "проведён один из двух",
                        "reason": "нет лектора"}]}]})");
  const fs::path out = build(site);
  const std::string measures = slurp(out / "programmes/p/measures/index.html");
  CHECK(has(measures, "итог: проведён один из двух"));
  CHECK(has(measures, "причина невыполнения: нет лектора"));
  const std::string ind = slurp(out / "programmes/p/indicators/i1/index.html");
  CHECK(has(ind, "источник: отчёт ОО-1"));
  CHECK(has(ind, "без филиалов"));
}

TEST_CASE("e2e report settings: publish_rating false leaves the rating off the pages and open data, not the report") {
  const std::string facts = R"([{"year": 2021, "value": 61}])";
  const fs::path shown = build(settings_site("settings-rating-on", "", facts));
  const fs::path hidden = build(settings_site("settings-rating-off", R"(, "publish_rating": false)", facts));
  for (const char* page : {"index.html", "dashboard/index.html", "programmes/p/dashboard/index.html"}) {
    CAPTURE(page);
    CHECK(has(slurp(shown / page), "data-figure=\"rating\""));  // the check below can fail
    const std::string html = slurp(hidden / page);
    CHECK_FALSE(has(html, "data-figure=\"rating\""));
    CHECK_FALSE(has(html, "data-figure=\"effectiveness\""));
  }
  CHECK(has(slurp(shown / "data/p/p.json"), "\"rating\""));
  CHECK_FALSE(has(slurp(hidden / "data/p/p.json"), "\"rating\""));
  const RunResult report = run_vitrina("report --site " + (hidden.parent_path() / "site").string());
  CHECK(report.exit_code == 0);
  CHECK(has(report.output, "Эффективность"));
}
