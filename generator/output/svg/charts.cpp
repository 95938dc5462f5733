#include "output/svg/charts.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string_view>
#include <vector>

#include "text/format.h"
#include "util/xml_chars.h"

namespace vitrina {

std::string escape_xml(const std::string& text) {
  std::string cleaned;
  if (xml_forbidden_at(text) != std::string::npos) cleaned = xml_safe(text);
  const std::string& s = cleaned.empty() ? text : cleaned;
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {
// Fixed-point coordinates: one decimal keeps the SVG deterministic and small. std::to_chars
// writes what printf's "%.1f" writes (the standard defines it so) at a fraction of its cost.
std::string num(double v) {
  char b[32];
  const auto [end, error] = std::to_chars(b, b + sizeof b, v, std::chars_format::fixed, 1);
  if (error == std::errc()) return std::string(b, end);
  std::snprintf(b, sizeof b, "%.1f", v);  // a coordinate too long for the buffer, as printf cuts it
  return b;
}
}  // namespace

AxisTicks axis_ticks(double lo, double hi, int intervals) {
  if (lo > hi) std::swap(lo, hi);
  if (lo == hi) {  // a single value: from 0 to it (0 alone: 0 to 1)
    if (hi > 0) lo = 0;
    else if (lo < 0) hi = 0;
    else hi = 1;
  }
  intervals = std::max(intervals, 1);
  // The smallest round step whose aligned ticks cover [lo, hi] in at most `intervals` intervals.
  const int start = static_cast<int>(std::floor(std::log10((hi - lo) / intervals)));
  AxisTicks t;
  for (int exponent = start;; ++exponent) {
    for (double mantissa : {1.0, 2.0, 2.5, 5.0}) {
      const double step = mantissa * std::pow(10.0, exponent);
      const auto first = static_cast<long long>(std::floor(lo / step + 1e-9));
      const auto last = static_cast<long long>(std::ceil(hi / step - 1e-9));
      if (last - first > intervals) continue;
      t.step = step;
      t.decimals = std::max(0, -exponent + (mantissa == 2.5 ? 1 : 0));
      const double scale = std::pow(10.0, t.decimals);
      for (long long k = first; k <= last; ++k)
        t.values.push_back(std::round(static_cast<double>(k) * step * scale) / scale + 0.0);
      return t;
    }
  }
}

namespace {

// Width of a value label in the chart's 11 px type: about 6.2 px a digit, half that for a decimal
// comma, point or space (ICU groups thousands with a no-break space).
double label_width(const std::string& s) {
  double w = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) == 0x80) continue;  // continuation byte of a multi-byte character
    w += (c == ',' || c == '.' || c == ' ' || c >= 0xC0) ? 3.1 : 6.2;
  }
  return w;
}

// The box a text of the chart's 11 px type may cover, estimated on the wide side (DejaVu Sans,
// the widest of the usual system fonts: a digit 7 px, a letter up to 7.5 px, a space or a decimal
// separator 3.5 px), from 10 px above its baseline to 3 px below: what labels must keep apart.
struct Box {
  double x0, y0, x1, y1;
  bool hits(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};
Box text_box(double x, double y, const char* anchor, const std::string& s) {
  double w = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80) continue;
    const bool narrow = c == ',' || c == '.' || c == ' ' || c == 0xC2 /* no-break space */ ||
                        (c == 0xE2 && s.compare(i, 3, "\u202F") == 0);
    w += narrow ? 3.5 : (c >= '0' && c <= '9') ? 7.0 : 7.5;
  }
  const std::string_view a = anchor;
  const double x0 = a == "middle" ? x - w / 2 : a == "end" ? x - w : x;
  return {x0 - 1, y - 10, x0 + w + 1, y + 3};
}

std::string text_el(const char* cls, double x, double y, const char* anchor, const std::string& s) {
  return std::string("<text") + (cls[0] ? std::string(" class=\"") + cls + "\"" : "") + " x=\"" + num(x) +
         "\" y=\"" + num(y) + "\" text-anchor=\"" + anchor + "\">" + escape_xml(s) + "</text>";
}

std::string line_el(const char* cls, double x1, double y1, double x2, double y2) {
  return std::string("<line class=\"") + cls + "\" x1=\"" + num(x1) + "\" x2=\"" + num(x2) + "\" y1=\"" + num(y1) +
         "\" y2=\"" + num(y2) + "\"/>";
}

