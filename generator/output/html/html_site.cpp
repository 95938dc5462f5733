#include "output/html/html_site.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <unordered_set>
#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <memory>
#include <optional>

#include "load/json_positions.h"
#include "load/loader.h"
#include "load/object_reader.h"
#include "output/html/htaccess.h"
#include "output/html/views.h"
#include "output/svg/charts.h"
#include "plan/outputs.h"
#include "render/markdown.h"
#include "util/parallel.h"
#include "util/read_file.h"
#include "util/xml_chars.h"
#include "text/format.h"
#include "text/messages.h"

namespace vitrina {

namespace fs = std::filesystem;
using kainjow::mustache::list;

namespace {

// FNV-1a: a cache-busting fingerprint for asset names, not a security hash.
std::string fingerprint(const std::string& bytes) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return std::string(buf, 10);
}

}  // namespace

// A theme folder, its assets/ or i18n/ or a strings file that is a symbolic link could
// publish files from outside the site: such a path is skipped with a warning.
static bool symlinked(const std::vector<fs::path>& paths, Diagnostics& diags) {
  std::error_code ec;
  for (const auto& p : paths)
    if (fs::is_symlink(p, ec)) {
      diags.warning(p.string(), 0, 0, tr("content.symlink"));
      return true;
    }
  return false;
}

// A theme's i18n/<lang>.json: an object of texts. Its mistakes are reported as the data's are
// (the loader's JSON reading: explained syntax errors, line and column, the messages' language),
// never in nlohmann's English; a value that is not a text is an error at its place.
static void read_theme_strings(const fs::path& file, const std::string& text, Theme& theme, Diagnostics& diags) {
  nlohmann::json j;
  PositionMap positions;
  if (!parse_json_text(text, file.string(), j, positions, diags, file)) return;
  auto wrong_type = [&](const std::string& pointer, const char* expected_key, const nlohmann::json& v) {
    const TextPos at = positions.value(pointer);
    diags.error(file.string(), at.line, at.column, tr("type.expected", {tr(expected_key), json_type_name(v)}), pointer);
  };
  if (!j.is_object()) return wrong_type("", "type.object", j);
  for (auto e = j.begin(); e != j.end(); ++e) {
    if (e->is_string()) theme.strings[e.key()] = e->get<std::string>();
    else wrong_type("/" + pointer_escape(e.key()), "type.string", *e);
  }
}

Theme load_theme(const std::vector<fs::path>& theme_dirs, const std::string& locale, Diagnostics& diags) {
  Theme theme;
  // The page strings are the catalogue's (text/messages.h); a theme's i18n/<lang>.json replaces
  // any of them. Later folders in the list have lower priority: read them first, override after.
  const Catalogue& words = catalogue(locale);
  theme.strings.insert(words.begin(), words.end());
  for (auto it = theme_dirs.rbegin(); it != theme_dirs.rend(); ++it) {
    fs::path i18n = *it / "i18n" / (locale + ".json");
    std::error_code ec;
    if (symlinked({*it, *it / "i18n", i18n}, diags)) continue;
    if (fs::exists(i18n, ec)) {
      std::string text;
      if (!read_file(i18n, text)) {
        diags.error(i18n.string(), 0, 0, tr("file.unreadable", {i18n.string()}));
        continue;
      }
      read_theme_strings(i18n, text, theme, diags);
    }
  }
  std::set<std::string> seen;
  for (const auto& dir : theme_dirs) {
    fs::path assets = dir / "assets";
    std::error_code ec;
    if (!fs::is_directory(assets, ec) || symlinked({dir, assets}, diags)) continue;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(assets, ec))
      if (e.is_regular_file() && !e.is_symlink()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::string name = f.filename().string();
      if (!seen.insert(name).second) continue;
      std::string bytes;
      if (!read_file(f, bytes)) {
        diags.error(f.string(), 0, 0, tr("file.unreadable", {f.string()}));
        continue;
      }
      std::string out = name == "favicon.svg" || name == "favicon.ico"
                            ? name
                            : output_path(Output::Assets, {}, f.stem().string() + "." + fingerprint(bytes) + f.extension().string());
      theme.asset_paths[name] = out;
      theme.assets.push_back({out, std::move(bytes)});
    }
  }
  return theme;
}

