#include "load/json_syntax.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <vector>

#include "load/json_positions.h"
#include "text/messages.h"
#include "util/utf8.h"

namespace vitrina {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kNbsp = "\xC2\xA0";

// Quotes Word and keyboards type instead of '"': “ ” „ « » ‘ ’ ‚ ‹ ›. Their length in bytes
// at `i`, or 0.
size_t smart_quote_at(std::string_view s, size_t i) {
  static constexpr std::string_view kQuotes[] = {"\u201C", "\u201D", "\u201E", "\u00AB", "\u00BB",
                                                 "\u2018", "\u2019", "\u201A", "\u2039", "\u203A"};
  for (std::string_view q : kQuotes)
    if (s.substr(i, q.size()) == q) return q.size();
  return 0;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_word_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool ends_token(char c) { return is_space(c) || c == ',' || c == ':' || c == '}' || c == ']' || c == '{' || c == '[' || c == '"'; }

// A text saved by Windows in its Cyrillic code page: most bytes that are not UTF-8 are its
// letters (0xC0–0xFF, Ё 0xA8, ё 0xB8). Only those bytes count, so a file that is UTF-8 but
// for one pasted word is recognised too.
bool looks_like_cp1251(std::string_view s) {
  size_t invalid = 0, letters = 0;
  for (size_t at = invalid_utf8_at(s); at != std::string_view::npos;) {
    const auto c = static_cast<unsigned char>(s[at]);
    ++invalid;
    if (c >= 0xC0 || c == 0xA8 || c == 0xB8) ++letters;
    const size_t next = invalid_utf8_at(s.substr(at + 1));
    at = next == std::string_view::npos ? next : at + 1 + next;
  }
  return invalid > 0 && letters * 10 >= invalid * 7;
}

// UTF-16 as Windows Notepad saves «Юникод»: a byte-order mark, or NUL bytes between ASCII.
bool looks_like_utf16(std::string_view s) {
  if (s.substr(0, 2) == "\xFF\xFE" || s.substr(0, 2) == "\xFE\xFF") return true;
  return s.substr(0, 64).find('\0') != std::string_view::npos;
}

// The first error of a text nlohmann rejected, found by walking its tokens.
class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  std::optional<JsonSyntaxError> run() {
    i_ = s_.substr(0, kBom.size()) == kBom ? kBom.size() : 0;
    Want want = Want::Value;
    bool just_opened = false;  // the last token was '{' or '['
    for (;;) {
      if (auto e = skip_space()) return e;
      if (i_ >= s_.size()) {
        if (stack_.empty() && want == Want::After) return std::nullopt;
        if (stack_.empty()) return fail(i_, tr("json.empty"));
        return fail(i_, tr("json.unclosed", {quoted(std::string(1, stack_.back().bracket)), line_of(stack_.back().at)}));
      }
      const char c = s_[i_];
      switch (want) {
        case Want::Value:
          if (c == '{' || c == '[') {
            stack_.push_back({c, i_++});
            want = c == '{' ? Want::Key : Want::Value;
            just_opened = true;
            continue;
          }
          if (just_opened && !stack_.empty() && c == closer(stack_.back().bracket)) {
            close();
            want = Want::After;
            just_opened = false;
            continue;
          }
          if (auto e = value()) return e;
          want = Want::After;
          break;
        case Want::Key:
          if (just_opened && c == '}') {
            close();
            want = Want::After;
            just_opened = false;
            continue;
          }
          if (c != '"') return key_expected();
          if (auto e = string()) return e;
          key_end_ = i_;
          want = Want::Colon;
          break;
        case Want::Colon:
          if (c != ':') return fail(key_end_, tr("json.missing_colon", {excerpt(key_start_)}));
          ++i_;
          want = Want::Value;
          break;
        case Want::After:
          if (auto e = after_value(want)) return e;
          break;
      }
      just_opened = false;
    }
  }

 private:
  enum class Want { Value, Key, Colon, After };
  struct Open { char bracket; size_t at; };

  static char closer(char open) { return open == '{' ? '}' : ']'; }

  std::optional<JsonSyntaxError> fail(size_t at, std::string what) const {
    return JsonSyntaxError{at, tr("json.syntax", {what})};
  }

  std::string line_of(size_t at) const { return std::to_string(position_of_offset(s_, at).line); }

  static std::string quoted(std::string_view t) { return "«" + std::string(t) + "»"; }

  // The token at `at` as the user sees it, cut short: «"unit"», «47,1», «true».
  std::string excerpt(size_t at) const {
    size_t end = at;
    if (s_[at] == '"') {
      end = s_.find('"', at + 1);
      end = end == std::string_view::npos || end - at > 40 ? at + 1 : end + 1;
    }
    while (end < s_.size() && end - at < 40 && !ends_token(s_[end])) ++end;
    if (end == at) end = at + 1;
    while (end < s_.size() && (static_cast<unsigned char>(s_[end]) & 0xC0) == 0x80) ++end;  // whole code point
    return quoted(s_.substr(at, end - at));
  }

  // Spaces between tokens; a comment is an error (JSON has none).
  std::optional<JsonSyntaxError> skip_space() {
    while (i_ < s_.size()) {
      if (is_space(s_[i_])) {
        ++i_;
      } else if (s_[i_] == '/' && i_ + 1 < s_.size() && (s_[i_ + 1] == '/' || s_[i_ + 1] == '*')) {
        return fail(i_, tr("json.comment"));
      } else {
        break;
      }
    }
    return std::nullopt;
  }

  void close() {
    stack_.pop_back();
    value_end_ = ++i_;
    last_string_ = false;
    number_start_ = std::string_view::npos;
  }

  // A character no token starts with, where `expected` was due.
  std::optional<JsonSyntaxError> unexpected(const char* expected) const {
    if (smart_quote_at(s_, i_)) return fail(i_, tr("json.smart_quote", {excerpt_char(i_)}));
    if (s_.substr(i_, kBom.size()) == kBom)
      return fail(i_, tr("json.bom", {i_ + kBom.size() < s_.size() ? excerpt(i_ + kBom.size()) : quoted("")}));
    if (s_.substr(i_, kNbsp.size()) == kNbsp) return fail(i_, tr("json.nbsp"));
    if (s_[i_] == '\'') return fail(i_, tr("json.single_quote"));
    return fail(i_, tr(expected, {excerpt(i_)}));
  }

  std::string excerpt_char(size_t at) const {
    size_t n = 1;
    while (at + n < s_.size() && (static_cast<unsigned char>(s_[at + n]) & 0xC0) == 0x80) ++n;
    return quoted(s_.substr(at, n));
  }

  // A letter, digit or other character of an unquoted word (not a quote, BOM or NBSP).
  bool word_at(size_t at) const {
    return is_word_byte(s_[at]) && !smart_quote_at(s_, at) && s_.substr(at, kBom.size()) != kBom &&
           s_.substr(at, kNbsp.size()) != kNbsp;
  }
  size_t word_end(size_t at) const {
    while (at < s_.size() && word_at(at)) ++at;
    return at;
  }

  std::optional<JsonSyntaxError> key_expected() const {
    if (word_at(i_)) {
      const size_t end = word_end(i_);
      return fail(i_, tr("json.key_unquoted", {quoted(s_.substr(i_, end - i_))}));
    }
    return unexpected("json.key_expected");
  }

  std::optional<JsonSyntaxError> value() {
    const char c = s_[i_];
    number_start_ = std::string_view::npos;
    if (c == '"') {
      if (auto e = string()) return e;
      last_string_ = true;
    } else if (c == '-' || is_digit(c)) {
      if (auto e = number()) return e;
      last_string_ = false;
    } else if (word_at(i_)) {
      const size_t end = word_end(i_);
      const std::string_view word = s_.substr(i_, end - i_);
      if (word != "true" && word != "false" && word != "null") return fail(i_, tr("json.bad_literal", {quoted(word)}));
      i_ = end;
      last_string_ = false;
    } else if (c == '+' || c == '.') {
      return fail(i_, tr("json.bad_number", {excerpt(i_)}));
    } else {
      return unexpected("json.value_expected");
    }
    value_end_ = i_;
    return std::nullopt;
  }

  // After a complete value: ',' or the closing bracket.
  std::optional<JsonSyntaxError> after_value(Want& want) {
    const char c = s_[i_];
    if (stack_.empty()) return fail(i_, tr("json.trailing", {excerpt(i_)}));
    const Open& top = stack_.back();
    if (c == ',') {
      size_t next = i_ + 1;
      while (next < s_.size() && is_space(s_[next])) ++next;
      if (next < s_.size() && (s_[next] == '}' || s_[next] == ']'))
        return fail(i_, tr("json.trailing_comma", {quoted(std::string(1, s_[next]))}));
      // «"value": 47,1»: a number, a comma and digits with no space, where a key is due.
      if (top.bracket == '{' && number_start_ != std::string_view::npos && value_end_ == i_ && i_ + 1 < s_.size() &&
          is_digit(s_[i_ + 1])) {
        size_t end = i_ + 1;
        while (end < s_.size() && is_digit(s_[end])) ++end;
        std::string written(s_.substr(number_start_, end - number_start_));
        std::string fixed = written;
        fixed[i_ - number_start_] = '.';
        return fail(number_start_, tr("json.decimal_comma", {quoted(written), quoted(fixed)}));
      }
      ++i_;
      want = top.bracket == '{' ? Want::Key : Want::Value;
      return std::nullopt;
    }
    if (c == '}' || c == ']') {
      if (c != closer(top.bracket))
        return fail(i_, tr("json.mismatch", {quoted(std::string(1, c)), quoted(std::string(1, top.bracket)), line_of(top.at)}));
      close();
      return std::nullopt;
    }
    // A straight quote inside a text ended it early: «"МБОУ "СОШ № 1""».
    if (last_string_ && i_ == value_end_ && word_at(i_)) {
      if (auto q = smart_closing_quote(string_start_, value_end_, true))
        return fail(*q, tr("json.smart_quote", {excerpt_char(*q)}));
      return fail(value_end_ - 1, tr("json.inner_quote"));
    }
    if (c == '"' || c == '{' || c == '[' || c == '-' || is_digit(c) || word_at(i_)) {
      return fail(value_end_, tr("json.missing_comma", {excerpt(i_), line_of(i_)}));
    }
    return unexpected("json.comma_expected");
  }

  // A typographic quote in the text from `from` (its opening quote) to `to` (where it ended)
  // followed only by spaces, commas or a colon (at least one of those with `separator`): there
  // a straight quote was meant («"Школа”,⏎» or «"Школа”, "unit": …»).
  std::optional<size_t> smart_closing_quote(size_t from, size_t to, bool separator = false) const {
    to = std::min(to, s_.size());
    for (size_t k = from + 1; k < to; ++k) {
      const size_t n = smart_quote_at(s_, k);
      if (!n) continue;
      size_t rest = k + n;
      bool separated = false;
      while (rest < to && (is_space(s_[rest]) || s_[rest] == ',' || s_[rest] == ':')) separated |= s_[rest++] != ' ';
      if ((rest >= to - 1 || s_[rest] == '"') && (separated || !separator)) return k;
    }
    return std::nullopt;
  }

  // A string from its opening quote at i_; leaves i_ after the closing one.
  std::optional<JsonSyntaxError> string() {
    const size_t start = i_;
    string_start_ = start;
    key_start_ = start;
    size_t k = i_ + 1;
    while (k < s_.size()) {
      const char c = s_[k];
      if (c == '"') {
        i_ = k + 1;
        return std::nullopt;
      }
      if (c == '\\') {
        if (auto e = escape(k)) return e;
        continue;
      }
      if (c == '\n' || c == '\r') break;
      if (static_cast<unsigned char>(c) < 0x20) return fail(k, tr("json.control_char", {code_name(c)}));
      ++k;
    }
    if (auto q = smart_closing_quote(start, k + 1)) return fail(*q, tr("json.smart_quote", {excerpt_char(*q)}));
    return fail(start, tr("json.unclosed_string", {line_of(start)}));
  }

  static std::string code_name(char c) {
    if (c == '\t') return tr("json.tab");
    char buf[8];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned char>(c));
    return buf;
  }

