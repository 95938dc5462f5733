// Charts as inline SVG written at build time: no JavaScript needed. Every chart has
// role="img", a <title> and a <desc> that says its numbers in words; the page shows
// the same numbers in a table beside it. Status is never told by colour alone.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/vocabulary.h"

namespace vitrina {

struct ChartPoint {
  int year = 0;
  std::optional<double> plan, fact;
  Bound bound = Bound::Eq;  // a threshold plan («не менее» ≥, «не более» ≤) is drawn as a line, not a bar
};

struct ChartText {
  std::string title, desc;                // accessible name and description (plain text)
  std::string plan_label, fact_label;     // legend
  std::string target_label;               // legend of a threshold line
  std::string at_least, at_most;          // «не менее», «не более»: a threshold line's words
  std::string yes, no;                    // a yes/no timeline's words
  std::string direction_note;             // «чем меньше, тем лучше» when lower is better, else ""
  std::string locale = "ru";
  int precision = 0;
  std::string unit;
};

// Round axis ticks covering [lo, hi]: a step of 1, 2, 2.5 or 5 × 10ⁿ, the smallest giving at
// most `intervals` intervals; the first tick at or below lo, the last at or above hi. A single
// value (lo == hi) is shown from 0; 0 alone from 0 to 1. `decimals` is what the step needs.
struct AxisTicks {
  std::vector<double> values;
  double step = 1;
  int decimals = 0;
};
AxisTicks axis_ticks(double lo, double hi, int intervals = 5);

// Per year: a bar for a plan value, a dashed line with its words («не менее 50») for a
// threshold, a bar for the fact; values written on the bars where they fit; the y axis from
// axis_ticks over 0, the plans and the facts; the direction note when lower is better.
// "" when there is nothing to draw (no plan and no fact in any year).
std::string plan_fact_chart(const std::vector<ChartPoint>& points, const ChartText& text);
// A yes/no indicator: one row for the plan and one for the fact, a mark and its word per year
// (✓ «да», ✗ «нет», — nothing). "" when there is nothing to draw.
std::string yes_no_timeline(const std::vector<ChartPoint>& points, const ChartText& text);
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
