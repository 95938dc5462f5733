// libFuzzer target: the .xlsx and CSV readers (tabular/) on any bytes. Properties: no crash,
// no UB, no leak, bounded memory (libFuzzer's -rss_limit_mb); every cell kept is within the
// grid and the cell limit, and every Text cell is at most the text limit.
//
// Input layout: byte 0 selects what the rest is. 0: a whole file, read as .xlsx and as CSV.
// 1..6: the text of one XML part (kParts), put into an otherwise valid workbook zipped here
// without compression. A mutated zip almost never survives its checksums, so without the
// second form the fuzzer would stop at libzip and never reach the XML readers behind it.
// The seeds (tests/hardening/make_seeds.py) use the same layout.
#include <zip.h>

#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fuzz/fuzz_common.h"
#include "tabular/table.h"

using namespace vitrina;

namespace {

constexpr std::string_view kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view kRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr std::string_view kPkg = "http://schemas.openxmlformats.org/package/2006/relationships";

// The parts of the workbook a selector byte 1..6 replaces, in selector order, with the text
// each has when it is not the one being fuzzed.
std::vector<std::pair<std::string, std::string>> template_parts() {
  const std::string main(kMain), rel(kRel), pkg(kPkg);
  return {
      {"_rels/.rels", "<Relationships xmlns=\"" + pkg + "\"><Relationship Id=\"r1\" Type=\"" + rel +
                          "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml", "<workbook xmlns=\"" + main + "\" xmlns:r=\"" + rel +
                              "\"><sheets><sheet name=\"Факты\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships xmlns=\"" + pkg + "\"><Relationship Id=\"rId1\" Type=\"" + rel +
           "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" + rel +
           "/sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship Id=\"rId3\" Type=\"" + rel +
           "/styles\" Target=\"styles.xml\"/></Relationships>"},
      {"xl/sharedStrings.xml", "<sst xmlns=\"" + main + "\"><si><t>Код</t></si><si><t>да</t></si></sst>"},
      {"xl/styles.xml", "<styleSheet xmlns=\"" + main + "\"><cellXfs count=\"1\"><xf numFmtId=\"0\"/></cellXfs></styleSheet>"},
      {"xl/worksheets/sheet1.xml", "<worksheet xmlns=\"" + main + "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
                                   "<c r=\"B1\"><v>45.5</v></c></row></sheetData></worksheet>"},
  };
}

// A zip of `parts`, stored (not compressed), made with libzip in memory.
std::string zip_parts(const std::vector<std::pair<std::string, std::string>>& parts) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &ze);
  if (!buffer) fuzz::fail("zip_source_buffer_create", zip_error_strerror(&ze));
  zip_source_keep(buffer);  // zip_close must leave the written bytes to us
  zip_t* z = zip_open_from_source(buffer, ZIP_TRUNCATE, &ze);
  if (!z) fuzz::fail("zip_open_from_source", zip_error_strerror(&ze));
  for (const auto& [name, text] : parts) {
    zip_source_t* s = zip_source_buffer(z, text.data(), text.size(), 0);
    const zip_int64_t i = s ? zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8) : -1;
    if (i < 0 || zip_set_file_compression(z, static_cast<zip_uint64_t>(i), ZIP_CM_STORE, 0) != 0)
      fuzz::fail("zip_file_add", zip_strerror(z));
  }
  if (zip_close(z) != 0) fuzz::fail("zip_close", zip_strerror(z));
  std::string out;
  if (zip_source_open(buffer) == 0) {
    zip_source_seek(buffer, 0, SEEK_END);
    out.resize(static_cast<size_t>(zip_source_tell(buffer)));
    zip_source_seek(buffer, 0, SEEK_SET);
    if (zip_source_read(buffer, out.data(), out.size()) != static_cast<zip_int64_t>(out.size()))
      fuzz::fail("zip_source_read", "");
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  zip_error_fini(&ze);
  return out;
}

void check(const tabular::Sheet& s, const tabular::ReadLimits& l, const std::string& in) {
  if (s.cells.size() > l.max_cells) fuzz::fail("more cells than the limit", in);
  for (const auto& [key, cell] : s.cells) {
    if ((key >> 20) >= l.max_rows || (key & 0xFFFFF) >= l.max_columns) fuzz::fail("cell outside the grid", in);
    if (cell.type == tabular::Cell::Type::Empty && !cell.formula) fuzz::fail("empty cell kept", in);
    if (cell.text.size() > l.max_text * 4) fuzz::fail("text over the limit", in);
  }
}

void read_as_xlsx(const std::string& bytes, const tabular::ReadLimits& limits, const std::string& input) {
  std::string error;
  tabular::Workbook wb;
  if (tabular::read_xlsx(bytes, wb, error, limits))
    for (const auto& s : wb.sheets) check(s, limits, input);
  else if (error.empty()) fuzz::fail("xlsx refused without a message", input);
}

// The template alone must read, with its two cells: else the fuzzer would only ever see refusals.
bool template_reads(const std::vector<std::pair<std::string, std::string>>& parts) {
  std::string error;
  tabular::Workbook wb;
  if (!tabular::read_xlsx(zip_parts(parts), wb, error)) fuzz::fail("the template workbook does not read", error);
  const tabular::Sheet* s = wb.find("Факты");
  if (!s || s->cells.size() != 2 || !s->at(0, 0) || s->at(0, 0)->text != "Код" || !s->at(0, 1) || s->at(0, 1)->number != 45.5)
    fuzz::fail("the template workbook reads wrong", "");
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto parts = template_parts();
  static const bool checked = template_reads(parts);
  (void)checked;
  if (size == 0) return 0;
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::string rest = input.substr(1);
  tabular::ReadLimits limits;
  limits.max_cells = 20000;
  limits.max_part_bytes = 8u << 20;
  limits.max_total_bytes = 16u << 20;
  const size_t selector = static_cast<uint8_t>(input[0]) % (parts.size() + 1);
  if (selector == 0) {
    read_as_xlsx(rest, limits, input);
    std::string error;
    tabular::Sheet csv;
    if (tabular::read_csv(rest, csv, error, limits)) check(csv, limits, input);
    else if (error.empty()) fuzz::fail("csv refused without a message", input);
    return 0;
  }
  auto workbook = parts;
  workbook[selector - 1].second = rest;
  read_as_xlsx(zip_parts(workbook), limits, input);
  return 0;
}
