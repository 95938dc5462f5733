// Well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), the
// one check the loader, the content pages and the CSV reader share.
#pragma once
#include <cstddef>
#include <string_view>

namespace vitrina {

// Byte offset of the first byte that is not part of a well-formed UTF-8 sequence, or npos.
size_t invalid_utf8_at(std::string_view s);
inline bool is_valid_utf8(std::string_view s) { return invalid_utf8_at(s) == std::string_view::npos; }

}  // namespace vitrina
