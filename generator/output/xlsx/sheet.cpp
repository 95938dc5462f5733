#include "output/xlsx/sheet.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "output/xlsx/book.h"
#include "text/messages.h"
#include "util/xml_chars.h"

namespace vitrina::xlsx {

namespace {

constexpr uint64_t kEachByte = 0x0101010101010101ull, kHighBits = 0x8080808080808080ull;

uint64_t eight_bytes(std::string_view s, size_t at) {
  uint64_t x = 0;
  std::memcpy(&x, s.data() + at, 8);
  return x;
}

// How many of the eight bytes in `x` start a code point (are not 10xxxxxx).
int starts_in(uint64_t x) {
  const uint64_t continuation = (x & ~(x << 1) & kHighBits) >> 7;  // 1 in each such byte
  return 8 - static_cast<int>((continuation * kEachByte) >> 56);   // their sum, in the top byte
}

// Whether one of the eight bytes in `x` is `ch` (y has a zero byte exactly when the expression is non-zero).
bool has_byte(uint64_t x, char ch) {
  const uint64_t y = x ^ (kEachByte * static_cast<unsigned char>(ch));
  return ((y - kEachByte) & ~y & kHighBits) != 0;
}

}  // namespace

// Eight bytes at a time: board.xlsx measures megabytes of text.
size_t code_points(std::string_view s) {
  size_t n = 0, i = 0;
  for (; i + 8 <= s.size(); i += 8) n += static_cast<size_t>(starts_in(eight_bytes(s, i)));
  for (; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
  return n;
}

std::string clip_code_points(std::string_view s, size_t max) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (n == max) return std::string(s.substr(0, i)) + "…";
      ++n;
    }
  }
  return std::string(s);
}

std::string col_name(int col) {
  std::string out;
  for (int c = col + 1; c > 0; c = (c - 1) / 26) out.insert(out.begin(), static_cast<char>('A' + (c - 1) % 26));
  return out;
}

std::string cell_ref(int row, int col, bool absolute) {
  std::string d = absolute ? "$" : "";
  return d + col_name(col) + d + std::to_string(row + 1);
}

std::string number_text(double v) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

// ---- formats -------------------------------------------------------------------------

Formats::Formats(lxw_workbook* wb) : wb_(wb) {}

lxw_format* Formats::make(const std::string& key, bool wrap, bool bold, bool centre, const char* num_format,
                          lxw_color_t fill, lxw_color_t font) {
  auto it = cache_.find(key);
  if (it != cache_.end()) return it->second;
  lxw_format* f = workbook_add_format(wb_);
  if (wrap) format_set_text_wrap(f);
  if (bold) format_set_bold(f);
  // Numbers right-aligned, so that their digits line up in a printed column; texts left.
  const bool numeric = num_format && std::string_view(num_format) != "@";
  format_set_align(f, centre ? LXW_ALIGN_CENTER : numeric ? LXW_ALIGN_RIGHT : LXW_ALIGN_LEFT);
  format_set_align(f, centre ? LXW_ALIGN_VERTICAL_CENTER : LXW_ALIGN_VERTICAL_TOP);
  format_set_border(f, LXW_BORDER_THIN);
  if (num_format) format_set_num_format(f, num_format);
  if (fill) format_set_bg_color(f, fill);
  if (font) format_set_font_color(f, font);
  cache_[key] = f;
  return f;
}

