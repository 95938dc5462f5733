// Limits on Markdown pages that the loader reports and the renderer enforces on its own
// (docs/security.md, «Пределы»). cmark-gfm pads every row of a table to the header's
// column count, so a 29 KB table with 5,000 columns and a few thousand one-character rows
// grows past 4.9 GiB; deeply nested quotes and lists make pages no one can read. Both are
// found by a scan of the text before cmark sees it.
#pragma once
#include <cstddef>
#include <string_view>

namespace vitrina {

constexpr size_t kMaxTableCells = 100000;  // columns × rows of one GFM table
constexpr size_t kMaxMarkdownDepth = 100;  // nested block quotes and list levels

struct MarkdownLimits {
  // The largest table (header line, columns, rows including the header).
  size_t table_line = 0, table_columns = 0, table_rows = 0;
  // The deepest nesting and the line it is on.
  size_t depth = 0, depth_line = 0;
  bool table_too_large() const { return table_columns * table_rows > kMaxTableCells; }
  bool too_deep() const { return depth > kMaxMarkdownDepth; }
};

// Upper estimates (a table ends at a blank line; indentation counts as nesting), never less
// than what cmark-gfm builds. Lines inside fenced code blocks are skipped.
MarkdownLimits measure_markdown(std::string_view text);

}  // namespace vitrina
