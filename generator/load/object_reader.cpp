#include "load/object_reader.h"

#include <algorithm>
#include <cmath>

#include "text/messages.h"

namespace vitrina {

using nlohmann::json;

void FileContext::error(const std::string& pointer, const std::string& msg, bool at_key) const {
  TextPos p = positions ? (at_key ? positions->key(pointer) : positions->value(pointer)) : TextPos{0, 0};
  diags->error(file, p.line, p.column, msg, pointer);
}
void FileContext::warning(const std::string& pointer, const std::string& msg, bool at_key) const {
  TextPos p = positions ? (at_key ? positions->key(pointer) : positions->value(pointer)) : TextPos{0, 0};
  diags->warning(file, p.line, p.column, msg, pointer);
}

std::string json_type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::string: return tr("type.string");
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return tr("type.number");
    case json::value_t::boolean: return tr("type.boolean");
    case json::value_t::array: return tr("type.array");
    case json::value_t::object: return tr("type.object");
    default: return tr("type.null");
  }
}

namespace {
size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                                          std::tolower(static_cast<unsigned char>(b[j - 1]))
                                      ? 0
                                      : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string join(const std::vector<const char*>& items) {
  std::string s;
  for (const char* i : items) {
    if (!s.empty()) s += ", ";
    s += i;
  }
  return s;
}
}  // namespace

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
  if (word.size() > 200) return {};
  std::string best;
  size_t best_d = std::max<size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    size_t d = edit_distance(word, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

bool valid_id(const std::string& s) {
  if (s.empty() || s.size() > 100 || !std::isalnum(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
  });
}

bool valid_iso_date(const std::string& s) {
  auto digits = [&](size_t from, size_t n) {
    if (s.size() < from + n) return false;
    for (size_t i = from; i < from + n; ++i)
      if (s[i] < '0' || s[i] > '9') return false;
    return true;
  };
  if (s.size() == 4) return digits(0, 4);
  if (s.size() == 7) {
    if (!digits(0, 4) || s[4] != '-' || !digits(5, 2)) return false;
    int m = std::stoi(s.substr(5, 2));
    return m >= 1 && m <= 12;
  }
  if (s.size() == 10) {
    if (!digits(0, 4) || s[4] != '-' || !digits(5, 2) || s[7] != '-' || !digits(8, 2)) return false;
    int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > days[m - 1]) return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
  }
  return false;
}

ObjectReader::ObjectReader(const FileContext& ctx, const json& value, std::string pointer)
    : ctx_(ctx), ptr_(std::move(pointer)) {
  if (value.is_object()) obj_ = &value;
  else ctx_.error(ptr_, tr("type.expected", {tr("type.object"), json_type_name(value)}));
}

ObjectReader::~ObjectReader() {
  if (!obj_) return;
  // Every object may carry notes, inferred, acknowledged and lines (docs/data-format.md). Where the model
  // has no place for them they are still type-checked, then dropped.
  Annotated unused;
  if (!is_known("notes")) text_list("notes", unused.notes);
  if (!is_known("inferred")) text_list("inferred", unused.inferred);
  if (!is_known("acknowledged")) text_list("acknowledged", unused.acknowledged);
  if (!is_known("lines")) read_lines(unused.origin);
  report_unknown_fields();
}

void ObjectReader::require(const char* key) {
  if (obj_) missing_.push_back(key);
}

// An unknown field that is a misspelling of a missing required one is one error, not two:
// it stays an error whatever "strict" says, since the required field is still missing.
void ObjectReader::report_unknown_fields() {
  std::vector<std::string> known(known_.begin(), known_.end());
  std::sort(known.begin(), known.end());  // closest_match keeps the first of equally close names
  const bool acknowledged = acknowledges(kUnknownFieldCode);
  if (!missing_.empty() && ctx_.incomplete) *ctx_.incomplete = true;
  for (auto it = obj_->begin(); present_ != obj_->size() && it != obj_->end(); ++it) {
    if (is_known(it.key())) continue;
    const std::string guess = closest_match(it.key(), known);
    const auto missing = std::find(missing_.begin(), missing_.end(), guess);
    const bool replaces_required = !guess.empty() && missing != missing_.end();
    if (replaces_required) missing_.erase(missing);
    const std::string pointer = at(it.key().c_str());
    const TextPos p = ctx_.positions ? ctx_.positions->key(pointer) : TextPos{0, 0};
    const bool warning = acknowledged && !replaces_required;
    ctx_.diags->add({warning ? Severity::Warning : Severity::Error, ctx_.file, p.line, p.column,
                     guess.empty() ? tr("field.unknown", {it.key()}) : tr("field.unknown_suggest", {it.key(), guess}),
                     pointer, replaces_required ? "" : kUnknownFieldCode, warning});
  }
  for (std::string_view key : missing_) ctx_.error(ptr_, tr("field.required", {key}));
}

