// ICU-based formatting: plurals, numbers, dates, slugs; Markdown rendering.
#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "render/markdown.h"
#include "text/format.h"

using namespace vitrina;

TEST_CASE("Russian plurals") {
  const std::string f = "мероприятие|мероприятия|мероприятий|мероприятия";
  CHECK(plural(1, f, "ru") == "1\u00A0мероприятие");
  CHECK(plural(2, f, "ru") == "2\u00A0мероприятия");
  CHECK(plural(5, f, "ru") == "5\u00A0мероприятий");
  CHECK(plural(21, f, "ru") == "21\u00A0мероприятие");
  CHECK(plural(11, f, "ru") == "11\u00A0мероприятий");
  CHECK(plural_category(5, "ru") == "many");
  CHECK(plural_category(1, "en") == "one");
}

TEST_CASE("numbers and values") {
  CHECK(format_number(1234.5, 1, "ru") == "1\u00A0234,5");
  CHECK(format_number(1234.5, 1, "en") == "1,234.5");
  CHECK(format_value(55, 0, "%", "ru") == "55\u00A0%");
  CHECK(format_value(55, 0, "%", "en") == "55%");
  CHECK(format_value(std::nullopt, 0, "%", "ru") == "—");
  CHECK(format_number(0.125, 2, "ru") == "0,13");  // half up
}

// format_number keeps what each thread formatted: a figure asked again, with another precision
// or locale, or after the cache was cleared, reads as a thread that never formatted before reads it.
TEST_CASE("numbers: remembered figures read as freshly formatted ones") {
  std::vector<double> values;
  for (int i = -3000; i <= 3000; ++i) values.push_back(i * 0.37 + (i % 7) * 1000.0);
  values.insert(values.end(), {0.0, -0.0, 0.005, 0.125, 1e9, -1234.5});
  auto format_all = [&] {
    std::vector<std::string> out;
    for (const char* locale : {"ru", "en"})
      for (int precision = 0; precision <= 3; ++precision)
        for (double v : values) out.push_back(format_number(v, precision, locale));
    return out;
  };
  std::vector<std::string> fresh;
  std::thread([&] { fresh = format_all(); }).join();  // a new thread starts with nothing remembered
  const auto first = format_all(), again = format_all();
  CHECK(first == fresh);
  CHECK(again == fresh);
  for (int i = 0; i < 70000; ++i) format_number(i + 0.5, 1, "ru");  // past the size at which it is cleared
  CHECK(format_all() == fresh);
  CHECK(format_number(1234.5, 1, "ru") == "1\u00A0234,5");
  CHECK(format_number(1234.5, 2, "ru") == "1\u00A0234,50");
  CHECK(format_number(1234.5, 1, "en") == "1,234.5");
}

TEST_CASE("dates") {
  CHECK(format_date("2022-01-27", "ru") == "27 января 2022\u00A0г.");
  CHECK(format_date("2022-03", "ru") == "март 2022\u00A0г.");
  CHECK(format_date("2022-01-27", "en") == "January 27, 2022");
}

TEST_CASE("slugs are transliterated by one ICU rule") {
  CHECK(slugify("Программа Беломорск") == "programma-belomorsk");
  CHECK(slugify("  Общие положения! ") == "obshchiye-polozheniya");
  CHECK(slugify("") == "page");
}

TEST_CASE("markdown: GFM extensions on, raw HTML and javascript: links off by default") {
  auto r = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ https://example.org\n\n- [x] done\n", false);
  CHECK(r.html.find("<table>") != std::string::npos);
  CHECK(r.html.find("<del>x</del>") != std::string::npos);
  CHECK(r.html.find("href=\"https://example.org\"") != std::string::npos);
  CHECK(r.html.find("checkbox") != std::string::npos);
  auto unsafe = render_markdown("<script>x</script>\n\n[a](javascript:alert(1))\n", false);
  CHECK(unsafe.html.find("<script>") == std::string::npos);
  CHECK(unsafe.html.find("javascript:") == std::string::npos);
  auto allowed = render_markdown("<b>raw</b>\n", true);
  CHECK(allowed.html.find("<b>raw</b>") != std::string::npos);
  CHECK(render_markdown("[x](../a/index.html)", false).links.at(0).url == "../a/index.html");
}

// The link check reads links without rendering: the same links, at the same places.
TEST_CASE("markdown: markdown_links are render_markdown's links") {
  const std::string text =
      "# T\n\nSee [a](../a/index.html#x) and <https://example.org>, www.example.com,\n"
      "[ref][r], [js](javascript:alert(1)).\n\n| a | [b](/b/) |\n|---|---|\n| [c](c.html) | 2 |\n\n[r]: ./r/index.html\n";
  for (bool raw : {false, true}) {
    const auto rendered = render_markdown(text, raw).links;
    const auto links = markdown_links(text, raw);
    REQUIRE(links.size() == rendered.size());
    CHECK(links.size() >= 6);
    for (size_t i = 0; i < links.size(); ++i) {
      CHECK(links[i].url == rendered[i].url);
      CHECK(links[i].line == rendered[i].line);
      CHECK(links[i].column == rendered[i].column);
    }
  }
}
