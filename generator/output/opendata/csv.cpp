#include "output/opendata/csv.h"

#include <charconv>
#include <cmath>

namespace vitrina::csv {

std::string text_field(std::string_view s) {
  std::string v;
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
    v += '\'';
  v += s;
  bool quote = v.find_first_of(";\"\r\n") != std::string::npos;
  if (!quote) return v;
  std::string q = "\"";
  for (char ch : v) {
    if (ch == '"') q += '"';
    q += ch;
  }
  return q + "\"";
}

std::string number_field(std::optional<double> v) {
  if (!v || !std::isfinite(*v)) return {};
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, *v);
  return std::string(buf, res.ptr);
}

Writer::Writer() : out_(kBom) {}

void Writer::sep() {
  if (!first_) out_ += kSeparator;
  first_ = false;
}

Writer& Writer::text(std::string_view s) {
  sep();
  out_ += text_field(s);
  return *this;
}

Writer& Writer::number(std::optional<double> v) {
  sep();
  out_ += number_field(v);
  return *this;
}

Writer& Writer::integer(std::optional<long long> v) {
  sep();
  if (v) out_ += std::to_string(*v);
  return *this;
}

void Writer::end_row() {
  out_ += "\r\n";
  first_ = true;
}

}  // namespace vitrina::csv
