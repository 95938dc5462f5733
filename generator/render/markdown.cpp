#include "render/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <mutex>
#include <string_view>

#include "util/markdown_limits.h"

namespace vitrina {

namespace {

// Parses `text` and returns its link destinations; with `html`, renders it too.
MarkdownResult parse_markdown(const std::string& text, bool allow_raw_html, bool html_wanted) {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });

  // CMARK_OPT_UNSAFE off: cmark drops raw HTML and replaces dangerous URL schemes.
  const int options = CMARK_OPT_DEFAULT | (allow_raw_html ? CMARK_OPT_UNSAFE : 0) | CMARK_OPT_FOOTNOTES;
  cmark_parser* parser = cmark_parser_new(options);
  cmark_llist* exts = nullptr;
  cmark_mem* mem = cmark_get_default_mem_allocator();
  // A table over the limit would make cmark-gfm pad it to gigabytes: without the table
  // extension it stays text (the loader has already reported it).
  const bool tables = !measure_markdown(text).table_too_large();
  for (const char* name : {"table", "strikethrough", "autolink", "tasklist", "tagfilter"}) {
    if (!tables && std::string_view(name) == "table") continue;
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser, ext);
      exts = cmark_llist_append(mem, exts, ext);
    }
  }
  cmark_parser_feed(parser, text.data(), text.size());
  cmark_node* doc = cmark_parser_finish(parser);

  MarkdownResult out;
  cmark_iter* it = cmark_iter_new(doc);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    if (ev == CMARK_EVENT_ENTER && (cmark_node_get_type(n) == CMARK_NODE_LINK)) {
      const char* url = cmark_node_get_url(n);
      out.links.push_back({url ? url : "", cmark_node_get_start_line(n), cmark_node_get_start_column(n)});
    }
  }
  cmark_iter_free(it);

  if (html_wanted) {
    char* html = cmark_render_html(doc, options, exts);
    out.html = html;
    mem->free(html);
  }
  cmark_llist_free(mem, exts);
  cmark_node_free(doc);
  cmark_parser_free(parser);
  return out;
}

}  // namespace

MarkdownResult render_markdown(const std::string& text, bool allow_raw_html) {
  return parse_markdown(text, allow_raw_html, true);
}

std::vector<MarkdownLink> markdown_links(const std::string& text, bool allow_raw_html) {
  return parse_markdown(text, allow_raw_html, false).links;
}

}  // namespace vitrina
