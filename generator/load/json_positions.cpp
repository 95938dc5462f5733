#include "load/json_positions.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstring>
#include <functional>
#include <mutex>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "util/read_file.h"

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

size_t bom_length(std::string_view s) { return s.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0; }

// Keys with escapes are rare; only \" \\ \/ are resolved, others are kept verbatim.
std::string unescape_simple(std::string_view raw) {
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

// The full map: every value's and key's position by JSON pointer. Built only when a
// diagnostic needs a position that the cheap pass did not record.
struct FullMap {
  std::unordered_map<std::string, TextPos> values, keys;
  std::vector<PositionMap::DuplicateKey> duplicates;

  TextPos value(const std::string& pointer) const {
    std::string p = pointer;
    while (true) {
      auto it = values.find(p);
      if (it != values.end()) return it->second;
      auto slash = p.rfind('/');
      if (slash == std::string::npos) return {};
      p.resize(slash);
    }
  }
};

// Walks valid JSON keeping line/column and every pointer; an explicit stack instead of
// recursion so that deeply nested input cannot overflow the call stack.
class FullScanner {
 public:
  explicit FullScanner(std::string_view t) : s_(t), i_(bom_length(t)) {}

  void run(FullMap& m) {
    struct Frame { bool object; std::string pointer; size_t index; std::set<std::string> seen; };
    std::vector<Frame> stack;
    std::string pending_pointer;  // pointer of the value about to start
    skip_ws();
    m.values[""] = pos_;
    bool expect_value = true;
    while (i_ < s_.size()) {
      skip_ws();
      if (i_ >= s_.size()) break;
      char c = s_[i_];
      if (expect_value) {
        const std::string ptr = stack.empty() ? std::string() : pending_pointer;
        m.values.emplace(ptr, pos_);
        if (c == '{' || c == '[') {
          stack.push_back({c == '{', ptr, 0, {}});
          advance();
          skip_ws();
          if (i_ < s_.size() && (s_[i_] == '}' || s_[i_] == ']')) {
            advance();
            stack.pop_back();
            expect_value = false;
          } else if (stack.back().object) {
            read_key(stack.back().pointer, stack.back().seen, pending_pointer, m);
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
          read_key(f.pointer, f.seen, pending_pointer, m);
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
  void read_key(const std::string& obj_ptr, std::set<std::string>& seen, std::string& pending, FullMap& m) {
    skip_ws();
    TextPos kp = pos_;
    std::string raw = skip_string();
    pending = obj_ptr + "/" + pointer_escape(unescape_simple(raw));
    if (!seen.insert(raw).second) m.duplicates.push_back({pending, kp});
    m.keys.emplace(pending, kp);
    skip_ws();
    if (i_ < s_.size() && s_[i_] == ':') advance();
    skip_ws();
  }

  std::string_view s_;
  size_t i_ = 0;
  TextPos pos_;
};

// FNV-1a, 64 bits: streamable, so a child's pointer hash continues its parent's and the
// cheap pass never builds pointer strings. Collisions (~1e-8 for a million objects) would
// only misplace a diagnostic.
constexpr uint64_t kFnvOffset = 14695981039346656037ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

uint64_t fnv(uint64_t h, char c) { return (h ^ static_cast<unsigned char>(c)) * kFnvPrime; }

uint64_t fnv(uint64_t h, std::string_view s) {
  for (char c : s) h = fnv(h, c);
  return h;
}

// Hash of `parent` + "/" + pointer_escape(raw), for a key without backslash escapes.
uint64_t hash_key_token(uint64_t parent, std::string_view raw) {
  uint64_t h = fnv(parent, '/');
  for (char c : raw) {
    if (c == '~') h = fnv(fnv(h, '~'), '0');
    else if (c == '/') h = fnv(fnv(h, '~'), '1');
    else h = fnv(h, c);
  }
  return h;
}

uint64_t hash_index_token(uint64_t parent, size_t index) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, index);
  return fnv(fnv(parent, '/'), std::string_view(buf, static_cast<size_t>(r.ptr - buf)));
}

// Raw keys of one object. A linear search while small (objects in Vitrina's formats have
// a dozen keys), a hash set once large, so that a hostile object with millions of keys
// stays linear instead of quadratic.
class KeySet {
 public:
  bool insert(std::string_view k) {  // false when already present
    if (big_) return big_->insert(k).second;
    for (std::string_view s : small_)
      if (s == k) return false;
    small_.push_back(k);
    if (small_.size() > kSmallMax) big_ = std::make_unique<std::unordered_set<std::string_view>>(small_.begin(), small_.end());
    return true;
  }
  void clear() {
    small_.clear();
    big_.reset();
  }

 private:
  static constexpr size_t kSmallMax = 16;
  std::vector<std::string_view> small_;
  std::unique_ptr<std::unordered_set<std::string_view>> big_;
};

// The load-time pass over valid JSON: duplicate keys with pointer and position, and the
// start of every object keyed by its pointer's hash (ObjectReader::origin asks for those
// on every object, so they must not need the full map). Positions are computed only for
// what is recorded, by a column cursor that only moves forward: linear overall.
class QuickScanner {
 public:
  explicit QuickScanner(std::string_view t) : s_(t), i_(bom_length(t)), col_at_(i_) {}

  void run(std::vector<PositionMap::ObjectStart>& objects, std::vector<PositionMap::DuplicateKey>& dups) {
    objects_ = &objects;
    dups_ = &dups;
    skip_ws();
    bool expect_value = true;
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (expect_value) {
        if (c == '{' || c == '[') {
          expect_value = open(c == '{');
          continue;
        }
        if (c == '"') skip_string();
        else skip_scalar();
        expect_value = false;
      } else {
        if (depth_ == 0) break;
        Frame& f = frames_[depth_ - 1];
        ++i_;  // ',' or the closing bracket
        if (c == ',') {
          skip_ws();
          if (f.object) read_key(f);
          else ++f.index;
          expect_value = true;
        } else {
          --depth_;
        }
      }
      skip_ws();
    }
  }

 private:
  struct Frame {
    bool object = false;
    // Pointers below this container are not recorded: an ancestor's key repeats (or may
    // repeat, see read_key) a sibling's, and the full map keeps only the first occurrence.
    bool unindexed = false;
    bool escaped_key_seen = false;
    bool member_unindexed = false;  // the current member's subtree is not recorded
    uint64_t hash = 0;              // of this container's pointer
    size_t index = 0;               // current element (arrays)
    std::string_view key;           // current member's raw key (objects)
    KeySet keys;
  };

  // At '{' or '['; returns whether a value is expected next (false for an empty container).
  bool open(bool object) {
    bool unindexed = false;
    uint64_t hash = kFnvOffset;  // the root's pointer is ""
    if (depth_ > 0) {
      const Frame& parent = frames_[depth_ - 1];
      unindexed = parent.unindexed || (parent.object && parent.member_unindexed);
      if (!unindexed)
        hash = parent.object ? hash_key_token(parent.hash, parent.key) : hash_index_token(parent.hash, parent.index);
    }
    if (object && !unindexed) objects_->push_back({hash, pos_at(i_)});
    if (frames_.size() == depth_) frames_.emplace_back();
    Frame& f = frames_[depth_++];
    f.object = object;
    f.unindexed = unindexed;
    f.escaped_key_seen = false;
    f.member_unindexed = false;
    f.hash = hash;
    f.index = 0;
    f.keys.clear();
    ++i_;
    skip_ws();
    if (i_ < s_.size() && (s_[i_] == '}' || s_[i_] == ']')) {
      ++i_;
      --depth_;
      skip_ws();
      return false;
    }
    if (object) read_key(f);
    return true;
  }

  // At a key's opening quote; leaves i_ at the member's value.
  void read_key(Frame& f) {
    const size_t key_at = i_;
    bool escaped = false;
    const std::string_view raw = skip_string(&escaped);
    // "a\/b" and "a/b" are different raw keys but one pointer: after a key with escapes,
    // later siblings may repeat an earlier pointer, so stop recording in this object.
    if (escaped) f.escaped_key_seen = true;
    const bool fresh = f.keys.insert(raw);
    if (!fresh) dups_->push_back({pointer_of_top() + "/" + pointer_escape(unescape_simple(raw)), pos_at(key_at)});
    f.key = raw;
    f.member_unindexed = f.escaped_key_seen || !fresh;
    skip_ws();
    if (i_ < s_.size() && s_[i_] == ':') ++i_;
    skip_ws();
  }

  // Pointer of the innermost open container; only built for a duplicate key (rare).
  std::string pointer_of_top() const {
    std::string p;
    for (size_t d = 0; d + 1 < depth_; ++d) {
      const Frame& f = frames_[d];
      p += '/';
      p += f.object ? pointer_escape(unescape_simple(f.key)) : std::to_string(f.index);
    }
    return p;
  }

  // Raw (still escaped) content of the string starting at i_; leaves i_ after it. Strings
  // are most of the bytes: memchr finds the closing quote, and only a string that has a
  // backslash before it is walked byte by byte.
  std::string_view skip_string(bool* escaped = nullptr) {
    const size_t start = ++i_;
    const char* base = s_.data();
    const void* quote = std::memchr(base + start, '"', s_.size() - start);
    const size_t end = quote ? static_cast<size_t>(static_cast<const char*>(quote) - base) : s_.size();
    if (!std::memchr(base + start, '\\', end - start)) {
      i_ = end;
    } else {
      if (escaped) *escaped = true;
      while (i_ < s_.size() && s_[i_] != '"') i_ += s_[i_] == '\\' ? 2 : 1;
    }
    const std::string_view raw = s_.substr(start, std::min(i_, s_.size()) - start);
    if (i_ < s_.size()) ++i_;
    return raw;
  }
  void skip_scalar() {
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\t' || c == '\r') break;
      ++i_;
    }
  }
  void skip_ws() {
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == '\n') {
        ++line_;
        col_at_ = i_ + 1;
        col_ = 1;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        break;
      }
      ++i_;
    }
  }
  // Valid JSON has newlines only between tokens, so skip_ws keeps the line; the column
  // is counted (code points, no CR) from the last position asked for, which only grows.
  TextPos pos_at(size_t offset) {
    for (; col_at_ < offset; ++col_at_) {
      const unsigned char c = static_cast<unsigned char>(s_[col_at_]);
      if ((c & 0xC0) != 0x80 && c != '\r') ++col_;
    }
    return {line_, col_};
  }

  std::string_view s_;
  size_t i_ = 0;
  int line_ = 1, col_ = 1;
  size_t col_at_ = 0;  // byte offset whose column is col_
  std::vector<Frame> frames_;
  size_t depth_ = 0;
  std::vector<PositionMap::ObjectStart>* objects_ = nullptr;
  std::vector<PositionMap::DuplicateKey>* dups_ = nullptr;
};

}  // namespace