  static int hex4(std::string_view s, size_t at) {
    if (at + 4 > s.size()) return -1;
    int v = 0;
    for (size_t k = at; k < at + 4; ++k) {
      const char c = s[k];
      const int d = is_digit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
      if (d < 0) return -1;
      v = v * 16 + d;
    }
    return v;
  }

  // The escape at `k` (a backslash); advances `k` past it.
  std::optional<JsonSyntaxError> escape(size_t& k) const {
    const char e = k + 1 < s_.size() ? s_[k + 1] : '\0';
    if (std::string_view("\"\\/bfnrt").find(e) != std::string_view::npos && e != '\0') {
      k += 2;
      return std::nullopt;
    }
    const int u = e == 'u' ? hex4(s_, k + 2) : -1;
    const bool high = u >= 0xD800 && u <= 0xDBFF, low = u >= 0xDC00 && u <= 0xDFFF;
    if (u >= 0 && !high && !low) {
      k += 6;
      return std::nullopt;
    }
    if (high && s_.substr(k + 6, 2) == "\\u") {
      const int next = hex4(s_, k + 8);
      if (next >= 0xDC00 && next <= 0xDFFF) {
        k += 12;
        return std::nullopt;
      }
    }
    size_t end = k + 1;
    if (end < s_.size()) ++end;
    while (end < s_.size() && (static_cast<unsigned char>(s_[end]) & 0xC0) == 0x80) ++end;
    return fail(k, tr("json.bad_escape", {quoted(s_.substr(k, end - k))}));
  }

