// Why a JSON text failed to parse, said for the methodologist who typed it: one message in the
// catalogue's language at the place to fix, naming the usual causes — a missing or extra
// comma, a decimal comma (47,1), typographic quotes pasted from Word, a file saved in
// Windows-1251 or UTF-16, a stray BOM, an unclosed bracket. nlohmann/json stays the parser;
// this runs only on text it has rejected, because its errors are English and give a byte
// offset without saying what was expected there.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace vitrina {

struct JsonSyntaxError {
  size_t offset = 0;    // byte offset of the place to fix
  std::string message;  // complete, translated ("синтаксическая ошибка JSON: …")
};

// Explains the first error of `text`. `parser_offset` is where the parser stopped, used when
// the text's syntax is fine and the parser refused something else (a number too large).
JsonSyntaxError explain_json_error(std::string_view text, size_t parser_offset);

}  // namespace vitrina
