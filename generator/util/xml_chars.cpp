#include "util/xml_chars.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace vitrina {

namespace {
bool forbidden_control(unsigned char c) { return c < 0x20 && c != '\t' && c != '\n' && c != '\r'; }
// U+FFFE, U+FFFF: EF BF BE, EF BF BF.
bool forbidden_nonchar(std::string_view s, size_t i) {
  return i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xEF && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
         (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0xBE;
}
}  // namespace

namespace {
// Whether one of the eight bytes of `w` is below 0x20 or is 0xEF, the only bytes that can start a
// forbidden character (the classic "has a byte less than n" / "has a zero byte" tests; exact
// about whether there is one, which is all that is asked).
bool may_hold_forbidden(uint64_t w) {
  constexpr uint64_t ones = 0x0101010101010101, highs = 0x8080808080808080;
  const uint64_t below_space = (w - ones * 0x20) & ~w & highs;
  const uint64_t ef = w ^ (ones * 0xEF);
  return (below_space | ((ef - ones) & ~ef & highs)) != 0;
}
}  // namespace

// Every text of every page and workbook cell passes here, nearly always clean: eight bytes are
// checked at a time, and only a block that may hold a forbidden character byte by byte.
size_t xml_forbidden_at(std::string_view s, size_t from) {
  for (size_t i = from; i < s.size();) {
    if (i + 8 <= s.size()) {
      uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if (!may_hold_forbidden(w)) {
        i += 8;
        continue;
      }
    }
    for (const size_t end = std::min(s.size(), i + 8); i < end; ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != 0xEF) continue;
      if (forbidden_control(c) || forbidden_nonchar(s, i)) return i;
    }
  }
  return std::string_view::npos;
}

size_t xml_forbidden_length(std::string_view s, size_t at) { return forbidden_nonchar(s, at) ? 3 : 1; }

char32_t xml_forbidden_code(std::string_view s, size_t at) {
  if (forbidden_nonchar(s, at)) return static_cast<unsigned char>(s[at + 2]) == 0xBE ? 0xFFFE : 0xFFFF;
  return static_cast<unsigned char>(s[at]);
}

size_t strip_xml_forbidden(std::string& s) {
  size_t at = xml_forbidden_at(s);
  if (at == std::string::npos) return 0;
  size_t found = 0, out = at;
  for (size_t i = at; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (forbidden_control(c)) {
      if (c == 0x0B || c == 0x0C) s[out++] = '\n';
      ++found;
      ++i;
    } else if (forbidden_nonchar(s, i)) {
      ++found;
      i += 3;
    } else {
      s[out++] = s[i++];
    }
  }
  s.resize(out);
  return found;
}

std::string xml_safe(std::string_view s) {
  std::string out(s);
  strip_xml_forbidden(out);
  return out;
}

size_t utf16_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;  // a lead byte
    if (c >= 0xF0) ++n;           // outside the BMP: a surrogate pair
  }
  return n;
}

std::string excel_cell_text(std::string_view s) {
  std::string out = xml_safe(s);
  if (out.size() <= kExcelCellChars || utf16_length(out) <= kExcelCellChars) return out;
  size_t units = 0, i = 0;
  for (; i < out.size(); ++i) {
    const auto c = static_cast<unsigned char>(out[i]);
    if ((c & 0xC0) == 0x80) continue;
    const size_t width = c >= 0xF0 ? 2 : 1;
    if (units + width > kExcelCellChars - 1) break;  // room for the «…»
    units += width;
  }
  out.resize(i);
  return out + "…";
}

std::string code_point_name(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

}  // namespace vitrina