lxw_format* Formats::title() {
  auto it = cache_.find("title");
  if (it != cache_.end()) return it->second;
  lxw_format* f = workbook_add_format(wb_);
  format_set_bold(f);
  format_set_font_size(f, 12);
  format_set_text_wrap(f);
  format_set_align(f, LXW_ALIGN_CENTER);
  format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  return cache_["title"] = f;
}
lxw_format* Formats::note() {
  auto it = cache_.find("note");
  if (it != cache_.end()) return it->second;
  lxw_format* f = workbook_add_format(wb_);
  format_set_text_wrap(f);
  format_set_align(f, LXW_ALIGN_LEFT);
  format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
  return cache_["note"] = f;
}
lxw_format* Formats::header() { return make("header", true, true, true, nullptr, 0xF2F2F2); }
lxw_format* Formats::header_up() {
  auto it = cache_.find("header-up");
  if (it != cache_.end()) return it->second;
  lxw_format* f = make("header-up", true, true, true, nullptr, 0xF2F2F2);
  format_set_rotation(f, 90);
  return f;
}
lxw_format* Formats::colnum() { return make("colnum", false, false, true, "0", 0xF2F2F2); }
lxw_format* Formats::span() { return make("span", true, true, false, nullptr, 0xDDEBF7); }
lxw_format* Formats::text() { return make("text", true, false, false, "@"); }
lxw_format* Formats::indented(int level) {
  level = std::clamp(level, 1, 10);
  const std::string key = "indent" + std::to_string(level);
  auto it = cache_.find(key);
  if (it != cache_.end()) return it->second;
  lxw_format* f = make(key, true, false, false, "@");
  format_set_indent(f, static_cast<uint8_t>(2 * level));
  return f;
}
lxw_format* Formats::label() { return make("label", true, true, false, "@"); }
lxw_format* Formats::muted() { return make("muted", true, false, false, "@", 0, 0x7F7F7F); }
lxw_format* Formats::integer() { return make("int", false, false, false, "0"); }
lxw_format* Formats::percent() { return make("pct", false, false, false, "0.0%"); }
lxw_format* Formats::score() { return make("score", false, false, false, "0.000"); }
lxw_format* Formats::yes_no() {
  auto it = cache_.find("yesno");  // before its text is looked up in the catalogue
  if (it != cache_.end()) return it->second;
  return make("yesno", false, false, false, tr_doc("xlsx.format.yes_no").c_str());
}

lxw_format* Formats::number(int precision, Bound op) {
  precision = std::clamp(precision, 0, kMaxPrecision);
  lxw_format*& known = numbers_.at(static_cast<size_t>(op)).at(static_cast<size_t>(precision));
  if (known) return known;
  std::string fmt = precision ? "0." + std::string(static_cast<size_t>(precision), '0') : "0";
  // The bound's sign as a literal prefix: «≥ 30» stays the number 30 for formulas.
  const std::string prefix = sign(op);
  if (!prefix.empty()) fmt = "\"" + prefix + "\"" + fmt;
  return known = make(std::string("num") + bound_key(op) + std::to_string(precision), false, false, false, fmt.c_str());
}

lxw_format* Formats::strong_text() { return make("strong-text", true, true, false, "@"); }
lxw_format* Formats::strong_integer() { return make("strong-int", false, true, false, "0"); }
lxw_format* Formats::strong_percent() { return make("strong-pct", false, true, false, "0.0%"); }
lxw_format* Formats::strong_score() { return make("strong-score", false, true, false, "0.000"); }

namespace {

enum class Emphasis { None, Italic, Bold };
struct Look { lxw_color_t fill, font; Emphasis emphasis; };

Look status_look(IndicatorStatus s) {
  switch (s) {
    case IndicatorStatus::Achieved: return {0xC6EFCE, 0x006100, Emphasis::None};
    case IndicatorStatus::OnTrack:
    case IndicatorStatus::InProgress: return {0xDDEBF7, 0x1F4E78, Emphasis::None};
    case IndicatorStatus::AtRisk: return {0xFFEB9C, 0x9C5700, Emphasis::Italic};
    case IndicatorStatus::NotAchieved: return {0xFFC7CE, 0x9C0006, Emphasis::Bold};
    case IndicatorStatus::NoData:
    case IndicatorStatus::NoTarget: return {0xEDEDED, 0x404040, Emphasis::None};
  }
  return {0xEDEDED, 0x404040, Emphasis::None};
}

// A rating looks like the status of the same verdict.
IndicatorStatus rating_as_status(Rating r) {
  switch (r) {
    case Rating::High: return IndicatorStatus::Achieved;
    case Rating::Medium: return IndicatorStatus::OnTrack;
    case Rating::Satisfactory: return IndicatorStatus::AtRisk;
    case Rating::Unsatisfactory: return IndicatorStatus::NotAchieved;
    case Rating::NotAssessable: return IndicatorStatus::NoData;
  }
  return IndicatorStatus::NoData;
}

}  // namespace

