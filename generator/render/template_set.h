// Mustache templates, compiled once. Partials ({{> name}}) are inlined when the set is
// loaded, because kainjow/mustache 4.1 would re-parse a partial every time it renders.
#pragma once
#include <filesystem>
#include <kainjow/mustache.hpp>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "diag/diagnostics.h"

namespace vitrina {

using View = kainjow::mustache::data;

// kainjow's data::set(key, value) and data::push_back(value) take a const reference and copy
// the value, deeply for a row or a list (a page built that way copied each of its rows two or
// three times). These two move it into place instead.
inline void put(View& object, const std::string& key, View&& value) { object[key] = std::move(value); }
// data has no mutable access to its list or string; they are the View's own heap objects,
// never const, so changing them through list_value() or string_value() is well defined.
void append(View& list, View&& item);
inline View new_list() { return View(View::type::list); }
// A string View that takes over `text` (data's constructor copies it): for a page's body.
inline View text_view(std::string&& text) {
  View v(View::type::string);
  const_cast<std::string&>(v.string_value()) = std::move(text);
  return v;
}

// The stack of views a template's names are looked up in, the view pushed last first
// (kainjow::mustache::context's rules, including {{.}} and dotted names). kainjow's own
// context inserts at the front of a vector on every push and splits every dotted name
// ({{t.nav_indicators}}, most of a page's words) with a stringstream: this one pushes at the
// back and splits in place.
class ViewStack : public kainjow::mustache::basic_context<std::string> {
 public:
  explicit ViewStack(const View* bottom) { items_.push_back(bottom); }
  void push(const View* view) override { items_.push_back(view); }
  void pop() override { items_.pop_back(); }
  const View* get(const std::string& name) const override;
  const View* get_partial(const std::string& name) const override;

 private:
  std::vector<const View*> items_;
};

class TemplateSet {
 public:
  // `dirs` in priority order (site override, theme, bundled); the first file of a name wins.
  static TemplateSet load(const std::vector<std::filesystem::path>& dirs, Diagnostics& diags);

  bool has(const std::string& name) const { return sources_.count(name) > 0; }
  // Renders a template; kainjow's render mutates internal state, so a TemplateSet must
  // not be shared between threads.
  std::string render(const std::string& name, const View& view);
  // The same with a context stack (kainjow::mustache::context): names are looked up in the
  // views pushed last first, so data shared by every page need not be copied into each.
  std::string render(const std::string& name, kainjow::mustache::basic_context<std::string>& ctx);
  // The same as put(view, key, text_view(std::move(inner))) then render(name, ctx), `view`
  // being on `ctx`, for a layout around a page's content: kainjow copies a value's text three
  // times on its way out (a temporary, the line it is on, the output), 10 MB of fresh memory for
  // the 2.5 MB site dashboard. So the layout is rendered around a marker and `inner` copied once
  // into its place. `view[key]` is left set to the marker or to `inner`.
  std::string render_around(const std::string& name, kainjow::mustache::basic_context<std::string>& ctx,
                            View& view, const std::string& key, std::string&& inner);
  // Every {{name}} tag of a template after inlining partials (for linting view models).
  std::vector<std::string> tags(const std::string& name) const;
  const std::map<std::string, std::string>& sources() const { return sources_; }
  // An independent set compiled from the same (already inlined) sources, for another
  // thread: rendering mutates the compiled templates, so threads never share one set.
  // Safe to call concurrently on the same set (it only reads).
  TemplateSet compile_copy() const;
  // Compiles the templates again with each {{t.key}} replaced by words[key] (escaped as the
  // tag would be; {{{t.key}}} and {{&t.key}} not): the words are the same on every page, and
  // looking each up through the context stack was a large part of rendering. Only for pages
  // whose views never set a key "t" of their own; a word with a line break or a brace keeps
  // its tag. Starts from the sources each time, so calling it again replaces the words.
  void inline_words(const std::map<std::string, std::string>& words);

 private:
  std::map<std::string, std::string> sources_;  // name → text with partials inlined
  std::map<std::string, std::string> files_;    // name → file it came from
  // A template compiled from compiled_sources_ when first rendered: a set compiled for another
  // thread, or again with the words, renders only some of the templates (partials never).
  kainjow::mustache::mustache* compiled(const std::string& name);

  std::map<std::string, std::string> compiled_sources_;  // what is compiled: sources_ or with words inlined
  std::map<std::string, std::shared_ptr<kainjow::mustache::mustache>> compiled_;
};

}  // namespace vitrina
