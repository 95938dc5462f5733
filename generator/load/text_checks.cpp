#include "load/text_checks.h"

#include "text/messages.h"
#include "util/xml_chars.h"

namespace vitrina {

using nlohmann::json;

namespace {

size_t code_points_before(std::string_view s, size_t offset) {
  size_t n = 0;
  for (size_t i = 0; i < offset && i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
  return n;
}

// The warning for a text whose forbidden characters were removed: Word's line break
// (U+000B) alone gets its own, friendlier wording.
// `position` is the character's place in a JSON string (1-based), 0 for a page (whose
// diagnostic already has its line and column).
std::string forbidden_message(const std::string& text, size_t first, size_t count, size_t position) {
  bool only_vt = true;
  for (size_t at = xml_forbidden_at(text); at != std::string::npos;
       at = xml_forbidden_at(text, at + xml_forbidden_length(text, at)))
    if (text[at] != '\x0B') only_vt = false;
  const std::string n = std::to_string(count), where = std::to_string(position);
  if (only_vt) return position ? tr("text.vertical_tab", {n, where}) : tr("text.vertical_tab_page", {n});
  const std::string name = code_point_name(xml_forbidden_code(text, first));
  return position ? tr("text.xml_forbidden", {name, n, where}) : tr("text.xml_forbidden_page", {name, n});
}

struct JsonTextCheck {
  const std::string& file;
  const PositionMap& positions;
  Diagnostics& diags;
  std::string pointer;

  void warn(const std::string& msg) {
    TextPos p = positions.value(pointer);
    diags.warning(file, p.line, p.column, msg, pointer);
  }

  void string(std::string& s) {
    if (size_t first = xml_forbidden_at(s); first != std::string::npos) {
      const size_t position = code_points_before(s, first) + 1;
      const std::string original = s;
      const size_t count = strip_xml_forbidden(s);
      warn(forbidden_message(original, first, count, position));
    }
    if (s.size() > kExcelCellChars)
      if (size_t n = utf16_length(s); n > kExcelCellChars)
        warn(tr("text.excel_limit", {std::to_string(n), std::to_string(kExcelCellChars)}));
  }

  void walk(json& v) {
    if (v.is_string()) {
      string(v.get_ref<std::string&>());
    } else if (v.is_object() || v.is_array()) {
      const size_t length = pointer.size();
      size_t index = 0;
      for (auto it = v.begin(); it != v.end(); ++it, ++index) {
        pointer += '/';
        if (v.is_array()) {
          pointer += std::to_string(index);
        } else {
          for (char c : it.key()) pointer += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
        }
        walk(*it);
        pointer.resize(length);
      }
    }
  }
};

}  // namespace

void check_json_text(json& doc, const std::string& file, const PositionMap& positions, Diagnostics& diags) {
  JsonTextCheck{file, positions, diags, {}}.walk(doc);
}

void check_page_text(std::string& text, const std::string& file, int first_line, Diagnostics& diags) {
  const size_t first = xml_forbidden_at(text);
  if (first == std::string::npos) return;
  TextPos p = position_of_offset(text, first);
  const std::string original = text;
  const size_t count = strip_xml_forbidden(text);
  diags.warning(file, p.line + first_line - 1, p.column, forbidden_message(original, first, count, 0));
}

}  // namespace vitrina