lxw_format* Formats::status(IndicatorStatus st) {
  const std::string k = std::string("status:") + status_key(st);
  auto it = cache_.find(k);
  if (it != cache_.end()) return it->second;
  const Look look = status_look(st);
  lxw_format* f = workbook_add_format(wb_);  // conditional formats take fill and font only
  format_set_bg_color(f, look.fill);
  format_set_font_color(f, look.font);
  if (look.emphasis == Emphasis::Bold) format_set_bold(f);
  if (look.emphasis == Emphasis::Italic) format_set_italic(f);
  return cache_[k] = f;
}

lxw_format* Formats::rating(Rating r) { return status(rating_as_status(r)); }

// ---- sheet ---------------------------------------------------------------------------

namespace {

// libxlsxwriter 1.1.4 has constant_memory for a whole workbook only, but reads the option just once
// per sheet, when workbook_add_worksheet makes it (into the sheet's own `optimize`): set around that
// call, it streams that sheet alone (the sheet takes its temporary file from options.tmpdir).
lxw_worksheet* add_worksheet(lxw_workbook* wb, const std::string& name, Rows rows) {
  const uint8_t was = wb->options.constant_memory;
  wb->options.constant_memory = rows == Rows::Streamed ? LXW_TRUE : LXW_FALSE;
  lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
  wb->options.constant_memory = was;
  return ws;
}

}  // namespace

Sheet::Sheet(lxw_workbook* wb, const std::string& name, Rows rows) : ws_(add_worksheet(wb, name, rows)) {}

void Sheet::text(int r, int c, std::string s, lxw_format* f, bool by_word) {
  put(r, c, Cell{Cell::Text, std::move(s), 0, {}, f, true, by_word});
}
void Sheet::kept_text(int r, int c, const std::string& s, lxw_format* f) {
  put(r, c, Cell{Cell::Text, {}, 0, {}, f, true, false, &s});
}
void Sheet::number(int r, int c, double v, lxw_format* f) { put(r, c, Cell{Cell::Number, {}, v, {}, f, true, false}); }
void Sheet::formula(int r, int c, std::string fm, double cached, lxw_format* f) {
  put(r, c, Cell{Cell::Formula, std::move(fm), cached, {}, f, true, false});
}
void Sheet::formula(int r, int c, std::string fm, std::string cached, lxw_format* f) {
  put(r, c, Cell{Cell::FormulaText, std::move(fm), 0, std::move(cached), f, true, false});
}
void Sheet::blank(int r, int c, lxw_format* f) { put(r, c, Cell{Cell::Blank, {}, 0, {}, f, false, false}); }
void Sheet::merge(int r1, int c1, int r2, int c2, std::string s, lxw_format* f, bool by_word) {
  merges_.push_back(Merge{r1, c1, r2, c2, std::move(s), f, by_word});
}

void Sheet::order_cells() {
  auto by_cell = [](const auto& a, const auto& b) { return a.first < b.first; };
  // Sheets are mostly filled row by row: nothing to sort then.
  if (!std::is_sorted(cells_.begin(), cells_.end(), by_cell)) std::stable_sort(cells_.begin(), cells_.end(), by_cell);
  size_t kept = 0;
  for (size_t i = 0; i < cells_.size(); ++i) {
    if (i + 1 < cells_.size() && cells_[i + 1].first == cells_[i].first) continue;  // set again later
    if (kept != i) cells_[kept] = std::move(cells_[i]);
    ++kept;
  }
  cells_.resize(kept);
}

