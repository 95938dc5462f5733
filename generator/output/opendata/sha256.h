// SHA-256 for the checksums of data/index.json, by OpenSSL's libcrypto (libssl-dev; the
// package's libssl3 is a dependency of libzip4 anyway).
#pragma once
#include <string>
#include <string_view>

namespace vitrina {

std::string sha256_hex(std::string_view data);  // 64 lower-case hex digits

}  // namespace vitrina
