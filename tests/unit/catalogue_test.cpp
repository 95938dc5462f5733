// text/messages.h: the compiled-in catalogues, the two languages (messages, documents), and a
// theme's override of page strings.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "output/html/html_site.h"
#include "text/messages.h"

using namespace vitrina;
namespace fs = std::filesystem;

TEST_CASE("catalogue: both embedded languages have the same keys") {
  const Catalogue& ru = catalogue("ru");
  const Catalogue& en = catalogue("en");
  REQUIRE(ru.size() > 400);
  CHECK(ru.size() == en.size());
  for (const auto& entry : ru) CHECK_MESSAGE(en.count(entry.first), entry.first);
  CHECK(&catalogue("de") == &ru);  // anything but English is Russian
}

TEST_CASE("catalogue: tr follows the messages' language, tr_doc the document's") {
  set_language("en");
  CHECK(tr("report.programme", {"Zima"}) == "Programme: Zima");
  {
    const DocumentLanguage site("ru");
    CHECK(tr("status.on_track") == "on track");        // a message: --lang
    CHECK(tr_doc("status.on_track") == "в графике");  // a document word: the site's language
    CHECK(tr_doc("xlsx.passport.sheet") == "Паспорт");
  }
  CHECK(tr_doc("xlsx.passport.sheet") == "Passport");
  set_language("ru");
  CHECK(tr("report.programme", {"Zima"}) == "Программа: Zima");
  CHECK(tr("no.such.key") == "no.such.key");  // visible, never empty
}

TEST_CASE("catalogue: a theme overrides page strings; the rest come from the catalogue") {
  const fs::path dir = fs::temp_directory_path() / ("vitrina-theme-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "site" / "i18n");
  std::ofstream(dir / "site" / "i18n" / "ru.json") << R"({"nav.dashboard": "Мониторинг"})";
  Diagnostics d;
  const Theme theme = load_theme({dir / "site", dir / "none"}, "ru", d);
  CHECK(d.items().empty());
  CHECK(theme.strings.at("nav.dashboard") == "Мониторинг");
  CHECK(theme.strings.at("nav.indicators") == catalogue("ru").at("nav.indicators"));
  CHECK(theme.strings.at("status.achieved") == "достигнут");
  const Theme english = load_theme({dir / "site"}, "en", d);  // no en.json in the theme
  CHECK(english.strings.at("nav.dashboard") == catalogue("en").at("nav.dashboard"));
  fs::remove_all(dir);
}

TEST_CASE("catalogue: a theme's broken strings file is reported in Russian at its line and column") {
  const fs::path dir = fs::temp_directory_path() / ("vitrina-theme-bad-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "i18n");
  const std::string file = (dir / "i18n" / "ru.json").string();
  std::ofstream(file) << "{\n  \"nav.dashboard\": \"Мониторинг\"\n  \"nav.indicators\": \"Цели\"\n}\n";
  Diagnostics d;
  Theme theme = load_theme({dir}, "ru", d);
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].file == file);
  CHECK(d.items()[0].line == 2);  // the comma is missing at the end of line 2
  CHECK(d.items()[0].message.find("пропущена запятая") != std::string::npos);
  CHECK(d.items()[0].message.find("parse error") == std::string::npos);  // not nlohmann's English
  CHECK(theme.strings.at("nav.dashboard") == catalogue("ru").at("nav.dashboard"));  // the file is not used
  // A value that is not a text, and a file that is not an object: errors at their places.
  std::ofstream(file) << "{\"nav.dashboard\": \"Мониторинг\",\n \"nav.indicators\": 5}\n";
  Diagnostics d2;
  theme = load_theme({dir}, "ru", d2);
  REQUIRE(d2.items().size() == 1);
  CHECK(d2.items()[0].line == 2);
  CHECK(d2.items()[0].message == "ожидается текст, а указано число");
  CHECK(theme.strings.at("nav.dashboard") == "Мониторинг");
  std::ofstream(file) << "[\"Мониторинг\"]\n";
  Diagnostics d3;
  load_theme({dir}, "ru", d3);
  REQUIRE(d3.items().size() == 1);
  CHECK(d3.items()[0].message == "ожидается объект, а указано массив");
  fs::remove_all(dir);
}
