#include "validate/validate.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <set>
#include <iomanip>
#include <sstream>
#include <unordered_map>

#include "load/object_reader.h"
#include "text/messages.h"
#include "util/parallel.h"

namespace vitrina {

namespace {

std::string fold_case(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

struct Checker {
  const SourceIndex& sources;
  Diagnostics& diags;

  void error(const Origin& o, const std::string& field, const std::string& msg) {
    std::string ptr = o.pointer + field;
    TextPos p = sources.locate(o.file, ptr);
    diags.error(o.file, p.line, p.column, msg, ptr);
  }
  // `subject` is the object whose "acknowledged" list may name `code`.
  void warning(const Annotated& subject, const std::string& field, const std::string& msg, const char* code) {
    const Origin& o = subject.origin;
    std::string ptr = o.pointer + field;
    TextPos p = sources.locate(o.file, ptr);
    diags.add({Severity::Warning, o.file, p.line, p.column, msg, ptr, code, subject.acknowledges(code)});
  }

  // The ids of one list, for reference checks. `complete` is false when the file that
  // defines the list could not be parsed: references into it are then not reported (the
  // file's own error is), so one syntax error does not bring a cascade of false ones.
  struct Ids {
    std::vector<std::string> list;
    bool complete = true;
  };

  // Unique ids within one list, also ignoring letter case (ids name files and folders of the
  // site, which collide on Windows and macOS disks); returns the ids for reference checks.
  template <class T>
  Ids ids(const std::vector<T>& items, bool complete = true) {
    std::unordered_map<std::string, const Origin*> seen;
    std::unordered_map<std::string, const T*> folded;
    Ids out{{}, complete};
    for (const auto& it : items) {
      if (it.id.empty()) continue;
      auto [pos, fresh] = seen.emplace(it.id, &it.origin);
      if (!fresh) {
        error(it.origin, "/id", tr("id.duplicate", {it.id, std::to_string(pos->second->line)}));
        continue;
      }
      out.list.push_back(it.id);
      auto [other, first] = folded.emplace(fold_case(it.id), &it);
      if (!first)
        error(it.origin, "/id", tr("id.case_collision", {it.id, other->second->id, std::to_string(other->second->origin.line)}));
    }
    return out;
  }

  // Indicators that restate each other in a circle are all left out of the counts: an error
  // at each cycle's first indicator, naming the circle.
  void restates_cycles(const Programme& p) {
    std::unordered_map<std::string, const Indicator*> by_id;
    for (const auto& x : p.indicators) by_id.emplace(x.id, &x);
    std::set<std::string> reported;
    for (const auto& x : p.indicators) {
      if (x.restates.empty() || reported.count(x.id)) continue;
      std::vector<std::string> chain{x.id};
      std::string cur = x.restates;
      while (chain.size() <= by_id.size() && cur != x.id) {
        auto it = by_id.find(cur);
        if (it == by_id.end() || it->second->restates.empty() || reported.count(cur)) break;
        chain.push_back(cur);
        cur = it->second->restates;
      }
      if (cur != x.id) continue;
      std::string circle;
      for (const auto& id : chain) {
        circle += id + " → ";
        reported.insert(id);
      }
      error(x.origin, "/restates", tr("ref.restates_cycle", {circle + x.id}));
    }
  }

  void ref(const Origin& o, const std::string& field, const std::string& value, const Ids& known, const char* kind) {
    if (value.empty() || !known.complete) return;
    for (const auto& k : known.list)
      if (k == value) return;
    std::string guess = closest_match(value, known.list);
    error(o, field,
          guess.empty() ? tr("ref.unknown", {value, tr(kind)}) : tr("ref.unknown_suggest", {value, tr(kind), guess}));
  }
  void refs(const Origin& o, const std::string& field, const std::vector<std::string>& values, const Ids& known,
            const char* kind) {
    for (size_t i = 0; i < values.size(); ++i) ref(o, field + "/" + std::to_string(i), values[i], known, kind);
  }

  // A share is a percentage, 0–100, unless its indicator acknowledges kShareRangeCode (a
  // coverage counted in visits can pass 100 %): then the diagnostic is acknowledged.
  void share_range(const Indicator& x) {
    if (x.kind != IndicatorKind::Share) return;
    const bool allowed = x.acknowledges(kShareRangeCode);
    auto report = [&](const Origin& o, const std::string& field, const std::string& msg) {
      const std::string ptr = o.pointer + field;
      const TextPos p = sources.locate(o.file, ptr);
      diags.add({allowed ? Severity::Warning : Severity::Error, o.file, p.line, p.column, msg, ptr, kShareRangeCode,
                 allowed});
    };
    auto outside = [](double v) { return v < 0 || v > 100; };
    auto value = [&](const Origin& o, const std::string& field, std::optional<double> v) {
      if (v && outside(*v)) report(o, field, tr("share.range", {number(*v), x.id}));
    };
    value(x.origin, "/baseline/value", x.baseline_value);
    for (const auto& t : x.targets) value(t.origin, "/value", t.value);
    for (const auto& f : x.facts) {
      value(f.origin, "/value", f.value);
      // A quotient that overflows is compute's error (value.not_finite_result), not this one.
      const double ratio = f.numerator && f.denominator && *f.denominator > 0 ? *f.numerator / *f.denominator * 100 : 0;
      if (!f.value && std::isfinite(ratio) && outside(ratio))
        report(f.origin, "/numerator", tr("share.ratio_range", {number(*f.numerator), number(*f.denominator), x.id}));
      for (size_t i = 0; i < f.by_organisation.size(); ++i)
        value(f.origin, "/by_organisation/" + std::to_string(i) + "/value", f.by_organisation[i].value);
    }
  }

  // A number as the data wrote it (120, 47.1).
  static std::string number(double v) {
    std::ostringstream s;
    s << std::setprecision(12) << v;
    return s.str();
  }

  void year_in_period(const Programme& p, const Origin& o, const std::string& field, int year) {
    if (!p.period.start || !p.period.end) return;
    if (year < *p.period.start || year > *p.period.end)
      error(o, field,
            tr("year.outside_period", {std::to_string(year), std::to_string(*p.period.start),
                                       std::to_string(*p.period.end)}));
  }

  // The report's date lies in the report period or after it, never before the year it reports on.
  void as_of(const Site& site) {
    if (site.as_of.size() != 10 || !site.report_year) return;
    const std::string start = std::to_string(site.report_year) + "-01-01";
    if (site.as_of < start)
      error(site.origin, "/as_of", tr("site.as_of_before_year", {site.as_of, std::to_string(site.report_year)}));
  }

  // Settings outside the ranges docs/site.md gives make wrong figures (a cap of −1 gave an
  // effectiveness of −1.0; two zero weights divide by zero); thresholds are bands from the
  // top down, so each must not exceed the one above it.
  void methodology(const Site& site) {
    const Methodology& m = site.methodology;
    struct Setting { const char* field; double value; double lo, hi; bool lo_open; };
    const Setting settings[] = {
        {"/methodology/status/achieved_min", m.achieved_min, 0, 2, false},
        {"/methodology/status/on_track_min", m.on_track_min, 0, 2, false},
        {"/methodology/status/at_risk_min", m.at_risk_min, 0, 2, false},
        {"/methodology/rating/high", m.rating_high, 0, 2, false},
        {"/methodology/rating/medium", m.rating_medium, 0, 2, false},
        {"/methodology/rating/satisfactory", m.rating_satisfactory, 0, 2, false},
        {"/methodology/cap", m.cap, 0, std::numeric_limits<double>::infinity(), true},
        {"/methodology/weights/indicators", m.weight_indicators, 0, std::numeric_limits<double>::infinity(), false},
        {"/methodology/weights/measures", m.weight_measures, 0, std::numeric_limits<double>::infinity(), false},
    };
    auto text = [](double v) {
      char buf[32];
      auto r = std::to_chars(buf, buf + sizeof buf, v);
      return std::string(buf, r.ptr);
    };
    for (const auto& s : settings) {
      const bool ok = (s.lo_open ? s.value > s.lo : s.value >= s.lo) && s.value <= s.hi;
      if (ok) continue;
      const std::string range = std::isinf(s.hi) ? (s.lo_open ? "> 0" : "≥ 0") : "0…" + text(s.hi);
      error(site.origin, s.field, tr("methodology.range", {text(s.value), range}));
    }
    auto ordered = [&](const Setting& lower, const Setting& upper) {
      if (lower.value <= upper.value) return;
      auto name = [](const char* f) { return std::string(f).substr(std::string("/methodology/").size()); };
      error(site.origin, lower.field,
            tr("methodology.order", {name(lower.field), text(lower.value), name(upper.field), text(upper.value)}));
    };
    ordered(settings[2], settings[1]);
    ordered(settings[1], settings[0]);
    ordered(settings[5], settings[4]);
    ordered(settings[4], settings[3]);
    if (m.weight_indicators == 0 && m.weight_measures == 0)
      error(site.origin, "/methodology/weights", tr("methodology.weights_zero"));
  }

  void programme(const Programme& p, const Site& site) {
    auto read = [&](const char* file) { return !sources.unread.count("data/programmes/" + p.id + "/" + file); };
    const bool passport = read("programme.json");
    auto directions = ids(p.directions, passport);
    auto goals = ids(p.goals, passport);
    auto tasks = ids(p.tasks, passport);
    auto groups = ids(p.indicator_groups, passport);
    auto sections = ids(p.measure_sections, passport);
    auto indicators = ids(p.indicators, read("indicators.json"));
    auto measures = ids(p.measures, read("measures.json"));
    auto orgs = ids(p.organisations, read("organisations.json"));
    auto references = ids(p.references, passport);
    ids(p.statistics);
    ids(p.governance);
    restates_cycles(p);

    for (const auto& g : p.goals) {
      ref(g.origin, "/direction", g.direction, directions, "object.direction");
      ref(g.origin, "/group", g.group, groups, "object.group");
    }
    for (const auto& t : p.tasks) {
      ref(t.origin, "/goal", t.goal, goals, "object.goal");
      ref(t.origin, "/direction", t.direction, directions, "object.direction");
    }
    for (const auto& s : p.measure_sections) {
      ref(s.origin, "/task", s.task, tasks, "object.task");
      ref(s.origin, "/direction", s.direction, directions, "object.direction");
    }
    for (const auto& s : p.statistics) ref(s.origin, "/indicator", s.indicator, indicators, "object.indicator");
    for (const auto& c : p.cycle) {
      refs(c.origin, "/documents", c.documents, references, "object.reference");
      refs(c.origin, "/links/indicators", c.indicators, indicators, "object.indicator");
      refs(c.origin, "/links/measures", c.measures, measures, "object.measure");
    }
    for (const auto& x : p.indicators) {
      ref(x.origin, "/group", x.group, groups, "object.group");
      ref(x.origin, "/direction", x.direction, directions, "object.direction");
      ref(x.origin, "/goal", x.goal, goals, "object.goal");
      ref(x.origin, "/task", x.task, tasks, "object.task");
      ref(x.origin, "/restates", x.restates, indicators, "object.indicator");
      share_range(x);
      if (kind_contradicts_better(x.kind, x.better))
        error(x.origin, "/better", tr("indicator.kind_better", {kind_key(x.kind), better_key(x.better)}));
      for (size_t i = 0; i < x.targets.size(); ++i)
        if (x.targets[i].year) year_in_period(p, x.targets[i].origin, "/year", *x.targets[i].year);
      std::set<std::pair<int, FactPeriod>> fact_years;
      for (const auto& f : x.facts) {
        year_in_period(p, f.origin, "/year", f.year);
        if (!fact_years.insert({f.year, f.period}).second)
          error(f.origin, "/year",
                f.period == FactPeriod::Year ? tr("year.duplicate_fact", {std::to_string(f.year)})
                                             : tr("year.duplicate_interim_fact", {std::to_string(f.year), fact_period_label(f.period)}));
        if (site.report_year && f.year > site.report_year)
          warning(f, "/year", tr("year.fact_future", {std::to_string(f.year), std::to_string(site.report_year)}),
                  "fact-after-report-year");
        else if (f.year == site.report_year && f.period > site.report_period)
          warning(f, "/period",
                  tr("year.fact_after_period", {fact_period_label(f.period), std::to_string(f.year),
                                                report_period_label(site.report_period, site.report_year)}),
                  "fact-after-report-year");
        if (is_yes_no(x) && f.value && *f.value != 0 && *f.value != 1)
          error(f.origin, "/value", tr("yes_no.value"));
        for (size_t i = 0; i < f.by_organisation.size(); ++i)
          ref(f.origin, "/by_organisation/" + std::to_string(i) + "/organisation", f.by_organisation[i].organisation,
              orgs, "object.organisation");
      }
    }
    std::unordered_map<std::string, std::string> parent_of;
    for (const auto& m : p.measures) {
      if (m.parent == m.id && !m.id.empty()) error(m.origin, "/parent", tr("ref.self_parent"));
      else ref(m.origin, "/parent", m.parent, measures, "object.measure");
      if (!m.parent.empty()) parent_of[m.id] = m.parent;
      ref(m.origin, "/section", m.section, sections, "object.section");
      ref(m.origin, "/task", m.task, tasks, "object.task");
      ref(m.origin, "/direction", m.direction, directions, "object.direction");
      refs(m.origin, "/indicators", m.indicators, indicators, "object.indicator");
      refs(m.origin, "/organisations", m.organisations, orgs, "object.organisation");
      for (size_t i = 0; i < m.status.size(); ++i)
        year_in_period(p, m.origin, "/status/" + std::to_string(i) + "/year", m.status[i].year);
      if (p.period.start && p.period.end && m.period.start && m.period.end &&
          (m.period.start->year < *p.period.start || m.period.end->year > *p.period.end))
        warning(m, "/period",
                tr("period.outside", {m.period.printed, std::to_string(*p.period.start),
                                      std::to_string(*p.period.end)}),
                "period-outside");
    }
    // A cycle in parent links would make every tree walk loop forever.
    for (const auto& m : p.measures) {
      std::string cur = m.id;
      size_t steps = 0;
      while (parent_of.count(cur) && steps <= parent_of.size()) {
        cur = parent_of[cur];
        ++steps;
      }
      if (steps > parent_of.size()) {
        error(m.origin, "/parent", tr("ref.parent_cycle"));
        break;
      }
    }
  }
};

}  // namespace

void validate(const SiteModel& model, const SourceIndex& sources, Diagnostics& diags, int jobs, ChecksStore* store) {
  Checker c{sources, diags};
  c.methodology(model.site);
  c.as_of(model.site);
  c.ids(model.programmes);  // folder names: one per programme already, but not per letter case
  // Each programme's checks read only it and the site: on all threads, their diagnostics
  // merged in programme order (the same messages whatever the number of threads).
  std::vector<Diagnostics> found(model.programmes.size());
  parallel_indices(found.size(), jobs, [&](size_t i) {
    const Programme& p = model.programmes[i];
    if (store && store->restore(p, found[i])) return;
    Checker{sources, found[i]}.programme(p, model.site);
    if (store) store->save(p, found[i]);
  });
  for (const auto& d : found) diags.append(d);
}

}  // namespace vitrina