namespace {

// Calls f with each part of `s` between separators `sep` (an empty part too), without
// allocating: the widths and heights below visit every cell's text several times.
template <class F>
void each_part(std::string_view s, char sep, F&& f) {
  for (size_t start = 0;;) {
    const size_t end = s.find(sep, start);
    if (end == std::string_view::npos) return f(s.substr(start));
    f(s.substr(start, end - start));
    start = end + 1;
  }
}

// The longest line and the longest word of a text, in code points.
struct Extent {
  size_t line = 0, word = 0;
};

// In one pass over the bytes: every cell's text is measured, ~10⁵ in board.xlsx.
Extent extent(std::string_view s) {
  Extent e;
  size_t line = 0, word = 0;  // code points so far of the current line and word
  auto step = [&](unsigned char ch) {
    if (ch == '\n') {
      e.line = std::max(e.line, line);
      e.word = std::max(e.word, word);
      line = word = 0;
    } else if ((ch & 0xC0) != 0x80) {  // not a UTF-8 continuation byte
      ++line;
      if (ch == ' ') e.word = std::max(e.word, word), word = 0;
      else ++word;
    }
  };
  size_t i = 0;
  // Eight bytes at a time; those without a space or a line break (most letters of a word) at once.
  for (; i + 8 <= s.size(); i += 8) {
    const uint64_t x = eight_bytes(s, i);
    if (has_byte(x, ' ') || has_byte(x, '\n')) {
      for (size_t k = i; k < i + 8; ++k) step(static_cast<unsigned char>(s[k]));
    } else {
      const auto n = static_cast<size_t>(starts_in(x));
      line += n;
      word += n;
    }
  }
  for (; i < s.size(); ++i) step(static_cast<unsigned char>(s[i]));
  e.line = std::max(e.line, line);
  e.word = std::max(e.word, word);
  return e;
}

// Lines a text takes when wrapped greedily at `width` characters.
int wrapped_lines(std::string_view s, double width) {
  size_t w = static_cast<size_t>(std::max(1.0, width - 0.5));
  // Most cells hold one line that fits (the words and spaces below count no more than its code points).
  if (s.find('\n') == std::string_view::npos && code_points(s) <= w) return 1;
  int lines = 0;
  each_part(s, '\n', [&](std::string_view line) {
    int n = 1;
    size_t used = 0;
    each_part(line, ' ', [&](std::string_view word) {
      size_t len = code_points(word);
      if (used && used + 1 + len > w) {
        ++n;
        used = 0;
      }
      used += (used ? 1 : 0) + len;
      while (used > w) {  // a word longer than the column breaks anywhere
        ++n;
        used -= w;
      }
    });
    lines += n;
  });
  return lines;
}

}  // namespace

void Sheet::page(PageSetup p, lxw_format* signature_format) {
  page_ = std::move(p);
  signature_format_ = signature_format;
}

namespace {

// Print geometry (measured with tests/py/test_print.py): LibreOffice prints columns of total width W
// (Excel's unit: the width of a digit of Calibri 11) as about 5.9·W points, Excel as 5.25·W plus
// 3.75 a column; 6.1 keeps a margin. «Fit to width» then scales the sheet by printable width ÷ columns' width, and
// 11 pt text prints at 9 pt at a scale of 0.82: the columns are narrowed until the scale is at least
// kMinScale (9.5 pt, above 9 pt after LibreOffice rounds the scale down to a whole percent).
constexpr double kPointsPerWidth = 5.8;
constexpr double kMinScale = 0.86;
// Wrapped texts may widen their columns while the sheet still prints at this scale (10.5 pt):
// fewer lines, fewer pages (Strezhevoy's 35 indicators took 5 pages in a narrow column).
constexpr double kGrowScale = 0.88;

double printable_points(bool portrait) {
  return (portrait ? kA4ShortSide : kA4LongSide) - 2 * kSideMargin * 72;
}

double sum(const std::map<int, double>& m) {
  double t = 0;
  for (const auto& [_, v] : m) t += v;
  return t;
}

}  // namespace

