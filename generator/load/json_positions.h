// nlohmann/json 3.11 keeps no source positions, so a second pass over the (already
// validated) text maps every JSON pointer to the line and column where its value starts.
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vitrina {

struct TextPos { int line = 1, column = 1; };

// Line and column (code points, 1-based) of a byte offset; a UTF-8 BOM is not counted.
TextPos position_of_offset(std::string_view text, size_t offset);

class PositionMap {
 public:
  struct DuplicateKey { std::string pointer; TextPos pos; };

  // `text` must be valid JSON (parse it first). Records value and key positions and
  // duplicate keys, which nlohmann silently collapses.
  static PositionMap build(std::string_view text);

  // Position of the value at `pointer`; falls back to the nearest ancestor that exists.
  TextPos value(const std::string& pointer) const;
  // Position of the member's key (for unknown-field warnings); falls back to value().
  TextPos key(const std::string& pointer) const;
  const std::vector<DuplicateKey>& duplicates() const { return duplicates_; }

 private:
  std::unordered_map<std::string, TextPos> values_, keys_;
  std::vector<DuplicateKey> duplicates_;
};

// RFC 6901 escaping of one reference token (~ → ~0, / → ~1).
std::string pointer_escape(std::string_view token);

}  // namespace vitrina
