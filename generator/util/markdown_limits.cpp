#include "util/markdown_limits.h"

#include <vector>

namespace vitrina {

namespace {

bool blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

// Skips the container markers at the start of a line (block quotes, list items, their
// indentation) and returns how deep they nest. `rest` is what follows them.
size_t container_depth(std::string_view line, std::string_view& rest) {
  size_t depth = 0, i = 0, spaces = 0;
  while (i < line.size()) {
    const char c = line[i];
    if (c == ' ' || c == '\t') {
      spaces += c == '\t' ? 4 : 1;
      ++i;
      continue;
    }
    depth += spaces / 2;  // indentation nests list items (an over-estimate)
    spaces = 0;
    if (c == '>') {
      ++depth;
      ++i;
      continue;
    }
    size_t j = i;
    if (c == '-' || c == '+' || c == '*') {
      ++j;
    } else {
      while (j < line.size() && j - i < 9 && line[j] >= '0' && line[j] <= '9') ++j;
      if (j == i || j >= line.size() || (line[j] != '.' && line[j] != ')')) break;
      ++j;
    }
    if (j < line.size() && (line[j] == ' ' || line[j] == '\t')) {
      ++depth;
      i = j;
      continue;
    }
    break;
  }
  depth += spaces / 2;
  rest = line.substr(i);
  return depth;
}

// Columns of a GFM delimiter row ("| --- | :-: |"), or 0 when `s` is not one.
size_t delimiter_columns(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  if (s.empty() || s.find('|') == std::string_view::npos) return 0;  // "---" is a heading underline
  if (s.front() == '|') s.remove_prefix(1);
  if (!s.empty() && s.back() == '|') s.remove_suffix(1);
  size_t columns = 1;
  bool dash = false;
  for (char c : s) {
    if (c == '|') {
      if (!dash) return 0;
      ++columns;
      dash = false;
    } else if (c == '-') {
      dash = true;
    } else if (c != ':' && c != ' ' && c != '\t') {
      return 0;
    }
  }
  return dash ? columns : 0;
}

bool fence(std::string_view rest) { return rest.substr(0, 3) == "```" || rest.substr(0, 3) == "~~~"; }

}  // namespace

MarkdownLimits measure_markdown(std::string_view text) {
  MarkdownLimits m;
  std::vector<std::string_view> lines;
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  bool in_fence = false;
  for (size_t k = 0; k < lines.size(); ++k) {
    std::string_view rest;
    const size_t depth = container_depth(lines[k], rest);
    if (fence(rest)) {
      in_fence = !in_fence;
      continue;
    }
    if (in_fence) continue;
    if (depth > m.depth) m.depth = depth, m.depth_line = k + 1;
    if (k == 0 || blank(lines[k - 1])) continue;
    const size_t columns = delimiter_columns(rest);
    if (columns == 0) continue;
    size_t rows = 1;  // the header line above
    size_t end = k + 1;
    while (end < lines.size() && !blank(lines[end])) ++end;
    rows += end - (k + 1);
    if (columns * rows > m.table_columns * m.table_rows) {
      m.table_line = k;  // the header, 1-based
      m.table_columns = columns;
      m.table_rows = rows;
    }
    k = end - 1;
  }
  return m;
}

}  // namespace vitrina