namespace {

// Requests a browser makes to show a page without interaction: the page, its stylesheets,
// scripts, icon and images (charts are inline SVG, so they cost none).
// memmem, not std::string::find: find stops at every '<' or 'r' of a 2.5 MB page to compare.
size_t request_count(const std::string& html) {
  size_t n = 1;
  const char* end = html.data() + html.size();
  for (std::string_view needle : {"rel=\"stylesheet\"", "<script src=", "rel=\"icon\"", "<img "})
    for (const char* at = html.data();
         (at = static_cast<const char*>(::memmem(at, static_cast<size_t>(end - at), needle.data(), needle.size())));
         ++at)
      ++n;
  return n;
}

std::string absolute_url(const std::string& base, const std::string& path) {
  std::string b = base.empty() ? "/" : base;
  if (b.back() != '/') b += '/';
  std::string p = path;
  if (p.size() >= 10 && p.compare(p.size() - 10, 10, "index.html") == 0) p.resize(p.size() - 10);
  return b + p;
}

std::string sitemap(const std::vector<PlannedPage>& pages, const std::string& base) {
  std::string s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const auto& p : pages)
    if (p.kind != PageKind::NotFound) s += "  <url><loc>" + escape_xml(absolute_url(base, p.path)) + "</loc></url>\n";
  return s + "</urlset>\n";
}

// Atom feed of data updates: one entry per programme, dated by the site's build date
// (from the config, so rebuilding the same data gives the same feed).
std::string feed(const SiteModel& m, const std::string& base, const std::string& updates_title) {
  const std::string date = (m.site.build_date.empty() ? std::string("2000-01-01") : m.site.build_date);
  const std::string stamp = (date.size() == 4 ? date + "-01-01" : date.size() == 7 ? date + "-01" : date) + "T00:00:00Z";
  std::string s = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  s += "  <title>" + escape_xml(m.site.title + " — " + updates_title) + "</title>\n";
  s += "  <id>" + escape_xml(absolute_url(base, "")) + "</id>\n  <updated>" + stamp + "</updated>\n";
  s += "  <link href=\"" + escape_xml(absolute_url(base, output_path(Output::Feed))) + "\" rel=\"self\"/>\n";
  s += "  <author><name>" + escape_xml(m.site.owner) + "</name></author>\n";
  for (const auto& p : m.programmes) {
    std::string url = absolute_url(base, programme_path(p));
    s += "  <entry><title>" + escape_xml(p.title) + "</title><id>" + escape_xml(url) + "</id><updated>" + stamp +
         "</updated><link href=\"" + escape_xml(url) + "\"/></entry>\n";
  }
  return s + "</feed>\n";
}


// The names the templates of each of `kinds` use (ViewContext::shows), each template read once
// (the layout is every kind's); none for a kind when one of its templates changes its
// delimiters ({{=<% %>=}}): its names are not read, and its pages get every value.
std::map<PageKind, std::set<std::string>> template_names(const TemplateSet& templates, const std::set<PageKind>& kinds) {
  std::map<std::string, std::optional<std::set<std::string>>> read;
  auto names_of = [&](const std::string& name) -> const std::optional<std::set<std::string>>& {
    auto [at, fresh] = read.try_emplace(name);
    if (!fresh) return at->second;
    auto source = templates.sources().find(name);
    if (source != templates.sources().end() && source->second.find("{{=") != std::string::npos) return at->second;
    std::set<std::string> names;
    for (auto& tag : templates.tags(name)) names.insert(std::move(tag));
    return at->second = std::move(names);
  };
  std::map<PageKind, std::set<std::string>> out;
  for (PageKind kind : kinds) {
    const auto& own = names_of(page_template(kind));
    const auto& layout = names_of("layout");
    if (!own || !layout) continue;
    std::set<std::string> names = *own;
    names.insert(layout->begin(), layout->end());
    out.emplace(kind, std::move(names));
  }
  return out;
}

}  // namespace