std::string rect_el(const char* cls, double x, double y, double w, double h) {
  return std::string("<rect class=\"") + cls + "\" x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(w) +
         "\" height=\"" + num(h) + "\"/>";
}

std::string open_svg(const char* cls, double w, double h, const ChartText& t) {
  return std::string("<svg class=\"") + cls + "\" viewBox=\"0 0 " + num(w) + " " + num(h) +
         "\" role=\"img\" aria-labelledby=\"c-title c-desc\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"c-title\">" +
         escape_xml(t.title) + "</title><desc id=\"c-desc\">" + escape_xml(t.desc) + "</desc>";
}

// The value range a plan/fact chart must show: 0 (bars start there), every plan and fact.
std::optional<std::pair<double, double>> value_range(const std::vector<ChartPoint>& pts) {
  double lo = 0, hi = 0;
  bool any = false;
  for (const auto& p : pts)
    for (const auto& v : {p.plan, p.fact})
      if (v) {
        lo = std::min(lo, *v);
        hi = std::max(hi, *v);
        any = true;
      }
  if (!any) return std::nullopt;
  return std::make_pair(lo, hi);
}

// A threshold's words near its line, where they cover no bar, no value and no other words: over
// the line at the year's left (the usual place), under it, left of the year's bars, right of them,
// then one or two lines higher or lower. Nothing when every place inside `area` covers something
// (a crowded chart: the words then go above the plot). The place taken is added to `taken`.
std::optional<std::string> threshold_label(double left, double cx, double right, double line_y, const std::string& text,
                                           double bw, const Box& area, std::vector<Box>& taken) {
  for (double dy : {-5.0, 13.0, -18.0, 26.0, -31.0, 39.0}) {
    for (auto [x, anchor] : {std::pair{left, "start"}, {cx - bw - 3, "end"}, {cx + bw + 3, "start"}, {right, "end"}}) {
      const Box b = text_box(x, line_y + dy, anchor, text);
      if (b.x0 < area.x0 || b.x1 > area.x1 || b.y0 < area.y0 || b.y1 > area.y1) continue;
      if (std::any_of(taken.begin(), taken.end(), [&](const Box& o) { return o.hits(b); })) continue;
      taken.push_back(b);
      return text_el("target-label", x, line_y + dy, anchor, text);
    }
  }
  return std::nullopt;
}

}  // namespace

