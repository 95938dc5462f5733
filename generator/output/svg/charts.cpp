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

std::string plan_fact_chart(const std::vector<ChartPoint>& pts, std::optional<double> threshold,
                            const ChartText& t) {
  const double W = 640, H = 280, L = 56, R = 12, T = 16, B = 48;
  double maxv = threshold.value_or(0);
  for (const auto& p : pts) maxv = std::max({maxv, p.plan.value_or(0), p.fact.value_or(0)});
  if (maxv <= 0) maxv = 1;
  maxv *= 1.1;
  const double plot_w = W - L - R, plot_h = H - T - B;
  const double slot = pts.empty() ? plot_w : plot_w / static_cast<double>(pts.size());
  const double bw = std::min(28.0, slot / 3);
  auto y_of = [&](double v) { return T + plot_h - v / maxv * plot_h; };

  std::string s = "<svg class=\"chart\" viewBox=\"0 0 640 280\" role=\"img\" aria-labelledby=\"c-title c-desc\" "
                  "xmlns=\"http://www.w3.org/2000/svg\"><title id=\"c-title\">" +
                  escape_xml(t.title) + "</title><desc id=\"c-desc\">" + escape_xml(t.desc) + "</desc>";
  // Grid and axis labels at 0, 50 %, 100 % of the scale.
  for (int k = 0; k <= 4; ++k) {
    double v = maxv / 1.1 * k / 4;
    double y = y_of(v);
    s += "<line class=\"grid\" x1=\"" + num(L) + "\" x2=\"" + num(W - R) + "\" y1=\"" + num(y) + "\" y2=\"" + num(y) +
         "\"/><text class=\"axis\" x=\"" + num(L - 6) + "\" y=\"" + num(y + 4) + "\" text-anchor=\"end\">" +
         escape_xml(format_number(v, t.precision, t.locale)) + "</text>";
  }
  for (size_t i = 0; i < pts.size(); ++i) {
    double cx = L + slot * (static_cast<double>(i) + 0.5);
    if (pts[i].plan)
      s += "<rect class=\"bar-plan\" x=\"" + num(cx - bw - 1) + "\" y=\"" + num(y_of(*pts[i].plan)) + "\" width=\"" +
           num(bw) + "\" height=\"" + num(T + plot_h - y_of(*pts[i].plan)) + "\"/>";
    if (pts[i].fact)
      s += "<rect class=\"bar-fact\" x=\"" + num(cx + 1) + "\" y=\"" + num(y_of(*pts[i].fact)) + "\" width=\"" +
           num(bw) + "\" height=\"" + num(T + plot_h - y_of(*pts[i].fact)) + "\"/>";
    s += "<text class=\"axis\" x=\"" + num(cx) + "\" y=\"" + num(H - B + 18) + "\" text-anchor=\"middle\">" +
         std::to_string(pts[i].year) + "</text>";
  }
  if (threshold) {
    double y = y_of(*threshold);
    s += "<line class=\"target\" x1=\"" + num(L) + "\" x2=\"" + num(W - R) + "\" y1=\"" + num(y) + "\" y2=\"" + num(y) +
         "\"/>";
  }
  // Legend: patterns differ (solid, hatched via class, dashed line), not only colours.
  double ly = H - 12;
  s += "<rect class=\"bar-plan\" x=\"" + num(L) + "\" y=\"" + num(ly - 9) + "\" width=\"12\" height=\"10\"/><text x=\"" +
       num(L + 16) + "\" y=\"" + num(ly) + "\">" + escape_xml(t.plan_label) + "</text>";
  s += "<rect class=\"bar-fact\" x=\"" + num(L + 150) + "\" y=\"" + num(ly - 9) +
       "\" width=\"12\" height=\"10\"/><text x=\"" + num(L + 166) + "\" y=\"" + num(ly) + "\">" +
       escape_xml(t.fact_label) + "</text>";
  if (threshold)
    s += "<line class=\"target\" x1=\"" + num(L + 300) + "\" x2=\"" + num(L + 324) + "\" y1=\"" + num(ly - 4) +
         "\" y2=\"" + num(ly - 4) + "\"/><text x=\"" + num(L + 330) + "\" y=\"" + num(ly) + "\">" +
         escape_xml(t.target_label) + "</text>";
  s += "</svg>";
  return s;
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
