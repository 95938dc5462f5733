// Texts of the compute stage (warnings, the report) in Russian and English.
// They live here rather than in text/messages.cpp so this stage owns its wording; the
// language is still the one chosen by set_language().
#pragma once
#include <initializer_list>
#include <string>
#include <string_view>

#include "compute/metrics.h"

namespace vitrina {

// The text `key` in the current language with {0}, {1} … replaced; unknown key → the key.
std::string compute_text(std::string_view key, std::initializer_list<std::string_view> args = {});

}  // namespace vitrina
