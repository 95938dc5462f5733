// Edits a data file's JSON text in place, for `vitrina import`: every byte outside the values
// it sets stays as it was (formatting, key order, escapes), so an imported file and a
// hand-edited one look the same and a diff shows only what changed. New members and array
// elements copy the layout of their neighbours (one line per object, as in examples/demo, or
// one line per member, as in data/). nlohmann/json keeps no source positions, hence this small
// scanner (README: «Where no library served»).
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace vitrina {

class JsonTextEditor {
 public:
  // `text` must be valid JSON.
  explicit JsonTextEditor(std::string text);

  // Sets member `key` of the object at `object_pointer` (RFC 6901) to `value`: its value text
  // is replaced, or a new member is added after member `after` (when the object has it) or
  // last. False when the pointer does not name an object.
  bool set_member(const std::string& object_pointer, const std::string& key, const nlohmann::ordered_json& value,
                  const char* after = nullptr);
  // Removes member `key` of the object at `object_pointer`, with the comma and the line it stood
  // on. False when the pointer does not name an object that has it.
  bool remove_member(const std::string& object_pointer, const std::string& key);
  // Inserts `value` into the array at `array_pointer` before element `index` (its size: last).
  bool insert_element(const std::string& array_pointer, size_t index, const nlohmann::ordered_json& value);

  const std::string& text() const { return text_; }
  // The text parses to the original document with exactly the edits made (a safety net).
  bool verify() const;

 private:
  std::string text_;
  nlohmann::json expected_;
  std::string unit_ = "  ";  // one level of indentation, from the file
  bool compact_ = false;     // small objects are written on one line (`{"year": 2024, …}`)
};

}  // namespace vitrina