HtmlResult render_html(const SiteModel& model, const SiteMetrics& metrics, const std::vector<PlannedPage>& pages,
                       TemplateSet& templates, const Theme& theme, const HtmlOptions& opt,
                       const FileSink& sink, const RenderScope& scope) {
  HtmlResult result;
  ViewContext ctx{model, metrics, theme, opt, model.site.locale, {}};

  // Keys every page shares, in one view below each page's own on the context stack (so
  // the page's keys win, as when they were set on the page view), not copied per page.
  View common;
  {
    View strings;
    std::map<std::string, std::string> words;
    for (const auto& [k, v] : theme.strings) {
      // Mustache names cannot contain '.', so "nav.indicators" is exposed as t.nav_indicators.
      std::string key = k;
      std::replace(key.begin(), key.end(), '.', '_');
      strings.set(key, v);
      words[key] = v;
    }
    // No page view sets a key "t" of its own, so every {{t.key}} reads these words.
    templates.inline_words(words);
    common.set("t", strings);
    common.set("lang", model.site.locale);
    common.set("site_title", model.site.title);
    common.set("owner", model.site.owner);
    common.set("demo", View(model.site.demo ? View::type::bool_true : View::type::bool_false));
    common.set("search", View(opt.search ? View::type::bool_true : View::type::bool_false));
    // «Отчётный период: I полугодие 2025 г., по состоянию на 10.07.2025» on every page.
    const DocumentLanguage in_site_language(model.site.locale);
    common.set("report_period", period_text(metrics.report));
    common.set("as_of", numeric_date(metrics.report.as_of));
  }
  std::set<PageKind> kinds;
  for (const auto& page : pages) kinds.insert(page.kind);
  ctx.names = template_names(templates, kinds);
  // Asset names as Mustache keys ("style.css" → asset_style_css), computed once.
  std::vector<std::pair<std::string, std::string>> asset_keys;
  for (const auto& [name, path] : theme.asset_paths) {
    std::string key = name;
    std::replace(key.begin(), key.end(), '.', '_');
    std::replace(key.begin(), key.end(), '-', '_');
    asset_keys.emplace_back("asset_" + key, path);
  }
  const std::string report_year = std::to_string(metrics.overall.report_year);

  // Everything a page needs is read-only shared state except the templates (see
  // TemplateSet::render), so each worker renders with its own compiled copy. Pages are
  // written into their own slot: the result does not depend on the number of threads.
  auto render_page = [&](TemplateSet& ts, const PlannedPage& page) {
    View v;
    const std::string title = build_view(ctx, page, v);
    // 404.html is served for any missing path, so its links and assets are absolute.
    const std::string root =
        page.kind == PageKind::NotFound ? absolute_url(opt.base_url, "") : root_prefix(page.path);
    const std::string tmpl = page_template(page.kind);
    // The shared keys override a page's own, as when they were set on each page view.
    for (const char* key : {"t", "lang", "site_title", "owner", "demo", "search", "report_period", "as_of"})
      if (v.get(key)) v.set(key, *common.get(key));
    put(v, "root", root);
    put(v, "report_year", report_year);
    put(v, "title", title);
    ViewStack stack(&common);
    stack.push(&v);
    std::string content = ts.render(tmpl, stack);
    // The layout sees the page's own view plus these keys.
    put(v, "page_kind", tmpl);
    put(v, "canonical", absolute_url(opt.base_url, page.path));
    for (const auto& [key, path] : asset_keys) put(v, key, root + path);
    return ts.render_around("layout", stack, v, "content", std::move(content));
  };

  // Only the indices of the pages in scope; each is handed to the sink as soon as it is
  // rendered and then dropped. Statistics are kept per slot and summed in page order.
  std::vector<size_t> todo;
  todo.reserve(pages.size());
  for (size_t i = 0; i < pages.size(); ++i)
    if (scope.wants(pages[i].programme)) todo.push_back(i);
  struct PageStat { size_t bytes = 0, requests = 0; double ms = 0; };
  std::vector<PageStat> stat(todo.size());
  std::vector<bool> first_of_kind(todo.size());  // requests are counted on these only
  {
    std::set<PageKind> seen;
    for (size_t k = 0; k < todo.size(); ++k) first_of_kind[k] = seen.insert(pages[todo[k]].kind).second;
  }
  auto one = [&](TemplateSet& ts, size_t k) {
    const PlannedPage& page = pages[todo[k]];
    const auto start = std::chrono::steady_clock::now();
    std::string html = render_page(ts, page);
    strip_xml_forbidden(html);  // templates and Markdown output are not cleaned by the loader
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    stat[k] = {html.size(), first_of_kind[k] ? request_count(html) : 0, ms};
    sink(page.path, html);
  };
  const int threads = thread_count(opt.jobs);
  if (threads <= 1 || todo.size() < 2) {
    for (size_t k = 0; k < todo.size(); ++k) one(templates, k);
  } else {
    tbb::enumerable_thread_specific<std::unique_ptr<TemplateSet>> local;
    in_arena(threads, [&] {
      tbb::parallel_for(tbb::blocked_range<size_t>(0, todo.size(), 8), [&](const tbb::blocked_range<size_t>& r) {
        auto& ts = local.local();
        if (!ts) ts = std::make_unique<TemplateSet>(templates.compile_copy());
        for (size_t k = r.begin(); k != r.end(); ++k) one(*ts, k);
      });
    });
  }

  result.rendered = todo.size();
  for (size_t k = 0; k < todo.size(); ++k) {
    const std::string tmpl = page_template(pages[todo[k]].kind);
    result.pages_by_kind[tmpl] += 1;
    result.bytes_by_kind[tmpl] += stat[k].bytes;
    result.ms_by_kind[tmpl] += stat[k].ms;
    if (!result.requests_by_kind.count(tmpl)) result.requests_by_kind[tmpl] = stat[k].requests;
  }
  for (const auto& a : theme.assets) sink(a.path, a.bytes);
  sink(output_path(Output::Sitemap), sitemap(pages, opt.base_url));
  sink(output_path(Output::Robots),
       "User-agent: *\nAllow: /\nSitemap: " + absolute_url(opt.base_url, output_path(Output::Sitemap)) + "\n");
  sink(output_path(Output::Feed), feed(model, opt.base_url, ctx.t("feed.updates")));
  if (model.site.htaccess) sink(output_path(Output::Htaccess), htaccess(opt.base_url));
  return result;
}

