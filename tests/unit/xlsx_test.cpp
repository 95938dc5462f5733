// Workbooks: helpers, determinism (same model → same bytes, with and without build_date),
// the set of files build_workbooks returns. Cell-level checks (merged headers, formulas,
// cached values, print settings, a data string «=…» kept as text) are in
// tests/py/test_workbooks.py, which reads the files back with openpyxl and LibreOffice.
#include <doctest/doctest.h>
#include <dlfcn.h>
#include <xlsxwriter/xmlwriter.h>
#include <zip.h>
#include <zlib.h>

#include <cmath>
#include <limits>
#include <regex>

#include "compute/metrics.h"
#include "output/xlsx/annex_workbook.h"
#include "output/xlsx/board_workbook.h"
#include "output/xlsx/book.h"
#include "output/xlsx/sheet.h"
#include "tabular/table.h"

using namespace vitrina;

namespace {

Target target(int year, double v) {
  Target t;
  t.year = year;
  t.value = v;
  return t;
}

Fact fact(int year, double v) {
  Fact f;
  f.year = year;
  f.value = v;
  return f;
}

SiteModel workbook_model(const std::string& build_date) {
  SiteModel m;
  m.site.title = "Тестовый сайт";
  m.site.owner = "Отдел образования «Тест»";
  m.site.report_year = 2023;
  m.site.build_date = build_date;
  Programme p;
  p.id = "test-2022";
  p.title = "Программа профессионального развития педагогов на 2022–2024 годы";
  p.municipality = "Тестовый район";
  p.period.start = 2022;
  p.period.end = 2024;
  p.directions.push_back(Direction{{}, "d1", "", "", "Система обеспечения профессионального развития"});
  p.goals.push_back(Goal{{}, "g1", "", "содействие развитию", "", "", "d1", ""});
  p.measure_sections.push_back(MeasureSection{{}, "s1", "1", "Задача 1 - выявление дефицитов", "", ""});
  Indicator a;
  a.id = "1";
  a.number = "1.";
  a.name = "Доля педагогов с категорией";
  a.kind = IndicatorKind::Share;
  a.unit = "%";
  a.better = Better::Higher;
  a.targets = {target(2022, 55), target(2023, 60), target(2024, 65)};
  a.facts = {fact(2022, 56), fact(2023, 54)};
  a.printed_ratio = 1.19;
  a.printed_ratio_text = "1,19";
  Indicator b;
  b.id = "2";
  b.number = "2.";
  b.name = "=HYPERLINK(\"http://example.org\")";  // data, not a formula
  b.kind = IndicatorKind::Count;
  b.unit = "ед.";
  b.targets = {target(2022, 60), target(2024, 80)};
  p.indicators = {a, b};
  Measure m1;
  m1.id = "m1";
  m1.number = "1.";
  m1.section = "s1";
  m1.name = "Основное мероприятие - мониторинг";
  m1.responsible = {"МОУ «ИМЦО»"};
  m1.period.printed = "2022-2030";
  m1.period.start = PartialDate{2022};
  m1.period.end = PartialDate{2024};
  m1.expected_result = "Результат";
  m1.consequences = "Последствия";
  Measure m2;
  m2.id = "m1.1";
  m2.number = "1.1.";
  m2.parent = "m1";
  m2.section = "s1";
  m2.name = "+7 (000) телефон и @упоминание";
  m2.inherited = {"responsible", "period"};
  p.measures = {m1, m2};
  m.programmes.push_back(p);
  return m;
}

}  // namespace

