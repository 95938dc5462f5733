#include "load/json_positions.h"

#include <set>

namespace vitrina {

std::string pointer_escape(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

TextPos position_of_offset(std::string_view text, size_t offset) {
  TextPos p;
  size_t i = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  for (; i < offset && i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++p.line;
      p.column = 1;
    } else if ((c & 0xC0) != 0x80 && c != '\r') {
      ++p.column;  // count code points, not bytes
    }
  }
  return p;
}

namespace {

// Walks valid JSON keeping line/column; an explicit stack instead of recursion so that
// deeply nested input cannot overflow the call stack.
class Scanner {
 public:
  explicit Scanner(std::string_view t) : s_(t) {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;
  }

  void run(std::unordered_map<std::string, TextPos>& values,
           std::unordered_map<std::string, TextPos>& keys,
           std::vector<PositionMap::DuplicateKey>& dups) {
    struct Frame { bool object; std::string pointer; size_t index; std::set<std::string> seen; };
    std::vector<Frame> stack;
    std::string pending_pointer;  // pointer of the value about to start
    skip_ws();
    values[""] = pos_;
    bool expect_value = true;
    while (i_ < s_.size()) {
      skip_ws();
      if (i_ >= s_.size()) break;
      char c = s_[i_];
      if (expect_value) {
        const std::string ptr = stack.empty() ? std::string() : pending_pointer;
        values.emplace(ptr, pos_);
        if (c == '{' || c == '[') {
          stack.push_back({c == '{', ptr, 0, {}});
          advance();
          skip_ws();
          if (i_ < s_.size() && (s_[i_] == '}' || s_[i_] == ']')) {
            advance();
            stack.pop_back();
            expect_value = false;
          } else if (stack.back().object) {
            read_key(stack.back().pointer, stack.back().seen, pending_pointer, keys, dups);
          } else {
            pending_pointer = stack.back().pointer + "/0";
          }
          continue;
        }
        if (c == '"') skip_string();
        else skip_scalar();
        expect_value = false;
        continue;
      }
      // After a value: ',' or a closing bracket.
      if (stack.empty()) break;
      Frame& f = stack.back();
      if (c == ',') {
        advance();
        skip_ws();
        if (f.object) {
          read_key(f.pointer, f.seen, pending_pointer, keys, dups);
        } else {
          ++f.index;
          pending_pointer = f.pointer + "/" + std::to_string(f.index);
        }
        expect_value = true;
      } else if (c == '}' || c == ']') {
        advance();
        stack.pop_back();
      } else {
        advance();  // not reached for valid JSON
      }
    }
  }

 private:
  void advance() {
    unsigned char c = static_cast<unsigned char>(s_[i_]);
    if (c == '\n') {
      ++pos_.line;
      pos_.column = 1;
    } else if ((c & 0xC0) != 0x80 && c != '\r') {
      ++pos_.column;
    }
    ++i_;
  }
  void skip_ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) advance();
  }
  // Returns the raw (still escaped) string content; keys are compared raw, which is
  // exact for the keys Vitrina knows (plain ASCII).
  std::string skip_string() {
    std::string raw;
    advance();  // opening quote
    while (i_ < s_.size() && s_[i_] != '"') {
      if (s_[i_] == '\\') {
        raw += s_[i_];
        advance();
        if (i_ >= s_.size()) break;
      }
      raw += s_[i_];
      advance();
    }
    if (i_ < s_.size()) advance();  // closing quote
    return raw;
  }
  void skip_scalar() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\t' || c == '\r') break;
      advance();
    }
  }
  void read_key(const std::string& obj_ptr, std::set<std::string>& seen, std::string& pending,
                std::unordered_map<std::string, TextPos>& keys,
                std::vector<PositionMap::DuplicateKey>& dups) {
    skip_ws();
    TextPos kp = pos_;
    std::string raw = skip_string();
    pending = obj_ptr + "/" + pointer_escape(unescape_simple(raw));
    if (!seen.insert(raw).second) dups.push_back({pending, kp});
    keys.emplace(pending, kp);
    skip_ws();
    if (i_ < s_.size() && s_[i_] == ':') advance();
    skip_ws();
  }
  static std::string unescape_simple(const std::string& raw) {
    // Keys with escapes are rare; only \" \\ \/ are resolved, others are kept verbatim.
    std::string out;
    for (size_t k = 0; k < raw.size(); ++k) {
      if (raw[k] == '\\' && k + 1 < raw.size() && (raw[k + 1] == '"' || raw[k + 1] == '\\' || raw[k + 1] == '/')) {
        out += raw[++k];
      } else {
        out += raw[k];
      }
    }
    return out;
  }

  std::string_view s_;
  size_t i_ = 0;
  TextPos pos_;
};

}  // namespace

PositionMap PositionMap::build(std::string_view text) {
  PositionMap m;
  Scanner(text).run(m.values_, m.keys_, m.duplicates_);
  return m;
}

TextPos PositionMap::value(const std::string& pointer) const {
  std::string p = pointer;
  while (true) {
    auto it = values_.find(p);
    if (it != values_.end()) return it->second;
    auto slash = p.rfind('/');
    if (slash == std::string::npos) return {};
    p.resize(slash);
  }
}

TextPos PositionMap::key(const std::string& pointer) const {
  auto it = keys_.find(pointer);
  return it != keys_.end() ? it->second : value(pointer);
}

}  // namespace vitrina
