#include "import/json_edit.h"

#include <cmath>
#include <vector>

namespace vitrina {

using nlohmann::json;
using nlohmann::ordered_json;

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

size_t skip_space(const std::string& t, size_t i) {
  while (i < t.size() && is_space(t[i])) ++i;
  return i;
}

size_t string_end(const std::string& t, size_t i) {  // t[i] == '"'; returns one past the closing quote
  for (++i; i < t.size(); ++i) {
    if (t[i] == '\\') ++i;
    else if (t[i] == '"') return i + 1;
  }
  return t.size();
}

size_t value_end(const std::string& t, size_t i) {
  if (t[i] == '"') return string_end(t, i);
  if (t[i] == '{' || t[i] == '[') {
    int depth = 0;
    for (; i < t.size(); ++i) {
      if (t[i] == '"') {
        i = string_end(t, i) - 1;
      } else if (t[i] == '{' || t[i] == '[') {
        ++depth;
      } else if (t[i] == '}' || t[i] == ']') {
        if (--depth == 0) return i + 1;
      }
    }
    return t.size();
  }
  while (i < t.size() && !is_space(t[i]) && t[i] != ',' && t[i] != '}' && t[i] != ']') ++i;
  return i;
}

// One member of an object or element of an array: where its key (objects) and value are.
struct Item { size_t key = 0, value = 0, end = 0; std::string name; };

// The members or elements of the container starting at t[open].
std::vector<Item> items(const std::string& t, size_t open) {
  std::vector<Item> out;
  const bool object = t[open] == '{';
  size_t i = skip_space(t, open + 1);
  while (i < t.size() && t[i] != '}' && t[i] != ']') {
    Item it;
    if (object) {
      it.key = i;
      size_t k = string_end(t, i);
      it.name = json::parse(t.substr(i, k - i)).get<std::string>();
      i = skip_space(t, k);
      i = skip_space(t, i + 1);  // ':'
    }
    it.value = i;
    it.end = value_end(t, i);
    if (!object) it.key = i;
    out.push_back(it);
    i = skip_space(t, it.end);
    if (i < t.size() && t[i] == ',') i = skip_space(t, i + 1);
  }
  return out;
}

std::vector<std::string> tokens(const std::string& pointer) {
  std::vector<std::string> out;
  size_t at = 1;
  while (at <= pointer.size() && !pointer.empty()) {
    size_t slash = pointer.find('/', at);
    if (slash == std::string::npos) slash = pointer.size();
    std::string tok = pointer.substr(at, slash - at);
    for (size_t p; (p = tok.find("~1")) != std::string::npos;) tok.replace(p, 2, "/");
    for (size_t p; (p = tok.find("~0")) != std::string::npos;) tok.replace(p, 2, "~");
    out.push_back(tok);
    at = slash + 1;
  }
  return out;
}

// Start of the value at `pointer`, or npos.
size_t locate(const std::string& t, const std::string& pointer) {
  size_t at = skip_space(t, 0);
  for (const auto& tok : tokens(pointer)) {
    if (at >= t.size() || (t[at] != '{' && t[at] != '[')) return std::string::npos;
    auto list = items(t, at);
    size_t found = std::string::npos;
    if (t[at] == '{') {
      for (const auto& it : list)
        if (it.name == tok) found = it.value;
    } else {
      size_t idx = 0;
      for (char c : tok) idx = idx * 10 + static_cast<size_t>(c - '0');
      if (idx < list.size()) found = list[idx].value;
    }
    if (found == std::string::npos) return found;
    at = found;
  }
  return at;
}

std::string line_indent(const std::string& t, size_t pos) {
  size_t start = t.rfind('\n', pos == 0 ? 0 : pos - 1);
  start = start == std::string::npos ? 0 : start + 1;
  size_t end = start;
  while (end < t.size() && (t[end] == ' ' || t[end] == '\t')) ++end;
  return t.substr(start, end - start);
}

// Integral doubles are written as integers ("55", not "55.0"), as in the bundled data.
ordered_json tidy(const ordered_json& v) {
  if (v.is_number_float()) {
    const double d = v.get<double>();
    if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 1e15) return static_cast<long long>(d);
    return v;
  }
  if (v.is_structured()) {
    ordered_json out = v;
    for (auto& x : out) x = tidy(x);
    return out;
  }
  return v;
}

// A one-line rendering with the spaces people write: {"year": 2024, "value": 5}.
std::string one_line(const ordered_json& v) {
  if (v.is_object()) {
    std::string s = "{";
    for (auto it = v.begin(); it != v.end(); ++it)
      s += (it == v.begin() ? "" : ", ") + json(it.key()).dump() + ": " + one_line(it.value());
    return s + "}";
  }
  if (v.is_array()) {
    std::string s = "[";
    for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + one_line(v[i]);
    return s + "]";
  }
  return tidy(v).dump();
}

}  // namespace

JsonTextEditor::JsonTextEditor(std::string text) : text_(std::move(text)), expected_(json::parse(text_)) {
  // Indentation unit: the indentation of the first indented line.
  for (size_t nl = text_.find('\n'); nl != std::string::npos; nl = text_.find('\n', nl + 1)) {
    std::string ind = line_indent(text_, nl + 1);
    if (!ind.empty()) {
      unit_ = ind;
      break;
    }
  }
  compact_ = text_.find("{\"") != std::string::npos;
}

