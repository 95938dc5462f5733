// tabular/: .xlsx and CSV readers, over workbooks written by libxlsxwriter and packages built
// here part by part (the forms other writers use: inline strings, cells without references,
// prefixed namespaces), and hostile ones (DTD entities, zip bombs, huge sheets).
#include <doctest/doctest.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "output/xlsx/book.h"
#include "tabular/table.h"
#include "text/messages.h"

using namespace vitrina;
using namespace vitrina::tabular;

namespace {

// A zip package from part names and texts (method: deflate, as every writer uses).
std::string make_zip(const std::map<std::string, std::string>& parts) {
  auto path = std::filesystem::temp_directory_path() / ("vitrina-tabular-test-" + std::to_string(::getpid()) + ".zip");
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  REQUIRE(z);
  for (const auto& [name, text] : parts) {
    zip_source_t* s = zip_source_buffer(z, text.data(), text.size(), 0);
    REQUIRE(zip_file_add(z, name.c_str(), s, ZIP_FL_OVERWRITE) >= 0);
  }
  REQUIRE(zip_close(z) == 0);
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::filesystem::remove(path);
  return ss.str();
}

const char* kWorkbook =
    R"(<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets>)"
    R"(<x:sheet name="Факты" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>)";
const char* kRels =
    R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/s.xml"/>)"
    R"(</Relationships>)";

std::string package(const std::string& sheet_xml) {
  return make_zip({{"xl/workbook.xml", kWorkbook}, {"xl/_rels/workbook.xml.rels", kRels}, {"xl/worksheets/s.xml", sheet_xml}});
}

std::string sheet(const std::string& data) {
  return R"(<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>)" +
         data + "</x:sheetData></x:worksheet>";
}

}  // namespace

TEST_CASE("xlsx reader: shared strings, numbers, booleans, dates, percents, formulas from libxlsxwriter") {
  Diagnostics diags;
  std::string bytes = xlsx::render_workbook({}, "t.xlsx", diags, [](lxw_workbook* wb) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Лист А");
    lxw_worksheet* hidden = workbook_add_worksheet(wb, "служебный");
    worksheet_hide(hidden);
    worksheet_write_string(hidden, 0, 0, "x", nullptr);
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "dd.mm.yyyy");
    lxw_format* pct = workbook_add_format(wb);
    format_set_num_format(pct, "0.0%");
    worksheet_write_string(ws, 0, 0, "Показатель «1»", nullptr);
    worksheet_write_number(ws, 0, 1, 12.5, nullptr);
    worksheet_write_boolean(ws, 1, 0, 1, nullptr);
    lxw_datetime d = {2025, 4, 10, 0, 0, 0};
    worksheet_write_datetime(ws, 1, 1, &d, date);
    worksheet_write_number(ws, 2, 0, 0.125, pct);
    worksheet_write_formula_num(ws, 2, 1, "=B1*2", nullptr, 25);
    worksheet_write_string(ws, 11, 6, "12,5%", nullptr);
  });
  REQUIRE_FALSE(bytes.empty());
  Workbook wb;
  std::string error;
  REQUIRE_MESSAGE(read_xlsx(bytes, wb, error), error);
  REQUIRE(wb.sheets.size() == 2);
  CHECK(wb.sheets[1].hidden);
  const Sheet* s = wb.find("Лист А");
  REQUIRE(s);
  CHECK(s->at(0, 0)->text == "Показатель «1»");
  CHECK(s->at(0, 1)->number == 12.5);
  CHECK(s->at(1, 0)->type == Cell::Type::Boolean);
  CHECK(s->at(1, 1)->date);
  CHECK(serial_to_iso_date(s->at(1, 1)->number, wb.date1904) == "2025-04-10");
  CHECK(s->at(2, 0)->percent);
  CHECK_FALSE(s->at(0, 1)->percent);
  CHECK(s->at(2, 1)->formula);
  CHECK(s->at(2, 1)->number == 25);
  CHECK(s->at(11, 6)->text == "12,5%");
  CHECK(s->at(5, 5) == nullptr);
  CHECK(s->rows == 12);
  CHECK(cell_name(11, 6) == "G12");
  CHECK(cell_name(0, 26) == "AA1");
  // Only the sheets asked for get their cells.
  REQUIRE(read_xlsx(bytes, wb, error, {}, {"служебный"}));
  CHECK(wb.find("Лист А")->cells.empty());
  CHECK(wb.find("служебный")->at(0, 0)->text == "x");
}

