#include "text/messages.h"

#include <nlohmann/json.hpp>

namespace vitrina {

namespace catalogue_data {  // generator/text/catalogue/<lang>.json, embedded by embed.cmake
extern const char ru[];
extern const char en[];
}  // namespace catalogue_data

namespace {

std::string g_lang = "ru";

Catalogue parse(const char* json_text) {
  const nlohmann::json j = nlohmann::json::parse(json_text);
  Catalogue c;
  for (auto it = j.begin(); it != j.end(); ++it) c.emplace(it.key(), it->get<std::string>());
  return c;
}

std::string lookup(std::string_view lang, std::string_view key, std::initializer_list<std::string_view> args) {
  const Catalogue& c = catalogue(lang);
  auto it = c.find(key);
  return substitute(it == c.end() ? key : std::string_view(it->second), args);
}

}  // namespace

const Catalogue& catalogue(std::string_view lang) {
  static const Catalogue ru = parse(catalogue_data::ru), en = parse(catalogue_data::en);
  return lang == "en" ? en : ru;
}

void set_language(std::string_view lang) { g_lang = lang == "en" ? "en" : "ru"; }

namespace {
const std::string kRu = "ru", kEn = "en";
thread_local const std::string* t_document_lang = nullptr;
}  // namespace

const std::string& language() { return t_document_lang ? *t_document_lang : g_lang; }

DocumentLanguage::DocumentLanguage(std::string_view lang) : saved_(t_document_lang) {
  t_document_lang = lang == "en" ? &kEn : &kRu;
}
DocumentLanguage::~DocumentLanguage() { t_document_lang = saved_; }

std::string tr(std::string_view key, std::initializer_list<std::string_view> args) { return lookup(g_lang, key, args); }

std::string tr_doc(std::string_view key, std::initializer_list<std::string_view> args) {
  return lookup(language(), key, args);
}

std::string substitute(std::string_view fmt, std::initializer_list<std::string_view> args) {
  std::string out;
  out.reserve(fmt.size() + 32);
  for (size_t i = 0; i < fmt.size(); ++i) {
    if (fmt[i] == '{' && i + 2 < fmt.size() && fmt[i + 2] == '}' && fmt[i + 1] >= '0' && fmt[i + 1] <= '9') {
      size_t n = static_cast<size_t>(fmt[i + 1] - '0');
      if (n < args.size()) out += *(args.begin() + n);
      i += 2;
    } else {
      out += fmt[i];
    }
  }
  return out;
}

}  // namespace vitrina
