#include "render/template_set.h"

#include "text/messages.h"
#include "util/read_file.h"

#include <algorithm>
#include <array>
#include <regex>
#include <set>
#include <string_view>

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

// kainjow's html_escape appends character by character; this appends the runs between the
// five characters it escapes, with the same entities (its output must not change).
std::string escape_html(const std::string& s) {
  static constexpr auto special = [] {
    std::array<bool, 256> t{};
    for (unsigned char c : {'&', '<', '>', '"', '\''}) t[c] = true;
    return t;
  }();
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  size_t from = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (!special[static_cast<unsigned char>(s[i])]) continue;
    const char* entity = nullptr;
    switch (s[i]) {
      case '&': entity = "&amp;"; break;
      case '<': entity = "&lt;"; break;
      case '>': entity = "&gt;"; break;
      case '"': entity = "&quot;"; break;
      default: entity = "&apos;"; break;
    }
    out.append(s, from, i - from);
    out += entity;
    from = i + 1;
  }
  out.append(s, from, std::string::npos);
  return out;
}

std::shared_ptr<kainjow::mustache::mustache> compile(const std::string& text) {
  auto m = std::make_shared<kainjow::mustache::mustache>(text);
  m->set_custom_escape(escape_html);
  return m;
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
    set.compiled_sources_[name] = set.sources_[name];
    auto m = compile(set.sources_[name]);
    if (!m->is_valid()) diags.error(set.files_[name], 0, 0, tr("template.syntax", {m->error_message()}));
    set.compiled_[name] = m;
  }
  return set;
}

TemplateSet TemplateSet::compile_copy() const {
  TemplateSet set;
  set.sources_ = sources_;
  set.files_ = files_;
  set.compiled_sources_ = compiled_sources_;
  return set;  // each template compiled when first rendered (compiled)
}

void TemplateSet::inline_words(const std::map<std::string, std::string>& words) {
  static const std::regex word_tag(R"(\{\{(\{|&)?\s*t\.([A-Za-z0-9_]+)\s*(\}?)\}\})");
  for (const auto& [name, text] : sources_) {
    std::string out;
    size_t last = 0;
    // A template that changes its delimiters ({{=<% %>=}}) is left as it is.
    if (text.find("{{=") == std::string::npos)
      for (auto m = std::sregex_iterator(text.begin(), text.end(), word_tag); m != std::sregex_iterator(); ++m) {
        const std::string open = (*m)[1], close = (*m)[3];
        if ((open == "{") != (close == "}")) continue;  // unbalanced braces: not a tag
        const bool raw = !open.empty();
        auto word = words.find((*m)[2]);
        if (word == words.end() || word->second.find_first_of("{}\r\n") != std::string::npos) continue;
        out.append(text, last, m->position() - last);
        out += raw ? word->second : escape_html(word->second);
        last = m->position() + m->length();
      }
    out.append(text, last, std::string::npos);
    compiled_sources_[name] = out;
  }
  compiled_.clear();  // compiled again when first rendered (compiled)
}

void append(View& list, View&& item) {
  auto& items = const_cast<kainjow::mustache::list&>(list.list_value());
  // data's move constructor is not noexcept, so a vector that grows copies its elements (deep
  // copies of every row so far): it is grown here by moving them.
  if (items.size() == items.capacity()) {
    kainjow::mustache::list grown;
    grown.reserve(std::max<size_t>(4, 2 * items.size()));
    for (auto& x : items) grown.push_back(std::move(x));
    items.swap(grown);
  }
  items.push_back(std::move(item));
}

const View* ViewStack::get_partial(const std::string& name) const {
  for (auto it = items_.rbegin(); it != items_.rend(); ++it)
    if (const View* found = (*it)->get(name)) return found;
  return nullptr;
}

const View* ViewStack::get(const std::string& name) const {
  if (name == ".") return items_.back();
  if (name.find('.') == std::string::npos) return get_partial(name);
  // "a.b.c": the first view on the stack in which the whole path resolves. The parts are cut
  // as std::getline cuts them for kainjow (a trailing '.' adds no empty part).
  std::string part;
  for (auto it = items_.rbegin(); it != items_.rend(); ++it) {
    const View* found = *it;
    for (size_t from = 0; found && from < name.size();) {
      const size_t dot = std::min(name.find('.', from), name.size());
      part.assign(name, from, dot - from);
      found = found->get(part);
      from = dot + 1;
    }
    if (found) return found;
  }
  return nullptr;
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

kainjow::mustache::mustache* TemplateSet::compiled(const std::string& name) {
  auto it = compiled_.find(name);
  if (it != compiled_.end()) return it->second.get();
  auto source = compiled_sources_.find(name);
  if (source == compiled_sources_.end()) return nullptr;
  return (compiled_[name] = compile(source->second)).get();
}

std::string TemplateSet::render(const std::string& name, const View& view) {
  ViewStack stack(&view);
  return render(name, stack);
}

std::string TemplateSet::render(const std::string& name, kainjow::mustache::basic_context<std::string>& ctx) {
  kainjow::mustache::mustache* m = compiled(name);
  if (!m || !m->is_valid()) return {};
  Appender a;
  m->render(ctx, a);
  return std::move(a.out);
}

namespace {

// No escaped tag renders this text ('<' becomes "&lt;"), and no data hold it: the loader removes
// U+0001 from data, and a page is cleaned of it once rendered (strip_xml_forbidden).
constexpr std::string_view kInnerMarker = "\x01<vitrina:inner>\x01";

// kainjow drops a line that has a section tag and only spaces or tabs: `inner` so blank could
// make it drop the line the marker would keep.
bool blank(const std::string& s) { return s.find_first_not_of(" \t") == std::string::npos; }

}  // namespace

std::string TemplateSet::render_around(const std::string& name, kainjow::mustache::basic_context<std::string>& ctx,
                                       View& view, const std::string& key, std::string&& inner) {
  if (!blank(inner)) {
    put(view, key, std::string(kInnerMarker));
    std::string outer = render(name, ctx);
    // Exactly one marker is the one place the template shows `inner` unescaped; none (escaped,
    // or not shown), or more than one, and the template is rendered with `inner` itself.
    const size_t at = outer.find(kInnerMarker);
    if (at != std::string::npos && outer.find(kInnerMarker, at + 1) == std::string::npos) {
      std::string page;
      page.reserve(outer.size() - kInnerMarker.size() + inner.size());
      page.append(outer, 0, at).append(inner).append(outer, at + kInnerMarker.size(), std::string::npos);
      return page;
    }
  }
  put(view, key, text_view(std::move(inner)));
  return render(name, ctx);
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