// The lazily built full map and what it is built from: the file (checked against the
// hash of the text that was parsed) or, without a file, a copy of the text.
struct PositionMap::Lazy {
  std::filesystem::path source;
  std::string text;
  size_t size = 0, hash = 0;
  std::once_flag once;
  std::atomic<bool> built{false};
  std::unique_ptr<FullMap> full;  // null when the source is gone or changed

  const FullMap* get() {
    std::call_once(once, [this] { build(); });
    return full.get();
  }

 private:
  void build() {
    if (source.empty()) {
      full = make_full(text);
      std::string().swap(text);
    } else if (std::string now; read_file(source, now) && now.size() == size &&
                                std::hash<std::string_view>{}(now) == hash) {
      full = make_full(now);
    }
    built = true;
  }

  static std::unique_ptr<FullMap> make_full(std::string_view text) {
    auto m = std::make_unique<FullMap>();
    FullScanner(text).run(*m);
    return m;
  }
};

PositionMap PositionMap::build(std::string_view text) {
  PositionMap m;
  m.lazy_ = std::make_shared<Lazy>();
  m.lazy_->text = std::string(text);
  m.duplicates_ = m.lazy_->get()->duplicates;
  return m;
}

PositionMap PositionMap::scan(std::string_view text, const std::filesystem::path& source) {
  PositionMap m;
  QuickScanner(text).run(m.objects_, m.duplicates_);
  std::sort(m.objects_.begin(), m.objects_.end(),
            [](const ObjectStart& a, const ObjectStart& b) { return a.pointer_hash < b.pointer_hash; });
  m.objects_.shrink_to_fit();
  m.lazy_ = std::make_shared<Lazy>();
  m.lazy_->source = source;
  if (source.empty()) {
    m.lazy_->text = std::string(text);
  } else {
    m.lazy_->size = text.size();
    m.lazy_->hash = std::hash<std::string_view>{}(text);
  }
  return m;
}

