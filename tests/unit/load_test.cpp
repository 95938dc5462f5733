// Unit tests of the load stage: JSON positions, typed reads, diagnostics.
#include <doctest/doctest.h>

#include "load/json_positions.h"
#include "load/loader.h"
#include "load/object_reader.h"
#include "load/read_programme.h"
#include "text/messages.h"
#include "validate/validate.h"

using namespace vitrina;

TEST_CASE("positions: every value and key maps to its line and column (code points)") {
  const std::string text = "{\n  \"a\": [1, {\"b\": \"Ж\"}],\n  \"имя\": \"x\", \"c\": {\"d\": null}\n}";
  auto m = PositionMap::build(text);
  CHECK(m.value("").line == 1);
  CHECK(m.value("/a").line == 2);
  CHECK(m.value("/a").column == 8);
  CHECK(m.value("/a/0").column == 9);
  CHECK(m.value("/a/1/b").column == 18);
  CHECK(m.key("/a").column == 3);
  CHECK(m.value("/имя").line == 3);
  CHECK(m.value("/имя").column == 10);  // columns count code points, not bytes
  CHECK(m.value("/c/d").column == 26);
  CHECK(m.value("/c/d/missing").column == 26);  // falls back to the nearest ancestor
}

TEST_CASE("positions: duplicate keys are found, escaped pointers work") {
  auto m = PositionMap::build("{\"a\": 1, \"a/b\": 2, \"a\": 3}");
  REQUIRE(m.duplicates().size() == 1);
  CHECK(m.duplicates()[0].pointer == "/a");
  CHECK(m.value("/a~1b").column == 17);
}

TEST_CASE("positions: a byte offset becomes line and column, BOM ignored") {
  std::string t = "\xEF\xBB\xBF{\n\"x\"";
  auto p = position_of_offset(t, t.size() - 1);
  CHECK(p.line == 2);
  CHECK(p.column == 3);
}

TEST_CASE("reader: types, required fields, unknown fields with suggestions") {
  set_language("en");
  Diagnostics d;
  const std::string text = R"({"title": 5, "yaer": 2020, "count": "x", "ok": true})";
  nlohmann::json j;
  PositionMap pos;
  REQUIRE(parse_json_text(text, "f.json", j, pos, d));
  FileContext ctx{"f.json", &pos, &d};
  {
    ObjectReader r(ctx, j, "");
    std::string title, name;
    std::optional<int> year, count;
    bool ok = false;
    r.text("title", title);
    r.text("name", name, true);
    r.integer("year", year);
    r.integer("count", count);
    r.boolean("ok", ok);
    CHECK(ok);
  }
  const auto& items = d.items();
  REQUIRE(items.size() == 4);
  CHECK(items[0].message == "expected a string, got a number");
  CHECK(items[0].column == 11);
  CHECK(items[1].message == "expected an integer, got a string");
  CHECK(items[2].message == "unknown field \"yaer\"; did you mean \"year\"?");
  CHECK(items[2].severity == Severity::Error);  // strict by default (issue 23)
  CHECK(items[2].code == kUnknownFieldCode);
  CHECK(items[3].message == "missing required field \"name\"");
  set_language("ru");
}

TEST_CASE("reader: a misspelt required field is one error; an acknowledged unknown field is a warning") {
  set_language("en");
  Diagnostics d;
  nlohmann::json j;
  PositionMap pos;
  REQUIRE(parse_json_text(R"({"nmae": "x", "extra": 1})", "f.json", j, pos, d));
  bool incomplete = false;
  FileContext ctx{"f.json", &pos, &d, &incomplete};
  {
    ObjectReader r(ctx, j, "");
    std::string name;
    r.text("name", name, true);
  }
  REQUIRE(d.items().size() == 2);  // in the object's (alphabetical) order
  CHECK(d.items()[0].code == kUnknownFieldCode);
  CHECK(d.items()[1].message == "unknown field \"nmae\"; did you mean \"name\"?");
  CHECK(d.items()[1].code.empty());  // not downgraded by "strict": false: the name is still missing
  CHECK(incomplete);

  Diagnostics a;
  REQUIRE(parse_json_text(R"({"name": "x", "extra": 1, "acknowledged": ["unknown-field"]})", "f.json", j, pos, a));
  FileContext actx{"f.json", &pos, &a};
  {
    ObjectReader r(actx, j, "");
    std::string name;
    r.text("name", name, true);
  }
  REQUIRE(a.items().size() == 1);
  CHECK(a.items()[0].severity == Severity::Warning);
  CHECK(a.items()[0].acknowledged);
  set_language("ru");
}

TEST_CASE("reader: non-finite and huge numbers are errors, -0 reads as 0") {
  Diagnostics d;
  nlohmann::json j;
  PositionMap pos;
  // nlohmann refuses to parse 1e400 at all: an error with the literal's position.
  CHECK(!parse_json_text(R"({"a": 1e400})", "f.json", j, pos, d));
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].column == 7);
  REQUIRE(parse_json_text(R"({"a": 1e300, "b": -0.0})", "f.json", j, pos, d));
  FileContext ctx{"f.json", &pos, &d};
  std::optional<double> a, b;
  {
    ObjectReader r(ctx, j, "");
    r.number("a", a);
    r.number("b", b);
  }
  CHECK(!a);  // finite but beyond any sensible indicator value
  REQUIRE(b);
  CHECK(!std::signbit(*b));
  CHECK(d.error_count() == 2);
}