TEST_CASE("xlsx helpers: code points, column names, references") {
  CHECK(xlsx::code_points("Приложение") == 10);
  CHECK(xlsx::code_points("a«б»") == 4);
  // Counted eight bytes at a time: every length and mix of one- to four-byte characters agrees with a byte loop.
  const std::string mix = "Доля a\nб «в» 𝄞 € педагогов — 100 %";
  for (size_t from = 0; from < mix.size(); ++from)
    for (size_t n = 0; from + n <= mix.size(); ++n) {
      const std::string_view part = std::string_view(mix).substr(from, n);
      const auto starts = std::count_if(part.begin(), part.end(), [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0) != 0x80; });
      CHECK(xlsx::code_points(part) == static_cast<size_t>(starts));
    }
  CHECK(xlsx::clip_code_points("абвгд", 3) == "абв…");
  CHECK(xlsx::clip_code_points("абв", 3) == "абв");
  CHECK(xlsx::col_name(0) == "A");
  CHECK(xlsx::col_name(11) == "L");
  CHECK(xlsx::col_name(26) == "AA");
  CHECK(xlsx::cell_ref(5, 3) == "D6");
  CHECK(xlsx::cell_ref(0, 1, true) == "$B$1");
  CHECK(xlsx::number_text(65.0 / 55.0) == "1.1818181818181819");
}

TEST_CASE("xlsx: the annex workbook is byte-identical across builds") {
  for (const std::string date : {"2024-05-01", ""}) {
    SiteModel model = workbook_model(date);
    Diagnostics d1, d2;
    SiteMetrics m1 = compute_metrics(model, d1);
    std::string a = build_annex_xlsx(model.site, model.programmes[0], m1, d1);
    SiteMetrics m2 = compute_metrics(model, d2);
    std::string b = build_annex_xlsx(model.site, model.programmes[0], m2, d2);
    CHECK_FALSE(d1.has_errors());
    REQUIRE(a.size() > 1000);
    CHECK(a.compare(0, 4, "PK\x03\x04") == 0);
    CHECK(a == b);
  }
}

TEST_CASE("xlsx: a different build date changes the bytes (the date is really written)") {
  SiteModel x = workbook_model("2024-05-01"), y = workbook_model("2025-05-01");
  Diagnostics d;
  std::string a = build_annex_xlsx(x.site, x.programmes[0], compute_metrics(x, d), d);
  std::string b = build_annex_xlsx(y.site, y.programmes[0], compute_metrics(y, d), d);
  CHECK(a != b);
}

TEST_CASE("xlsx: build_workbooks gives one annex per programme and board.xlsx, deterministically") {
  SiteModel model = workbook_model("2024-05-01");
  Diagnostics d;
  SiteMetrics m = compute_metrics(model, d);
  auto first = build_workbooks(model, m, d);
  auto second = build_workbooks(model, m, d);
  CHECK_FALSE(d.has_errors());
  REQUIRE(first.size() == 2);
  CHECK(first[0].path == "xlsx/test-2022.xlsx");
  CHECK(first[1].path == "board.xlsx");
  REQUIRE(second.size() == 2);
  for (size_t i = 0; i < first.size(); ++i) {
    CHECK(first[i].bytes.compare(0, 2, "PK") == 0);
    CHECK(first[i].bytes == second[i].bytes);
  }
  CHECK(build_board_xlsx(model, m, d) == first[1].bytes);
  CHECK(build_board_xlsx(model, m, d, 1) == first[1].bytes);  // its cells worked out on one thread
}

