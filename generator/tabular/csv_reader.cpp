// CSV as Russian Excel and LibreOffice save it: Windows-1251 or UTF-8 (with a BOM or without),
// `;` (Excel's default where the decimal separator is a comma), `,` or tab, RFC 4180 quotes.
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include "tabular/table.h"
#include "text/messages.h"
#include "util/utf8.h"

namespace vitrina::tabular {

namespace {

std::string from_cp1251(std::string_view s) {
  icu::UnicodeString u(s.data(), static_cast<int32_t>(s.size()), "windows-1251");
  std::string out;
  u.toUTF8String(out);
  return out;
}

// The delimiter the first line uses most, outside quotes.
char guess_delimiter(std::string_view text) {
  size_t semicolons = 0, commas = 0, tabs = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c == '\n') break;
    else if (c == ';') ++semicolons;
    else if (c == ',') ++commas;
    else if (c == '\t') ++tabs;
  }
  if (tabs > semicolons && tabs > commas) return '\t';
  return commas > semicolons ? ',' : ';';
}

}  // namespace

bool read_csv(std::string_view bytes, Sheet& out, std::string& error, const ReadLimits& limits) {
  out = {};
  if (bytes.size() > limits.max_file_bytes) {
    error = tr("file.too_large", {std::to_string(bytes.size()), std::to_string(limits.max_file_bytes)});
    return false;
  }
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  const std::string text = is_valid_utf8(bytes) ? std::string(bytes) : from_cp1251(bytes);
  const char delim = guess_delimiter(text);
  uint32_t row = 0, col = 0;
  std::string field;
  bool quoted = false, was_quoted = false;
  size_t cells = 0;
  auto flush = [&]() {
    if (!field.empty()) {
      if (++cells > limits.max_cells || col >= limits.max_columns || row >= limits.max_rows) return false;
      Cell c;
      c.type = Cell::Type::Text;
      c.text = std::move(field);
      out.set(row, col, std::move(c));
    }
    field.clear();
    was_quoted = false;
    return true;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c != '"') field += c;
      else if (i + 1 < text.size() && text[i + 1] == '"') field += text[++i];
      else quoted = false;
      continue;
    }
    if (c == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == delim || c == '\n') {
      if (!flush()) break;
      if (c == '\n') ++row, col = 0;
      else ++col;
    } else if (c != '\r') {
      field += c;
    }
    if (field.size() > limits.max_text * 4) {
      error = tr("csv.text_too_long", {std::to_string(row + 1)});
      return false;
    }
  }
  if (cells > limits.max_cells || col >= limits.max_columns || row >= limits.max_rows || !flush()) {
    error = tr("xlsx.too_many_cells", {std::to_string(limits.max_cells)});
    return false;
  }
  if (quoted) {
    error = tr("csv.unclosed_quote");
    return false;
  }
  return true;
}

}  // namespace vitrina::tabular