bool JsonTextEditor::set_member(const std::string& object_pointer, const std::string& key, const ordered_json& value,
                                const char* after) {
  const size_t open = locate(text_, object_pointer);
  if (open == std::string::npos || text_[open] != '{') return false;
  const auto list = items(text_, open);
  const std::string indent = line_indent(text_, open);
  for (const auto& it : list)
    if (it.name == key) {
      const bool multi = text_.find('\n', it.value) < it.end || (!compact_ && value.is_structured());
      const std::string v = multi ? tidy(value).dump(static_cast<int>(unit_.size())) : one_line(value);
      std::string indented;
      for (char c : v) indented += c == '\n' ? "\n" + line_indent(text_, it.key) : std::string(1, c);
      text_.replace(it.value, it.end - it.value, indented);
      expected_[json::json_pointer(object_pointer)][key] = json::parse(tidy(value).dump());
      return true;
    }
  std::string member_indent = indent + unit_, colon = ": ", sep = "\n";
  const bool multiline = !list.empty() ? text_.find('\n', open) < list.front().key : !compact_;
  if (!list.empty()) {
    member_indent = line_indent(text_, list.front().key);
    size_t k = string_end(text_, list.front().key);
    colon = text_.substr(k, list.front().value - k);
  }
  std::string v = (compact_ && !value.is_object()) || !multiline ? one_line(value) : tidy(value).dump(static_cast<int>(unit_.size()));
  if (multiline) {
    std::string indented;
    for (char c : v) indented += c == '\n' ? "\n" + member_indent : std::string(1, c);
    v = indented;
  }
  const std::string member = json(key).dump() + colon + v;
  if (list.empty()) {
    const size_t close = skip_space(text_, open + 1);
    text_.replace(open + 1, close - (open + 1), multiline ? "\n" + member_indent + member + "\n" + indent : member);
  } else {
    size_t at = list.back().end;
    if (after)
      for (const auto& it : list)
        if (it.name == after) at = it.end;
    text_.insert(at, "," + (multiline ? "\n" + member_indent : std::string(" ")) + member);
  }
  expected_[json::json_pointer(object_pointer)][key] = json::parse(tidy(value).dump());
  return true;
}

bool JsonTextEditor::remove_member(const std::string& object_pointer, const std::string& key) {
  const size_t open = locate(text_, object_pointer);
  if (open == std::string::npos || text_[open] != '{') return false;
  const auto list = items(text_, open);
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i].name != key) continue;
    if (list.size() == 1) {  // the only member: the object becomes {}
      text_.erase(open + 1, skip_space(text_, list[i].end) - (open + 1));
    } else if (i > 0) {  // from the end of the member before it: its comma and its line go
      text_.erase(list[i - 1].end, list[i].end - list[i - 1].end);
    } else {  // the first of several: up to where the next one starts
      text_.erase(list[i].key, list[i + 1].key - list[i].key);
    }
    expected_[json::json_pointer(object_pointer)].erase(key);
    return true;
  }
  return false;
}

bool JsonTextEditor::insert_element(const std::string& array_pointer, size_t index, const ordered_json& value) {
  const size_t open = locate(text_, array_pointer);
  if (open == std::string::npos || text_[open] != '[') return false;
  const auto list = items(text_, open);
  if (index > list.size()) return false;
  const std::string indent = line_indent(text_, open);
  auto render = [&](const std::string& elem_indent, bool own_line) {
    // An element on its own line keeps the neighbours' form; small objects go on one line in
    // compact files.
    if (!own_line || compact_) return one_line(value);
    std::string out;
    for (char c : tidy(value).dump(static_cast<int>(unit_.size()))) out += c == '\n' ? "\n" + elem_indent : std::string(1, c);
    return out;
  };
  if (list.empty()) {
    const size_t close = skip_space(text_, open + 1);
    const std::string elem_indent = indent + unit_;
    text_.replace(open + 1, close - (open + 1), "\n" + elem_indent + render(elem_indent, true) + "\n" + indent);
  } else {
    const Item& ref = index < list.size() ? list[index] : list.back();
    size_t ws = ref.value;
    while (ws > 0 && is_space(text_[ws - 1])) --ws;
    const std::string gap = text_.substr(ws, ref.value - ws);  // whitespace before the reference element
    const std::string elem = render(line_indent(text_, ref.value), gap.find('\n') != std::string::npos);
    if (index < list.size()) text_.insert(ref.value, elem + "," + gap);
    else text_.insert(ref.end, "," + gap + elem);
  }
  json& arr = expected_[json::json_pointer(array_pointer)];
  arr.insert(arr.begin() + static_cast<std::ptrdiff_t>(index), json::parse(tidy(value).dump()));
  return true;
}

bool JsonTextEditor::verify() const {
  json got = json::parse(text_, nullptr, false);
  return !got.is_discarded() && got == expected_;
}

}  // namespace vitrina
