// Characters XML 1.0 forbids (§2.2 Char): the C0 controls except TAB, LF and CR, and the
// non-characters U+FFFE and U+FFFF (surrogates cannot occur in well-formed UTF-8). One
// such character makes a whole feed, sitemap, SVG or workbook part unreadable: Excel
// refuses the file, XML parsers stop. The loader removes them from data with a warning
// (load/text_checks.h); every XML writer also passes its text through strip_xml_forbidden,
// so text that never came from the loader (templates, Markdown output) is safe too.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace vitrina {

// Byte offset of the first forbidden character at or after `from`, or npos.
size_t xml_forbidden_at(std::string_view s, size_t from = 0);

// Its length in bytes (1 for a control, 3 for U+FFFE/U+FFFF) and its code point.
size_t xml_forbidden_length(std::string_view s, size_t at);
char32_t xml_forbidden_code(std::string_view s, size_t at);

// Removes every forbidden character in place; U+000B (Word's Shift+Enter line break) and
// U+000C (page break) become '\n'. Returns how many were found. Costs one scan when there
// are none.
size_t strip_xml_forbidden(std::string& s);
std::string xml_safe(std::string_view s);

// Excel's limit on a cell's text, in characters as Excel counts them (UTF-16 units).
constexpr size_t kExcelCellChars = 32767;
size_t utf16_length(std::string_view s);
// `s` made safe for a workbook cell: xml_safe, and a text over kExcelCellChars cut so that
// it ends with «…» within the limit (libxlsxwriter would refuse it and leave the cell empty).
std::string excel_cell_text(std::string_view s);

// "U+000B" for diagnostics.
std::string code_point_name(char32_t c);

}  // namespace vitrina
