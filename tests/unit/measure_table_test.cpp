// The document's own measure table: read from programme.json, and the text of each cell as
// the site and the workbooks lay it out (compute/measure_cells.h).
#include <doctest/doctest.h>

#include "compute/measure_cells.h"
#include "load/json_positions.h"
#include "load/loader.h"
#include "load/read_programme.h"
#include "text/messages.h"

using namespace vitrina;

namespace {

struct Read {
  Programme p;
  Diagnostics d;
};

Read read_programme_text(const std::string& text) {
  Read r;
  nlohmann::json j;
  PositionMap pos;
  REQUIRE(parse_json_text(text, "programme.json", j, pos, r.d));
  FileContext ctx{"programme.json", &pos, &r.d};
  read_programme(ctx, j, r.p);
  return r;
}

Measure measure(const std::string& id, const std::string& name, const std::string& parent = "") {
  Measure m;
  m.id = id;
  m.name = name;
  m.parent = parent;
  return m;
}

std::vector<std::string> lines(const Programme& p, const std::string& id, MeasureColumn c) {
  for (const auto& m : p.measures)
    if (m.id == id) return measure_cell(p, m, c).lines;
  FAIL("no measure " << id);
  return {};
}

}  // namespace

TEST_CASE("measure table: columns are read in printed order with their headers and groups") {
  set_language("en");
  auto r = read_programme_text(R"J({"id": "p", "title": "P", "measure_table": {
    "label": "ПРИЛОЖЕНИЕ 1", "title": "Информация", "column_numbers": true, "lines": [103, 129],
    "columns": [{"field": "number", "header": "№ п/п"}, {"field": "name", "header": "Мероприятие"},
                {"field": "period_start", "header": "начала реализации", "group": "Срок (годы)"},
                {"field": "period_end", "header": "окончания реализации", "group": "Срок (годы)"},
                {"field": "implementation_indicator"}]}})J");
  CHECK(r.d.items().empty());
  REQUIRE(r.p.measure_table);
  const MeasureTable& t = *r.p.measure_table;
  CHECK(t.label == "ПРИЛОЖЕНИЕ 1");
  CHECK(t.title == "Информация");
  CHECK(t.column_numbers);
  CHECK(t.origin.doc_first == 103);
  REQUIRE(t.columns.size() == 5);
  CHECK(t.columns[0].field == MeasureColumn::Number);
  CHECK(t.columns[0].header == "№ п/п");
  CHECK(t.columns[2].field == MeasureColumn::PeriodStart);
  CHECK(t.columns[2].group == "Срок (годы)");
  CHECK(t.columns[4].field == MeasureColumn::ImplementationIndicator);
  CHECK(t.columns[4].header.empty());
  set_language("ru");
}

TEST_CASE("measure table: a repeated column, no name column or an unknown field are errors with their place") {
  set_language("en");
  auto r = read_programme_text(R"J({"id": "p", "title": "P", "measure_table": {"columns": [
    {"field": "number"}, {"field": "period"}, {"field": "period"}, {"field": "resposible"}]}})J");
  std::vector<std::string> messages;
  for (const auto& d : r.d.items()) messages.push_back(d.pointer + ": " + d.message);
  REQUIRE(messages.size() == 3);
  CHECK(messages[0] == "/measure_table/columns/2/field: column \"period\" is already described in this table");
  CHECK(messages[1].find("/measure_table/columns/3/field: invalid value \"resposible\"; did you mean \"responsible\"") == 0);
  CHECK(messages[2] == "/measure_table/columns: the measure table has no \"name\" column (the measure's name)");
  set_language("ru");
}

TEST_CASE("measure table: the column keys and the enum agree both ways") {
  for (MeasureColumn c : all_values<MeasureColumn>()) CHECK(from_key<MeasureColumn>(measure_column_key(c)) == c);
  CHECK(!from_key<MeasureColumn>("status"));
}

