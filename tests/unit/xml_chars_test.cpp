// util/xml_chars.h: what XML 1.0 forbids, and workbook cells within Excel's limit.
#include <doctest/doctest.h>

#include "util/xml_chars.h"

using namespace vitrina;

TEST_CASE("xml_chars: forbidden characters are found, removed, U+000B becomes a line break") {
  CHECK(xml_forbidden_at("plain\ttext\r\n«ok»") == std::string::npos);
  const std::string dirty = std::string("a\x0B" "b\x01" "c") + '\0' + "d\xEF\xBF\xBE" "e\xEF\xBF\xBF" "f\xEF\xBF\xBD";
  CHECK(xml_forbidden_at(dirty) == 1);
  CHECK(xml_forbidden_code(dirty, 1) == 0x0B);
  std::string s = dirty;
  CHECK(strip_xml_forbidden(s) == 5);
  CHECK(s == "a\nbcdef\xEF\xBF\xBD");  // U+FFFD is allowed
  CHECK(code_point_name(0xFFFE) == "U+FFFE");
}

TEST_CASE("xml_chars: a cell over 32,767 characters is cut with a visible ellipsis") {
  CHECK(excel_cell_text("short") == "short");
  std::string big(40000, 'x');
  std::string cut = excel_cell_text(big);
  CHECK(utf16_length(cut) == kExcelCellChars);
  CHECK(cut.substr(cut.size() - 3) == "…");
  std::string astral;
  for (int i = 0; i < 20000; ++i) astral += "\xF0\x9F\x98\x80";  // 2 UTF-16 units each
  cut = excel_cell_text(astral);
  CHECK(utf16_length(cut) <= kExcelCellChars);
  CHECK(cut.size() % 4 == 3);  // whole emoji plus the 3-byte «…»
}

TEST_CASE("xml_chars: a forbidden character is found at any offset, in any block of eight bytes") {
  // The scan checks eight bytes at a time: put each kind of character at every offset of texts of
  // several lengths (ASCII and Cyrillic around it) and compare with a byte-by-byte reference.
  auto reference = [](const std::string& s, size_t from = 0) -> size_t {
    for (size_t i = from; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return i;
      if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
          (static_cast<unsigned char>(s[i + 2]) == 0xBE || static_cast<unsigned char>(s[i + 2]) == 0xBF))
        return i;
    }
    return std::string::npos;
  };
  const std::string inserts[] = {std::string(1, '\0'), "\x01", "\x0B", "\x1F", "\xEF\xBF\xBE", "\xEF\xBF\xBF",
                                 "\t", "\n", "\xEF\xBF\xBD", " ", "\x7F", "\xEF\xBB\xBF"};
  for (const std::string filler : {"abcdefgh", "жёлтый ", "\xEF\xBF\xBD"})
    for (size_t len = 0; len < 26; ++len) {
      std::string base;
      while (base.size() < len) base += filler;
      base.resize(len);
      CHECK(xml_forbidden_at(base) == reference(base));
      for (const std::string& ins : inserts)
        for (size_t at = 0; at <= len; ++at) {
          const std::string s = base.substr(0, at) + ins + base.substr(at);
          CHECK(xml_forbidden_at(s) == reference(s));
          CHECK(xml_forbidden_at(s, at / 2) == reference(s, at / 2));
        }
    }
}
