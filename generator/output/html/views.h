// View models for each page kind (internal to output/html). Formatting happens here,
// in C++: templates stay logic-less.
#pragma once
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
  std::string t(const std::string& key) const;  // UI string, key itself when missing
};

// Fills `view` for `page` and returns the page title.
std::string build_view(const ViewContext& ctx, const PlannedPage& page, View& view);
// Rendered Markdown of a content page (cached by the caller).
std::string content_html(const ViewContext& ctx, const ContentPage& page);

}  // namespace vitrina