std::string plan_fact_chart(const std::vector<ChartPoint>& pts, const ChartText& t) {
  const auto range = value_range(pts);
  if (!range) return "";
  const AxisTicks ticks = axis_ticks(range->first, range->second);
  const double W = 640, H = 280, L = 56, R = 12, T = 28, B = 48;
  const double plot_w = W - L - R, plot_h = H - T - B;
  const double y0 = ticks.values.front(), y1 = ticks.values.back();
  auto y_of = [&](double v) { return T + plot_h - (v - y0) / (y1 - y0) * plot_h; };
  const double slot = plot_w / static_cast<double>(std::max<size_t>(pts.size(), 1));
  const double bw = std::min(28.0, slot / 3);
  auto value_text = [&](double v) { return format_number(v, t.precision, t.locale); };

  std::string s;  // the plot; the <svg> is opened when its height is known (threshold words above it)
  for (double v : ticks.values)
    s += line_el("grid", L, y_of(v), W - R, y_of(v)) +
         text_el("axis", L - 6, y_of(v) + 4, "end", format_number(v, ticks.decimals, t.locale));
  if (!t.unit.empty()) s += text_el("axis", L - 6, T - 12, "end", t.unit);
  if (!t.direction_note.empty()) s += text_el("note", W - R, T - 12, "end", t.direction_note);
  // Values are written over the bars only where every one of them fits its bar's width.
  bool labels_fit = true;
  for (const auto& p : pts)
    for (const auto& v : {p.plan, p.fact})
      if (v && label_width(value_text(*v)) > bw + 4) labels_fit = false;
  const double base = y_of(std::max(y0, 0.0));
  // Bars and their values first; each threshold's words then go where they cover none of them.
  std::vector<Box> taken;
  if (!t.direction_note.empty()) taken.push_back(text_box(W - R, T - 12, "end", t.direction_note));
  auto bar = [&](const char* cls, double x, double v) {
    const double top = std::min(y_of(v), base), h = std::abs(base - y_of(v));
    std::string b = rect_el(cls, x, top, bw, h);
    taken.push_back({x, top, x + bw, top + h});
    if (labels_fit) {
      b += text_el("value", x + bw / 2, top - 4, "middle", value_text(v));
      taken.push_back(text_box(x + bw / 2, top - 4, "middle", value_text(v)));
    }
    return b;
  };
  bool thresholds = false;
  std::optional<double> last_threshold;
  struct Words { double left, cx, right, y; std::string text; };
  std::vector<Words> threshold_words;
  for (size_t i = 0; i < pts.size(); ++i) {
    const ChartPoint& p = pts[i];
    const double cx = L + slot * (static_cast<double>(i) + 0.5);
    const bool threshold = p.plan && is_threshold(p.bound);
    if (p.plan && !threshold) s += bar("bar-plan", cx - bw - 1, *p.plan);
    if (threshold) {
      // A threshold is a level, not an amount: a dashed line over the year, its words once per run.
      thresholds = true;
      s += line_el("target", cx - slot / 2 + 4, y_of(*p.plan), cx + slot / 2 - 4, y_of(*p.plan));
      if (last_threshold != p.plan)
        threshold_words.push_back({cx - slot / 2 + 4, cx, cx + slot / 2 - 4, y_of(*p.plan),
                                   (p.bound == Bound::Ge ? t.at_least : t.at_most) + " " + value_text(*p.plan)});
    }
    last_threshold = threshold ? p.plan : std::nullopt;
    if (p.fact) s += bar("bar-fact", cx + 1, *p.fact);
    s += text_el("axis", cx, H - B + 18, "middle", std::to_string(p.year));
  }
  // Words with no free place near their line go in rows above the plot, each at its year's left
  // (moved left to end inside the chart), as many per row as fit side by side.
  const double row_h = 14;
  std::vector<double> row_end;
  std::string above;
  for (const auto& w : threshold_words) {
    if (auto placed = threshold_label(w.left, w.cx, w.right, w.y, w.text, bw, {L, 2, W - R, base}, taken)) {
      s += *placed;
      continue;
    }
    const Box b = text_box(0, 0, "start", w.text);
    const double x = std::max(L, std::min(w.left, W - R - (b.x1 - b.x0)));
    size_t row = 0;
    while (row < row_end.size() && row_end[row] > x) ++row;
    if (row == row_end.size()) row_end.push_back(0);
    row_end[row] = x + (b.x1 - b.x0) + 4;
    above += text_el("target-label", x, row_h * static_cast<double>(row + 1), "start", w.text);
  }
  // Legend: shapes differ (light bar, dark bar, dashed line), not only colours.
  const double ly = H - 12;
  s += rect_el("bar-plan", L, ly - 9, 12, 10) + text_el("", L + 16, ly, "start", t.plan_label);
  s += rect_el("bar-fact", L + 150, ly - 9, 12, 10) + text_el("", L + 166, ly, "start", t.fact_label);
  if (thresholds)
    s += line_el("target", L + 300, ly - 4, L + 324, ly - 4) + text_el("", L + 330, ly, "start", t.target_label);
  if (row_end.empty()) return open_svg("chart", W, H, t) + s + "</svg>";
  const double band = row_h * static_cast<double>(row_end.size()) + 2;
  return open_svg("chart", W, H + band, t) + above + "<g transform=\"translate(0 " + num(band) + ")\">" + s + "</g></svg>";
}

std::string yes_no_timeline(const std::vector<ChartPoint>& pts, const ChartText& t) {
  if (std::none_of(pts.begin(), pts.end(), [](const ChartPoint& p) { return p.plan || p.fact; })) return "";
  const double L = 72, R = 12, row = 44, T = 16;
  const double W = 640, H = T + 2 * row + 28;
  const double slot = (W - L - R) / static_cast<double>(std::max<size_t>(pts.size(), 1));
  std::string s = open_svg("chart yes-no", W, H, t);
  auto mark = [&](double cx, double cy, std::optional<double> v) {
    if (!v) return text_el("axis", cx, cy + 4, "middle", "—");
    const bool yes = *v >= 1;
    // The word is written under the mark: the state is never told by the mark's colour alone.
    return std::string("<circle class=\"") + (yes ? "mark-yes" : "mark-no") + "\" cx=\"" + num(cx) + "\" cy=\"" +
           num(cy - 6) + "\" r=\"9\"/>" + text_el("mark", cx, cy - 2, "middle", yes ? "✓" : "✗") +
           text_el("axis", cx, cy + 16, "middle", yes ? t.yes : t.no);
  };
  const double plan_y = T + row / 2, fact_y = T + row + row / 2;
  s += text_el("", L - 8, plan_y, "end", t.plan_label) + text_el("", L - 8, fact_y, "end", t.fact_label);
  for (size_t i = 0; i < pts.size(); ++i) {
    const double cx = L + slot * (static_cast<double>(i) + 0.5);
    s += mark(cx, plan_y, pts[i].plan) + mark(cx, fact_y, pts[i].fact);
    s += text_el("axis", cx, H - 8, "middle", std::to_string(pts[i].year));
  }
  return s + "</svg>";
}