// Whether the object's "acknowledged" list names `code` (read from the JSON: the destructor
// cannot know where the model kept it).
bool ObjectReader::acknowledges(const char* code) const {
  auto it = obj_->find("acknowledged");
  if (it == obj_->end() || !it->is_array()) return false;
  return std::any_of(it->begin(), it->end(), [&](const json& c) { return c.is_string() && c.get_ref<const std::string&>() == code; });
}

bool ObjectReader::is_known(std::string_view key) const {
  return std::find(known_.begin(), known_.end(), key) != known_.end();
}

std::string ObjectReader::at(const char* key) const { return ptr_ + "/" + pointer_escape(key); }

const json* ObjectReader::member(const char* key) {
  const bool first_ask = !is_known(key);
  if (first_ask) known_.push_back(key);
  if (!obj_) return nullptr;
  auto it = obj_->find(key);
  if (it == obj_->end()) return nullptr;
  if (first_ask) ++present_;
  return &*it;
}

bool ObjectReader::has(const char* key) { return obj_ && obj_->contains(key); }

const json* ObjectReader::raw(const char* key) { return member(key); }

// Takes the member's key, not its pointer: the pointer string is only built for the error.
bool ObjectReader::expect(const json& v, bool ok, const char* type_key, const char* key) {
  if (!ok) ctx_.error(at(key), tr("type.expected", {tr(type_key), json_type_name(v)}));
  return ok;
}

void ObjectReader::text(const char* key, std::string& out, bool required) {
  const json* v = member(key);
  if (!v) {
    if (required) require(key);
    return;
  }
  if (!expect(*v, v->is_string(), "type.string", key)) return;
  out = v->get<std::string>();  // nlohmann has already rejected ill-formed UTF-8
  // Trim cell ends (spaces, tabs, NBSP) as the encoding rules say; inner text stays.
  auto is_space_at_end = [&](bool front) {
    if (out.empty()) return false;
    if (front) {
      if (out[0] == ' ' || out[0] == '\t' || out[0] == '\n' || out[0] == '\r') return true;
      return out.size() >= 2 && out.compare(0, 2, "\xC2\xA0") == 0;
    }
    char c = out.back();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return true;
    return out.size() >= 2 && out.compare(out.size() - 2, 2, "\xC2\xA0") == 0;
  };
  while (is_space_at_end(true)) out.erase(0, out[0] == '\xC2' ? 2 : 1);
  while (is_space_at_end(false)) out.resize(out.size() - (out.back() == '\xA0' ? 2 : 1));
  if (out.empty()) ctx_.warning(at(key), tr("value.empty"));
}

void ObjectReader::id(const char* key, std::string& out, bool required) {
  std::string s;
  text(key, s, required);
  if (s.empty()) return;
  if (!valid_id(s)) {
    ctx_.error(at(key), tr("value.id", {s.size() > 120 ? s.substr(0, 120) + "…" : s}));
    return;
  }
  out = std::move(s);
}

void ObjectReader::date(const char* key, std::string& out) {
  std::string s;
  text(key, s);
  if (s.empty()) return;
  if (!valid_iso_date(s)) {
    ctx_.error(at(key), tr("value.date", {s}));
    return;
  }
  out = std::move(s);
}

void ObjectReader::integer(const char* key, std::optional<int>& out, bool required) {
  const json* v = member(key);
  if (!v) {
    if (required) require(key);
    return;
  }
  bool ok = v->is_number_integer() || v->is_number_unsigned() ||
            (v->is_number_float() && std::isfinite(v->get<double>()) && std::floor(v->get<double>()) == v->get<double>());
  if (!expect(*v, ok, "type.integer", key)) return;
  double d = v->get<double>();
  if (d < -1e9 || d > 1e9) {
    ctx_.error(at(key), tr("value.not_finite"));
    return;
  }
  out = static_cast<int>(d);
}

void ObjectReader::integer(const char* key, int& out, bool required) {
  std::optional<int> v;
  integer(key, v, required);
  if (v) out = *v;
}

