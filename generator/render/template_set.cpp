#include "render/template_set.h"

#include "text/messages.h"
#include "util/read_file.h"

#include <regex>
#include <set>

namespace vitrina {

namespace fs = std::filesystem;

namespace {

// Replaces {{> name}} by the partial's text, recursively, refusing cycles.
std::string inline_partials(const std::string& text, const std::map<std::string, std::string>& raw,
                            std::set<std::string>& stack, const std::string& file, Diagnostics& diags) {
  static const std::regex partial(R"(\{\{>\s*([A-Za-z0-9_./-]+)\s*\}\})");
  std::string out;
  auto begin = std::sregex_iterator(text.begin(), text.end(), partial);
  size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    const std::string name = (*it)[1];
    out.append(text, last, it->position() - last);
    last = it->position() + it->length();
    auto found = raw.find(name);
    if (found == raw.end() || name.find("..") != std::string::npos) {
      diags.error(file, 0, 0, tr("template.partial_missing", {name}));
      continue;
    }
    if (stack.count(name)) {
      diags.error(file, 0, 0, tr("template.partial_recursive", {name}));
      continue;
    }
    stack.insert(name);
    out += inline_partials(found->second, raw, stack, file, diags);
    stack.erase(name);
  }
  out.append(text, last, std::string::npos);
  return out;
}

}  // namespace

TemplateSet TemplateSet::load(const std::vector<fs::path>& dirs, Diagnostics& diags) {
  TemplateSet set;
  std::map<std::string, std::string> raw;
  for (const auto& dir : dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); ++it) {
      // Templates never come from outside their folder: symlinks are not followed.
      if (it->is_symlink() || !it->is_regular_file() || it->path().extension() != ".mustache") continue;
      std::string name = fs::relative(it->path(), dir).replace_extension().generic_string();
      if (raw.count(name)) continue;
      if (!read_file(it->path(), raw[name])) diags.error(it->path().string(), 0, 0, tr("file.unreadable", {it->path().string()}));
      set.files_[name] = it->path().string();
    }
  }
  for (const auto& [name, text] : raw) {
    std::set<std::string> stack{name};
    set.sources_[name] = inline_partials(text, raw, stack, set.files_[name], diags);
    auto m = std::make_shared<kainjow::mustache::mustache>(set.sources_[name]);
    if (!m->is_valid()) diags.error(set.files_[name], 0, 0, tr("template.syntax", {m->error_message()}));
    set.compiled_[name] = m;
  }
  return set;
}

TemplateSet TemplateSet::compile_copy() const {
  TemplateSet set;
  set.sources_ = sources_;
  set.files_ = files_;
  for (const auto& [name, text] : sources_) set.compiled_[name] = std::make_shared<kainjow::mustache::mustache>(text);
  return set;
}

namespace {

// kainjow renders into any stream with `<<`; appending to a string avoids an ostringstream.
struct Appender {
  std::string out;
  Appender& operator<<(const std::string& s) {
    out += s;
    return *this;
  }
};

}  // namespace

std::string TemplateSet::render(const std::string& name, const View& view) {
  auto it = compiled_.find(name);
  if (it == compiled_.end()) return {};
  Appender a;
  it->second->render(view, a);
  return std::move(a.out);
}

std::string TemplateSet::render(const std::string& name, kainjow::mustache::basic_context<std::string>& ctx) {
  auto it = compiled_.find(name);
  if (it == compiled_.end() || !it->second->is_valid()) return {};
  Appender a;
  it->second->render(ctx, a);
  return std::move(a.out);
}

std::vector<std::string> TemplateSet::tags(const std::string& name) const {
  static const std::regex tag(R"(\{\{\{?\s*([#^/&]?)\s*([A-Za-z0-9_.]+)\s*\}?\}\})");
  std::vector<std::string> out;
  auto it = sources_.find(name);
  if (it == sources_.end()) return out;
  for (auto m = std::sregex_iterator(it->second.begin(), it->second.end(), tag); m != std::sregex_iterator(); ++m)
    if ((*m)[1] != "/") out.push_back((*m)[2]);
  return out;
}

}  // namespace vitrina
