#include "load/loader.h"

#include <algorithm>
#include <fstream>

#include "load/content_loader.h"
#include "load/json_syntax.h"
#include "load/read_input.h"
#include "load/read_programme.h"
#include "load/snapshot.h"
#include "load/text_checks.h"
#include "text/messages.h"
#include "util/heap.h"
#include "util/parallel.h"

namespace vitrina {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {
// Vitrina's formats nest a few levels deep. Deeper input is refused before parsing: the
// position map keeps one JSON pointer per value, and a pointer at depth d is O(d) long, so
// 100 000 nested arrays cost O(d^2) memory — gigabytes (found by tests/hardening).
constexpr size_t kMaxJsonDepth = 200;

// Byte offset where nesting first exceeds kMaxJsonDepth, or npos. Skips string contents.
size_t too_deep_at(const std::string& text) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxJsonDepth) return i;
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return std::string::npos;
}

}  // namespace

TextPos SourceIndex::locate(const std::string& file, const std::string& pointer) const {
  auto it = files.find(file);
  return it == files.end() ? TextPos{0, 0} : it->second.value(pointer);
}

bool parse_json_text(const std::string& text, const std::string& file, json& out, PositionMap& positions,
                     Diagnostics& diags, const fs::path& source) {
  auto syntax_error = [&](size_t at, const std::string& message) {
    TextPos p = position_of_offset(text, at);
    diags.error(file, p.line, p.column, message);
    return false;
  };
  if (size_t at = too_deep_at(text); at != std::string::npos)
    return syntax_error(at, tr("json.syntax", {tr("json.too_deep", {std::to_string(kMaxJsonDepth)})}));
  try {
    out = json::parse(text);
  } catch (const json::parse_error& e) {
    // nlohmann's message is English and says little: explain the text instead.
    JsonSyntaxError why = explain_json_error(text, e.byte > 0 ? e.byte - 1 : 0);
    return syntax_error(why.offset, why.message);
  } catch (const json::exception& e) {
    // e.g. out_of_range 406 "number overflow parsing '1e400'": no byte offset is given,
    // so locate the quoted literal in the text.
    std::string what = e.what();
    size_t q1 = what.find('\''), q2 = what.rfind('\'');
    std::string literal = q1 != std::string::npos && q2 > q1 ? what.substr(q1 + 1, q2 - q1 - 1) : std::string();
    size_t at = literal.empty() ? std::string::npos : text.find(literal);
    if (at == std::string::npos) {
      diags.error(file, 0, 0, tr("json.syntax", {tr("json.other")}));
      return false;
    }
    return syntax_error(at, tr("json.syntax", {tr("json.number_range", {literal})}));
  }
  // Absolute, because the full map may be built later from another working directory.
  std::error_code ec;
  fs::path abs = source.empty() ? source : fs::absolute(source, ec);
  positions = PositionMap::scan(text, ec ? source : abs);
  for (const auto& d : positions.duplicates()) {
    std::string key = d.pointer.substr(d.pointer.rfind('/') + 1);
    diags.error(file, d.pos.line, d.pos.column, tr("json.duplicate_key", {key}), d.pointer);
  }
  check_json_text(out, file, positions, diags);
  return true;
}

namespace {

using FileMap = std::map<std::string, PositionMap>;

// What one programme folder yields (load/snapshot.h). Folders load independently (in
// parallel) and are merged in folder order, so the model and diagnostics do not depend on
// threads.
using FolderResult = LoadedFolder;

struct Loader {
  fs::path site_dir;
  int jobs;
  Diagnostics& diags;
  const SnapshotOptions* snapshots;
  const std::function<ContentFolders()>& content;
  LoadResult result;

  // Relative to the site without resolving `p` itself: fs::relative follows a symlink and
  // would name the file outside the site in the diagnostic about that symlink.
  std::string rel(const fs::path& p) const {
    return (fs::relative(p.parent_path(), site_dir) / p.filename()).generic_string();
  }

  // Reads and parses one file into `out`, its positions into `files`; returns nullptr
  // (with a diagnostic in `d`, and the file named in `unread`) when that fails, or nullptr
  // alone for an optional file that is not there. The text is dropped on return.
  template <class Unread>
  const PositionMap* load_json(const fs::path& path, json& out, bool required, Diagnostics& d, FileMap& files,
                               Unread& unread) const {
    const std::string name = rel(path);
    const size_t before = d.items().size();
    const PositionMap* pos = parse_file(path, name, out, required, d, files);
    if (!pos && d.items().size() > before) unread.insert(unread.end(), name);
    return pos;
  }

  const PositionMap* parse_file(const fs::path& path, const std::string& name, json& out, bool required,
                                Diagnostics& d, FileMap& files) const {
    std::error_code ec;
    if (fs::is_symlink(path, ec)) {
      d.error(name, 0, 0, tr("content.symlink"));
      return nullptr;
    }
    std::string text;
    if (!read_input(path, name, text, kMaxJsonBytes, required, d)) return nullptr;
    PositionMap pos;
    if (!parse_json_text(text, name, out, pos, d, path)) return nullptr;
    return &(files[name] = std::move(pos));
  }