// Column widths: the widest content per column (headers by their longest word) within the sheet's
// limits, then fitted to the page: when the columns are wider than the page allows at kMinScale, the
// widest are narrowed to one common cap, never below a column's longest word; when they are
// narrower, columns whose texts wrap are widened up to the width the page takes at kGrowScale.
std::map<int, double> Sheet::fit_widths() const {
  int max_col = -1;
  for (const auto& [k, _] : cells_) max_col = std::max(max_col, k.second);
  for (const auto& m : merges_) max_col = std::max(max_col, m.c2);
  // The widest content per column, in vectors first (a map lookup per cell was slow).
  const auto cols = static_cast<size_t>(max_col + 1);
  std::vector<double> widest(cols, 0), widest_word(cols, 0), widest_line(cols, 0);
  std::vector<bool> wraps(cols, false);  // has a text that may widen the column to show in fewer lines
  auto widen = [](std::vector<double>& v, int c, double w) { v[static_cast<size_t>(c)] = std::max(v[static_cast<size_t>(c)], w); };
  for (const auto& [k, cell] : cells_) {
    if (!cell.measure) continue;
    double w = 0, word = 0;
    if (cell.kind == Cell::Text) {
      const Extent e = extent(cell.text());
      w = static_cast<double>(cell.by_word ? e.word : e.line);
      word = static_cast<double>(e.word);
      if (!cell.by_word) {  // a header wraps by design
        widen(widest_line, k.second, static_cast<double>(e.line) + 2);
        wraps[static_cast<size_t>(k.second)] = true;
      }
    } else if (cell.kind == Cell::FormulaText) {
      const Extent e = extent(cell.cached);
      w = static_cast<double>(e.line);
      word = static_cast<double>(e.word);
    } else if (cell.kind == Cell::Number || cell.kind == Cell::Formula) {
      w = word = static_cast<double>(std::min<size_t>(number_text(std::round(cell.v * 1000) / 1000).size(), 12)) + 2;
    }
    widen(widest, k.second, w + 2);
    widen(widest_word, k.second, word + 2);
  }
  for (const auto& m : merges_)
    if (m.c1 == m.c2) {
      const double word = static_cast<double>(extent(m.s).word) + 2;
      widen(widest, m.c1, word);
      widen(widest_word, m.c1, word);
    }
  std::map<int, double> width, floor, natural;
  for (int c = 0; c <= max_col; ++c) {
    const auto i = static_cast<size_t>(c);
    const double lo = min_.count(c) ? min_.at(c) : 6, hi = max_.count(c) ? max_.at(c) : 60;
    width[c] = std::clamp(widest[i], lo, hi);
    floor[c] = std::clamp(widest_word[i], lo, width[c]);
    if (wraps[i]) natural[c] = widest_line[i];
  }
  const bool portrait = page_ && page_->portrait;
  const double budget = printable_points(portrait) / (kMinScale * kPointsPerWidth);
  if (sum(width) > budget) {
    // The largest cap at which the columns fit (bisection: the total grows with the cap).
    double lo = 0, hi = 0;
    for (const auto& [_, w] : width) hi = std::max(hi, w);
    auto total = [&](double cap) {
      double t = 0;
      for (const auto& [c, w] : width) t += std::min(w, std::max(cap, floor[c]));
      return t;
    };
    for (int i = 0; i < 40; ++i) (total((lo + hi) / 2) <= budget ? lo : hi) = (lo + hi) / 2;
    for (auto& [c, w] : width) w = std::min(w, std::max(lo, floor[c]));
    return width;
  }
  const double roomy = printable_points(portrait) / (kGrowScale * kPointsPerWidth);
  double spare = roomy - sum(width), wanted = 0;
  // A fixed_width column is never widened: a sheet laid out to print at 100 % (board.xlsx's page
  // a programme) would otherwise run off its page.
  auto want = [&](int c, double w) { return fixed_.count(c) ? 0.0 : std::max(0.0, std::min(w, 90.0) - width[c]); };
  for (const auto& [c, w] : natural) wanted += want(c, w);
  if (spare > 0 && wanted > 0)
    for (const auto& [c, w] : natural) width[c] += want(c, w) * std::min(1.0, spare / wanted);
  return width;
}

