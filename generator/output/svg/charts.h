// Charts as inline SVG written at build time: no JavaScript needed. Every chart has
// role="img", a <title> and a <desc> that says its numbers in words; the page shows
// the same numbers in a table beside it. Status is never told by colour alone.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace vitrina {

struct ChartPoint {
  int year = 0;
  std::optional<double> plan, fact;
};

struct ChartText {
  std::string title, desc;        // accessible name and description (plain text)
  std::string plan_label, fact_label, target_label;
  std::string locale = "ru";
  int precision = 0;
  std::string unit;
};

// Bars for plan, bars for fact, per year; a dashed line at the threshold target.
std::string plan_fact_chart(const std::vector<ChartPoint>& points, std::optional<double> threshold,
                            const ChartText& text);
// Tiny line of facts (or plans when there are no facts), 80×20.
std::string sparkline(const std::vector<ChartPoint>& points, const std::string& label);
// Horizontal bar 0..1 with the percentage written next to it.
std::string progress_bar(std::optional<double> share, const std::string& label, const std::string& locale);
// Ring of segments (value, css class, label); a legend with numbers goes beside it.
struct DonutSegment { int value; std::string css_class, label; };
std::string donut(const std::vector<DonutSegment>& segments, const std::string& title, const std::string& desc);

// XML/HTML text escaping shared by the renderers.
std::string escape_xml(const std::string& s);

}  // namespace vitrina