TEST_CASE("measure cells: printed texts, inherited cells from the nearest ancestor, results of sub-events") {
  Programme p;
  Measure m1 = measure("m1", "Основное мероприятие");
  m1.number = "1.";
  m1.period = Period{};
  m1.period.printed = "2022-2030";
  m1.period.start = PartialDate{2022, 0, 0};
  m1.period.end = PartialDate{2030, 0, 0};
  m1.responsible = {"ИМЦО"};
  m1.consequences = "Некачественное предоставление услуг";
  Measure m11 = measure("m1.1", "Подмероприятие", "m1");
  m11.inherited = {"responsible", "period"};
  m11.period.inherited = true;
  Measure m111 = measure("m1.1.1", "Ещё глубже", "m1.1");
  m111.inherited = {"responsible"};
  Measure m2 = measure("m2", "Стажировочная площадка");
  m2.responsible = {"Наумова Т.А.", "Семахина Е.А."};
  m2.responsible_printed = "Наумова Т.А., Семахина Е.А. (МБОУ «Зиминский лицей»)";
  m2.events = {{"2022-02-08", "Семинар 1", "", "", "Педагоги вовлечены"}, {"2022-04-14", "Семинар 2", "", "", ""},
               {"2022-11-01", "Семинар 3", "", "", "Банк данных сформирован"}};
  Measure m3 = measure("m3", "Без родителя");
  m3.inherited = {"responsible"};  // marked, but there is nothing to inherit from
  p.measures = {m1, m11, m111, m2, m3};

  CHECK(lines(p, "m1", MeasureColumn::Number) == std::vector<std::string>{"1."});
  CHECK(lines(p, "m1", MeasureColumn::PeriodStart) == std::vector<std::string>{"2022"});
  CHECK(lines(p, "m1", MeasureColumn::PeriodEnd) == std::vector<std::string>{"2030"});
  const MeasureCell resp = measure_cell(p, p.measures[1], MeasureColumn::Responsible);
  CHECK(resp.inherited);
  CHECK(resp.lines == std::vector<std::string>{"ИМЦО"});
  CHECK(measure_cell(p, p.measures[1], MeasureColumn::PeriodEnd).lines == std::vector<std::string>{"2030"});
  CHECK(measure_cell(p, p.measures[1], MeasureColumn::Period).inherited);
  // Two levels down, through a parent that inherits too.
  CHECK(measure_cell(p, p.measures[2], MeasureColumn::Responsible).lines == std::vector<std::string>{"ИМЦО"});
  // Not marked as inherited: the empty cell stays empty (consequences belong to main measures).
  CHECK(measure_cell(p, p.measures[1], MeasureColumn::Consequences).lines.empty());
  CHECK(!measure_cell(p, p.measures[1], MeasureColumn::Consequences).inherited);
  // The cell as printed wins over the split list.
  CHECK(lines(p, "m2", MeasureColumn::Responsible) ==
        std::vector<std::string>{"Наумова Т.А., Семахина Е.А. (МБОУ «Зиминский лицей»)"});
  // No result of its own: the printed results of its dated sub-events, in order.
  CHECK(lines(p, "m2", MeasureColumn::ExpectedResult) ==
        std::vector<std::string>{"Педагоги вовлечены", "Банк данных сформирован"});
  CHECK(measure_cell(p, p.measures[4], MeasureColumn::Responsible).lines.empty());
  CHECK(!measure_cell(p, p.measures[4], MeasureColumn::Responsible).inherited);
}

TEST_CASE("measure cells: a kind row with sub-items shows its text once, under «Вид мер»") {
  Programme p;
  Measure row = measure("m1", "Проведение мероприятий по информированию");
  row.kind = row.name;
  Measure single = measure("m3", "Обновление программ курсов");
  single.kind = "Реализация мероприятий, направленных на обновление программ";
  Measure lone = measure("m7", "Принятие мер");  // kind = name but no sub-items: the name stays
  lone.kind = lone.name;
  p.measures = {row, measure("m1.1", "Ректорский час", "m1"), single, lone};
  CHECK(lines(p, "m1", MeasureColumn::Name) == std::vector<std::string>{"Проведение мероприятий по информированию"});
  p.measure_table = MeasureTable{};
  p.measure_table->columns = {{MeasureColumn::Kind, "Вид мер, мероприятий", ""}, {MeasureColumn::Name, "Название", ""}};
  CHECK(lines(p, "m1", MeasureColumn::Kind) == std::vector<std::string>{"Проведение мероприятий по информированию"});
  CHECK(lines(p, "m1", MeasureColumn::Name).empty());
  CHECK(lines(p, "m1.1", MeasureColumn::Name) == std::vector<std::string>{"Ректорский час"});
  CHECK(lines(p, "m1.1", MeasureColumn::Kind).empty());
  CHECK(lines(p, "m3", MeasureColumn::Name) == std::vector<std::string>{"Обновление программ курсов"});
  CHECK(lines(p, "m7", MeasureColumn::Name) == std::vector<std::string>{"Принятие мер"});
}

TEST_CASE("measure table: without a description, Vitrina's own columns (consequences only when a measure has them)") {
  Programme p;
  p.measures = {measure("m1", "Мероприятие")};
  auto keys = [](const MeasureTable& t) {
    std::vector<std::string> k;
    for (const auto& c : t.columns) k.push_back(measure_column_key(c.field));
    return k;
  };
  CHECK(keys(measure_table_of(p)) ==
        std::vector<std::string>{"number", "name", "period", "responsible", "expected_result"});
  p.measures[0].consequences = "Срыв сроков";
  CHECK(keys(measure_table_of(p)).back() == "consequences");
  p.measure_table = MeasureTable{};
  p.measure_table->columns = {{MeasureColumn::Name, "Мероприятие", ""}, {MeasureColumn::Participants, "Участники", ""}};
  CHECK(keys(measure_table_of(p)) == std::vector<std::string>{"name", "participants"});
}
