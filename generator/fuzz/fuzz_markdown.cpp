// libFuzzer target: content pages (front matter with yaml-cpp) and Markdown (cmark-gfm).
// Byte 0 bit 0 = allow_raw_html; bit 1 = parse the input as a whole page with front matter.
// Property in safe mode: no <script element and no javascript:/vbscript: link survives.
#include <algorithm>
#include <string>

#include "fuzz/fuzz_common.h"
#include "load/content_loader.h"
#include "render/markdown.h"

using namespace vitrina;

namespace {
std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const bool raw = data[0] & 1;
  std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] & 2) {
    ContentPage page;
    Diagnostics diags;
    parse_page(text, "content/x.md", page, diags);
    text = page.markdown;
  }
  MarkdownResult r = render_markdown(text, raw);
  if (!raw) {
    const std::string h = lower(r.html);
    if (h.find("<script") != std::string::npos) fuzz::fail("<script> in safe Markdown output", r.html);
    for (const char* bad : {"href=\"javascript:", "href=\"vbscript:", "src=\"javascript:"})
      if (h.find(bad) != std::string::npos) fuzz::fail("dangerous link in safe Markdown output", r.html);
  }
  return 0;
}
