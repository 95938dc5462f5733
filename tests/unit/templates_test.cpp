// Templates are linted against the UI strings: kainjow renders an unknown {{t.key}} as empty
// text, so a missing translation would silently vanish from the page.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

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

// ViewStack and the escape TemplateSet sets replace kainjow's own context and html_escape for
// speed: a template must render exactly as it did with kainjow's.
TEST_CASE("templates: ViewStack and the escape render as kainjow's context and html_escape") {
  const std::string text =
      "{{a}}|{{t.x}}|{{t.y.z}}|{{t.y.}}|{{.}}|{{missing.x}}|{{#rows}}[{{a}}{{t.x}}{{.}}{{b.c}}{{{u}}}]{{/rows}}"
      "{{^none}}no{{/none}}|{{q}}";
  View t, y, row1, row2, b, bottom, top;
  y.set("z", "Z");
  t.set("x", "X<");
  t.set("y", y);
  bottom.set("t", t);
  bottom.set("a", "bottom");
  top.set("a", "top&'\"");
  top.set("q", "plain text with <b> & 'quotes' and \"more\" > end");
  b.set("c", "C");
  row1.set("a", "r1");
  row1.set("b", b);
  row2.set("u", "<raw>");
  row2.set("t", View(View::type::bool_false));  // t.x does not resolve here: it is looked for further down
  View rows(View::type::list);
  rows.push_back(row1);
  rows.push_back(row2);
  top.set("rows", rows);

  kainjow::mustache::mustache reference(text);
  kainjow::mustache::context<std::string> theirs(&bottom);
  theirs.push(&top);
  std::ostringstream rendered;
  reference.render(theirs, rendered);
  const std::string expected = rendered.str();

  Diagnostics d;
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("vitrina-tpl-stack-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "page.mustache") << text;
  TemplateSet set = TemplateSet::load({dir}, d);
  ViewStack ours(&bottom);
  ours.push(&top);
  CHECK(set.render("page", ours) == expected);
  CHECK(expected.find("top&amp;&apos;&quot;") != std::string::npos);  // the case is not trivial
  CHECK(expected.find("[r1X&lt;") != std::string::npos);
  fs::remove_all(dir);
}

// inline_words writes the words into the compiled templates: the pages read as when each
// {{t.key}} was looked up in the "t" view, and calling it again replaces the words.
TEST_CASE("templates: inlined words render as the t view rendered them") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("vitrina-tpl-words-" + std::to_string(::getpid()));
  fs::create_directories(dir / "partials");
  std::ofstream(dir / "page.mustache") << "{{t.a}}|{{{t.a}}}|{{& t.a}}|{{ t.b }}|{{t.missing}}|{{t.multi}}\n"
                                          "{{#rows}}<{{t.a}}{{x}}>\n{{/rows}}{{> partials/p}}";
  std::ofstream(dir / "partials/p.mustache") << "[{{t.b}}]";
  Diagnostics d;
  TemplateSet looked_up = TemplateSet::load({dir}, d), inlined = TemplateSet::load({dir}, d);
  auto render = [](TemplateSet& set, const std::map<std::string, std::string>& words) {
    View t, page, rows(View::type::list), row;
    for (const auto& [k, v] : words) t.set(k, v);
    page.set("t", t);
    row.set("x", "1");
    rows.push_back(row);
    page.set("rows", rows);
    return set.render("page", page);
  };
  const std::map<std::string, std::string> words{{"a", "A&<'\""}, {"b", "Б"}, {"multi", "line\nbreak"}};
  inlined.inline_words(words);
  const std::string expected = render(looked_up, words);
  CHECK(render(inlined, words) == expected);
  CHECK(expected.find("A&amp;&lt;&apos;&quot;|A&<'\"|A&<'\"|Б||line\nbreak\n") == 0);
  // Without the view the words still come from the templates, except the one with a line break.
  CHECK(render(inlined, {}).find("A&amp;&lt;&apos;&quot;|A&<'\"|A&<'\"|Б||\n<A&amp;") == 0);
  const std::map<std::string, std::string> other{{"a", "X"}, {"b", "Y"}, {"multi", "Z"}};
  inlined.inline_words(other);
  CHECK(render(inlined, other) == render(looked_up, other));
  CHECK(inlined.compile_copy().render("page", View()) == inlined.render("page", View()));
  CHECK(inlined.render("page", View()).find("X|X|X|Y||Z\n[Y]") == 0);
  CHECK(d.error_count() == 0);
  fs::remove_all(dir);
}

// render_around puts the content into a layout rendered around a marker: whatever the layout
// does with the content, the page is what rendering it with the content gives.
TEST_CASE("templates: render_around gives what the layout rendered with the content gives") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("vitrina-tpl-around-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::vector<std::string> layouts{
      "<main>\n{{{content}}}\n</main>{{x}}\n",  // the built-in layout's way
      "{{&content}}",
      "<p>{{content}}</p>",                          // escaped
      "{{{content}}}|{{{content}}}",                 // twice
      "no content here",
      "{{#content}}[{{.}}]{{/content}}",
      "a\n{{#x}}{{{content}}}{{/x}}\nb",             // a section tag on the content's line
      "{{^x}}{{{content}}}{{/x}}"};
  const std::vector<std::string> contents{"<h1>Page & \"title\"</h1>\nline 2", "", " \t ", "x", "\x01<vitrina:inner>\x01"};
  for (size_t i = 0; i < layouts.size(); ++i) std::ofstream(dir / ("l" + std::to_string(i) + ".mustache")) << layouts[i];
  Diagnostics d;
  TemplateSet set = TemplateSet::load({dir}, d);
  size_t spliced = 0;
  for (size_t i = 0; i < layouts.size(); ++i)
    for (const auto& content : contents) {
      const std::string name = "l" + std::to_string(i);
      View expected_view, view;
      expected_view.set("x", "X");
      expected_view.set("content", content);
      view.set("x", "X");
      const std::string expected = set.render(name, expected_view);
      ViewStack stack(&view);
      const std::string got = set.render_around(name, stack, view, "content", std::string(content));
      CHECK_MESSAGE(got == expected, "layout " << i << ", content «" << content << "»");
      spliced += view.get("content")->string_value() != content;
    }
  CHECK(spliced >= 6);  // the marker was used, not only the fallback
  CHECK(d.error_count() == 0);
  fs::remove_all(dir);
}
