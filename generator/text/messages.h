// Every user-facing word, from one catalogue per language: generator/text/catalogue/ru.json and
// en.json (compiled in). CLI texts, diagnostics and the report are in the messages' language
// (--lang, VITRINA_LANG; tr()); workbooks and status words in documents are in the document's
// language (tr_doc()); pages take the site's catalogue, which a theme may override
// (output/html/html_site.h). Keys are literals at every call site, so that
// tests/py/test_catalogue.py can check that each one exists in both languages.
#pragma once
#include <functional>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>

namespace vitrina {

using Catalogue = std::map<std::string, std::string, std::less<>>;

// The whole catalogue of `lang` ("en", or "ru" for anything else).
const Catalogue& catalogue(std::string_view lang);

void set_language(std::string_view lang);  // "ru" or "en"; anything else keeps "ru"
// The language of what is being written: the messages' language, or on a thread where a
// DocumentLanguage is alive, that document's language.
const std::string& language();

// Documents made for the site (workbooks) are in the site's language whatever language the
// messages are in (--lang, VITRINA_LANG): while one of these lives, language() on this
// thread is `lang` ("en", or "ru" for anything else); tr() is unaffected.
class DocumentLanguage {
 public:
  explicit DocumentLanguage(std::string_view lang);
  ~DocumentLanguage();
  DocumentLanguage(const DocumentLanguage&) = delete;
  DocumentLanguage& operator=(const DocumentLanguage&) = delete;

 private:
  const std::string* saved_;
};

// The message `key` in the current language with {0}, {1} … replaced by `args`.
// An unknown key returns the key itself, so a missing translation is visible, not empty.
std::string tr(std::string_view key, std::initializer_list<std::string_view> args = {});

// The same in language(): the document's language on a thread where a DocumentLanguage is
// alive (workbooks), else the messages' language. Words that appear in documents (status
// and rating labels) are looked up this way.
std::string tr_doc(std::string_view key, std::initializer_list<std::string_view> args = {});

// `tpl` with {0}, {1} … replaced by `args`.
std::string substitute(std::string_view tpl, std::initializer_list<std::string_view> args);

}  // namespace vitrina
