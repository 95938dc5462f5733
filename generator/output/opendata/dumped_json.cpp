#include "output/opendata/dumped_json.h"

namespace vitrina::dumped_json {

namespace {

// `dumped` as it reads one level deeper: two more spaces after each line break.
void append_nested(std::string& out, std::string_view dumped) {
  for (size_t at = 0;;) {
    const size_t nl = dumped.find('\n', at);
    if (nl == std::string_view::npos) {
      out.append(dumped.substr(at));
      return;
    }
    out.append(dumped.substr(at, nl + 1 - at));
    out += "  ";
    at = nl + 1;
  }
}

}  // namespace

Object& Object::add(std::string_view key, std::string_view dumped) {
  out_ += out_.empty() ? "{\n  \"" : ",\n  \"";
  out_ += key;
  out_ += "\": ";
  append_nested(out_, dumped);
  return *this;
}

std::string array(const std::vector<std::string>& dumped) {
  if (dumped.empty()) return "[]";
  std::string out;
  for (const auto& d : dumped) {
    out += out.empty() ? "[\n  " : ",\n  ";
    append_nested(out, d);
  }
  return out + "\n]";
}

}  // namespace vitrina::dumped_json