// «должность ____________ И. О. Фамилия» under the table, a blank row apart, one row a signature
// over the table's width (a narrow first column cannot hold a position).
void Sheet::add_signatures() {
  if (!page_ || !page_->print || page_->print->signatures.empty()) return;
  int max_col = 0, row = 0;
  for (const auto& [k, _] : cells_) max_col = std::max(max_col, k.second), row = std::max(row, k.first + 2);
  for (const auto& m : merges_) max_col = std::max(max_col, m.c2), row = std::max(row, m.r2 + 2);
  for (const Signature& sig : page_->print->signatures) {
    std::string text = sig.position + " ____________ " + sig.name;
    if (max_col == 0) put(row, 0, Cell{Cell::Text, text, 0, {}, signature_format_, false, false});
    else merges_.push_back(Merge{row, 0, row, max_col, text, signature_format_, false});
    ++row;
  }
}

namespace {

// excel_cell_text(s) for libxlsxwriter (which copies it): `s` itself when it is already safe, as
// nearly every text is, else the safe copy made in `buf`.
const char* cell_text(const std::string& s, std::string& buf) {
  if (s.size() <= kExcelCellChars && xml_forbidden_at(s) == std::string::npos) return s.c_str();
  buf = excel_cell_text(s);
  return buf.c_str();
}

}  // namespace

// Heights: Excel's 15 points for one line of Calibri 11, 14.5 for each further wrapped line (as
// Excel fits them; LibreOffice needs 13.4), scaled for a larger font (a title's 12 pt), whose
// letters, and a bold font's, are wider: so wrapped text shows whole everywhere. Only rows higher
// than the default, or of a fixed height, are listed.
std::map<int, double> Sheet::fit_heights(const std::map<int, double>& width) const {
  std::map<int, double> height;
  auto fit = [&](int r, const std::string& text, double w, lxw_format* f, int rows) {
    const double size = f && f->font_size > 0 ? f->font_size : 11, scale = size / 11;
    const int n = wrapped_lines(text, w / scale * (f && f->bold ? 0.93 : 1.0));
    const double h = (n > 1 ? 14.5 * n + 0.5 : 15.0) * scale / rows;
    if (h > 15.0) height[r] = std::max(height[r], h);  // the default height is not listed (below)
  };
  // By column (a map lookup per cell was slow): width has every column from 0 on (fit_widths).
  std::vector<double> column_width;
  for (const auto& [c, w] : width) column_width.push_back(w);
  for (const auto& [k, cell] : cells_)
    if (cell.kind == Cell::Text) fit(k.first, cell.text(), column_width.at(static_cast<size_t>(k.second)), cell.fmt, 1);
  for (const auto& m : merges_) {
    double w = 0;
    for (int c = m.c1; c <= m.c2; ++c) w += width.at(c);
    for (int r = m.r1; r <= m.r2; ++r) fit(r, m.s, w, m.f, m.r2 - m.r1 + 1);
  }
  std::erase_if(height, [](const auto& rh) { return rh.second <= 15.0; });
  for (auto& [r, h] : height) h = std::min(409.0, h);
  for (const auto& [r, h] : fixed_height_) height[r] = h;
  return height;
}