void ObjectReader::number(const char* key, std::optional<double>& out, bool required) {
  const json* v = member(key);
  if (!v) {
    if (required) require(key);
    return;
  }
  if (!expect(*v, v->is_number(), "type.number", key)) return;
  double d = v->get<double>();
  if (!std::isfinite(d) || std::fabs(d) > 1e15) {
    ctx_.error(at(key), tr("value.not_finite"));
    return;
  }
  out = d == 0 ? 0.0 : d;  // -0 reads as 0
}

void ObjectReader::number(const char* key, double& out) {
  std::optional<double> v;
  number(key, v);
  if (v) out = *v;
}

void ObjectReader::boolean(const char* key, bool& out) {
  const json* v = member(key);
  if (!v) return;
  if (expect(*v, v->is_boolean(), "type.boolean", key)) out = v->get<bool>();
}

void ObjectReader::text_list(const char* key, std::vector<std::string>& out) {
  const json* v = member(key);
  if (!v) return;
  if (!expect(*v, v->is_array(), "type.array", key)) return;
  out.reserve(out.size() + v->size());
  for (size_t i = 0; i < v->size(); ++i) {
    const json& e = (*v)[i];
    if (e.is_string()) out.push_back(e.get<std::string>());
    else ctx_.error(at(key) + "/" + std::to_string(i), tr("type.expected", {tr("type.string"), json_type_name(e)}));
  }
}

void ObjectReader::id_list(const char* key, std::vector<std::string>& out) {
  std::vector<std::string> raw;
  text_list(key, raw);
  out.reserve(out.size() + raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    if (valid_id(raw[i])) out.push_back(raw[i]);
    else ctx_.error(at(key) + "/" + std::to_string(i), tr("value.id", {raw[i]}));
  }
}

void ObjectReader::one_of(const char* key, std::string& out, std::initializer_list<const char*> allowed,
                          bool required) {
  one_of(key, out, std::vector<const char*>(allowed), required);
}

bool ObjectReader::one_of(const char* key, std::string& out, const std::vector<const char*>& allowed,
                          bool required) {
  std::string s;
  text(key, s, required);
  if (s.empty()) return false;
  for (const char* a : allowed)
    if (s == a) {
      out = std::move(s);
      return true;
    }
  std::vector<std::string> cands(allowed.begin(), allowed.end());
  std::string guess = closest_match(s, cands);
  ctx_.error(at(key), guess.empty() ? tr("value.enum", {s, join(allowed)})
                                    : tr("value.enum_suggest", {s, guess, join(allowed)}));
  return false;
}

size_t ObjectReader::array_size(const char* key) {
  const json* v = member(key);
  return v && v->is_array() ? v->size() : 0;
}

void ObjectReader::array(const char* key, const std::function<void(const json&, const std::string&)>& each) {
  const json* v = member(key);
  if (!v) return;
  if (!expect(*v, v->is_array(), "type.array", key)) return;
  const std::string base = at(key) + "/";
  for (size_t i = 0; i < v->size(); ++i) each((*v)[i], base + std::to_string(i));
}

void ObjectReader::object(const char* key, const std::function<void(ObjectReader&)>& f) {
  const json* v = member(key);
  if (!v) return;
  ObjectReader r(ctx_, *v, at(key));
  if (r.valid()) f(r);
}

void ObjectReader::origin(Origin& o) {
  o.file = ctx_.file;
  o.pointer = ptr_;
  if (ctx_.positions) {
    TextPos p = ctx_.positions->value(ptr_);
    o.line = p.line;
    o.column = p.column;
  }
}

void ObjectReader::annotations(Annotated& a) {
  origin(a.origin);
  text_list("notes", a.notes);
  text_list("inferred", a.inferred);
  text_list("acknowledged", a.acknowledged);
  read_lines(a.origin);
}

void ObjectReader::read_lines(Origin& o) {
  const json* l = member("lines");
  if (!l) return;
  bool ok = l->is_array() && l->size() == 2 && (*l)[0].is_number_integer() && (*l)[1].is_number_integer() &&
            (*l)[0].get<long long>() >= 1 && (*l)[0].get<long long>() <= (*l)[1].get<long long>() &&
            (*l)[1].get<long long>() < 10'000'000;
  if (!ok) {
    ctx_.error(at("lines"), tr("value.lines"));
    return;
  }
  o.doc_first = static_cast<int>((*l)[0].get<long long>());
  o.doc_last = static_cast<int>((*l)[1].get<long long>());
}

}  // namespace vitrina
