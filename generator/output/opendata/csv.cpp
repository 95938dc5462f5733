#include "output/opendata/csv.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace vitrina::csv {

namespace {

// The fields are appended to the row in place: open data writes ~20 000 files of them.
void append_text_field(std::string& out, std::string_view s) {
  const bool formula = !s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r');
  const bool quote = std::any_of(s.begin(), s.end(), [](char c) { return c == ';' || c == '"' || c == '\r' || c == '\n'; });
  if (quote) out += '"';
  if (formula) out += '\'';
  if (!quote) {
    out += s;
    return;
  }
  for (size_t q; (q = s.find('"')) != std::string_view::npos; s.remove_prefix(q + 1)) {
    out.append(s.substr(0, q + 1));
    out += '"';
  }
  out += s;
  out += '"';
}

void append_number_field(std::string& out, std::optional<double> v) {
  if (!v || !std::isfinite(*v)) return;
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, *v);
  out.append(buf, res.ptr);
}

}  // namespace

std::string text_field(std::string_view s) {
  std::string out;
  append_text_field(out, s);
  return out;
}

std::string number_field(std::optional<double> v) {
  std::string out;
  append_number_field(out, v);
  return out;
}

Writer::Writer() : out_(kBom) {}

void Writer::sep() {
  if (!first_) out_ += kSeparator;
  first_ = false;
}

Writer& Writer::text(std::string_view s) {
  sep();
  append_text_field(out_, s);
  return *this;
}

Writer& Writer::number(std::optional<double> v) {
  sep();
  append_number_field(out_, v);
  return *this;
}

Writer& Writer::integer(std::optional<long long> v) {
  sep();
  if (!v) return *this;
  char buf[24];
  out_.append(buf, std::to_chars(buf, buf + sizeof buf, *v).ptr);
  return *this;
}

void Writer::end_row() {
  out_ += "\r\n";
  first_ = true;
}

}  // namespace vitrina::csv
