#include "util/json_string.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "util/utf8.h"

namespace vitrina {

void append_json_string(std::string& out, std::string_view s) {
  const bool plain = std::none_of(s.begin(), s.end(), [](char c) {
    return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
  });
  if (plain && is_valid_utf8(s)) {
    out += '"';
    out += s;
    out += '"';
  } else {
    out += nlohmann::json(std::string(s)).dump();
  }
}

}  // namespace vitrina