  // Touches nothing shared: safe to run for several folders at once.
  FolderResult load_programme(const fs::path& dir) const {
    FolderResult r;
    Programme& p = r.programme;
    const std::string folder = dir.filename().string();
    {
      json j;
      fs::path file = dir / "programme.json";
      if (const PositionMap* pos = load_json(file, j, true, r.diags, r.files, r.unread)) {
        bool incomplete = false;
        FileContext ctx{rel(file), pos, &r.diags, &incomplete};
        read_programme(ctx, j, p);
        if (!p.id.empty() && p.id != folder)
          ctx.error("/id", tr("programme.id_mismatch", {p.id, folder}));
        if (incomplete) r.unread.push_back(ctx.file);
      }
    }
    if (p.id.empty()) p.id = folder;
    using Reader = void (*)(const FileContext&, const json&, Programme&, std::string&);
    const std::pair<const char*, Reader> lists[] = {{"indicators.json", read_indicators},
                                                    {"measures.json", read_measures},
                                                    {"organisations.json", read_organisations}};
    for (const auto& list : lists) {
      json lj;
      fs::path lf = dir / list.first;
      const PositionMap* pos = load_json(lf, lj, false, r.diags, r.files, r.unread);
      if (!pos) continue;
      bool incomplete = false;
      FileContext ctx{rel(lf), pos, &r.diags, &incomplete};
      std::string programme_field;
      list.second(ctx, lj, p, programme_field);
      if (!programme_field.empty() && programme_field != folder)
        ctx.error("/programme", tr("programme.file_mismatch", {programme_field, folder}));
      if (incomplete) r.unread.push_back(ctx.file);
    }
    return r;
  }

  void load_programmes(const std::vector<fs::path>& dirs) {
    std::vector<FolderResult> folders(dirs.size());
    std::vector<char> valid(dirs.size());
    for (size_t k = 0; k < dirs.size(); ++k) valid[k] = valid_id(dirs[k].filename().string());
    std::vector<char> restored(dirs.size());
    if (snapshots && !snapshots->dir.empty()) {
      std::error_code ec;
      fs::create_directories(snapshots->dir, ec);
    }
    auto one = [&](size_t k) {
      if (!valid[k]) return;
      const std::string folder = dirs[k].filename().string();
      if (snapshots && restore_folder(*snapshots, folder, site_dir, folders[k])) {
        restored[k] = 1;
        return;
      }
      folders[k] = load_programme(dirs[k]);
      if (snapshots) save_folder(*snapshots, folder, folders[k]);
    };
    {
      const KeptHeapPages kept;  // the pages decode_folder faults in ahead stay for its decoding
      parallel_indices(dirs.size(), jobs, one);
    }
    for (size_t k = 0; k < dirs.size(); ++k) {
      if (!valid[k]) {
        diags.error(rel(dirs[k]), 0, 0, tr("value.id", {dirs[k].filename().string()}));
        continue;
      }
      result.folders_restored += restored[k];
      diags.append(folders[k].diags);
      result.sources.files.merge(folders[k].files);
      result.sources.unread.insert(folders[k].unread.begin(), folders[k].unread.end());
      result.model.programmes.push_back(std::move(folders[k].programme));
      folders[k] = {};  // free as we go
    }
  }

  void run() {
    json j;
    fs::path site_file = site_dir / "data" / "site.json";
    if (const PositionMap* pos = load_json(site_file, j, true, diags, result.sources.files, result.sources.unread)) {
      read_site(FileContext{rel(site_file), pos, &diags}, j, result.model.site);
    }
    std::vector<fs::path> dirs;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(site_dir / "data" / "programmes", ec)) {
      if (e.is_symlink()) {
        diags.warning(rel(e.path()), 0, 0, tr("content.symlink"));
        continue;
      }
      if (e.is_directory()) dirs.push_back(e.path());
    }
    std::sort(dirs.begin(), dirs.end());
    load_programmes(dirs);
    if (snapshots) commit_snapshots(*snapshots);
    if (dirs.empty()) diags.error("data/programmes", 0, 0, tr("programme.none"));
    order_programmes();
    if (content) add_content(content(), result.model, diags);
    else load_content(site_dir, result.model, diags, jobs);
    if (!result.model.site.strict) diags.downgrade(kUnknownFieldCode);
  }

  // Site order first (as listed in site.json), then the rest by folder name.
  void order_programmes() {
    auto& progs = result.model.programmes;
    const auto& order = result.model.site.programme_order;
    for (size_t i = 0; i < order.size(); ++i) {
      if (std::none_of(progs.begin(), progs.end(), [&](const Programme& p) { return p.id == order[i]; })) {
        FileContext ctx{"data/site.json", nullptr, &diags};
        auto it = result.sources.files.find("data/site.json");
        if (it != result.sources.files.end()) ctx.positions = &it->second;
        ctx.error("/programmes/" + std::to_string(i), tr("programme.order_unknown", {order[i]}));
      }
    }
    auto rank = [&](const Programme& p) {
      auto it = std::find(order.begin(), order.end(), p.id);
      return it == order.end() ? order.size() : static_cast<size_t>(it - order.begin());
    };
    std::stable_sort(progs.begin(), progs.end(), [&](const Programme& a, const Programme& b) {
      return rank(a) < rank(b);
    });
  }
};

}  // namespace

LoadResult load_site(const fs::path& site_dir, Diagnostics& diags, int jobs, const SnapshotOptions* snapshots,
                     const std::function<ContentFolders()>& content) {
  Loader l{site_dir, jobs, diags, snapshots, content, {}};
  l.run();
  return std::move(l.result);
}

}  // namespace vitrina
