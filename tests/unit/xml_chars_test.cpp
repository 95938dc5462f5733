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