std::string sparkline(const std::vector<ChartPoint>& pts, const std::string& label) {
  std::vector<std::pair<size_t, double>> v;
  bool facts = std::any_of(pts.begin(), pts.end(), [](const ChartPoint& p) { return p.fact.has_value(); });
  for (size_t i = 0; i < pts.size(); ++i) {
    auto val = facts ? pts[i].fact : pts[i].plan;
    if (val) v.push_back({i, *val});
  }
  std::string s = "<svg class=\"spark\" viewBox=\"0 0 80 20\" width=\"80\" height=\"20\" role=\"img\" aria-label=\"" +
                  escape_xml(label) + "\" xmlns=\"http://www.w3.org/2000/svg\">";
  if (v.size() >= 2) {
    double lo = v[0].second, hi = v[0].second;
    for (auto& [i, x] : v) {
      lo = std::min(lo, x);
      hi = std::max(hi, x);
    }
    if (hi == lo) hi = lo + 1;
    std::string pts_attr;
    const double n = static_cast<double>(pts.size() > 1 ? pts.size() - 1 : 1);
    for (auto& [i, x] : v)
      pts_attr += num(2 + 76 * static_cast<double>(i) / n) + "," + num(18 - 16 * (x - lo) / (hi - lo)) + " ";
    pts_attr.pop_back();
    s += std::string("<polyline class=\"") + (facts ? "spark-fact" : "spark-plan") + "\" points=\"" + pts_attr + "\"/>";
  }
  s += "</svg>";
  return s;
}

std::string progress_bar(std::optional<double> share, const std::string& label, const std::string& locale) {
  std::string pct = share ? format_value(*share * 100, 0, "%", locale) : "—";
  double w = share ? std::clamp(*share, 0.0, 1.0) * 100 : 0;
  return "<svg class=\"progress\" viewBox=\"0 0 100 8\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"" +
         escape_xml(label + ": " + pct) +
         "\" xmlns=\"http://www.w3.org/2000/svg\"><rect class=\"progress-bg\" width=\"100\" height=\"8\"/>"
         "<rect class=\"progress-fg\" width=\"" + num(w) + "\" height=\"8\"/></svg>";
}

std::string donut(const std::vector<DonutSegment>& segs, const std::string& title, const std::string& desc) {
  int total = 0;
  for (const auto& s : segs) total += s.value;
  std::string s = "<svg class=\"donut\" viewBox=\"0 0 42 42\" width=\"160\" height=\"160\" role=\"img\" "
                  "aria-labelledby=\"d-title d-desc\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"d-title\">" +
                  escape_xml(title) + "</title><desc id=\"d-desc\">" + escape_xml(desc) + "</desc>"
                  "<circle class=\"donut-ring\" cx=\"21\" cy=\"21\" r=\"15.9155\" fill=\"none\" stroke-width=\"6\"/>";
  double offset = 25;  // start at 12 o'clock; the circle's circumference is 100
  for (const auto& seg : segs) {
    if (seg.value <= 0 || total == 0) continue;
    double pct = 100.0 * seg.value / total;
    s += "<circle class=\"" + escape_xml(seg.css_class) +
         "\" cx=\"21\" cy=\"21\" r=\"15.9155\" fill=\"none\" stroke-width=\"6\" stroke-dasharray=\"" + num(pct) + " " +
         num(100 - pct) + "\" stroke-dashoffset=\"" + num(offset) + "\"/>";
    offset -= pct;
  }
  s += "<text class=\"donut-total\" x=\"21\" y=\"23.5\" text-anchor=\"middle\">" + std::to_string(total) + "</text></svg>";
  return s;
}

}  // namespace vitrina