void Sheet::write(const Merge& m, std::string& buf) {
  worksheet_merge_range(ws_, static_cast<lxw_row_t>(m.r1), static_cast<lxw_col_t>(m.c1), static_cast<lxw_row_t>(m.r2),
                        static_cast<lxw_col_t>(m.c2), cell_text(m.s, buf), m.f);
}

void Sheet::write(int row, int col, const Cell& cell, std::string& buf) {
  auto r = static_cast<lxw_row_t>(row);
  auto c = static_cast<lxw_col_t>(col);
  switch (cell.kind) {
    case Cell::Text: worksheet_write_string(ws_, r, c, cell_text(cell.text(), buf), cell.fmt); break;
    case Cell::Number: worksheet_write_number(ws_, r, c, cell.v, cell.fmt); break;
    case Cell::Formula: worksheet_write_formula_num(ws_, r, c, cell.s.c_str(), cell.fmt, cell.v); break;
    case Cell::FormulaText:
      worksheet_write_formula_str(ws_, r, c, cell.s.c_str(), cell.fmt, cell_text(cell.cached, buf));
      break;
    case Cell::Blank: worksheet_write_blank(ws_, r, c, cell.fmt); break;
  }
}

// An in-memory sheet: heights, then every merge, then every cell (the order gives the shared
// strings their numbers: the annexes' bytes depend on it).
void Sheet::write_as_added(const std::map<int, double>& height) {
  for (const auto& [r, h] : height) worksheet_set_row(ws_, static_cast<lxw_row_t>(r), h, nullptr);
  std::string buf;
  for (const auto& m : merges_) write(m, buf);
  for (const auto& [k, cell] : cells_) write(k.first, k.second, cell, buf);
}

// A streamed sheet: row after row, each its height, the merges that start in it, then its cells
// (which, as in memory, take the place of a merge's blank where both are set).
void Sheet::write_row_by_row(const std::map<int, double>& height) {
  std::vector<const Merge*> merges;
  for (const auto& m : merges_) merges.push_back(&m);
  std::stable_sort(merges.begin(), merges.end(), [](const Merge* a, const Merge* b) { return a->r1 < b->r1; });
  auto h = height.begin();
  auto m = merges.begin();
  auto cell = cells_.begin();
  std::string buf;
  constexpr int kNone = std::numeric_limits<int>::max();
  for (;;) {
    const int row = std::min({h != height.end() ? h->first : kNone, m != merges.end() ? (*m)->r1 : kNone,
                              cell != cells_.end() ? cell->first.first : kNone});
    if (row == kNone) return;
    if (h != height.end() && h->first == row) worksheet_set_row(ws_, static_cast<lxw_row_t>(row), (h++)->second, nullptr);
    for (; m != merges.end() && (*m)->r1 == row; ++m) write(**m, buf);
    for (; cell != cells_.end() && cell->first.first == row; ++cell) write(row, cell->first.second, cell->second, buf);
  }
}

void Sheet::flush() {
  order_cells();
  add_signatures();
  std::map<int, double> width = fit_widths();
  for (const auto& [c, w] : width)
    worksheet_set_column(ws_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), w, nullptr);
  const std::map<int, double> height = fit_heights(width);
  if (filter_)
    worksheet_autofilter(ws_, static_cast<lxw_row_t>(filter_->first), 0, static_cast<lxw_row_t>(filter_->last),
                         static_cast<lxw_col_t>(filter_->last_col));
  if (ws_->optimize) write_row_by_row(height);
  else write_as_added(height);
  if (page_) {
    print_setup(ws_, page_->repeat_first, page_->repeat_last, page_->footer, page_->portrait);
    if (page_->print && !page_->print->annex_line.empty()) set_header_right(ws_, page_->print->annex_line);
  }
}

}  // namespace vitrina::xlsx