PositionMap::Source PositionMap::source() const {
  if (!lazy_) return {};
  return {lazy_->source, lazy_->size, lazy_->hash};
}

PositionMap PositionMap::deferred(const Source& source) {
  PositionMap m;
  if (source.file.empty()) return m;
  m.lazy_ = std::make_shared<Lazy>();
  m.lazy_->source = source.file;
  m.lazy_->size = source.size;
  m.lazy_->hash = source.hash;
  return m;
}

TextPos PositionMap::value(const std::string& pointer) const {
  const uint64_t h = fnv(kFnvOffset, pointer);
  auto it = std::lower_bound(objects_.begin(), objects_.end(), h,
                             [](const ObjectStart& o, uint64_t v) { return o.pointer_hash < v; });
  if (it != objects_.end() && it->pointer_hash == h) return it->pos;
  const FullMap* full = lazy_ ? lazy_->get() : nullptr;
  return full ? full->value(pointer) : TextPos{0, 0};
}

TextPos PositionMap::key(const std::string& pointer) const {
  if (const FullMap* full = lazy_ ? lazy_->get() : nullptr) {
    auto it = full->keys.find(pointer);
    if (it != full->keys.end()) return it->second;
  }
  return value(pointer);
}

bool PositionMap::full_map_built() const { return lazy_ && lazy_->built; }

}  // namespace vitrina
