// A text as a JSON string, with the bytes nlohmann's dump() gives it, written without building
// a json value (search page tables and data/index.json have one for each of thousands of files).
#pragma once
#include <string>
#include <string_view>

namespace vitrina {

// Appends `s` as dump() writes it: a text in well-formed UTF-8 without a quote, a backslash or
// a control character (every output path and page title, in practice) is copied as it is;
// anything else is left to nlohmann.
void append_json_string(std::string& out, std::string_view s);

}  // namespace vitrina
