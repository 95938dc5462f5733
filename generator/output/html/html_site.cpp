#include "output/html/html_site.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "output/html/views.h"
#include "output/svg/charts.h"
#include "render/markdown.h"
#include "util/read_file.h"
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

Theme load_theme(const std::vector<fs::path>& theme_dirs, const std::string& locale, Diagnostics& diags) {
  Theme theme;
  // Later folders in the list have lower priority: read them first, override after.
  for (auto it = theme_dirs.rbegin(); it != theme_dirs.rend(); ++it) {
    fs::path i18n = *it / "i18n" / (locale + ".json");
    std::error_code ec;
    if (fs::exists(i18n, ec)) {
      std::string text;
      if (!read_file(i18n, text)) {
        diags.error(i18n.string(), 0, 0, tr("file.unreadable", {i18n.string()}));
        continue;
      }
      try {
        auto j = nlohmann::json::parse(text);
        for (auto e = j.begin(); e != j.end(); ++e)
          if (e->is_string()) theme.strings[e.key()] = e->get<std::string>();
      } catch (const nlohmann::json::exception& e) {
        diags.error(i18n.string(), 0, 0, e.what());
      }
    }
  }
  std::set<std::string> seen;
  for (const auto& dir : theme_dirs) {
    fs::path assets = dir / "assets";
    std::error_code ec;
    if (!fs::is_directory(assets, ec)) continue;
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
                            : "assets/" + f.stem().string() + "." + fingerprint(bytes) + f.extension().string();
      theme.asset_paths[name] = out;
      theme.assets.push_back({out, std::move(bytes)});
    }
  }
  return theme;
}

namespace {

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
  s += "  <link href=\"" + escape_xml(absolute_url(base, "feed.xml")) + "\" rel=\"self\"/>\n";
  s += "  <author><name>" + escape_xml(m.site.owner) + "</name></author>\n";
  for (const auto& p : m.programmes) {
    std::string url = absolute_url(base, programme_path(p));
    s += "  <entry><title>" + escape_xml(p.title) + "</title><id>" + escape_xml(url) + "</id><updated>" + stamp +
         "</updated><link href=\"" + escape_xml(url) + "\"/></entry>\n";
  }
  return s + "</feed>\n";
}

const char* kLiveReload =
    "<script>(function(){var s=new EventSource('/__vitrina/events');"
    "s.addEventListener('reload',function(){location.reload();});"
    "s.addEventListener('errors',function(e){var d=document.getElementById('vitrina-errors')||document.createElement('pre');"
    "d.id='vitrina-errors';d.setAttribute('role','alert');d.style.cssText='position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;"
    "margin:0;padding:1em;background:#300;color:#fff;font:14px monospace;z-index:9999';d.textContent=e.data;"
    "if(!d.parentNode)document.body.appendChild(d);});})();</script>";

}  // namespace

HtmlResult render_html(const SiteModel& model, const SiteMetrics& metrics, const std::vector<PlannedPage>& pages,
                       TemplateSet& templates, const Theme& theme, const HtmlOptions& opt,
                       Diagnostics& diags) {
  (void)diags;
  HtmlResult result;
  ViewContext ctx{model, metrics, theme, opt, model.site.locale};

  View strings;
  for (const auto& [k, v] : theme.strings) {
    // Mustache names cannot contain '.', so "nav.indicators" is exposed as t.nav_indicators.
    std::string key = k;
    std::replace(key.begin(), key.end(), '.', '_');
    strings.set(key, v);
  }

  for (const auto& page : pages) {
    View v;
    const std::string title = build_view(ctx, page, v);
    const std::string root = root_prefix(page.path);
    const std::string tmpl = page_template(page.kind);
    v.set("t", strings);
    v.set("root", root);
    v.set("lang", model.site.locale);
    v.set("site_title", model.site.title);
    v.set("owner", model.site.owner);
    v.set("demo", View(model.site.demo ? View::type::bool_true : View::type::bool_false));
    v.set("report_year", std::to_string(metrics.overall.report_year));
    v.set("title", title);
    const std::string body = templates.render(tmpl, v);
    View layout = v;
    layout.set("title", title);
    layout.set("content", body);
    layout.set("page_kind", tmpl);
    layout.set("canonical", absolute_url(opt.base_url, page.path));
    for (const auto& [name, path] : theme.asset_paths) {
      std::string key = name;
      std::replace(key.begin(), key.end(), '.', '_');
      std::replace(key.begin(), key.end(), '-', '_');
      layout.set("asset_" + key, root + path);
    }
    if (page.kind == PageKind::NotFound) layout.set("root", absolute_url(opt.base_url, ""));
    std::string html = templates.render("layout", layout);
    if (opt.preview) {
      auto pos = html.rfind("</body>");
      if (pos != std::string::npos) html.insert(pos, kLiveReload);
    }
    result.pages_by_kind[tmpl] += 1;
    result.bytes_by_kind[tmpl] += html.size();
    result.files.push_back({page.path, std::move(html)});
  }
  for (const auto& a : theme.assets) result.files.push_back(a);
  result.files.push_back({"sitemap.xml", sitemap(pages, opt.base_url)});
  result.files.push_back({"robots.txt", "User-agent: *\nAllow: /\nSitemap: " + absolute_url(opt.base_url, "sitemap.xml") + "\n"});
  result.files.push_back({"feed.xml", feed(model, opt.base_url, ctx.t("feed.updates"))});
  return result;
}

void check_content_links(const SiteModel& model, const std::vector<PlannedPage>& pages, Diagnostics& diags) {
  std::set<std::string> paths;
  for (const auto& p : pages) paths.insert(p.path);
  auto check = [&](const ContentPage& pg) {
    const std::string dir = content_path(pg).substr(0, content_path(pg).rfind('/') + 1);
    for (const auto& l : render_markdown(pg.markdown, model.site.allow_raw_html).links) {
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
                             joined.rfind("data/", 0) == 0 || joined.rfind("xlsx/", 0) == 0);
      if (!ok)
        diags.error(pg.file, pg.body_line + l.line - 1, l.column,
                    tr("link.broken", {u}));
    }
  };
  for (const auto& pg : model.pages) check(pg);
  for (const auto& p : model.programmes)
    for (const auto& pg : p.pages) check(pg);
}

}  // namespace vitrina
