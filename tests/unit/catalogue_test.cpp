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
