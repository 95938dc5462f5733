// A buffered worksheet: cells are collected first, then written with column widths fitted
// to their content (libxlsxwriter has no autofit: widths are measured in code points) and
// row heights estimated from the wrapped line count, so every viewer shows whole texts.
#pragma once
#include <xlsxwriter.h>

#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/model.h"
#include "model/vocabulary.h"

namespace vitrina::xlsx {

size_t code_points(std::string_view s);
std::string clip_code_points(std::string_view s, size_t max);  // adds "…" when cut
std::string col_name(int col);                                 // 0 → "A", 26 → "AA"
std::string cell_ref(int row, int col, bool absolute = false); // (0,0) → "A1" / "$A$1"
std::string number_text(double v);                             // shortest round-trip text

// Formats created once per workbook and shared by every sheet.
class Formats {
 public:
  explicit Formats(lxw_workbook* wb);
  lxw_format* title();
  lxw_format* note();        // wrapped text without a border (a line under a title)
  lxw_format* header();      // bold, wrapped, centred, bordered
  lxw_format* header_up();   // the same turned 90° (narrow figure columns); the row's height is the caller's
  lxw_format* colnum();      // the «1 2 3 …» row
  lxw_format* span();        // section / task rows spanning the table
  lxw_format* text();        // wrapped, bordered
  lxw_format* label();       // bold text (passport labels)
  lxw_format* muted();       // inherited values
  lxw_format* indented(int level);  // text() indented `level` steps (a sub-measure's name)
  lxw_format* integer();     // "0"
  // A number with `precision` decimals, optionally prefixed by the bound («≥ », «≤ »).
  lxw_format* number(int precision, Bound op = Bound::Eq);
  static constexpr int kMaxPrecision = 6;
  lxw_format* percent();     // a share of 1 shown as a percentage, "0.0%" (0,698 → 69,8 %)
  // An achievement degree or a score (СДп, СРп/п, effectiveness) in the pages' and the report's
  // form: three decimals, "0.000" (1,083), never a percentage (docs/metrics.md §7).
  lxw_format* score();
  lxw_format* yes_no();      // 1 / 0 shown as «да» / «нет» (the cell keeps the number)
  // Conditional formats of a status or rating word: a fill and font colour, and for print in
  // black and white bold (the bad end: «не достигнут», «неудовлетворительная») or italic (the
  // warning: «под угрозой», «удовлетворительная»); the word itself is the text marker.
  lxw_format* status(IndicatorStatus s);
  lxw_format* rating(Rating r);
  // A bold variant of text() / integer() / percent() / score() (a total row).
  lxw_format* strong_text();
  lxw_format* strong_integer();
  lxw_format* strong_percent();
  lxw_format* strong_score();
 private:
  lxw_format* make(const std::string& key, bool wrap, bool bold, bool centre, const char* num_format,
                   lxw_color_t fill = 0, lxw_color_t font = 0);
  lxw_workbook* wb_;
  // Formats by name, asked for once per cell: hashed (a tree of ~40 names compared strings per cell).
  std::unordered_map<std::string, lxw_format*> cache_;
  // number()'s, by bound and precision: asked for once per figure, without building its name.
  std::array<std::array<lxw_format*, kMaxPrecision + 1>, Values<Bound>::all.size()> numbers_{};
};

// How a sheet prints (Sheet::page): A4, one page wide, the columns narrowed until «fit to width»
// keeps text at 9 pt or more, and what site.json `print` adds to every printed sheet.
struct PageSetup {
  int repeat_first = -1, repeat_last = -1;  // rows repeated on every page (-1: none)
  std::string footer;                        // the footer's title, left («стр. N из M» right)
  bool portrait = false;
  const PrintSettings* print = nullptr;      // annex line in the page header, signatures under the table
};

// The rows the signature block adds under a table (a blank row, then one a signature), for a
// print area that must hold them.
inline int signature_rows(const PrintSettings& p) {
  return p.signatures.empty() ? 0 : static_cast<int>(p.signatures.size()) + 1;
}

struct Cell {
  enum Kind { Text, Number, Formula, FormulaText, Blank } kind = Blank;
  std::string s;       // text, or the formula
  double v = 0;        // number, or the formula's cached result
  std::string cached;  // FormulaText: the formula's cached text result ("" for an empty-looking cell)
  lxw_format* fmt = nullptr;
  bool measure = true;      // counts for the column width
  bool by_word = false;     // width from the longest word (headers wrap instead of widening)
  const std::string* kept = nullptr;  // Text: the caller's string, in place of `s` (Sheet::kept_text)
  const std::string& text() const { return kept ? *kept : s; }
};

// Where libxlsxwriter keeps a sheet's cells until the workbook is closed. `InMemory`: all of them,
// texts in the shared string table. `Streamed` (its constant_memory mode, chosen per sheet): each
// row goes to a temporary file as soon as a later row is written, texts inline — the board's long
// lists at N = 1000 programmes no longer sit in the heap; flush() then writes rows in order, and a
// merge must span one row. A chart cannot read a streamed sheet's figures for its cache: a sheet a
// chart draws from stays InMemory.
enum class Rows { InMemory, Streamed };

class Sheet {
 public:
  Sheet(lxw_workbook* wb, const std::string& name, Rows rows = Rows::InMemory);
  lxw_worksheet* ws() const { return ws_; }

