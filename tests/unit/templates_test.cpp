// Templates are linted against the UI strings: kainjow renders an unknown {{t.key}} as empty
// text, so a missing translation would silently vanish from the page.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "render/template_set.h"
#include "text/messages.h"

using namespace vitrina;

namespace {
std::set<std::string> ui_keys(const std::string& lang) {
  std::set<std::string> keys;
  for (const auto& entry : catalogue(lang)) {
    std::string k = entry.first;
    std::replace(k.begin(), k.end(), '.', '_');  // as html_site.cpp exposes them
    keys.insert(k);
  }
  return keys;
}
}  // namespace

TEST_CASE("templates: every {{t.*}} string exists in the ru and en catalogues") {
  Diagnostics d;
  TemplateSet set = TemplateSet::load({std::string(VITRINA_SOURCE_DIR) + "/templates"}, d);
  CHECK(d.items().empty());
  const auto ru = ui_keys("ru"), en = ui_keys("en");
  CHECK(ru == en);
  size_t checked = 0;
  for (const auto& source : set.sources()) {
    const std::string& name = source.first;  // clang 14: no structured bindings in doctest macros
    for (const auto& tag : set.tags(name)) {
      if (tag.rfind("t.", 0) != 0) continue;
      ++checked;
      CHECK_MESSAGE(ru.count(tag.substr(2)), name << ": {{" << tag << "}} has no UI string");
    }
  }
  CHECK(checked > 50);
  CHECK(set.has("layout"));
  CHECK(set.tags("indicator").size() > 10);  // partials are inlined
}

TEST_CASE("templates: partials are inlined once; a missing or recursive partial is an error") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("vitrina-tpl-" + std::to_string(::getpid()));
  fs::create_directories(dir / "partials");
  std::ofstream(dir / "a.mustache") << "A[{{> partials/b}}]";
  std::ofstream(dir / "partials/b.mustache") << "B{{x}}";
  std::ofstream(dir / "loop.mustache") << "{{> loop}}";
  std::ofstream(dir / "missing.mustache") << "{{> nope}}";
  Diagnostics d;
  TemplateSet set = TemplateSet::load({dir}, d);
  View v;
  v.set("x", "<&>");
  CHECK(set.render("a", v) == "A[B&lt;&amp;&gt;]");
  CHECK(d.error_count() == 2);
  fs::remove_all(dir);
}
