#include "output/opendata/dumped_json.h"

namespace vitrina::dumped_json {

namespace {

// `dumped` as it reads `levels` levels deeper: 2·levels more spaces after each line break.
void append_nested(std::string& out, std::string_view dumped, int levels) {
  const std::string_view indent = std::string_view("    ").substr(0, 2 * levels);
  for (size_t at = 0;;) {
    const size_t nl = dumped.find('\n', at);
    if (nl == std::string_view::npos) {
      out.append(dumped.substr(at));
      return;
    }
    out.append(dumped.substr(at, nl + 1 - at));
    out += indent;
    at = nl + 1;
  }
}

}  // namespace

void Document::key(std::string_view key) {
  out_ += out_.empty() ? "{\n  \"" : ",\n  \"";
  out_ += key;
  out_ += "\": ";
}

Document& Document::add(std::string_view key, std::string_view dumped) {
  this->key(key);
  append_nested(out_, dumped, 1);
  return *this;
}

Document& Document::add_array(std::string_view key, const std::vector<std::string>& dumped) {
  this->key(key);
  if (dumped.empty()) {
    out_ += "[]";
    return *this;
  }
  for (size_t i = 0; i < dumped.size(); ++i) {
    out_ += i ? ",\n    " : "[\n    ";
    append_nested(out_, dumped[i], 2);
  }
  out_ += "\n  ]";
  return *this;
}

std::string Document::dump() {
  out_ += out_.empty() ? "{}" : "\n}";
  return std::move(out_);
}

}  // namespace vitrina::dumped_json