  void text(int r, int c, std::string s, lxw_format* f, bool by_word = false);
  // A text the caller keeps, unchanged, until flush(): not copied (the board's status sheets hold
  // ~10⁵ texts of the model).
  void kept_text(int r, int c, const std::string& s, lxw_format* f);
  void kept_text(int r, int c, const std::string&& s, lxw_format* f) = delete;  // a temporary is not kept
  void number(int r, int c, double v, lxw_format* f);
  void formula(int r, int c, std::string f, double cached, lxw_format* fmt);
  // A formula whose cached result is text (a status, or "" where it yields nothing yet).
  void formula(int r, int c, std::string f, std::string cached, lxw_format* fmt);
  void blank(int r, int c, lxw_format* f);
  // Merged range holding `s` (text) — measured over the spanned columns only.
  void merge(int r1, int c1, int r2, int c2, std::string s, lxw_format* f, bool by_word = true);
  void min_width(int c, double w) { min_[c] = w; }
  void max_width(int c, double w) { max_[c] = w; }
  // Exactly `w` wide: never widened to use a page's spare room (a sheet laid out to print at 100 %).
  void fixed_width(int c, double w) {
    min_[c] = max_[c] = w;
    fixed_.insert(c);
  }

  // Exactly `h` points high, whatever the texts in it (turned headers).
  void fixed_height(int r, double h) { fixed_height_[r] = h; }
  // An autofilter over rows `first`…`last`, columns 0…`last_col`, set by flush() before the rows: a
  // streamed sheet refuses one that ends above a row already written.
  void filter(int first, int last, int last_col) { filter_ = {first, last, last_col}; }

  // The page it prints on; flush() fits the widths to it and sets it up (print_setup).
  void page(PageSetup p, lxw_format* signature_format);

  // Writes every cell, widths and heights. Call once.
  void flush();

 private:
  struct Merge { int r1, c1, r2, c2; std::string s; lxw_format* f; bool by_word; };
  lxw_worksheet* ws_;
  // (row, column) and cell, in the order they were set; flush() sorts them and keeps the last
  // value of a cell set twice (a vector: a sheet of the board has ~10⁵ cells, a map node each was slow).
  std::vector<std::pair<std::pair<int, int>, Cell>> cells_;
  std::vector<Merge> merges_;
  std::map<int, double> min_, max_;
  std::set<int> fixed_;
  std::map<int, double> fixed_height_;
  struct Filter { int first, last, last_col; };
  std::optional<Filter> filter_;
  std::optional<PageSetup> page_;
  lxw_format* signature_format_ = nullptr;
  void put(int r, int c, Cell cell) { cells_.emplace_back(std::pair{r, c}, std::move(cell)); }
  void order_cells();
  void add_signatures();
  std::map<int, double> fit_widths() const;
  std::map<int, double> fit_heights(const std::map<int, double>& width) const;
  void write(const Merge& m, std::string& buf);
  void write(int r, int c, const Cell& cell, std::string& buf);
  void write_as_added(const std::map<int, double>& height);
  void write_row_by_row(const std::map<int, double>& height);
};

}  // namespace vitrina::xlsx
