#include "compute/report.h"

#include <nlohmann/json.hpp>

#include "text/messages.h"
#include "text/messages.h"

namespace vitrina {

namespace {

using nlohmann::ordered_json;

const YearFigures* year_of(const IndicatorMetrics& im, int year) {
  for (const auto& y : im.years)
    if (y.year == year) return &y;
  return nullptr;
}

ordered_json num(const std::optional<double>& v, int precision) {
  if (!v) return nullptr;
  return round_decimal(*v, precision).value;
}

// ---- JSON ---------------------------------------------------------------------------------

ordered_json summary_json(const ProgrammeMetrics& pm) {
  ordered_json by_status = ordered_json::object();
  for (IndicatorStatus s : all_values<IndicatorStatus>()) {
    auto it = pm.by_status.find(s);
    by_status[status_key(s)] = it == pm.by_status.end() ? 0 : it->second;
  }
  ordered_json j;
  j["indicators_total"] = pm.indicators_total;
  j["indicators_assessed"] = pm.indicators_assessed;
  j["indicators_achieved"] = pm.indicators_achieved;
  j["by_status"] = by_status;
  j["share_achieved"] = num(pm.share_achieved, kScorePrecision);
  j["mean_degree"] = num(pm.mean_degree, kScorePrecision);
  j["measures_done_share"] = num(pm.measures_done_share, kScorePrecision);
  j["effectiveness"] = num(pm.effectiveness, kScorePrecision);
  j["effectiveness_basis"] = pm.effectiveness_basis == EffectivenessBasis::None ? ordered_json(nullptr)
                                                                                : ordered_json(basis_key(pm.effectiveness_basis));
  j["rating"] = rating_key(pm.rating);
  j["measures"] = counts_json(pm.measures);
  return j;
}

ordered_json by_key_json(const std::map<std::string, Counts>& m) {
  ordered_json j = ordered_json::object();
  for (const auto& [k, c] : m) j[k] = counts_json(c);
  return j;
}

std::string report_json(const SiteModel& model, const SiteMetrics& sm) {
  const Methodology& m = model.site.methodology;
  ordered_json root;
  root["report_year"] = sm.overall.report_year;
  root["report_period"] = fact_period_key(sm.report.period);
  root["as_of"] = sm.report.as_of;
  root["methodology"] = {{"achieved_min", m.achieved_min}, {"on_track_min", m.on_track_min},
                         {"at_risk_min", m.at_risk_min},
                         {"rating", {{rating_key(Rating::High), m.rating_high},
                                     {rating_key(Rating::Medium), m.rating_medium},
                                     {rating_key(Rating::Satisfactory), m.rating_satisfactory}}},
                         {"cap", m.cap},
                         {"weights", {{"indicators", m.weight_indicators}, {"measures", m.weight_measures}}},
                         {"done_rule", done_rule_key(m.done_rule)}};
  root["programmes"] = ordered_json::array();
  for (const auto& prog : model.programmes) {
    const ProgrammeMetrics* pm = sm.programme(prog.id);
    if (!pm) continue;
    ordered_json p;
    p["id"] = prog.id;
    p["title"] = prog.title;
    p["report_year"] = pm->report_year;
    p["indicators"] = ordered_json::array();
    for (const auto& ind : prog.indicators) {
      const IndicatorMetrics* im = sm.indicator(prog.id, ind.id);
      if (!im) continue;
      const YearFigures* y = year_of(*im, pm->report_year);
      ordered_json i;
      i["id"] = ind.id;
      i["number"] = ind.number;
      i["name"] = ind.name;
      i["unit"] = ind.unit;
      i["precision"] = im->precision;
      i["counted"] = ind.restates.empty() && is_assessed(ind);
      i["plan"] = y ? num(y->plan, im->precision) : nullptr;
      i["plan_op"] = y && y->plan ? ordered_json(bound_key(y->plan_op)) : ordered_json(nullptr);
      i["plan_printed"] = y && !y->plan_printed.empty() ? ordered_json(y->plan_printed) : ordered_json(nullptr);
      i["fact"] = y ? num(y->fact, im->precision) : nullptr;
      i["fact_recomputed"] = y && y->fact_recomputed;
      i["fact_period"] = y && y->fact ? ordered_json(fact_period_key(y->fact_period)) : ordered_json(nullptr);
      i["degree"] = num(im->report_degree, kScorePrecision);
      i["degree_capped"] = num(im->report_degree_capped, kScorePrecision);
      i["deviation"] = y ? num(y->deviation, im->precision) : nullptr;
      i["status"] = status_key(im->status);
      i["trend"] = trend_key(im->trend);
      i["progress"] = progress_key(im->progress);
      i["ratio_last_first"] = im->ratio_rounded ? ordered_json(im->ratio_rounded->value) : ordered_json(nullptr);
      i["ratio_printed"] = ind.printed_ratio ? ordered_json(*ind.printed_ratio) : ordered_json(nullptr);
      i["ratio_differs"] = im->ratio_differs_from_printed;
      p["indicators"].push_back(std::move(i));
    }
    p["summary"] = summary_json(*pm);
    p["measures_by_section"] = by_key_json(pm->by_section);
    p["measures_by_task"] = by_key_json(pm->by_task);
    p["measures_by_direction"] = by_key_json(pm->by_direction);
    root["programmes"].push_back(std::move(p));
  }
  root["overall"] = summary_json(sm.overall);
  return root.dump(2) + "\n";
}

// ---- text ---------------------------------------------------------------------------------

size_t width(const std::string& s) {  // code points (the table is Cyrillic and ASCII)
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string truncate(const std::string& s, size_t max) {
  if (width(s) <= max) return s;
  std::string out;
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && ++n > max - 1) break;
    out += s[i];
  }
  return out + "…";
}

std::string pad(const std::string& s, size_t w) { return s + std::string(w > width(s) ? w - width(s) : 0, ' '); }

std::string decimal(const std::optional<double>& v, int precision) {
  if (!v) return "—";
  std::string t = round_decimal(*v, precision).text;
  if (language() != "en")
    for (char& c : t)
      if (c == '.') c = ',';
  return t;
}

std::string percent(const std::optional<double>& share) {
  if (!share) return "—";
  return decimal(*share * 100, 1) + " %";
}

const char* status_colour(IndicatorStatus s) {
  switch (s) {
    case IndicatorStatus::Achieved: return "\x1b[32m";
    case IndicatorStatus::OnTrack:
    case IndicatorStatus::InProgress: return "\x1b[36m";
    case IndicatorStatus::AtRisk: return "\x1b[33m";
    case IndicatorStatus::NotAchieved: return "\x1b[31m";
    case IndicatorStatus::NoData:
    case IndicatorStatus::NoTarget: return "\x1b[2m";
  }
  return "\x1b[2m";
}

const char* rating_colour(Rating r) {
  switch (r) {
    case Rating::High: return "\x1b[32m";
    case Rating::Medium: return "\x1b[36m";
    case Rating::Satisfactory: return "\x1b[33m";
    case Rating::Unsatisfactory: return "\x1b[31m";
    case Rating::NotAssessable: return "\x1b[2m";
  }
  return "\x1b[2m";
}

std::string paint(const std::string& s, const char* code, bool colour) {
  return colour ? std::string(code) + s + "\x1b[0m" : s;
}

// What the effectiveness score was computed from, in words.
std::string basis_text(EffectivenessBasis b, const Methodology& m) {
  const double weights = m.weight_indicators + m.weight_measures;
  switch (b) {
    case EffectivenessBasis::Both:
      return tr("report.basis.both", {decimal(m.weight_indicators / weights, 2), decimal(m.weight_measures / weights, 2)});
    case EffectivenessBasis::Indicators: return tr("report.basis.indicators");
    case EffectivenessBasis::Measures: return tr("report.basis.measures");
    case EffectivenessBasis::None: return {};
  }
  return {};
}

std::string summary_text(const ProgrammeMetrics& pm, const Methodology& m, bool colour, bool interim) {
  std::string out;
  out += tr("report.indicators", {std::to_string(pm.indicators_total), std::to_string(pm.indicators_assessed),
                                            std::to_string(pm.indicators_achieved), percent(pm.share_achieved),
                                            decimal(pm.mean_degree, kScorePrecision)}) + "\n";
  const Counts& c = pm.measures;
  out += tr("report.measures", {std::to_string(pm.report_year), std::to_string(c.total), std::to_string(c.done_counted),
                                          std::to_string(c.in_progress), std::to_string(c.not_done), std::to_string(c.planned),
                                          std::to_string(c.cancelled), std::to_string(c.no_status), std::to_string(c.overdue),
                                          percent(pm.measures_done_share)}) + "\n";
  if (interim) return out + tr("report.not_rated_interim") + "\n";
  const std::string rating = paint(rating_label(pm.rating), rating_colour(pm.rating), colour);
  if (!pm.effectiveness) return out + tr("report.not_rated", {rating}) + "\n";
  out += tr("report.rating", {decimal(pm.effectiveness, kScorePrecision), rating});
  return out + " " + tr("report.basis", {basis_text(pm.effectiveness_basis, m)}) + "\n";
}

std::string report_text(const SiteModel& model, const SiteMetrics& sm, bool colour) {
  const Methodology& meth = model.site.methodology;
  std::string out = tr("report.title", {period_text(sm.report), as_of_text(sm.report)}) + "\n";
  if (sm.report.interim()) out += tr("report.interim") + "\n";
  for (const auto& prog : model.programmes) {
    const ProgrammeMetrics* pm = sm.programme(prog.id);
    if (!pm) continue;
    out += "\n" + paint(tr("report.programme", {truncate(prog.title, 100)}) +
                        " [" + prog.id + "]", "\x1b[1m", colour) + "\n";
    std::vector<std::vector<std::string>> rows;
    std::vector<IndicatorStatus> statuses;
    std::vector<std::string> notes;
    rows.push_back({tr("report.col.id"), tr("report.col.name"), tr("report.col.unit"),
                    tr("report.col.plan"), tr("report.col.fact"), tr("report.col.degree"),
                    tr("report.col.status")});
    for (const auto& ind : prog.indicators) {
      const IndicatorMetrics* im = sm.indicator(prog.id, ind.id);
      if (!im) continue;
      const YearFigures* y = year_of(*im, pm->report_year);
      const bool yes_no = is_yes_no(ind);
      auto value = [&](const std::optional<double>& v) {
        if (yes_no && v) return tr(*v == 1 ? "report.yes" : *v == 0 ? "report.no" : "report.other");
        return decimal(v, im->precision);
      };
      std::string plan = "—";
      if (y && y->plan) plan = sign(y->plan_op) + value(y->plan);
      else if (y && y->plan_compound) plan = tr("report.compound");
      rows.push_back({ind.number.empty() ? ind.id : ind.number, truncate(ind.name, 40), truncate(ind.unit, 6), plan,
                      y ? value(y->fact) : "—", decimal(im->report_degree, kScorePrecision),
                      status_label(im->status)});
      statuses.push_back(im->status);
      if (im->ratio_rounded && ind.printed_ratio)
        notes.push_back((ind.number.empty() ? ind.id : ind.number) + ": " +
                        tr("report.ratio", {im->ratio_rounded->text,
                                                      im->ratio_differs_from_printed ? "≠" : "=",
                                                      ind.printed_ratio_text.empty() ? decimal(ind.printed_ratio, 2) : ind.printed_ratio_text}));
    }
    if (rows.size() == 1) {
      out += tr("report.no_indicators") + "\n";
    } else {
      std::vector<size_t> w(rows[0].size(), 0);
      for (const auto& r : rows)
        for (size_t c = 0; c < r.size(); ++c) w[c] = std::max(w[c], width(r[c]));
      for (size_t r = 0; r < rows.size(); ++r) {
        std::string line;
        for (size_t c = 0; c + 1 < rows[r].size(); ++c) line += pad(rows[r][c], w[c]) + "  ";
        line += r == 0 ? rows[r].back() : paint(rows[r].back(), status_colour(statuses[r - 1]), colour);
        out += line + "\n";
      }
    }
    for (const auto& n : notes) out += n + "\n";
    out += summary_text(*pm, meth, colour, sm.report.interim());
  }
  out += "\n" + paint(tr("report.overall"), "\x1b[1m", colour) + "\n" + summary_text(sm.overall, meth, colour, sm.report.interim());
  return out;
}

}  // namespace

ordered_json counts_json(const Counts& c) {
  ordered_json j;
  j["total"] = c.total;
  for (MeasureState s : all_values<MeasureState>()) j[measure_status_key(s)] = c.of(s);
  j[measure_status_key(std::nullopt)] = c.no_status;
  j["overdue"] = c.overdue;
  j["done_counted"] = c.done_counted;
  return j;
}

std::string format_report(const SiteModel& model, const SiteMetrics& metrics, const std::string& format, bool colour) {
  if (format == "json") return report_json(model, metrics);
  return report_text(model, metrics, colour);
}

}  // namespace vitrina