namespace {

// The zip's central directory (APPNOTE 4.3.12): each part's header fields, in order.
struct ZipEntry {
  std::string name;
  unsigned version_made, version_needed, flags, method, time, date, crc, compressed, size, internal, external;
  bool operator==(const ZipEntry&) const = default;
};
std::vector<ZipEntry> zip_entries(const std::string& zip) {
  auto u16 = [&](size_t at) { return static_cast<unsigned>(static_cast<unsigned char>(zip[at])) |
                                     static_cast<unsigned>(static_cast<unsigned char>(zip[at + 1])) << 8; };
  auto u32 = [&](size_t at) { return u16(at) | u16(at + 2) << 16; };
  const size_t end = zip.rfind("PK\5\6");
  std::vector<ZipEntry> out;
  if (end == std::string::npos || end + 22 > zip.size()) return out;
  size_t at = u32(end + 16);
  for (unsigned i = 0; i < u16(end + 10) && at + 46 <= end && zip.compare(at, 4, "PK\1\2") == 0; ++i) {
    out.push_back({zip.substr(at + 46, u16(at + 28)), u16(at + 4), u16(at + 6), u16(at + 8), u16(at + 10), u16(at + 12),
                   u16(at + 14), u32(at + 16), u32(at + 20), u32(at + 24), u16(at + 36), u32(at + 38)});
    at += 46 + u16(at + 28) + u16(at + 30) + u16(at + 32);
  }
  return out;
}

// The uncompressed bytes of one part of a zip ("" when it is missing; libzip checks the CRC and
// that the local headers agree with the central directory).
std::string zip_part(const std::string& zip, const std::string& name) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t* src = zip_source_buffer_create(zip.data(), zip.size(), 0, &ze);
  zip_t* z = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : nullptr;
  std::string out;
  if (zip_file_t* f = z ? zip_fopen(z, name.c_str(), 0) : nullptr) {
    char buf[4096];
    zip_int64_t n;
    while ((n = zip_fread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
    if (n < 0) out = "(unreadable: " + std::string(zip_file_strerror(f)) + ")";
    zip_fclose(f);
  }
  if (z) zip_discard(z);
  else if (src) zip_source_free(src);
  zip_error_fini(&ze);
  return out;
}

}  // namespace

TEST_CASE("xlsx: workbook parts are deflated at the fastest level and read back") {
  // book.cpp deflates each part at level 1 and has minizip mark it so: flag bits 1 and 2 (APPNOTE
  // 4.4.4: «super fast»); libxlsxwriter asks for zlib's default level 6.
  SiteModel model = workbook_model("2024-05-01");
  Diagnostics d;
  SiteMetrics m = compute_metrics(model, d);
  const std::string bytes = build_annex_xlsx(model.site, model.programmes[0], m, d);
  const std::vector<ZipEntry> entries = zip_entries(bytes);
  REQUIRE(entries.size() > 5);
  for (const ZipEntry& e : entries) {
    CHECK(e.method == 8);
    CHECK((e.flags & 6u) == 6u);
  }
  tabular::Workbook wb;
  std::string error;
  REQUIRE(tabular::read_xlsx(bytes, wb, error));
  CHECK_FALSE(wb.sheets.empty());
}

TEST_CASE("xlsx: parts deflated by libdeflate unzip to the same bytes, under the same headers, as zlib's") {
  // book.cpp collects each part and deflates it with libdeflate into a raw minizip entry; minizip's own
  // deflate through zlib (at level 1) is the reference. Only the compressed bytes may differ: the same
  // parts in the same order, each header the same but for the compressed size (the «text» attribute
  // included), and each part's CRC and size those of its bytes.
  SiteModel model = workbook_model("2024-05-01");
  Diagnostics d;
  SiteMetrics m = compute_metrics(model, d);
  for (const bool board : {false, true}) {
    CAPTURE(board);
    auto workbook = [&](bool own) {
      xlsx::use_own_deflate(own);
      std::string bytes = board ? build_board_xlsx(model, m, d) : build_annex_xlsx(model.site, model.programmes[0], m, d);
      xlsx::use_own_deflate(true);
      return bytes;
    };
    const std::string own = workbook(true), zlib = workbook(false);
    REQUIRE_FALSE(d.has_errors());
    CHECK(own != zlib);  // libdeflate's bytes are not zlib's: each really ran
    CHECK(own == workbook(true));
    std::vector<ZipEntry> a = zip_entries(own), b = zip_entries(zlib);
    REQUIRE(a.size() == b.size());
    REQUIRE(a.size() > 10);
    for (size_t i = 0; i < a.size(); ++i) {
      CAPTURE(a[i].name);
      const std::string part = zip_part(own, a[i].name);
      CHECK(part == zip_part(zlib, b[i].name));
      CHECK(part.size() == a[i].size);
      CHECK(crc32(0, reinterpret_cast<const Bytef*>(part.data()), static_cast<uInt>(part.size())) == a[i].crc);
      CHECK(a[i].internal == 1);  // XML: zlib's guess is «text»
      CHECK(a[i].compressed < a[i].size);
      b[i].compressed = a[i].compressed;
      CHECK(a[i] == b[i]);
    }
  }
}

TEST_CASE("xlsx: a programme without period, indicators or measures still gives a workbook") {
  SiteModel model;
  model.site.owner = "Владелец";
  model.site.report_year = 2022;
  Programme p;
  p.id = "empty";
  p.title = "Пустая программа";
  model.programmes.push_back(p);
  Diagnostics d;
  SiteMetrics m = compute_metrics(model, d);
  std::string a = build_annex_xlsx(model.site, model.programmes[0], m, d);
  CHECK(a.compare(0, 2, "PK") == 0);
  CHECK(build_board_xlsx(model, m, d).compare(0, 2, "PK") == 0);
}

TEST_CASE("xlsx: Sheet writes its cells by row and column whatever the order they were set in, a cell set twice as last set") {
  Diagnostics d;
  const std::string bytes = xlsx::render_workbook({}, "test.xlsx", d, [](lxw_workbook* wb) {
    xlsx::Formats f(wb);
    xlsx::Sheet s(wb, "S");
    s.text(2, 1, "later row", f.text());
    s.number(0, 1, 1, f.integer());
    s.text(0, 0, "first value", f.text());
    s.number(1, 0, 5, f.integer());
    s.text(0, 0, "second value", f.text());  // replaces «first value»
    s.blank(2, 0, f.text());
    s.number(1, 0, 7, f.integer());  // replaces 5
    s.flush();
  });
  REQUIRE_FALSE(d.has_errors());
  tabular::Workbook wb;
  std::string error;
  REQUIRE(tabular::read_xlsx(bytes, wb, error));
  const tabular::Sheet* s = wb.find("S");
  REQUIRE(s != nullptr);
  REQUIRE(s->at(0, 0) != nullptr);
  CHECK(s->at(0, 0)->text == "second value");
  CHECK(s->at(0, 1)->number == 1);
  CHECK(s->at(1, 0)->number == 7);
  CHECK(s->at(2, 1)->text == "later row");
  CHECK(s->at(2, 0) == nullptr);  // blank: a format, no value
}

namespace {

// Every match of `pattern` in a sheet's XML, in order (merges, row heights, the autofilter).
std::vector<std::string> all_of(const std::string& xml, const std::string& pattern) {
  const std::regex re(pattern);
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), re); it != std::sregex_iterator(); ++it)
    out.push_back(it->str());
  return out;
}

}  // namespace

