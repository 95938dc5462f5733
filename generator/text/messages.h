// User-facing messages in the site language (Russian by default, English with --lang en).
#pragma once
#include <initializer_list>
#include <string>
#include <string_view>

namespace vitrina {

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

// `tpl` with {0}, {1} … replaced by `args` (shared by every message catalogue).
std::string substitute(std::string_view tpl, std::initializer_list<std::string_view> args);

}  // namespace vitrina
