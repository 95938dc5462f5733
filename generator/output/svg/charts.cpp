#include "output/svg/charts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

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
// Fixed-point coordinates: printf with one decimal keeps the SVG deterministic and small.
std::string num(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", v);
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

  std::string s = open_svg("chart", W, H, t);
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
  auto bar = [&](const char* cls, double x, double v) {
    const double top = std::min(y_of(v), base), h = std::abs(base - y_of(v));
    std::string b = rect_el(cls, x, top, bw, h);
    if (labels_fit) b += text_el("value", x + bw / 2, top - 4, "middle", value_text(v));
    return b;
  };
  bool thresholds = false;
  std::optional<double> last_threshold;
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
        s += text_el("target-label", cx - slot / 2 + 4, y_of(*p.plan) - 5, "start",
                     (p.bound == Bound::Ge ? t.at_least : t.at_most) + " " + value_text(*p.plan));
    }
    last_threshold = threshold ? p.plan : std::nullopt;
    if (p.fact) s += bar("bar-fact", cx + 1, *p.fact);
    s += text_el("axis", cx, H - B + 18, "middle", std::to_string(p.year));
  }
  // Legend: shapes differ (light bar, dark bar, dashed line), not only colours.
  const double ly = H - 12;
  s += rect_el("bar-plan", L, ly - 9, 12, 10) + text_el("", L + 16, ly, "start", t.plan_label);
  s += rect_el("bar-fact", L + 150, ly - 9, 12, 10) + text_el("", L + 166, ly, "start", t.fact_label);
  if (thresholds)
    s += line_el("target", L + 300, ly - 4, L + 324, ly - 4) + text_el("", L + 330, ly, "start", t.target_label);
  return s + "</svg>";
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
