// Open data: the CSV dialect (BOM, ';', quoting, formula-injection neutralisation), SHA-256,
// the set of files, index.json and determinism.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "compute/metrics.h"
#include "output/opendata/csv.h"
#include "output/opendata/dumped_json.h"
#include "output/opendata/opendata.h"
#include "output/opendata/sha256.h"

using namespace vitrina;

TEST_CASE("csv: plain, quoted and neutralised text fields") {
  CHECK(csv::text_field("Беломорск") == "Беломорск");
  CHECK(csv::text_field("") == "");
  CHECK(csv::text_field("a;b") == "\"a;b\"");
  CHECK(csv::text_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv::text_field("line1\nline2") == "\"line1\nline2\"");
  CHECK(csv::text_field("a\r\nb") == "\"a\r\nb\"");
  // Formula injection: = + - @ TAB CR at the start get a leading apostrophe.
  CHECK(csv::text_field("=1+2") == "'=1+2");
  CHECK(csv::text_field("+7 (000) 000") == "'+7 (000) 000");
  CHECK(csv::text_field("-  Отчёт") == "'-  Отчёт");
  CHECK(csv::text_field("@SUM(A1)") == "'@SUM(A1)");
  CHECK(csv::text_field("\tx") == "'\tx");
  CHECK(csv::text_field("\rx") == "\"'\rx\"");
  CHECK(csv::text_field("=HYPERLINK(\"http://x\";\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\"");
  // Only the first character matters.
  CHECK(csv::text_field("a=b") == "a=b");
  CHECK(csv::text_field("1.") == "1.");
}

TEST_CASE("csv: numbers and rows") {
  CHECK(csv::number_field(55.0) == "55");
  CHECK(csv::number_field(66.7) == "66.7");
  CHECK(csv::number_field(-5.0) == "-5");  // a number, not text: not neutralised
  CHECK(csv::number_field(std::nullopt) == "");
  csv::Writer w;
  w.text("id").text("value").end_row();
  w.text("=x").number(1.5).end_row();
  w.text("a;b").number(std::nullopt).end_row();
  CHECK(w.str() == "\xEF\xBB\xBFid;value\r\n'=x;1.5\r\n\"a;b\";\r\n");
}

TEST_CASE("sha256: FIPS 180-4 test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  CHECK(sha256_hex(std::string(55, 'x')).size() == 64);  // padding edge: 55, 56, 64 bytes
  CHECK(sha256_hex(std::string(56, 'x')) != sha256_hex(std::string(57, 'x')));
}

namespace {

SiteModel opendata_model() {
  SiteModel m;
  m.site.owner = "Владелец";
  m.site.report_year = 2023;
  Programme p;
  p.id = "p1";
  p.title = "Программа";
  p.period.start = 2022;
  p.period.end = 2023;
  Indicator i;
  i.id = "i.1";
  i.number = "1.";
  i.name = "=1+1 доля";
  i.kind = IndicatorKind::Share;
  i.unit = "%";
  Target t;
  t.year = 2023;
  t.value = 50;
  i.targets = {t};
  Fact f;
  f.year = 2023;
  f.value = 40;
  i.facts = {f};
  p.indicators = {i};
  Measure x;
  x.id = "m1";
  x.number = "1.1.";
  x.name = "-мероприятие";
  x.period.printed = "2022";
  p.measures = {x};
  m.programmes.push_back(p);
  return m;
}

}  // namespace

TEST_CASE("open data: files, index with size and sha256, determinism") {
  SiteModel model = opendata_model();
  Diagnostics d;
  SiteMetrics metrics = compute_metrics(model, d);
  auto files = build_open_data(model, metrics);
  auto again = build_open_data(model, metrics);
  REQUIRE(files.size() == again.size());
  for (size_t i = 0; i < files.size(); ++i) {
    CHECK(files[i].path == again[i].path);
    CHECK(files[i].bytes == again[i].bytes);
  }
  std::vector<std::string> paths;
  for (const auto& f : files) paths.push_back(f.path);
  std::vector<std::string> want = {"data/p1/indicators.csv", "data/p1/indicators/i.1.csv", "data/p1/indicators/i.1.json",
                                   "data/p1/measures.csv", "data/p1/p1.json", "data/index.json"};
  CHECK(paths == want);

  const auto& index = files.back();
  auto j = nlohmann::json::parse(index.bytes);
  CHECK(j["schema"] == kOpenDataSchema);
  REQUIRE(j["files"].size() == files.size() - 1);
  for (size_t i = 0; i + 1 < files.size(); ++i) {
    CHECK(j["files"][i]["path"] == files[i].path);
    CHECK(j["files"][i]["size"] == files[i].bytes.size());
    CHECK(j["files"][i]["sha256"] == sha256_hex(files[i].bytes));
  }

  const std::string& csv = files[0].bytes;
  INFO(csv);
  CHECK(csv.rfind("\xEF\xBB\xBFprogramme;indicator;", 0) == 0);
  CHECK(csv.find(";'=1+1 доля;") != std::string::npos);
  CHECK(csv.find(";2023;eq;50;40;-10;0.8;0.8;") != std::string::npos);
  CHECK(files[3].bytes.find(";'-мероприятие;") != std::string::npos);
  CHECK(files[3].bytes.find(";1.1.;") != std::string::npos);  // hierarchical number kept as text

  auto ij = nlohmann::json::parse(files[2].bytes);
  CHECK(ij["programme"] == "p1");
  CHECK(ij["indicator"]["id"] == "i.1");
  CHECK(ij["indicator"]["name"] == "=1+1 доля");  // JSON keeps the text as is
  bool found = false;
  for (const auto& y : ij["indicator"]["years"])
    if (y["year"] == 2023) {
      found = true;
      CHECK(y["plan"] == 50.0);
      CHECK(y["fact"] == 40.0);
      CHECK(y["degree"].get<double>() == doctest::Approx(0.8));
    }
  CHECK(found);
  auto pj = nlohmann::json::parse(files[4].bytes);
  CHECK(pj["programme"]["id"] == "p1");
  CHECK(pj["indicators"].size() == 1);
  CHECK(pj["measures"][0]["number"] == "1.1.");
  CHECK(pj["metrics"]["indicators_total"] == 1);
  CHECK(pj["metrics"]["measures"]["done_counted"] == 0);
  CHECK(pj["metrics"]["by_status"]["on_track"] == 0);  // every status, zeros included
}

TEST_CASE("open data: every number at the precision the methodology gives it") {
  // 66.6 − 66 is 0.6000000000000014 in binary, 2/3 is 0.6666666666666666: published as 0.6, 0.667.
  SiteModel model = opendata_model();
  Indicator& i = model.programmes[0].indicators[0];
  i.targets[0].value = 66;
  i.facts[0].value = 66.6;
  Indicator two = i, three = i;
  two.id = "i.2";
  two.facts[0].value = 10;
  three.id = "i.3";
  three.facts[0].value = 67.1;
  model.programmes[0].indicators = {i, two, three};
  Diagnostics d;
  SiteMetrics metrics = compute_metrics(model, d);
  std::string all;
  for (const auto& f : build_open_data(model, metrics)) {
    all += f.bytes;
    CHECK(f.bytes.find("000000000") == std::string::npos);
    CHECK(f.bytes.find("999999999") == std::string::npos);
  }
  CHECK(all.find(";2023;eq;66;66.6;0.6;1.009;1;achieved") != std::string::npos);
  CHECK(all.find("\"deviation\": 0.6,") != std::string::npos);
  CHECK(all.find("\"share_achieved\": 0.667,") != std::string::npos);  // 2 of 3
}

TEST_CASE("dumped_json: a document put together from dumped parts has the bytes of dumping it whole") {
  using ojson = nlohmann::ordered_json;
  auto dump = [](const ojson& j) { return j.dump(2, ' ', false); };
  const ojson item = ojson::parse(R"({"id": "a\nb \"c\"", "n": 1.5, "none": null, "empty": [], "nothing": {},
                                      "years": [{"year": 2024, "plan": 3, "ok": true}, {"year": 2025}], "deep": {"x": [[1], []]}})");
  const ojson whole = {{"schema", "s/1"}, {"items", {item, item}}, {"none", ojson::array()}, {"obj", {{"k", ojson::object()}}}};
  const std::string parts = dumped_json::Document()
                                .add("schema", dump(whole["schema"]))
                                .add_array("items", {dump(item), dump(item)})
                                .add_array("none", {})
                                .add("obj", dump(whole["obj"]))
                                .text();
  CHECK(parts == dump(whole) + "\n");
  CHECK(dumped_json::Document().text() == dump(ojson::object()) + "\n");
}

TEST_CASE("open data: each JSON file has the bytes of nlohmann's dump of its whole document") {
  SiteModel model = opendata_model();
  Diagnostics d;
  SiteMetrics metrics = compute_metrics(model, d);
  size_t json_files = 0;
  for (const auto& f : build_open_data(model, metrics))
    if (f.path.size() > 5 && f.path.compare(f.path.size() - 5, 5, ".json") == 0) {
      CAPTURE(f.path);
      CHECK(f.bytes == nlohmann::ordered_json::parse(f.bytes).dump(2, ' ', false) + "\n");
      ++json_files;
    }
  CHECK(json_files == 3);  // the indicator's, the programme's and index.json
}