TEST_CASE("xlsx reader: inline strings, rich runs, cells and rows without references, error cells") {
  std::string bytes = package(sheet(
      R"(<x:row><x:c t="inlineStr"><x:is><x:r><x:t>Ин</x:t></x:r><x:r><x:t>дикатор</x:t></x:r><x:rPh><x:t>фонетика</x:t></x:rPh></x:is></x:c>)"
      R"(<x:c><x:v>3</x:v></x:c></x:row><x:row><x:c t="e"><x:v>#DIV/0!</x:v></x:c><x:c t="str"><x:f>A1</x:f><x:v>Ин</x:v></x:c></x:row>)"
      R"(<x:row r="7"><x:c r="C7" t="d"><x:v>2025-04-10</x:v></x:c></x:row>)"));
  Workbook wb;
  std::string error;
  REQUIRE_MESSAGE(read_xlsx(bytes, wb, error), error);
  const Sheet* s = wb.find("Факты");
  REQUIRE(s);
  CHECK(s->at(0, 0)->text == "Индикатор");
  CHECK(s->at(0, 1)->number == 3);
  CHECK(s->at(1, 0)->type == Cell::Type::Error);
  CHECK(s->at(1, 1)->formula);
  CHECK(s->at(1, 1)->text == "Ин");
  CHECK(s->at(6, 2)->text == "2025-04-10");
}

TEST_CASE("xlsx reader: hostile workbooks get a message, not a crash or unbounded memory") {
  set_language("en");
  Workbook wb;
  std::string error;
  SUBCASE("entities: a DTD is refused before any expansion") {
    std::string laughs = R"(<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>)"
                         R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>)";
    CHECK_FALSE(read_xlsx(package(laughs), wb, error));
    CHECK(error.find("DTD") != std::string::npos);
    std::string external = R"(<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x/>)";
    CHECK_FALSE(read_xlsx(package(external), wb, error));
    CHECK(error.find("DTD") != std::string::npos);
  }
  SUBCASE("zip bomb: a part that inflates past the limit stops the read") {
    std::string big = sheet("<row><c><v>1</v></c></row>" + std::string(3 << 20, ' '));
    ReadLimits l;
    l.max_part_bytes = 1 << 20;
    CHECK_FALSE(read_xlsx(package(big), wb, error, l));
    CHECK(error.find("over 1 MiB") != std::string::npos);
  }
  SUBCASE("too many cells") {
    std::string rows;
    for (int i = 1; i <= 200; ++i) rows += "<row><c><v>" + std::to_string(i) + "</v></c></row>";
    ReadLimits l;
    l.max_cells = 100;
    CHECK_FALSE(read_xlsx(package(sheet(rows)), wb, error, l));
    CHECK(error.find("more than 100 filled cells") != std::string::npos);
  }
  SUBCASE("cells beyond the grid, shared strings out of range, bad numbers") {
    CHECK_FALSE(read_xlsx(package(sheet(R"(<row><c r="XFE1"><v>1</v></c></row>)")), wb, error));
    CHECK(error.find("XFE1") != std::string::npos);
    CHECK_FALSE(read_xlsx(package(sheet(R"(<row><c r="A1" t="s"><v>5</v></c></row>)")), wb, error));
    CHECK(error.find("A1") != std::string::npos);
    CHECK_FALSE(read_xlsx(package(sheet(R"(<row><c r="B2"><v>1e999</v></c></row>)")), wb, error));
    CHECK(error.find("B2") != std::string::npos);
  }
  SUBCASE("not a workbook") {
    CHECK_FALSE(read_xlsx("PK\x03\x04garbage", wb, error));
    CHECK(error.find("ZIP") != std::string::npos);
    CHECK_FALSE(read_xlsx(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8), wb, error));
    CHECK(error.find("password") != std::string::npos);
    CHECK_FALSE(read_xlsx(make_zip({{"a.txt", "x"}}), wb, error));
    CHECK(error.find("workbook.xml") != std::string::npos);
    CHECK_FALSE(read_xlsx(package("<worksheet><sheetData><row>"), wb, error));
    CHECK(error.find("XML error") != std::string::npos);
  }
  set_language("ru");
}

TEST_CASE("csv reader: Windows-1251 or UTF-8, `;` or `,`, quotes, decimal commas kept as text") {
  Sheet s;
  std::string error;
  // «Код;Факт\r\n1.1;"12,5"\r\n» in Windows-1251.
  std::string cp1251 = "\xCA\xEE\xE4;\xD4\xE0\xEA\xF2\r\n1.1;12,5\r\n2;\"\xE4\xE0 \"\"\xED\xE5\xF2\"\"\"\r\n";
  REQUIRE(read_csv(cp1251, s, error));
  CHECK(s.at(0, 0)->text == "Код");
  CHECK(s.at(0, 1)->text == "Факт");
  CHECK(s.at(1, 1)->text == "12,5");
  CHECK(s.at(2, 1)->text == "да \"нет\"");
  CHECK(s.rows == 3);
  REQUIRE(read_csv("\xEF\xBB\xBF\xD0\x9A\xD0\xBE\xD0\xB4,\"\xD0\xA4,\"\n1.1,\"12,5\"\n", s, error));
  CHECK(s.at(0, 0)->text == "Код");
  CHECK(s.at(0, 1)->text == "Ф,");
  CHECK(s.at(1, 1)->text == "12,5");
  CHECK_FALSE(read_csv("a;\"b\n", s, error));
  ReadLimits l;
  l.max_cells = 10;
  CHECK_FALSE(read_csv(std::string(100, '\n') + std::string(50, ';') + "x;y;z;w;" + std::string(20, 'a') + "\n1;2;3;4;5;6;7;8;9;10;11;12", s, error, l));
}