void check_content_links(const SiteModel& model, const std::vector<PlannedPage>& pages, Diagnostics& diags,
                         int jobs) {
  std::unordered_set<std::string_view> paths(pages.size());
  for (const auto& p : pages) paths.insert(p.path);
  auto check = [&](const ContentPage& pg, Diagnostics& out) {
    const std::string dir = content_path(pg).substr(0, content_path(pg).rfind('/') + 1);
    for (const auto& l : markdown_links(pg.markdown, model.site.allow_raw_html)) {
      const std::string& u = l.url;
      // Links with a scheme (https:, mailto:, and javascript:, which cmark-gfm's safe mode
      // already neutralises) are not internal.
      size_t colon = u.find(':');
      if (u.empty() || u[0] == '#' ||
          (colon != std::string::npos && u.find_first_of("/?#") > colon && std::isalpha(static_cast<unsigned char>(u[0]))))
        continue;
      std::string target = u.substr(0, u.find_first_of("#?"));
      if (target.empty()) continue;
      // Resolve relative to the page's folder; "/x" is relative to the site root.
      std::string base = target[0] == '/' ? "" : dir;
      std::vector<std::string> parts;
      std::stringstream ss(base + (target[0] == '/' ? target.substr(1) : target));
      bool escapes = false;
      for (std::string part; std::getline(ss, part, '/');) {
        if (part.empty() || part == ".") continue;
        if (part == "..") {
          if (parts.empty()) escapes = true;
          else parts.pop_back();
        } else {
          parts.push_back(part);
        }
      }
      std::string joined;
      for (const auto& p : parts) joined += (joined.empty() ? "" : "/") + p;
      bool ok = !escapes && (paths.count(joined) || paths.count((joined.empty() ? "" : joined + "/") + "index.html") ||
                             is_download(joined));
      if (!ok)
        out.error(pg.file, pg.body_line + l.line - 1, l.column,
                    tr("link.broken", {u}));
    }
  };
  // Each page on its own (on up to `jobs` threads), the diagnostics merged in page order.
  std::vector<const ContentPage*> content;
  for (const auto& pg : model.pages) content.push_back(&pg);
  for (const auto& p : model.programmes)
    for (const auto& pg : p.pages) content.push_back(&pg);
  std::vector<Diagnostics> found(content.size());
  parallel_indices(content.size(), jobs, [&](size_t i) { check(*content[i], found[i]); });
  for (const auto& d : found) diags.append(d);
}

}  // namespace vitrina