TEST_CASE("xlsx: a streamed sheet holds the same cells, merges, heights and filter as one kept in memory") {
  // Set out of row order, a cell set twice, a cell over a merge's blank, a wrapped text that raises its
  // row, a fixed height set before its row's cells, a filter that ends above rows set later, signatures.
  PrintSettings print;
  print.signatures = {{"Начальник отдела", "И. О. Фамилия"}};
  auto fill = [&](lxw_workbook* wb, xlsx::Formats& f, const std::string& name, xlsx::Rows rows) {
    xlsx::Sheet s(wb, name, rows);
    s.text(4, 0, "последняя строка таблицы", f.text());
    s.merge(0, 0, 0, 2, "Заголовок над тремя столбцами", f.title(), false);
    s.text(1, 0, "Столбец", f.header(), true);
    s.number(2, 1, 5, f.integer());
    s.text(2, 0, std::string(200, 'x') + " длинный текст переносится на несколько строк", f.text());
    s.number(2, 1, 7, f.integer());  // replaces 5
    s.merge(3, 0, 3, 2, "Раздел", f.span(), false);
    s.text(3, 2, "поверх объединения", f.text());
    s.formula(4, 1, "=SUM(B3:B3)", 7.0, f.integer());
    s.fixed_height(1, 110);
    s.filter(1, 2, 2);
    s.max_width(0, 20);
    s.page({1, 1, "Подвал", false, &print}, f.note());
    s.flush();
  };
  Diagnostics d;
  const std::string bytes = xlsx::render_workbook({}, "test.xlsx", d, [&](lxw_workbook* wb) {
    xlsx::Formats f(wb);
    fill(wb, f, "M", xlsx::Rows::InMemory);
    fill(wb, f, "S", xlsx::Rows::Streamed);
  });
  REQUIRE_FALSE(d.has_errors());
  tabular::Workbook wb;
  std::string error;
  REQUIRE(tabular::read_xlsx(bytes, wb, error));
  const tabular::Sheet *m = wb.find("M"), *s = wb.find("S");
  REQUIRE((m && s));
  CHECK(m->cells.size() >= 8);
  REQUIRE(m->cells.size() == s->cells.size());
  for (auto a = m->cells.begin(), b = s->cells.begin(); a != m->cells.end(); ++a, ++b) {
    CHECK(a->first == b->first);
    CHECK(a->second.type == b->second.type);
    CHECK(a->second.text == b->second.text);
    CHECK(a->second.number == b->second.number);
    CHECK(a->second.formula == b->second.formula);
  }
  CHECK(m->at(3, 2)->text == "поверх объединения");
  const std::string in_memory = zip_part(bytes, "xl/worksheets/sheet1.xml");
  const std::string streamed = zip_part(bytes, "xl/worksheets/sheet2.xml");
  CHECK(in_memory.find("t=\"s\"") != std::string::npos);        // shared strings
  CHECK(streamed.find("t=\"inlineStr\"") != std::string::npos);  // written row by row
  const std::string merges = R"(<mergeCell ref="[^"]+"/>)", heights = R"(<row r="\d+"[^>]* ht="[^"]+")",
                    filter = R"(<autoFilter ref="[^"]+"/>)", styles = R"(<c r="[A-Z]+\d+" s="\d+")";
  for (const std::string& pattern : {merges, filter, styles}) CHECK(all_of(in_memory, pattern) == all_of(streamed, pattern));
  // A streamed row carries no «spans» (optional in OOXML): compare the row numbers and heights only.
  auto rows_and_heights = [&](const std::string& xml) {
    std::vector<std::string> out;
    for (const std::string& row : all_of(xml, heights))
      out.push_back(std::regex_replace(row, std::regex(R"( spans="[^"]*")"), ""));
    return out;
  };
  CHECK(rows_and_heights(in_memory) == rows_and_heights(streamed));
  CHECK(all_of(streamed, merges).size() == 3);  // two merges and the signature
  CHECK(all_of(streamed, filter) == std::vector<std::string>{R"(<autoFilter ref="A2:C3"/>)"});
  CHECK(rows_and_heights(streamed).size() >= 2);  // the fixed row and the wrapped one
}

TEST_CASE("xlsx: libxlsxwriter escapes a text's control characters, and only those texts, through book.cpp's check") {
  // book.cpp defines lxw_has_control_characters (libxlsxwriter 1.1.4's own took every text for one
  // with control characters): the definition libxlsxwriter's calls find first is ours.
  CHECK(dlsym(RTLD_DEFAULT, "lxw_has_control_characters") == reinterpret_cast<void*>(&lxw_has_control_characters));
  for (const char* plain : {"", "a", "12345678", "Доля педагогов\tс категорией\nвысшей", "~\x7f конец"})
    CHECK_MESSAGE(lxw_has_control_characters(plain) == 0, plain);
  for (const char* control : {"\r", "\x01 в начале текста", "восемь.\x1f", "в середине\x0b длинного текста", "1234567\x1b"})
    CHECK_MESSAGE(lxw_has_control_characters(control) == 1, control);
  // As written: a carriage return as _x000D_ (in a shared string and an inline one), a tab and a
  // line break as they are.
  Diagnostics d;
  const std::string bytes = xlsx::render_workbook({}, "test.xlsx", d, [](lxw_workbook* wb) {
    xlsx::Formats f(wb);
    for (xlsx::Rows rows : {xlsx::Rows::InMemory, xlsx::Rows::Streamed}) {
      xlsx::Sheet s(wb, rows == xlsx::Rows::InMemory ? "M" : "S", rows);
      s.text(0, 0, "первая строка\r\nвторая", f.text());
      s.text(1, 0, "столбец\tи\nстрока", f.text());
      s.flush();
    }
  });
  REQUIRE_FALSE(d.has_errors());
  const std::string strings = zip_part(bytes, "xl/sharedStrings.xml"), streamed = zip_part(bytes, "xl/worksheets/sheet2.xml");
  for (const std::string& xml : {strings, streamed}) {
    CHECK(xml.find("первая строка_x000D_\nвторая") != std::string::npos);
    CHECK(xml.find("столбец\tи\nстрока") != std::string::npos);
  }
}

TEST_CASE("xlsx: book.cpp's writer of streamed rows gives libxlsxwriter's bytes for every cell and row it writes") {
  // book.cpp defines lxw_worksheet_write_single_row (1.1.4's own prints a streamed row cell by cell
  // through fprintf): the definition libxlsxwriter's calls find first is ours.
  CHECK(dlsym(RTLD_DEFAULT, "lxw_worksheet_write_single_row") == reinterpret_cast<void*>(&lxw_worksheet_write_single_row));
  auto workbook = [](bool own) {
    xlsx::use_own_row_writer(own);
    Diagnostics d;
    const std::string bytes = xlsx::render_workbook({}, "test.xlsx", d, [](lxw_workbook* wb) {
      xlsx::Formats f(wb);
      lxw_format* bold_row = workbook_add_format(wb);
      format_set_bold(bold_row);
      xlsx::Sheet s(wb, "S", xlsx::Rows::Streamed);
      lxw_worksheet* ws = s.ws();
      worksheet_set_column(ws, 6, 6, 12, f.percent());  // a column's format for a cell without its own
      lxw_row_t r = 0;
      for (double v : {42.0, -3.0, 0.0, -0.0, 1.5, 0.1 + 0.2, 1e15, 999999999999999.0, 1e16, 1e20, 1.25e-7, -2.5e-300})
        worksheet_write_number(ws, r, static_cast<lxw_col_t>(r % 5), v, r % 2 ? f.integer() : nullptr), ++r;
      worksheet_write_number(ws, r++, 6, 0.5, nullptr);
      for (const char* text : {"обычный текст", "a & b < c > d \"e\"", " пробел в начале", "в конце\t", "\nперевод",
                               "возврат\rкаретки", "&"})
        worksheet_write_string(ws, r, 0, text, f.text()), worksheet_write_string(ws, r++, 1, text, nullptr);
      worksheet_write_formula_num(ws, r, 0, "=SUM(A1:A3)", f.integer(), 39);
      worksheet_write_formula_num(ws, r, 1, "=IF(A1<0,\"<\",A1&\"&\")", nullptr, 0.1 + 0.2);
      worksheet_write_formula_str(ws, r, 2, "=B1", f.text(), "a<b & \"c\"");
      worksheet_write_formula_str(ws, r++, 3, "=B2", nullptr, "");
      worksheet_write_blank(ws, r, 0, f.text());
      worksheet_write_blank(ws, r, 2, nullptr);
      worksheet_write_number(ws, r++, 3, 7, nullptr);
      lxw_row_col_options hidden{1, 2, 0};
      worksheet_set_row_opt(ws, r, 30.75, nullptr, &hidden);
      worksheet_write_string(ws, r++, 0, "скрытая строка", nullptr);
      lxw_row_col_options collapsed{0, 1, 1};
      worksheet_set_row_opt(ws, r++, LXW_DEF_ROW_HEIGHT, bold_row, &collapsed);  // a row without cells
      worksheet_set_row(ws, r, 409, bold_row);
      worksheet_write_number(ws, r, 0, 1, nullptr);
      worksheet_write_string(ws, r++, 1, "строка со своим форматом", f.muted());
      worksheet_write_boolean(ws, r, 0, 1, nullptr);  // a kind left to the library's writer
      worksheet_write_number(ws, r++, 1, 2, nullptr);
      // Fractions, tiny and huge numbers of every exponent, the non-finite ones: "%.16G" in all its forms.
      const double special[] = {std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                                std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::denorm_min(),
                                std::numeric_limits<double>::max(), 1e-5, 123456789012345.6, 0.0001, 1e-4 / 3};
      for (double v : special) worksheet_write_number(ws, r, 0, v, nullptr), ++r;
      for (int k = 1; k <= 600; ++k) {
        const double values[] = {k / 7.0, -k / 3.0, std::pow(10.0, k % 600 - 300) / 3, k * 0.001, std::ldexp(k, k % 120 - 60)};
        for (lxw_col_t c = 0; c < 5; ++c) worksheet_write_number(ws, r, c, values[c], nullptr);
        ++r;
      }
      worksheet_write_string(ws, r, 0, "последняя строка пишется при закрытии", f.text());
    });
    xlsx::use_own_row_writer(xlsx::kOwnRowWriterByDefault);
    REQUIRE_FALSE(d.has_errors());
    return bytes;
  };
  const std::string own = workbook(true), library = workbook(false);
  const std::string sheet = zip_part(own, "xl/worksheets/sheet1.xml");
  // A few of the forms it must match: "%.16G", xml:space, the escapes, a string result, a row's attributes.
  for (const char* form : {R"(<c r="D9"><v>1E+16</v></c>)", R"(<c r="B7"><v>1000000000000000</v></c>)",
                           R"(<c r="D4" s="1"><v>-0</v></c>)", R"(<t xml:space="preserve">в конце	</t>)",
                           R"(<f>IF(A1&lt;0,"&lt;",A1&amp;"&amp;")</f><v>0.3</v>)", R"(t="str"><f>B2</f><v></v></c>)",
                           R"(<row r="23" ht="30.75" hidden="1" customHeight="1" outlineLevel="2">)",
                           R"(<row r="24" s="4" customFormat="1" outlineLevel="1" collapsed="1"/>)"})
    CHECK_MESSAGE(sheet.find(form) != std::string::npos, form);
  CHECK(zip_part(own, "xl/worksheets/sheet1.xml") == zip_part(library, "xl/worksheets/sheet1.xml"));
  CHECK(zip_part(own, "xl/styles.xml") == zip_part(library, "xl/styles.xml"));  // formats numbered in the same order
  CHECK(own == library);
  // The board's streamed sheets too.
  SiteModel model = workbook_model("2024-05-01");
  Diagnostics d;
  SiteMetrics m = compute_metrics(model, d);
  const std::string board = build_board_xlsx(model, m, d);
  xlsx::use_own_row_writer(false);
  const std::string library_board = build_board_xlsx(model, m, d);
  xlsx::use_own_row_writer(xlsx::kOwnRowWriterByDefault);
  CHECK(board == library_board);
}

TEST_CASE("xlsx: workbooks are the same bytes with libxlsxwriter's temporary files kept in memory") {
  // book.cpp defines lxw_tmpfile (1.1.4's makes a file for each part and each streamed sheet's rows).
  CHECK(dlsym(RTLD_DEFAULT, "lxw_tmpfile") == reinterpret_cast<void*>(&lxw_tmpfile));
  SiteModel model = workbook_model("2024-05-01");
  Diagnostics d;
  SiteMetrics m = compute_metrics(model, d);
  const std::string board = build_board_xlsx(model, m, d), annex = build_annex_xlsx(model.site, model.programmes[0], m, d);
  xlsx::use_memory_tmpfiles(false);
  const std::string files_board = build_board_xlsx(model, m, d);
  const std::string files_annex = build_annex_xlsx(model.site, model.programmes[0], m, d);
  xlsx::use_memory_tmpfiles(true);
  CHECK_FALSE(d.has_errors());
  CHECK(board == files_board);
  CHECK(annex == files_annex);
  // A stream over memory reads back what was written, after a rewind and after an overwrite.
  FILE* f = lxw_tmpfile(nullptr);
  REQUIRE(f != nullptr);
  CHECK(fileno(f) == -1);  // not a file
  std::fputs("<sheetData>", f);
  std::fseek(f, 1, SEEK_SET);
  std::fputs("SHEET", f);
  std::rewind(f);
  char back[32] = {};
  CHECK(std::fread(back, 1, sizeof back - 1, f) == 11);
  CHECK(std::string(back) == "<SHEETData>");
  std::fclose(f);
}
