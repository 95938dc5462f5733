// Markdown → HTML with cmark-gfm (tables, strikethrough, autolink, tasklist, tagfilter).
#pragma once
#include <string>
#include <vector>

namespace vitrina {

struct MarkdownLink {
  std::string url;
  int line = 0, column = 0;  // in the Markdown body
};

struct MarkdownResult {
  std::string html;
  std::vector<MarkdownLink> links;  // every link destination, for build-time link checks
};

// Raw HTML is dropped (and javascript:/vbscript:/data: links neutralised) unless `allow_raw_html`.
MarkdownResult render_markdown(const std::string& text, bool allow_raw_html);
// Only the links of render_markdown's result (nothing rendered): the build checks every content
// page's links, and renders only the pages it makes.
std::vector<MarkdownLink> markdown_links(const std::string& text, bool allow_raw_html);

}  // namespace vitrina
