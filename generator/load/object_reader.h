// Typed, diagnosing access to one JSON object: every read names the field, so that wrong
// types, missing fields and unknown fields become diagnostics with exact positions.
#pragma once
#include <functional>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostics.h"
#include "load/json_positions.h"
#include "model/model.h"

namespace vitrina {

struct FileContext {
  FileName file;  // as shown in diagnostics; shared with every Origin read from the file
  const PositionMap* positions = nullptr;
  Diagnostics* diags = nullptr;
  // Set when an object lacks a required field (an id, say): references into the file are then
  // not checked, so that one misspelt key does not bring a cascade of unknown references.
  bool* incomplete = nullptr;

  void error(const std::string& pointer, const std::string& msg, bool at_key = false) const;
  void warning(const std::string& pointer, const std::string& msg, bool at_key = false) const;
};

// Name of a JSON value's type in the current language ("текст", "число" …).
std::string json_type_name(const nlohmann::json& v);
// Closest candidate by edit distance, or "" when none is close enough to suggest.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);
bool valid_id(const std::string& s);
bool valid_iso_date(const std::string& s);

class ObjectReader {
 public:
  // Reports an error (and reads nothing) when `value` is not an object.
  ObjectReader(const FileContext& ctx, const nlohmann::json& value, std::string pointer);
  ~ObjectReader();  // reports unknown fields
  ObjectReader(const ObjectReader&) = delete;
  ObjectReader& operator=(const ObjectReader&) = delete;

  bool valid() const { return obj_ != nullptr; }
  const std::string& pointer() const { return ptr_; }
  std::string at(const char* key) const;  // pointer of a member
  const FileContext& ctx() const { return ctx_; }

  bool has(const char* key);
  void text(const char* key, std::string& out, bool required = false);
  void id(const char* key, std::string& out, bool required = false);
  void date(const char* key, std::string& out);
  // The same into a RareText (model/model.h).
  void text(const char* key, RareText& out) {
    std::string s = out;
    text(key, s);
    out = std::move(s);
  }
  void date(const char* key, RareText& out) {
    std::string s = out;
    date(key, s);
    out = std::move(s);
  }
  void integer(const char* key, std::optional<int>& out, bool required = false);
  void integer(const char* key, int& out, bool required = false);
  void number(const char* key, std::optional<double>& out, bool required = false);
  void number(const char* key, double& out);
  void boolean(const char* key, bool& out);
  void text_list(const char* key, std::vector<std::string>& out);
  void text_list(const char* key, TextList& out) {
    std::vector<std::string> items = out.items();
    text_list(key, items);
    out = std::move(items);
  }
  void id_list(const char* key, std::vector<std::string>& out);
  void one_of(const char* key, std::string& out, std::initializer_list<const char*> allowed, bool required = false);
  // The same over a list; true when a value was read.
  bool one_of(const char* key, std::string& out, const std::vector<const char*>& allowed, bool required = false);
  // A word of the vocabulary (model/vocabulary.h): one of E's keys, in the order of all_values<E>().
  // The only place where the data's strings become enums; an unknown key is an error naming
  // the allowed ones, and `out` is left as it was.
  template <class E>
  void word(const char* key, E& out, bool required = false) {
    std::vector<const char*> keys;
    for (E e : all_values<E>()) keys.push_back(Values<E>::key(e));
    std::string s;
    if (one_of(key, s, keys, required)) out = *from_key<E>(s);
  }
  // Elements of an array member; 0 when it is absent or not an array.
  size_t array_size(const char* key);
  // Calls `each(element, pointer)` for every element of an array member.
  void array(const char* key, const std::function<void(const nlohmann::json&, const std::string&)>& each);
  // Calls `f(reader)` with a reader of an object member.
  void object(const char* key, const std::function<void(ObjectReader&)>& f);
  // Raw member for fields with several accepted shapes; marks it known. nullptr when absent.
  const nlohmann::json* raw(const char* key);
  // notes, inferred, lines and the object's origin.
  void annotations(Annotated& a);
  void origin(Origin& o);
  // A required field that is absent: reported by the destructor, as the misspelt field when
  // an unknown one is close to its name.
  void require(const char* key);
  // A field whose presence is fine but which Vitrina does not read ("$schema").
  void ignore(const char* key) { member(key); }

 private:
  const nlohmann::json* member(const char* key);
  void read_lines(Origin& o);
  bool expect(const nlohmann::json& v, bool ok, const char* type_key, const char* key);

  bool is_known(std::string_view key) const;
  bool acknowledges(const char* code) const;
  void report_unknown_fields();

  const FileContext& ctx_;
  const nlohmann::json* obj_ = nullptr;
  std::string ptr_;
  // Field names asked for (string literals at every call site, so views are safe), and
  // how many of them the object has: when that equals its size, no field is unknown and
  // the destructor skips the search. A short vector beats a set for a dozen names.
  std::vector<std::string_view> known_;
  size_t present_ = 0;
  std::vector<std::string_view> missing_;  // required fields that are absent
};

}  // namespace vitrina