  // A number from i_ (RFC 8259: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?), ending at a delimiter.
  std::optional<JsonSyntaxError> number() {
    const size_t start = i_;
    size_t p = i_;
    auto digits = [&] {
      const size_t from = p;
      while (p < s_.size() && is_digit(s_[p])) ++p;
      return p > from;
    };
    bool ok = true;
    if (s_[p] == '-') ++p;
    if (p < s_.size() && s_[p] == '0') ++p;
    else ok = digits();
    if (ok && p < s_.size() && s_[p] == '.') {
      ++p;
      ok = digits();
    }
    if (ok && p < s_.size() && (s_[p] == 'e' || s_[p] == 'E')) {
      ++p;
      if (p < s_.size() && (s_[p] == '+' || s_[p] == '-')) ++p;
      ok = digits();
    }
    if (!ok || (p < s_.size() && !ends_token(s_[p]) && s_[p] != '/')) return fail(start, tr("json.bad_number", {excerpt(start)}));
    number_start_ = start;
    i_ = p;
    return std::nullopt;
  }

  std::string_view s_;
  size_t i_ = 0;
  std::vector<Open> stack_;
  size_t value_end_ = 0;     // just after the last complete value
  size_t key_start_ = 0, key_end_ = 0;
  size_t string_start_ = 0;  // opening quote of the last string
  bool last_string_ = false; // the last value was a string
  size_t number_start_ = std::string_view::npos;  // the last value was a number starting here
};

}  // namespace

JsonSyntaxError explain_json_error(std::string_view text, size_t parser_offset) {
  if (looks_like_utf16(text)) return {0, tr("json.syntax", {tr("json.utf16")})};
  if (const size_t bad = invalid_utf8_at(text); bad != std::string_view::npos) {
    if (looks_like_cp1251(text)) return {bad, tr("json.syntax", {tr("json.cp1251")})};
    char byte[8];
    std::snprintf(byte, sizeof byte, "%02X", static_cast<unsigned char>(text[bad]));
    return {bad, tr("json.syntax", {tr("json.not_utf8", {byte})})};
  }
  if (auto e = Scanner(text).run()) return *e;
  return {std::min(parser_offset, text.size()), tr("json.syntax", {tr("json.other")})};
}

}  // namespace vitrina
