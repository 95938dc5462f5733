#include "load/content_loader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <optional>

#include "load/json_positions.h"
#include "load/object_reader.h"
#include "load/read_input.h"
#include "load/text_checks.h"
#include "text/format.h"
#include "text/messages.h"
#include "util/markdown_limits.h"
#include "util/parallel.h"
#include "util/utf8.h"

namespace vitrina {

namespace fs = std::filesystem;

bool parse_page(const std::string& text_in, const std::string& file, ContentPage& page, Diagnostics& diags) {
  std::string text = text_in;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  page.file = file;
  page.body_line = 1;
  auto line_end = [&](size_t from) {
    size_t e = text.find('\n', from);
    return e == std::string::npos ? text.size() : e;
  };
  auto trimmed_line = [&](size_t from) {
    std::string l = text.substr(from, line_end(from) - from);
    while (!l.empty() && (l.back() == '\r' || l.back() == ' ')) l.pop_back();
    return l;
  };
  if (trimmed_line(0) != "---") {
    page.markdown = text;
    diags.error(file, 1, 1, tr("front.title"));
    return false;
  }
  size_t pos = line_end(0) + 1;
  int line = 2;
  size_t fm_start = pos;
  while (pos < text.size() && trimmed_line(pos) != "---") {
    pos = line_end(pos) + 1;
    ++line;
  }
  if (pos >= text.size()) {
    diags.error(file, 1, 1, tr("front.unclosed"));
    return false;
  }
  std::string fm = text.substr(fm_start, pos - fm_start);
  size_t body = std::min(text.size(), line_end(pos) + 1);
  page.markdown = text.substr(body);
  page.body_line = line + 1;
  try {
    YAML::Node n = YAML::Load(fm);
    if (!n.IsMap() && !n.IsNull()) {
      diags.error(file, 2, 1, tr("front.not_mapping"));
      return false;
    }
    bool ok = true;
    auto field_error = [&](const YAML::Node& v, const std::string& msg) {
      diags.error(file, 2 + v.Mark().line, v.Mark().column + 1, msg);
      ok = false;
    };
    std::vector<Diagnostic> unknown;       // fields that are not front matter's
    std::optional<size_t> misspelt_title;  // the one close to "title"
    for (auto it = n.begin(); it != n.end(); ++it) {
      // yaml-cpp's iterator yields a temporary pair: copy the nodes (cheap handles) rather
      // than binding references into it, which dangle (ASan: stack-use-after-scope).
      const YAML::Node key_node = it->first;
      const YAML::Node v = it->second;
      const std::string key = key_node.as<std::string>();
      try {
        if (key == "title") page.title = v.as<std::string>();
        else if (key == "order") page.order = v.as<int>();
        else if (key == "menu") page.menu = v.as<bool>();
        else if (key == "source_lines") {
          if (!v.IsSequence() || v.size() != 2) field_error(v, tr("value.lines"));
          else {
            page.doc_first = v[0].as<int>();
            page.doc_last = v[1].as<int>();
          }
        } else {
          const std::string guess = closest_match(key, {"menu", "order", "source_lines", "title"});
          if (guess == "title") misspelt_title = unknown.size();
          unknown.push_back({Severity::Error, file, 2 + key_node.Mark().line, key_node.Mark().column + 1,
                     guess.empty() ? tr("front.unknown", {key}) : tr("front.unknown_suggest", {key, guess}), {},
                     kUnknownFieldCode, false});
        }
      } catch (const YAML::Exception&) {
        field_error(v, tr("front.yaml", {key}));
      }
    }
    if (page.title.empty()) {
      // A misspelt title is one error, and one whatever "strict" says: the title is missing.
      if (misspelt_title) unknown[*misspelt_title].code.clear();
      else diags.error(file, 1, 1, tr("front.title"));
      ok = false;
    }
    for (auto& d : unknown) diags.add(std::move(d));
    return ok;
  } catch (const YAML::Exception& e) {
    // yaml-cpp's parser reports positions relative to the front matter text
    diags.error(file, 2 + e.mark.line, e.mark.column + 1, tr("front.yaml", {e.msg}));
    return false;
  }
}

namespace {

// Name of a directory entry relative to the site, without resolving a symlink (fs::relative
// would follow it and name the file outside the site in the diagnostic).
std::string site_name(const fs::path& p, const fs::path& site_dir) {
  return (fs::relative(p.parent_path(), site_dir) / p.filename()).generic_string();
}

// A FIFO, device or socket named *.md is reported, not skipped in silence (and never opened
// for reading: a FIFO would block). A folder named *.md is not a page. A folder that cannot be
// listed is an error too: its pages would silently vanish from the site.
std::vector<fs::path> markdown_files(const fs::path& dir, const fs::path& site_dir, Diagnostics& diags) {
  std::vector<fs::path> out;
  std::error_code ec;
  fs::directory_iterator entries(dir, ec);
  if (ec) diags.error(fs::relative(dir, site_dir).generic_string(), 0, 0, tr("content.folder_unreadable"));
  for (const auto& e : entries) {
    if (e.path().extension() != ".md") continue;
    std::error_code sec;
    if (e.is_symlink(sec)) {
      diags.warning(site_name(e.path(), site_dir), 0, 0, tr("content.symlink"));
      continue;
    }
    if (e.is_regular_file(sec)) out.push_back(e.path());
    else if (!e.is_directory(sec)) diags.error(site_name(e.path(), site_dir), 0, 0, tr("file.not_regular"));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Markdown that would exhaust the renderer or no one could read: errors at the line.
bool within_markdown_limits(const std::string& text, const std::string& file, Diagnostics& diags) {
  const MarkdownLimits m = measure_markdown(text);
  if (m.table_too_large())
    diags.error(file, static_cast<int>(m.table_line), 1,
                tr("markdown.table_cells", {std::to_string(m.table_columns), std::to_string(m.table_rows),
                                            std::to_string(kMaxTableCells)}));
  if (m.too_deep())
    diags.error(file, static_cast<int>(m.depth_line), 1, tr("markdown.too_deep", {std::to_string(kMaxMarkdownDepth)}));
  return !m.table_too_large() && !m.too_deep();
}

void load_pages(const fs::path& dir, const fs::path& site_dir, const std::string& programme,
                std::vector<ContentPage>& out, Diagnostics& diags) {
  std::vector<fs::path> files = markdown_files(dir, site_dir, diags);
  if (files.size() > kMaxPagesPerFolder) {
    diags.error(fs::relative(dir, site_dir).generic_string(), 0, 0,
                tr("content.too_many_pages", {std::to_string(files.size()), std::to_string(kMaxPagesPerFolder)}));
    files.resize(kMaxPagesPerFolder);
  }
  for (const auto& f : files) {
    std::string rel = fs::relative(f, site_dir).generic_string();
    std::string text;
    if (!read_input(f, rel, text, kMaxMarkdownBytes, true, diags)) continue;
    if (size_t bad = invalid_utf8_at(text); bad != std::string::npos) {
      TextPos p = position_of_offset(text, bad);
      std::string msg = tr("content.utf8");
      diags.error(rel, p.line, p.column, msg);
      continue;
    }
    check_page_text(text, rel, 1, diags);
    if (!within_markdown_limits(text, rel, diags)) continue;
    ContentPage page;
    page.programme = programme;
    page.slug = f.stem().string();
    // A Cyrillic file name gets its URL by the one documented transliteration rule
    // (text/format.h slugify: «Общие положения» → obshchiye-polozheniya), stable across builds.
    const bool non_ascii = std::any_of(page.slug.begin(), page.slug.end(), [](char c) { return c & 0x80; });
    if (non_ascii && is_valid_utf8(page.slug)) page.slug = slugify(page.slug);
    // The slug becomes a folder of the output and part of links: the same rule as ids, so
    // "..md", "...md" (slug ".."), spaces, '#', '?', markup or non-UTF-8 bytes in a file
    // name give a diagnostic here instead of a broken link or an unsafe output path later.
    if (!valid_id(page.slug) || (non_ascii && page.slug == "page")) {
      diags.error(rel, 0, 0, tr("value.id", {page.slug}));
      continue;
    }
    if (parse_page(text, rel, page, diags)) out.push_back(std::move(page));
  }
  // Two files whose names transliterate to one slug would overwrite each other's page, and
  // so would slugs equal except for letter case on Windows and macOS disks.
  std::map<std::string, std::string> seen;
  for (auto it = out.begin(); it != out.end();) {
    std::string folded = it->slug;
    for (char& c : folded) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto [pos, fresh] = seen.emplace(folded, it->file);
    if (fresh) {
      ++it;
      continue;
    }
    diags.error(it->file, 0, 0, tr("content.slug_duplicate", {it->slug, pos->second}));
    it = out.erase(it);
  }
  std::stable_sort(out.begin(), out.end(), [](const ContentPage& a, const ContentPage& b) {
    return a.order != b.order ? a.order < b.order : a.slug < b.slug;
  });
}

}  // namespace

ContentFolders read_content(const fs::path& site_dir, int jobs) {
  ContentFolders found;
  const fs::path content = site_dir / "content";
  std::error_code ec;
  if (!fs::is_directory(content, ec)) return found;
  load_pages(content, site_dir, "", found.pages, found.diags);
  for (const auto& e : fs::directory_iterator(content, ec)) {  // an unreadable content/ is reported above
    if (e.is_symlink()) {
      found.diags.warning(site_name(e.path(), site_dir), 0, 0, tr("content.symlink"));
      continue;
    }
    if (e.is_directory()) found.folders.push_back({e.path(), fs::relative(e.path(), site_dir).generic_string(), {}, {}});
  }
  std::sort(found.folders.begin(), found.folders.end(),
            [](const ContentFolders::Folder& a, const ContentFolders::Folder& b) { return a.dir < b.dir; });
  // Each folder is read on its own (on up to `jobs` threads): the same pages and messages for
  // any number of threads.
  parallel_indices(found.folders.size(), jobs, [&](size_t k) {
    ContentFolders::Folder& f = found.folders[k];
    load_pages(f.dir, site_dir, f.dir.filename().string(), f.pages, f.diags);
  });
  return found;
}

void add_content(ContentFolders content, SiteModel& model, Diagnostics& diags) {
  model.pages = std::move(content.pages);
  diags.append(content.diags);
  for (auto& f : content.folders) {
    const std::string id = f.dir.filename().string();
    auto it = std::find_if(model.programmes.begin(), model.programmes.end(),
                           [&](const Programme& p) { return p.id == id; });
    if (it == model.programmes.end()) {
      diags.error(f.name, 0, 0, tr("content.programme_unknown", {id}));
      continue;
    }
    it->pages = std::move(f.pages);
    diags.append(f.diags);
  }
}

void load_content(const fs::path& site_dir, SiteModel& model, Diagnostics& diags, int jobs) {
  add_content(read_content(site_dir, jobs), model, diags);
}

}  // namespace vitrina