TEST_CASE("ids and dates are validated") {
  CHECK(valid_id("kaltan-2019"));
  CHECK(valid_id("7.10"));
  CHECK(!valid_id("../etc"));
  CHECK(!valid_id(".hidden"));
  CHECK(!valid_id("a/b"));
  CHECK(!valid_id(""));
  CHECK(!valid_id(std::string(101, 'a')));
  CHECK(valid_iso_date("2022-02-28"));
  CHECK(!valid_iso_date("2022-02-30"));
  CHECK(!valid_iso_date("2021-02-29"));
  CHECK(valid_iso_date("2020-02-29"));
  CHECK(valid_iso_date("2022-03"));
  CHECK(!valid_iso_date("2022-13"));
  CHECK(valid_iso_date("2022"));
  CHECK(!valid_iso_date("22.03.2022"));
}

TEST_CASE("closest_match suggests only near candidates") {
  CHECK(closest_match("perod", {"period", "title"}) == "period");
  CHECK(closest_match("zzzzzz", {"period", "title"}).empty());
}

TEST_CASE("reader: notes, inferred and lines are type-checked on every object, read or not") {
  set_language("en");
  Diagnostics d;
  nlohmann::json j;
  PositionMap pos;
  REQUIRE(parse_json_text(R"({"notes": "text, not a list", "lines": [5, 2], "inferred": ["unit"]})", "f.json", j, pos,
                          d));
  FileContext ctx{"f.json", &pos, &d};
  { ObjectReader r(ctx, j, ""); }  // reads nothing itself
  REQUIRE(d.items().size() == 2);
  CHECK(d.items()[0].message == "expected an array, got a string");
  CHECK(d.items()[0].pointer == "/notes");
  CHECK(d.items()[1].pointer == "/lines");
  set_language("ru");
}

TEST_CASE("reader: a fact's interim period and as_of date; a status's reason") {
  set_language("en");
  Diagnostics d;
  const std::string text = R"({"indicators": [{"id": "a", "name": "A", "facts": [
    {"year": 2025, "period": "q1", "as_of": "2025-04-10", "value": 12.5},
    {"year": 2025, "value": 40},
    {"year": 2024, "period": "q2", "value": 1}]}]})";
  nlohmann::json j;
  PositionMap pos;
  REQUIRE(parse_json_text(text, "i.json", j, pos, d));
  Programme p;
  std::string field;
  read_indicators(FileContext{"i.json", &pos, &d}, j, p, field);
  REQUIRE(p.indicators.at(0).facts.size() == 3);
  const auto& f = p.indicators[0].facts;
  CHECK(f[0].period == FactPeriod::Q1);
  CHECK(f[0].as_of == "2025-04-10");
  CHECK(f[1].period == FactPeriod::Year);  // the default
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].message.find("\"q2\"") != std::string::npos);
  CHECK(d.items()[0].line == 4);

  Diagnostics dm;
  nlohmann::json m = nlohmann::json::parse(
      R"({"measures": [{"id": "m", "name": "M", "status": [{"year": 2025, "status": "not_done", "reason": "Нет средств"}]}]})");
  PositionMap none;
  read_measures(FileContext{"m.json", &none, &dm}, m, p, field);
  CHECK(dm.items().empty());
  CHECK(p.measures.at(0).status.at(0).reason == "Нет средств");
  set_language("ru");
}

TEST_CASE("reader: site.json's report period, as-of date, rating on pages and print settings") {
  set_language("en");
  auto read = [](const std::string& text, Site& s) {
    Diagnostics d;
    nlohmann::json j;
    PositionMap pos;
    REQUIRE(parse_json_text(text, "site.json", j, pos, d));
    read_site(FileContext{"site.json", &pos, &d}, j, s);
    SiteModel m;
    m.site = s;
    SourceIndex src;
    src.files["site.json"] = pos;
    validate(m, src, d);
    std::vector<std::string> out;
    for (const auto& x : d.items()) out.push_back(x.message + " @" + x.pointer);
    return out;
  };
  Site s;
  CHECK(read(R"({"title": "T", "owner": "O", "report_year": 2025, "report_period": "h1", "as_of": "2025-07-10",
      "publish_rating": false, "print": {"annex_line": "Приложение № 2",
      "signatures": [{"position": "Начальник", "name": "А. А. Иванова"}, {"position": "Секретарь"}]}})", s).empty());
  CHECK(s.report_period == FactPeriod::H1);
  CHECK(s.as_of == "2025-07-10");
  CHECK_FALSE(s.publish_rating);
  CHECK(s.print.annex_line == "Приложение № 2");
  REQUIRE(s.print.signatures.size() == 2);
  CHECK(s.print.signatures[1].position == "Секретарь");
  CHECK(Site{}.publish_rating);
  CHECK(Site{}.report_period == FactPeriod::Year);

  Site bad;
  const auto errors = read(R"({"title": "T", "owner": "O", "report_year": 2025, "report_period": "q2",
      "as_of": "2025-07", "print": {"signatures": [{"name": "X"}]}})", bad);
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].find("\"q2\"") != std::string::npos);
  CHECK(errors[1].find("/as_of") != std::string::npos);
  CHECK(errors[2].find("/print/signatures/0") != std::string::npos);
  Site early;
  const auto before = read(R"({"title": "T", "owner": "O", "report_year": 2025, "as_of": "2024-12-31"})", early);
  REQUIRE(before.size() == 1);
  CHECK(before[0].find("2024-12-31") != std::string::npos);
  CHECK(before[0].find("@/as_of") != std::string::npos);
  set_language("ru");
}
