// View models for each page kind (internal to output/html). Formatting happens here,
// in C++: templates stay logic-less.
#pragma once
#include <map>
#include <set>
#include <string>

#include "compute/metrics.h"
#include "model/model.h"
#include "output/html/html_site.h"
#include "plan/pages.h"
#include "render/template_set.h"

namespace vitrina {

struct ViewContext {
  const SiteModel& model;
  const SiteMetrics& metrics;
  const Theme& theme;
  const HtmlOptions& opt;
  std::string locale;
  // The names each page kind's templates (its own and the layout, partials inlined) use: a value
  // that is costly to make and that no template of the page shows is left out of its view.
  std::map<PageKind, std::set<std::string>> names;
  std::string t(const std::string& key) const;  // UI string, key itself when missing
  // True when a template of `kind` names `key` (or a name inside it: "key.sub").
  bool shows(PageKind kind, const std::string& key) const;
};

// Fills `view` for `page` and returns the page title.
std::string build_view(const ViewContext& ctx, const PlannedPage& page, View& view);
// Rendered Markdown of a content page (cached by the caller).
std::string content_html(const ViewContext& ctx, const ContentPage& page);

}  // namespace vitrina
