// libFuzzer target: the .xlsx and CSV readers (tabular/) on any bytes. Properties: no crash,
// no UB, no leak, bounded memory (libFuzzer's -rss_limit_mb); every cell kept is within the
// grid and the cell limit, and every Text cell is at most the text limit.
#include <string>

#include "fuzz/fuzz_common.h"
#include "tabular/table.h"

using namespace vitrina;

namespace {
void check(const tabular::Sheet& s, const tabular::ReadLimits& l, const std::string& in) {
  if (s.cells.size() > l.max_cells) fuzz::fail("more cells than the limit", in);
  for (const auto& [key, cell] : s.cells) {
    if ((key >> 20) >= l.max_rows || (key & 0xFFFFF) >= l.max_columns) fuzz::fail("cell outside the grid", in);
    if (cell.type == tabular::Cell::Type::Empty && !cell.formula) fuzz::fail("empty cell kept", in);
    if (cell.text.size() > l.max_text * 4) fuzz::fail("text over the limit", in);
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  tabular::ReadLimits limits;
  limits.max_cells = 20000;
  limits.max_part_bytes = 8u << 20;
  limits.max_total_bytes = 16u << 20;
  std::string error;
  tabular::Workbook wb;
  if (tabular::read_xlsx(bytes, wb, error, limits))
    for (const auto& s : wb.sheets) check(s, limits, bytes);
  else if (error.empty()) fuzz::fail("xlsx refused without a message", bytes);
  tabular::Sheet csv;
  if (tabular::read_csv(bytes, csv, error, limits)) check(csv, limits, bytes);
  else if (error.empty()) fuzz::fail("csv refused without a message", bytes);
  return 0;
}
