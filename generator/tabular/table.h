// Tables read back from spreadsheets: .xlsx workbooks (xlsx_reader.cpp: libzip + expat) and
// CSV files (csv_reader.cpp). Cells are addressed like Excel (row 1, column A = 0-based 0, 0).
// Every read is bounded (ReadLimits): a hostile file gets an error message, never unbounded
// memory or a crash.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace vitrina::tabular {

struct Cell {
  enum class Type { Empty, Number, Text, Boolean, Error };
  Type type = Type::Empty;
  double number = 0;     // Number, Boolean (0 or 1)
  std::string text;      // Text, Error ("#DIV/0!")
  bool formula = false;  // the cell holds a formula (its cached result is in number/text)
  bool date = false;     // a Number shown with a date format (serial day number)
  bool percent = false;  // a Number shown with a percent format (0.125 shown as 12,5 %)
};

struct Sheet {
  std::string name;
  bool hidden = false;
  std::map<uint64_t, Cell> cells;  // key: row << 20 | column, both 0-based; no Empty cells
  uint32_t rows = 0;               // one past the last row with a cell

  const Cell* at(uint32_t row, uint32_t column) const;
  void set(uint32_t row, uint32_t column, Cell c);
};

struct Workbook {
  std::vector<Sheet> sheets;
  bool date1904 = false;
  const Sheet* find(std::string_view name) const;
};

struct ReadLimits {
  size_t max_file_bytes = 64u << 20;   // the .xlsx or .csv file itself
  size_t max_part_bytes = 64u << 20;   // one uncompressed part of the zip (sheet, shared strings)
  size_t max_total_bytes = 256u << 20; // all parts read together (zip bombs)
  size_t max_parts = 10000;            // entries in the zip's directory
  size_t max_cells = 500000;           // non-empty cells in all sheets
  size_t max_text = 32767;             // characters in one cell (Excel's own limit)
  uint32_t max_rows = 1048576, max_columns = 16384;  // Excel's grid
};

// «G12» for row 11, column 6 (0-based).
std::string cell_name(uint32_t row, uint32_t column);
// The serial day number of a date cell as an ISO date ("2025-04-10"); "" when out of range.
std::string serial_to_iso_date(double serial, bool date1904);

// Reads the sheets of an .xlsx (OOXML) workbook; when `only` is not empty, only the sheets
// with those names are read (the others are listed without cells). Returns false with a
// message in the current language when the file is not a workbook or breaks a limit.
bool read_xlsx(std::string_view bytes, Workbook& out, std::string& error, const ReadLimits& limits = {},
               const std::vector<std::string>& only = {});

// Reads a CSV file into one sheet of Text cells: UTF-8 (with or without BOM) or, when the
// bytes are not UTF-8, Windows-1251; the delimiter (`;`, `,` or tab) is the one the first line
// uses most; quotes as in RFC 4180.
bool read_csv(std::string_view bytes, Sheet& out, std::string& error, const ReadLimits& limits = {});

}  // namespace vitrina::tabular
