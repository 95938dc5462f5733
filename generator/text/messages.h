// User-facing messages in the site language (Russian by default, English with --lang en).
#pragma once
#include <initializer_list>
#include <string>
#include <string_view>

namespace vitrina {

void set_language(std::string_view lang);  // "ru" or "en"; anything else keeps "ru"
const std::string& language();

// The message `key` in the current language with {0}, {1} … replaced by `args`.
// An unknown key returns the key itself, so a missing translation is visible, not empty.
std::string tr(std::string_view key, std::initializer_list<std::string_view> args = {});

// `tpl` with {0}, {1} … replaced by `args` (shared by every message catalogue).
std::string substitute(std::string_view tpl, std::initializer_list<std::string_view> args);

}  // namespace vitrina
