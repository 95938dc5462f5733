// util/markdown_limits.h: the scan that finds tables cmark-gfm would pad to gigabytes and
// nesting too deep to read, before cmark sees the text.
#include <doctest/doctest.h>

#include <string>

#include "util/markdown_limits.h"

using namespace vitrina;

TEST_CASE("markdown_limits: a table's cells are columns × rows, up to the next blank line") {
  MarkdownLimits m = measure_markdown("intro\n\n| a | b | c |\n|---|:-:|--:|\n| 1 | 2 | 3 |\n| 4 |\n\nafter\n");
  CHECK(m.table_line == 3);
  CHECK(m.table_columns == 3);
  CHECK(m.table_rows == 3);
  CHECK_FALSE(m.table_too_large());
  std::string wide = "|" ;
  for (int i = 0; i < 5000; ++i) wide += "a|";
  wide += "\n|";
  for (int i = 0; i < 5000; ++i) wide += "-|";
  wide += "\n";
  for (int i = 0; i < 100; ++i) wide += "|\n";
  m = measure_markdown(wide);
  CHECK(m.table_columns == 5000);
  CHECK(m.table_too_large());
}

TEST_CASE("markdown_limits: headings, rules and fenced code are not tables") {
  CHECK(measure_markdown("Title\n---\ntext\n").table_columns == 0);
  CHECK(measure_markdown("a\n\n---\n").table_columns == 0);
  CHECK(measure_markdown("```\n| a |\n|---|\n```\n").table_columns == 0);
}

TEST_CASE("markdown_limits: nesting counts quotes, list markers and indentation") {
  CHECK(measure_markdown("> > - item\n").depth == 3);
  std::string deep;
  for (int i = 0; i < 150; ++i) deep += "> ";
  MarkdownLimits m = measure_markdown("text\n\n" + deep + "x\n");
  CHECK(m.depth == 150);
  CHECK(m.depth_line == 3);
  CHECK(m.too_deep());
  CHECK_FALSE(measure_markdown("```\n" + deep + "\n```\n").too_deep());
}
