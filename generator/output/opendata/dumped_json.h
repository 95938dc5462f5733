// Pretty-printed JSON (nlohmann's dump(2)) put together from values dumped on their own. Open
// data writes each indicator's object in the indicator's file and again inside its programme's
// file: it is built and dumped once for both. The bytes are exactly those of dumping the whole
// document (tests/unit/opendata_test.cpp compares them): a value nested d levels deep is its
// own dump with 2·d more spaces after each line break, and dump never leaves a raw line break
// inside a string (it writes \n).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace vitrina::dumped_json {

// A document: an object whose members are added in order, each value already dumped with
// dump(2). `key` is one of Vitrina's own ASCII names: nothing in it to escape.
class Document {
 public:
  Document& add(std::string_view key, std::string_view dumped);
  // A member whose value is the array of `dumped` values.
  Document& add_array(std::string_view key, const std::vector<std::string>& dumped);
  // The document's dump(2); moved out, once.
  std::string dump();
  // The same and a line break, as open data files end.
  std::string text() { return dump() + '\n'; }

 private:
  void key(std::string_view key);
  std::string out_;
};

}  // namespace vitrina::dumped_json
