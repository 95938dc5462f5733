// SHA-256 (FIPS 180-4) for the checksums of data/index.json. Small and self-contained:
// libcrypto is not on vitrina_core's link line.
#pragma once
#include <string>
#include <string_view>

namespace vitrina {

std::string sha256_hex(std::string_view data);  // 64 lower-case hex digits

}  // namespace vitrina
