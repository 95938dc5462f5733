#include "output/html/views.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "compute/indicator_rules.h"
#include "compute/measure_cells.h"
#include "output/svg/charts.h"
#include "plan/outputs.h"
#include "render/markdown.h"
#include "text/format.h"
#include "text/messages.h"
#include "util/parallel.h"

namespace vitrina {


std::string ViewContext::t(const std::string& key) const {
  auto it = theme.strings.find(key);
  return it == theme.strings.end() ? key : it->second;
}

bool ViewContext::shows(PageKind kind, const std::string& key) const {
  auto it = names.find(kind);
  if (it == names.end()) return true;  // not known: made, as before
  auto name = it->second.lower_bound(key);
  return name != it->second.end() && name->compare(0, key.size(), key) == 0 &&
         (name->size() == key.size() || (*name)[key.size()] == '.');
}

namespace {

View flag(bool b) { return View(b ? View::type::bool_true : View::type::bool_false); }

// A figure's value for `data-value` (HACKING.md, «Figures on pages»): the number as computed
// (already at its precision), '.' decimal separator, "" when absent.
std::string machine(const std::optional<double>& v, int precision) {
  return v ? round_decimal(*v, precision).text : std::string();
}

// Degrees and scores as shown: kScorePrecision decimals; shares as a percentage with one decimal
// (the same three decimals of the fraction).
std::string score_text(const ViewContext& c, const std::optional<double>& v) {
  return v ? format_number(*v, kScorePrecision, c.locale) : "—";
}
std::string share_text(const ViewContext& c, const std::optional<double>& v) {
  return v ? format_value(*v * 100, kScorePrecision - 2, "%", c.locale) : "—";
}

// kainjow renders a section over any string, even an empty one: texts that templates test with
// {{#key}} are set only when there is text, so no label is left without its value.
void put_text(View& v, const std::string& key, const std::string& text) {
  if (!text.empty()) put(v, key, text);
}

// Display precision is decided once, by the compute stage.
int precision_of(const Indicator& i) { return default_precision(i); }

// True when the code point starting at byte `i` is a letter or digit (ASCII or Cyrillic).
bool word_char_at(const std::string& s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  return std::isalnum(c) || ((c == 0xD0 || c == 0xD1 || c == 0xD2 || c == 0xD3) && i + 1 < s.size());
}

// Escapes `text` and marks each glossary abbreviation with <abbr title>: one pass over the
// plain text, whole words only, the longest abbreviation first («МКУ УО» before «УО»), so
// an abbreviation is never looked for inside markup this function wrote.
std::string with_abbr(const std::string& text, const std::vector<GlossaryEntry>& glossary) {
  std::string html;
  size_t plain_from = 0;
  for (size_t i = 0; i < text.size();) {
    size_t prev = i;  // start of the previous code point
    if (prev > 0) --prev;
    while (prev > 0 && (static_cast<unsigned char>(text[prev]) & 0xC0) == 0x80) --prev;
    const bool word_start = i == 0 || !word_char_at(text, prev);
    const GlossaryEntry* best = nullptr;
    if (word_start && (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      for (const auto& g : glossary) {
        const size_t n = g.abbr.size();
        if (n == 0 || text.compare(i, n, g.abbr) != 0 || (best && best->abbr.size() >= n)) continue;
        if (i + n < text.size() && word_char_at(text, i + n)) continue;
        best = &g;
      }
    }
    if (!best) {
      ++i;
      continue;
    }
    html += escape_xml(text.substr(plain_from, i - plain_from));
    html += "<abbr title=\"" + escape_xml(best->expansion) + "\">" + escape_xml(best->abbr) + "</abbr>";
    i += best->abbr.size();
    plain_from = i;
  }
  return html + escape_xml(text.substr(plain_from));
}

const char* status_icon(IndicatorStatus s) {
  switch (s) {
    case IndicatorStatus::Achieved: return "✔";
    case IndicatorStatus::OnTrack: return "↗";
    case IndicatorStatus::InProgress: return "…";
    case IndicatorStatus::AtRisk: return "!";
    case IndicatorStatus::NotAchieved: return "✖";
    case IndicatorStatus::NoData: return "?";
    case IndicatorStatus::NoTarget: return "–";
  }
  return "";
}

View status_view(const ViewContext& c, IndicatorStatus s) {
  View v;
  put(v, "key", status_key(s));
  put(v, "label", c.t(status_label_key(s)));
  put(v, "icon", status_icon(s));
  return v;
}

std::string link(const std::string& root, const std::string& path) {
  // Directory pages are linked as ".../index.html" so the site also works from file://.
  return root + path;
}

std::vector<ChartPoint> chart_points(const IndicatorMetrics* m) {
  std::vector<ChartPoint> pts;
  if (!m) return pts;
  for (const auto& y : m->years) pts.push_back({y.year, y.plan, y.fact, y.plan_op});
  return pts;
}

// The indicator page's chart: yes/no as a timeline, other assessed kinds as plan and fact bars
// (thresholds as lines with their words), the direction said when lower is better.
std::string indicator_chart(const ViewContext& c, const Indicator& ind, const IndicatorMetrics& m,
                            const std::string& desc, int precision) {
  if (!is_assessed(ind)) return "";
  ChartText t;
  t.title = ind.name;
  t.desc = desc;
  t.plan_label = c.t("chart.plan");
  t.fact_label = c.t("chart.fact");
  t.target_label = c.t("chart.target");
  t.at_least = c.t("chart.at_least");
  t.at_most = c.t("chart.at_most");
  t.yes = c.t("value.yes");
  t.no = c.t("value.no");
  if (is_lower_better(ind)) t.direction_note = c.t("better.lower");
  t.locale = c.locale;
  t.precision = precision;
  t.unit = ind.unit;
  const auto points = chart_points(&m);
  return is_yes_no(ind) ? yes_no_timeline(points, t) : plan_fact_chart(points, t);
}

View programme_card(const ViewContext& c, const Programme& p, const std::string& root) {
  View v;
  put(v, "id", p.id);
  put(v, "title", p.title);
  put(v, "url", link(root, programme_path(p)));
  put(v, "period", p.period.start && p.period.end
                      ? std::to_string(*p.period.start) + "–" + std::to_string(*p.period.end)
                      : c.t("value.not_stated"));
  put(v, "municipality", !p.municipality.empty() ? p.municipality : p.region);
  const ProgrammeMetrics* pm = c.metrics.programme(p.id);
  // The document's counts (not the counts of the assessment): the card says so.
  put(v, "indicators", plural(static_cast<long long>(p.indicators.size()), c.t("plural.indicator"), c.locale));
  put(v, "measures", plural(static_cast<long long>(p.measures.size()), c.t("plural.measure"), c.locale));
  if (pm) {
    if (c.model.site.publish_rating) {  // site.json publish_rating: false keeps it to the board pack
      put(v, "rating", c.t(rating_label_key(pm->rating, c.metrics.report.interim())));
      put(v, "rating_key", rating_key(pm->rating));
    }
    put(v, "achieved_bar", progress_bar(pm->share_achieved, c.t("kpi.achieved_share"), c.locale));
    put(v, "done_bar", progress_bar(pm->measures_done_share, c.t("kpi.measures_done"), c.locale));
    put(v, "achieved_text", share_text(c, pm->share_achieved));
    put(v, "achieved_value", machine(pm->share_achieved, kScorePrecision));
    put(v, "done_text", share_text(c, pm->measures_done_share));
    put(v, "done_value", machine(pm->measures_done_share, kScorePrecision));
  }
  return v;
}

// A figure of a KPI tile: what it is (`data-figure`), its machine value and its text.
struct Figure {
  std::string key, value, text;
};

View kpis(const ViewContext& c, const ProgrammeMetrics& pm) {
  View tiles = new_list();
  auto tile = [&](const std::string& label, const Figure& value, const Figure& note, bool word = false) {
    View t;
    put(t, "label", label);
    put(t, "figure", value.key);
    put(t, "raw", value.value);
    put(t, "value", value.text);
    if (!note.key.empty()) {  // a section is rendered for any string, even an empty one
      put(t, "note_figure", note.key);
      put(t, "note_raw", note.value);
    }
    put(t, "note", note.text);
    put(t, "word", flag(word));  // a word, not a figure: smaller type, so it fits a narrow card
    append(tiles, std::move(t));
  };
  auto count = [](const char* key, int n, std::string text) { return Figure{key, std::to_string(n), std::move(text)}; };
  auto of = [&](int n, int m) { return std::to_string(n) + " " + c.t("kpi.of") + " " + std::to_string(m); };
  tile(c.t("kpi.indicators"), count("indicators_total", pm.indicators_total, std::to_string(pm.indicators_total)),
       count("indicators_assessed", pm.indicators_assessed, plural(pm.indicators_assessed, c.t("plural.assessed"), c.locale)));
  tile(c.t("kpi.achieved_share"),
       {"share_achieved", machine(pm.share_achieved, kScorePrecision), share_text(c, pm.share_achieved)},
       count("indicators_achieved", pm.indicators_achieved, of(pm.indicators_achieved, pm.indicators_assessed)));
  tile(c.t("kpi.mean_degree"), {"mean_degree", machine(pm.mean_degree, kScorePrecision), score_text(c, pm.mean_degree)},
       {"", "", c.t("kpi.mean_degree_note")});
  // СРм = Мв ÷ (М − cancelled − without status), as computed (docs/metrics.md §5).
  const Counts& m = pm.measures;
  tile(c.t("kpi.measures_done"),
       {"measures_done_share", machine(pm.measures_done_share, kScorePrecision), share_text(c, pm.measures_done_share)},
       count("measures.done_counted", m.done_counted, of(m.done_counted, m.total - m.cancelled - m.no_status)));
  if (c.model.site.publish_rating)  // site.json publish_rating: false keeps it to the board pack
    tile(c.t("kpi.rating"), {"rating", rating_key(pm.rating), c.t(rating_label_key(pm.rating, c.metrics.report.interim()))},
         {"effectiveness", machine(pm.effectiveness, kScorePrecision),
          pm.effectiveness ? score_text(c, pm.effectiveness) : c.t("rating.not_assessable_note")},
         true);
  return tiles;
}

void status_donut(const ViewContext& c, const ProgrammeMetrics& pm, View& v) {
  std::vector<DonutSegment> segs;
  View legend = new_list();
  std::string desc;
  for (IndicatorStatus s : all_values<IndicatorStatus>()) {
    auto it = pm.by_status.find(s);
    int n = it == pm.by_status.end() ? 0 : it->second;
    segs.push_back({n, std::string("seg-") + status_key(s), c.t(status_label_key(s))});
    View l = status_view(c, s);
    put(l, "count", std::to_string(n));
    append(legend, std::move(l));
    desc += c.t(status_label_key(s)) + ": " + std::to_string(n) + ". ";
  }
  put(v, "donut", donut(segs, c.t("chart.status_title"), desc));
  put(v, "legend", std::move(legend));
}

void measure_counts_view(const ViewContext& c, const Counts& m, View& v) {
  View rows = new_list();
  auto row = [&](const char* key, const char* label_key, int n) {
    View r;
    put(r, "label", c.t(label_key));
    put(r, "key", key);
    put(r, "count", std::to_string(n));
    append(rows, std::move(r));
  };
  row("total", "mstatus.total", m.total);
  for (MeasureState s : all_values<MeasureState>()) row(measure_status_key(s), measure_status_label_key(s), m.of(s));
  row(measure_status_key(std::nullopt), measure_status_label_key(std::nullopt), m.no_status);
  row("overdue", "mstatus.overdue", m.overdue);
  put(v, "measure_counts", std::move(rows));
}

// «≥ 65» never breaks after its sign on a narrow screen (numbers and units are joined by a
// no-break space already, text/format.h).
std::string glue_signs(std::string s) {
  for (const char* op : {"≥ ", "≤ "})
    for (size_t at = s.find(op); at != std::string::npos; at = s.find(op, at + 1)) s.replace(at + 3, 1, "\xC2\xA0");
  return s;
}

std::string fmt_plan(const ViewContext& c, const YearFigures& y, const Indicator& ind, int prec) {
  if (!y.plan) return y.plan_printed.empty() ? "—" : glue_signs(y.plan_printed);
  if (is_yes_no(ind)) return *y.plan >= 1 ? c.t("value.yes") : c.t("value.no");
  return glue_signs(sign(y.plan_op) + format_value(y.plan, prec, ind.unit, c.locale));
}

std::string fmt_fact(const ViewContext& c, const YearFigures& y, const Indicator& ind, int prec) {
  if (!y.fact) return "—";
  if (is_yes_no(ind)) return *y.fact >= 1 ? c.t("value.yes") : c.t("value.no");
  return format_value(y.fact, prec, ind.unit, c.locale);
}

// A row of an indicators table; `kind`: the page it is on (its sparkline is drawn only when the
// page's templates show it: the built-in dashboards' at-risk rows do not, and the site dashboard
// lists every programme's).
View indicator_row(const ViewContext& c, PageKind kind, const Programme& p, const Indicator& ind,
                   const std::string& root) {
  const IndicatorMetrics* m = c.metrics.indicator(p.id, ind.id);
  const int prec = precision_of(ind);
  View r;
  put(r, "id", ind.id);
  put(r, "programme_id", p.id);
  put(r, "year", std::to_string(c.metrics.overall.report_year));
  put(r, "number", ind.number.empty() ? ind.id : ind.number);
  put(r, "name", ind.name);
  put(r, "url", link(root, indicator_path(p, ind)));
  if (c.shows(kind, "unit")) put(r, "unit", ind.unit.empty() ? "—" : ind.unit);
  std::string plan = "—", fact = "—", plan_value, fact_value;
  if (m) {
    for (const auto& y : m->years)
      if (y.year == c.metrics.overall.report_year) {
        plan = fmt_plan(c, y, ind, prec);
        fact = fmt_fact(c, y, ind, prec);
        plan_value = machine(y.plan, prec);
        fact_value = machine(y.fact, prec);
      }
    put(r, "status", status_view(c, m->status));
    if (c.shows(kind, "spark")) put(r, "spark", sparkline(chart_points(m), ind.name));
  }
  put(r, "plan", plan);
  put(r, "fact", fact);
  put(r, "plan_value", plan_value);
  put(r, "fact_value", fact_value);
  if (c.shows(kind, "restated")) put(r, "restated", flag(!ind.restates.empty()));
  return r;
}

// A measure as listed on dashboards and organisation pages: number, name, term, status; on a
// page of `kind`. The site dashboard lists 2 000 of them: what its templates do not show is
// left out.
View measure_row(const ViewContext& c, PageKind kind, const Programme& p, const Measure& m, int depth) {
  View r;
  put(r, "id", m.id);
  put(r, "number", m.number);
  put(r, "name", m.name);
  if (c.shows(kind, "depth")) put(r, "depth", std::to_string(depth));
  const MeasureCell period = measure_cell(p, m, MeasureColumn::Period);
  put(r, "period", period.lines.empty() ? "—" : period.lines.front());
  const MeasureMetrics* mm = c.metrics.measure(p.id, m.id);
  // A measure finished in an earlier year shows that year's status with the year, not «нет сведений».
  const bool earlier = mm && !mm->status && mm->earlier_status;
  const std::optional<MeasureState> shown = earlier ? mm->earlier_status : mm ? mm->status : std::nullopt;
  if (c.shows(kind, "status_key")) put(r, "status_key", measure_status_key(shown));
  put(r, "status", earlier ? substitute(c.t("mstatus.in_year"), {c.t(measure_status_label_key(shown)),
                                                               std::to_string(mm->earlier_status_year)})
                          : c.t(measure_status_label_key(shown)));
  put(r, "overdue", flag(mm && mm->overdue));
  // What came of it and why not: the status entry of the report year, else the latest before it.
  const MeasureStatus* entry = nullptr;
  for (const auto& s : m.status)
    if (s.year <= c.metrics.report.year && (!entry || s.year >= entry->year)) entry = &s;
  if (entry && !entry->result.empty() && c.shows(kind, "status_result")) put(r, "status_result", entry->result);
  if (entry && !entry->reason.empty() && c.shows(kind, "status_reason")) put(r, "status_reason", entry->reason.str());
  if (!c.shows(kind, "years")) return r;
  std::string years;
  if (mm && mm->start_year && mm->end_year)
    for (int y = *mm->start_year; y <= *mm->end_year && y - *mm->start_year < 50; ++y)
      years += (years.empty() ? "" : " ") + std::to_string(y);
  put(r, "years", years);
  return r;
}

// The header of the measure page's table in the document's own columns: one row, or two when
// a printed header spans several columns («Срок (годы)»), then Vitrina's status column; and the
// printed «1 2 3 …» row. A column without a printed header gets the generic label.
void measure_table_head(const ViewContext& c, const MeasureTable& t, View& v) {
  const bool grouped = std::any_of(t.columns.begin(), t.columns.end(),
                                   [](const MeasureTableColumn& col) { return !col.group.empty(); });
  View top = new_list(), bottom = new_list(), numbers = new_list();
  auto cell = [&](const std::string& text, const char* scope, size_t span, bool sticky) {
    View h;
    put(h, "text", text);
    put(h, "scope", scope);
    if (span > 1) put(h, "colspan", std::to_string(span));
    if (grouped && span == 0) put(h, "rowspan", "2");
    put(h, "sticky", flag(sticky));
    return h;
  };
  for (size_t i = 0; i < t.columns.size(); ++i) {
    const MeasureTableColumn& col = t.columns[i];
    const std::string text = col.header.empty() ? c.t(std::string("mcol.") + measure_column_key(col.field)) : col.header;
    append(numbers, View(std::to_string(i + 1)));
    if (col.group.empty()) {
      append(top, cell(text, "col", 0, i == 0));
      continue;
    }
    if (i == 0 || t.columns[i - 1].group != col.group) {
      size_t n = 1;
      while (i + n < t.columns.size() && t.columns[i + n].group == col.group) ++n;
      append(top, cell(col.group, "colgroup", n, false));
    }
    append(bottom, cell(text, "col", 1, false));
  }
  append(top, cell(c.t("status"), "col", 0, false));
  View rows = new_list();
  View r1;
  put(r1, "cells", std::move(top));
  append(rows, std::move(r1));
  if (grouped) {
    View r2;
    put(r2, "cells", std::move(bottom));
    append(rows, std::move(r2));
  }
  put(v, "head_rows", std::move(rows));
  put(v, "column_numbers", flag(t.column_numbers));
  put(v, "numbers", std::move(numbers));
  put(v, "columns_span", std::to_string(t.columns.size() + 1));
}

// One cell of the measure page's table. `structural`: the document's cell is one merged with
// another row (a Kirov kind over its sub-items), so it stays empty rather than «—».
View measure_table_cell(const ViewContext& c, const Programme& p, const Measure& m, MeasureColumn col, bool sticky,
                        bool& any_inherited) {
  const MeasureCell mc = measure_cell(p, m, col);
  View e;
  put(e, "key", measure_column_key(col));
  put(e, "sticky", flag(sticky));
  const bool structural = mc.lines.empty() && ((col == MeasureColumn::Kind && !m.parent.empty()) ||
                                               col == MeasureColumn::Name);
  if (mc.lines.size() == 1) put(e, "text", mc.lines.front());
  if (mc.lines.size() > 1) {
    View items = new_list();
    for (const auto& line : mc.lines) append(items, View(line));
    put(e, "items", std::move(items));
    put(e, "multi", flag(true));
  }
  if (mc.lines.empty() && !structural) put(e, "text", "—");
  put(e, "inherited", flag(mc.inherited));
  if (mc.inherited) {
    put(e, "inherited_note", c.t("measure.inherited"));
    any_inherited = true;
  }
  const bool numeric = col == MeasureColumn::Number || col == MeasureColumn::PeriodStart || col == MeasureColumn::PeriodEnd;
  put(e, "num", flag(numeric));
  return e;
}

// The dated sub-events, shown under the measure's name.
void measure_events(const ViewContext& c, const Measure& m, View& e) {
  View events = new_list();
  for (const auto& ev : m.events) {
    View x;
    if (!ev.date.empty()) put(x, "date", format_date(ev.date, c.locale));
    if (!ev.title.empty()) put(x, "title", ev.title);
    if (!ev.venue.empty()) put(x, "venue", ev.venue);
    if (!ev.responsible.empty()) put(x, "responsible", ev.responsible);
    append(events, std::move(x));
  }
  put(e, "events", std::move(events));
  put(e, "has_events", flag(!m.events.empty()));
}

// A row of the measure page: the document's columns (the name, or for a kind row without a name
// of its own the kind, is the row's header), then the status.
View measure_table_row(const ViewContext& c, const Programme& p, const MeasureTable& t, const Measure& m, int depth,
                       bool& any_inherited) {
  View r = measure_row(c, PageKind::Measures, p, m, depth);
  const bool name_empty = measure_cell(p, m, MeasureColumn::Name).lines.empty();
  View cells = new_list();
  for (size_t i = 0; i < t.columns.size(); ++i) {
    const MeasureColumn col = t.columns[i].field;
    View e = measure_table_cell(c, p, m, col, i == 0, any_inherited);
    put(e, "row_header", flag(col == (name_empty ? MeasureColumn::Kind : MeasureColumn::Name)));
    if (col == MeasureColumn::Name) measure_events(c, m, e);
    append(cells, std::move(e));
  }
  put(r, "cells", std::move(cells));
  View notes = new_list();  // the encoder's notes, beside the status (a <details> may not sit in a row header)
  for (const auto& n : m.notes) append(notes, View(n));
  put(r, "notes", std::move(notes));
  put(r, "has_notes", flag(!m.notes.empty()));
  return r;
}

void add_text_list(View& v, const char* key, const std::vector<std::string>& items) {
  View l = new_list();
  for (const auto& s : items) append(l, View(s));
  put(v, key, std::move(l));
  put(v, std::string("has_") + key, flag(!items.empty()));
}

void programme_nav(const ViewContext& c, const Programme& p, const std::string& root, const std::string& current,
                   View& v) {
  View tabs = new_list();
  auto tab = [&](const std::string& key, const char* label_key, const std::string& path) {
    View t;
    put(t, "label", c.t(label_key));
    put(t, "url", link(root, path));
    put(t, "current", flag(key == current));
    append(tabs, std::move(t));
  };
  tab("passport", "nav.passport", programme_path(p));
  tab("indicators", "nav.indicators", programme_sub_path(p, "indicators"));
  tab("measures", "nav.measures", programme_sub_path(p, "measures"));
  tab("dashboard", "nav.dashboard", programme_sub_path(p, "dashboard"));
  // At most kMenuTabs content pages (and the current one) get a tab, then one tab leads to
  // the list on the passport: every page listing all of its programme's pages made the
  // site quadratic (4,000 pages: 48 s, 1.7 GB).
  constexpr size_t kMenuTabs = 8;
  size_t menu_pages = 0;
  for (const auto& pg : p.pages) {
    if (!pg.menu) continue;
    const bool is_current = current == "page:" + pg.slug;
    if (++menu_pages > kMenuTabs && !is_current) continue;
    View t;
    put(t, "label", pg.title);
    put(t, "url", link(root, content_path(pg)));
    put(t, "current", flag(is_current));
    append(tabs, std::move(t));
  }
  if (menu_pages > kMenuTabs) {
    View t;
    put(t, "label", substitute(c.t("nav.all_pages"), {std::to_string(p.pages.size())}));
    put(t, "url", link(root, programme_path(p)) + "#h-pages");
    put(t, "current", flag(false));
    append(tabs, std::move(t));
  }
  put(v, "tabs", std::move(tabs));
  put(v, "programme_id", p.id);
  put(v, "programme_title", p.title);
  put(v, "programme_url", link(root, programme_path(p)));
  put(v, "xlsx_url", root + workbook_path(p.id));
  put(v, "csv_url", root + indicators_csv_path(p.id));
  put(v, "json_url", root + programme_json_path(p.id));
}

// A table the document printed inside a text (Kirov's sections 4–6, 9): its printed headers and
// rows; a cell with several lines is a list. `id` labels its scroll region.
View printed_table_view(const PrintedTable& t, const std::vector<GlossaryEntry>& glossary, const std::string& id,
                        const std::string& caption) {
  View v;
  put(v, "id", id);
  put(v, "caption", caption);
  View head = new_list(), rows = new_list();
  for (size_t i = 0; i < t.columns.size(); ++i) {
    View h;
    put(h, "text", t.columns[i]);
    put(h, "sticky", flag(i == 0));
    append(head, std::move(h));
  }
  for (const auto& r : t.rows) {
    View cells = new_list();
    for (size_t i = 0; i < r.size(); ++i) {
      View cell;
      put(cell, "first", flag(i == 0));
      if (r[i].size() == 1) put(cell, "html", with_abbr(r[i].front(), glossary));
      if (r[i].size() > 1) {
        View items = new_list();
        for (const auto& line : r[i]) append(items, View(with_abbr(line, glossary)));
        put(cell, "items", std::move(items));
        put(cell, "multi", flag(true));
      }
      append(cells, std::move(cell));
    }
    View row;
    put(row, "cells", std::move(cells));
    append(rows, std::move(row));
  }
  put(v, "head", std::move(head));
  put(v, "rows", std::move(rows));
  return v;
}

// The management cycle: its components in order, each with its printed number, text, printed
// table and cited documents; and, when the document printed the cycle as a table, that table's
// title and headers (generic labels where it printed none).
void cycle_view(const ViewContext& c, const Programme& p, View& v) {
  View items = new_list();
  for (size_t i = 0; i < p.cycle.size(); ++i) {
    const CycleComponent& cc = p.cycle[i];
    View e;
    put(e, "kind", c.t("cycle." + cc.kind));
    put_text(e, "number", cc.number);
    put_text(e, "heading", cc.heading);
    put(e, "component", cc.heading.empty() ? c.t("cycle." + cc.kind) : cc.heading);
    View paras = new_list(), bullets = new_list(), docs = new_list();
    for (const auto& b : cc.blocks) append(b.type == "item" ? bullets : paras, View(with_abbr(b.text, p.glossary)));
    put(e, "paragraphs", std::move(paras));
    put(e, "has_items", flag(!bullets.is_empty_list()));
    put(e, "items", std::move(bullets));
    put_text(e, "links_text", cc.links_text);
    if (cc.table)
      put(e, "table", printed_table_view(*cc.table, p.glossary, "cycle-table-" + std::to_string(i + 1),
                                        cc.heading.empty() ? c.t("cycle." + cc.kind) : cc.heading));
    for (const auto& id : cc.documents)
      for (const auto& r : p.references)
        if (r.id == id) append(docs, View(with_abbr(r.printed, p.glossary)));
    put(e, "documents", std::move(docs));
    append(items, std::move(e));
  }
  put(v, "cycle", std::move(items));
  put(v, "has_cycle", flag(!p.cycle.empty()));
  if (!p.cycle_table) return;
  const CycleTable& t = *p.cycle_table;
  View ct;
  put(ct, "title", t.title.empty() ? c.t("cycle") : t.title);
  auto header = [&](const char* key, const std::string& printed) { put(ct, key, printed.empty() ? c.t(std::string("cycle_col.") + key) : printed); };
  header("number", t.number_header);
  header("component", t.component_header);
  header("content", t.content_header);
  put_text(ct, "documents", t.documents_header);
  put(v, "cycle_table", std::move(ct));
}

std::string passport_view(const ViewContext& c, const Programme& p, const std::string& root, View& v) {
  programme_nav(c, p, root, "passport", v);
  View rows = new_list();
  auto row = [&](const char* label_key, const std::string& value, bool inferred = false,
                 const std::string& number = {}) {
    if (value.empty()) return;
    View r;
    put(r, "label", (number.empty() ? "" : number + " ") + c.t(label_key));
    put(r, "value_html", with_abbr(value, p.glossary));
    put(r, "inferred", flag(inferred));
    append(rows, std::move(r));
  };
  row("passport.kind", p.kind_printed);
  row("passport.municipality", p.municipality);
  row("passport.region", p.region);
  row("passport.issuer", p.issuer, p.issuer_inferred);
  if (p.approval) row("passport.approval", p.approval->printed);
  for (const auto& a : p.amendments) row("passport.amendment", a.printed);
  if (!p.signatory_name.empty()) row("passport.signatory", p.signatory_position + " " + p.signatory_name);
  std::string period = p.period.printed;
  if (period.empty() && p.period.start && p.period.end)
    period = std::to_string(*p.period.start) + "–" + std::to_string(*p.period.end);
  row("passport.period", period.empty() ? c.t("value.not_stated") : period, p.period.inferred);
  row("passport.executor", p.executor, false, p.executor_number);
  std::string participants;
  for (const auto& x : p.participants) participants += (participants.empty() ? "" : "; ") + x;
  row("passport.participants", participants, false, p.participants_number);
  if (!p.parent_title.empty()) row("passport.parent", p.parent_printed.empty() ? p.parent_title : p.parent_printed);
  row("passport.framework", p.regional_framework);
  row("passport.funding", p.funding.empty() ? "" : p.funding);
  row("passport.entry_into_force", p.entry_into_force);
  put(v, "passport", std::move(rows));

  auto items = [&](const char* key, auto& vec, auto fill) {
    View l = new_list();
    for (const auto& x : vec) {
      View e;
      fill(x, e);
      append(l, std::move(e));
    }
    put(v, key, std::move(l));
    put(v, std::string("has_") + key, flag(!vec.empty()));
  };
  items("directions", p.directions, [&](const Direction& d, View& e) {
    put_text(e, "number", d.number);
    put(e, "html", with_abbr(d.title.empty() ? d.text : d.title + " " + d.text, p.glossary));
  });
  items("goals", p.goals, [&](const Goal& g, View& e) {
    put_text(e, "number", g.number);
    put(e, "html", with_abbr(g.text, p.glossary));
    put_text(e, "rationale", g.rationale);
    put_text(e, "feasibility", g.feasibility);
  });
  items("tasks", p.tasks, [&](const Task& t, View& e) {
    put_text(e, "number", t.number);
    put(e, "html", with_abbr(t.text, p.glossary));
  });
  add_text_list(v, "expected_results", p.expected_results);
  put_text(v, "expected_results_number", p.expected_results_number);
  cycle_view(c, p, v);
  items("statistics", p.statistics, [&](const Statistic& s, View& e) {
    put(e, "quote", s.quote);
    put(e, "as_of", s.as_of.empty() ? s.period : format_date(s.as_of, c.locale));
    put(e, "value", s.value ? format_number(*s.value, std::floor(*s.value) == *s.value ? 0 : 1, c.locale) : "—");
    put(e, "unit", s.unit);
  });
  items("references", p.references, [&](const Reference& r, View& e) {
    put(e, "printed", r.printed);
    if (!r.role.empty()) put(e, "role", c.t("role." + r.role));
  });
  items("glossary", p.glossary, [&](const GlossaryEntry& g, View& e) {
    put(e, "abbr", g.abbr);
    put(e, "expansion", g.expansion);
    put(e, "by_encoder", flag(g.source == "encoder"));
  });
  items("governance", p.governance, [&](const GovernanceBody& g, View& e) {
    put(e, "name", g.name);
    put_text(e, "goal", g.goal);
    View f = new_list();
    for (const auto& x : g.functions) append(f, View(x));
    put(e, "functions", std::move(f));
  });
  if (p.approval_sheet) {
    View a;
    put(a, "title", p.approval_sheet->title);
    View rws = new_list();
    for (const auto& r : p.approval_sheet->rows) {
      View e;
      put(e, "position", r.position);
      put(e, "name", r.name);
      put(e, "date", r.date.empty() ? "—" : format_date(r.date, c.locale));
      put(e, "result", r.result.empty() ? "—" : r.result);
      append(rws, std::move(e));
    }
    put(a, "rows", std::move(rws));
    View recs = new_list();
    for (const auto& r : p.approval_sheet->recommendations) append(recs, View(r));
    put(a, "has_recommendations", flag(!recs.is_empty_list()));
    put(a, "recommendations", std::move(recs));
    put(v, "approval_sheet", std::move(a));
  }
  if (p.contact) {
    View ct;
    put(ct, "text", p.contact->label + " " + p.contact->name + (p.contact->phone.empty() ? "" : ", " + p.contact->phone));
    put(v, "contact", std::move(ct));
  }
  add_text_list(v, "notes", p.notes);
  View pages = new_list();
  for (const auto& pg : p.pages) {
    View e;
    put(e, "title", pg.title);
    put(e, "url", link(root, content_path(pg)));
    append(pages, std::move(e));
  }
  put(v, "pages", std::move(pages));
  put(v, "has_pages", flag(!p.pages.empty()));
  return p.title;
}

std::string indicators_view(const ViewContext& c, const Programme& p, const std::string& root, View& v) {
  programme_nav(c, p, root, "indicators", v);
  View groups = new_list();
  auto add_group = [&](const std::string& title, const std::vector<const Indicator*>& inds) {
    if (inds.empty()) return;
    View g;
    put(g, "title", title);
    put(g, "table_id", "indicators-" + std::to_string(groups.list_value().size() + 1));
    View rows = new_list();
    for (const auto* i : inds) append(rows, indicator_row(c, PageKind::Indicators, p, *i, root));
    put(g, "rows", std::move(rows));
    append(groups, std::move(g));
  };
  std::vector<const Indicator*> rest;
  for (const auto& g : p.indicator_groups) {
    std::vector<const Indicator*> inds;
    for (const auto& i : p.indicators)
      if (i.group == g.id) inds.push_back(&i);
    add_group((g.number.empty() ? "" : g.number + " ") + g.title, inds);
  }
  for (const auto& i : p.indicators)
    if (i.group.empty() || std::none_of(p.indicator_groups.begin(), p.indicator_groups.end(),
                                        [&](const IndicatorGroup& g) { return g.id == i.group; }))
      rest.push_back(&i);
  add_group(p.indicator_groups.empty() ? c.t("indicators.all") : c.t("indicators.other"), rest);
  put(v, "groups", std::move(groups));
  put(v, "has_groups", flag(!p.indicators.empty()));
  put(v, "report_year", std::to_string(c.metrics.overall.report_year));
  return c.t("nav.indicators") + " — " + p.title;
}

std::string indicator_view(const ViewContext& c, const Programme& p, const Indicator& ind, const std::string& root,
                           View& v) {
  programme_nav(c, p, root, "indicators", v);
  const IndicatorMetrics* m = c.metrics.indicator(p.id, ind.id);
  const int prec = precision_of(ind);
  put(v, "name", ind.name);
  put_text(v, "number", ind.number);
  put(v, "unit", ind.unit.empty() ? c.t("value.not_stated") : ind.unit);
  put(v, "unit_inferred", flag(ind.is_inferred("unit")));
  if (ind.kind != IndicatorKind::NotStated) put(v, "kind", c.t(kind_label_key(ind.kind)));
  if (ind.better != Better::NotStated) put(v, "better", c.t(better_label_key(ind.better)));
  if (m) put(v, "status", status_view(c, m->status));
  put(v, "id", ind.id);
  View years = new_list();
  std::string desc;
  bool fact_about = false;
  if (m) {
    for (const auto& y : m->years) {
      const std::string plan = fmt_plan(c, y, ind, prec), fact = fmt_fact(c, y, ind, prec);
      View r;
      put(r, "year", std::to_string(y.year));
      put(r, "plan", plan);
      put(r, "plan_value", machine(y.plan, prec));
      if (!y.plan) put(r, "plan_note", c.t("value.no_target"));  // set only when shown: "" opens a section
      put(r, "fact", fact);
      put(r, "fact_value", machine(y.fact, prec));
      if (!y.fact) put(r, "fact_note", c.t("value.no_fact"));
      for (const auto& f : ind.facts)  // where the fact comes from, and the methodologist's comment
        if (y.fact && f.year == y.year && f.period == y.fact_period && (!f.source.empty() || !f.note.empty())) {
          if (!f.source.empty()) put(r, "fact_source", f.source);
          if (!f.note.empty()) put(r, "fact_comment", f.note.str());
          put(r, "fact_about", flag(true));
          fact_about = true;
        }
      put(r, "degree", score_text(c, y.degree));
      put(r, "degree_value", machine(y.degree, kScorePrecision));
      put(r, "status", status_view(c, y.status));
      append(years, std::move(r));
      desc += std::to_string(y.year) + ": " + c.t("chart.plan") + " " + plan + ", " + c.t("chart.fact") + " " + fact + ". ";
    }
    std::string chart = indicator_chart(c, ind, *m, desc, prec);
    if (!chart.empty()) put(v, "chart", text_view(std::move(chart)));
    if (m->ratio_rounded) {
      put(v, "ratio", format_number(m->ratio_rounded->value, 2, c.locale));
      put_text(v, "ratio_printed", ind.printed_ratio_text);
      put(v, "ratio_differs", flag(m->ratio_differs_from_printed));
    }
  }
  put(v, "years", std::move(years));
  put(v, "has_fact_about", flag(fact_about));
  View targets = new_list();
  for (const auto& t : ind.targets) {
    if (t.printed.empty()) continue;
    View e;
    put(e, "printed", t.printed);
    put(e, "year", t.year ? std::to_string(*t.year) : (t.every_year ? c.t("target.every_year") : c.t("target.period_end")));
    View parts = new_list();
    for (const auto& b : t.breakdown) {
      View pv;
      put(pv, "label", b.label);
      put(pv, "value", format_value(b.value, prec, ind.unit, c.locale));
      append(parts, std::move(pv));
    }
    put(e, "breakdown", std::move(parts));
    append(targets, std::move(e));
  }
  put(v, "has_targets", flag(!targets.is_empty_list()));
  put(v, "targets", std::move(targets));
  View meta = new_list();
  auto mrow = [&](const char* label_key, const std::string& value) {
    if (value.empty()) return;
    View r;
    put(r, "label", c.t(label_key));
    put(r, "value", value);
    append(meta, std::move(r));
  };
  mrow("indicator.base", ind.base_text);
  mrow("indicator.collection_method", ind.collection_method);
  mrow("indicator.processing_method", ind.processing_method);
  mrow("indicator.collection_algorithm", ind.collection_algorithm);
  mrow("indicator.source", ind.source);
  mrow("indicator.frequency", ind.frequency);
  mrow("indicator.responsible", ind.responsible);
  for (const auto& d : ind.monitoring_documents) mrow("indicator.monitoring_document", d);
  for (const auto& b : ind.breakdown_of_subject) mrow("indicator.breakdown_of_subject", b);
  put(v, "has_meta", flag(!meta.is_empty_list()));
  put(v, "meta", std::move(meta));
  // Breakdown by organisation for the latest year that has one.
  int latest = 0;
  if (m)
    for (const auto& of : m->by_organisation) latest = std::max(latest, of.year);
  if (latest) {
    View b;
    put(b, "year", std::to_string(latest));
    View rows = new_list();
    for (const auto& of : m->by_organisation) {
      if (of.year != latest) continue;
      View r;
      auto org = std::find_if(p.organisations.begin(), p.organisations.end(),
                              [&](const Organisation& o) { return o.id == of.organisation; });
      put(r, "name", org == p.organisations.end() ? of.organisation : org->name);
      if (org != p.organisations.end()) put(r, "url", link(root, organisation_path(p, *org)));
      put(r, "value", format_value(of.value, prec, ind.unit, c.locale));
      append(rows, std::move(r));
    }
    put(b, "rows", std::move(rows));
    put(v, "by_org", std::move(b));
  }
  add_text_list(v, "notes", ind.notes);
  put(v, "csv_url", root + indicator_csv_path(p.id, ind.id));
  put(v, "ind_json_url", root + indicator_json_path(p.id, ind.id));
  return ind.name;
}

std::string measures_view(const ViewContext& c, const Programme& p, const std::string& root, View& v) {
  programme_nav(c, p, root, "measures", v);
  const MeasureTable table = measure_table_of(p);
  measure_table_head(c, table, v);
  if (!table.label.empty()) put(v, "table_label", table.label);
  put(v, "table_title", table.title.empty() ? c.t("nav.measures") : table.title);
  bool any_inherited = false;
  std::unordered_map<std::string, const Measure*> by_id;
  for (const auto& m : p.measures) by_id.emplace(m.id, &m);
  // Depth from the parent chain (validate has rejected cycles; 20 bounds it anyway).
  auto depth_of = [&](const Measure& m) {
    int d = 0;
    for (auto it = by_id.find(m.parent); it != by_id.end() && d < 20; it = by_id.find(it->second->parent)) ++d;
    return d;
  };
  View sections = new_list();
  std::string current_section = "\x01";
  View sec;
  View rows = new_list();
  auto flush = [&]() {
    if (current_section == "\x01") return;
    put(sec, "rows", std::move(rows));
    append(sections, std::move(sec));
    rows = new_list();
    sec = View();
  };
  for (const auto& m : p.measures) {
    // Sub-measures stay with their parent's section (resolved by the compute stage).
    const MeasureMetrics* mm = c.metrics.measure(p.id, m.id);
    const std::string s = mm ? mm->section : m.section;
    if (s != current_section) {
      flush();
      current_section = s;
      auto it = std::find_if(p.measure_sections.begin(), p.measure_sections.end(),
                             [&](const MeasureSection& x) { return x.id == s; });
      if (it != p.measure_sections.end()) put(sec, "title", (it->number.empty() ? "" : it->number + " ") + it->title);
    }
    append(rows, measure_table_row(c, p, table, m, depth_of(m), any_inherited));
  }
  flush();
  put(v, "sections", std::move(sections));
  put(v, "has_measures", flag(!p.measures.empty()));
  put(v, "any_inherited", flag(any_inherited));
  put(v, "count", plural(static_cast<long long>(p.measures.size()), c.t("plural.measure"), c.locale));
  View years = new_list();
  if (p.period.start && p.period.end)
    for (int y = *p.period.start; y <= *p.period.end && y - *p.period.start < 50; ++y) append(years, View(std::to_string(y)));
  put(v, "filter_years", std::move(years));
  return c.t("nav.measures") + " — " + p.title;
}


// The ids of programme `p`'s entries in `all` (SiteMetrics' indicators or measures, keyed
// "programme/id") whose metrics `wanted` selects: one walk over the programme's part of the map.
// The site dashboard asked the map for each measure and indicator of every programme (a key
// built, a dozen long keys compared), for the few it lists.
template <class Metrics, class Wanted>
std::unordered_set<std::string_view> selected_ids(const std::map<std::string, Metrics>& all, const Programme& p,
                                                  Wanted wanted) {
  std::unordered_set<std::string_view> ids;
  const std::string prefix = p.id + "/";
  for (auto it = all.lower_bound(prefix); it != all.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
    if (wanted(it->second)) ids.insert(std::string_view(it->first).substr(prefix.size()));
  return ids;
}

// A programme's rows of a dashboard's lists: its indicators at risk and its overdue measures.
struct DashboardRows {
  std::vector<View> risk, overdue;
};

DashboardRows dashboard_rows(const ViewContext& c, PageKind kind, const Programme& p, const std::string& root) {
  const auto at_risk = selected_ids(c.metrics.indicators, p, [](const IndicatorMetrics& m) {
    return m.status == IndicatorStatus::AtRisk || m.status == IndicatorStatus::NotAchieved;
  });
  const auto late = selected_ids(c.metrics.measures, p, [](const MeasureMetrics& m) { return m.overdue; });
  DashboardRows rows;
  // Room for all: View's move is not noexcept, so a growing vector would copy each row.
  rows.risk.reserve(at_risk.size());
  rows.overdue.reserve(late.size());
  for (const auto& i : p.indicators)
    if (at_risk.count(i.id)) rows.risk.push_back(indicator_row(c, kind, p, i, root));
  for (const auto& ms : p.measures) {
    if (late.count(ms.id)) {
      View r = measure_row(c, kind, p, ms, 0);
      if (c.shows(kind, "programme")) put(r, "programme", p.title);
      put(r, "url", link(root, programme_sub_path(p, "measures")) + "#m-" + ms.id);
      rows.overdue.push_back(std::move(r));
    }
  }
  return rows;
}

void dashboard_lists(const ViewContext& c, PageKind kind, const std::vector<const Programme*>& progs,
                     const std::string& root, View& v) {
  // The site dashboard lists every programme's rows (4 000 at 300 programmes, a 2.5 MB page):
  // they are made on all threads, so that the page is not one long task.
  std::vector<DashboardRows> rows(progs.size());
  parallel_indices(progs.size(), c.opt.jobs, [&](size_t i) { rows[i] = dashboard_rows(c, kind, *progs[i], root); });
  View risk = new_list(), overdue = new_list();
  for (auto& r : rows) {
    for (auto& row : r.risk) append(risk, std::move(row));
    for (auto& row : r.overdue) append(overdue, std::move(row));
  }
  put(v, "has_at_risk", flag(!risk.is_empty_list()));
  put(v, "has_overdue", flag(!overdue.is_empty_list()));
  put(v, "at_risk", std::move(risk));
  put(v, "overdue", std::move(overdue));
}


// Why a dashboard shows no rating: nothing to rate, or (an interim report) not until the year ends.
void rating_notice(const ViewContext& c, const ProgrammeMetrics& pm, View& v) {
  const bool none = c.model.site.publish_rating && pm.rating == Rating::NotAssessable;
  put(v, "not_assessable", flag(none && !c.metrics.report.interim()));
  put(v, "rated_after_year", flag(none && c.metrics.report.interim()));
}
std::string dashboard_view(const ViewContext& c, const Programme& p, const std::string& root, View& v) {
  programme_nav(c, p, root, "dashboard", v);
  const ProgrammeMetrics* pm = c.metrics.programme(p.id);
  if (pm) {
    put(v, "kpis", kpis(c, *pm));
    status_donut(c, *pm, v);
    measure_counts_view(c, pm->measures, v);
    rating_notice(c, *pm, v);
  }
  dashboard_lists(c, PageKind::Dashboard, {&p}, root, v);
  return c.t("nav.dashboard") + " — " + p.title;
}

std::string site_dashboard_view(const ViewContext& c, const std::string& root, View& v) {
  const ProgrammeMetrics& pm = c.metrics.overall;
  put(v, "kpis", kpis(c, pm));
  status_donut(c, pm, v);
  measure_counts_view(c, pm.measures, v);
  rating_notice(c, pm, v);
  View cards = new_list();
  std::vector<const Programme*> progs;
  for (const auto& p : c.model.programmes) {
    append(cards, programme_card(c, p, root));
    progs.push_back(&p);
  }
  put(v, "programmes", std::move(cards));
  dashboard_lists(c, PageKind::SiteDashboard, progs, root, v);
  return c.t("nav.site_dashboard");
}

View organisation_item(const Programme& p, const Organisation& o, const std::string& root, const ViewContext& c) {
  View e;
  put(e, "name", o.name);
  put(e, "short_name", o.short_name);
  if (!o.type.empty()) put(e, "type", c.t("orgtype." + o.type));
  put(e, "url", link(root, organisation_path(p, o)));
  put(e, "programme", p.title);
  return e;
}

std::string organisations_view(const ViewContext& c, const std::string& root, View& v) {
  View groups = new_list();
  for (const auto& p : c.model.programmes) {
    if (p.organisations.empty()) continue;
    View g;
    put(g, "title", p.title);
    View items = new_list();
    for (const auto& o : p.organisations) append(items, organisation_item(p, o, root, c));
    put(g, "items", std::move(items));
    append(groups, std::move(g));
  }
  put(v, "groups", std::move(groups));
  return c.t("nav.organisations");
}

std::string organisation_view(const ViewContext& c, const Programme& p, const Organisation& o, const std::string& root,
                              View& v) {
  programme_nav(c, p, root, "", v);
  put(v, "org", organisation_item(p, o, root, c));
  add_text_list(v, "aliases", o.aliases);
  add_text_list(v, "subdivisions", o.subdivisions);
  View roles = new_list();
  for (const auto& r : o.roles) append(roles, View(c.t("orgrole." + r)));
  put(v, "has_roles", flag(!roles.is_empty_list()));
  put(v, "roles", std::move(roles));
  View measures = new_list();
  for (const auto& m : p.measures)
    if (std::find(m.organisations.begin(), m.organisations.end(), o.id) != m.organisations.end()) {
      View r = measure_row(c, PageKind::Organisation, p, m, 0);
      put(r, "url", link(root, programme_sub_path(p, "measures")) + "#m-" + m.id);
      append(measures, std::move(r));
    }
  put(v, "has_measures", flag(!measures.is_empty_list()));
  put(v, "measures", std::move(measures));
  View values = new_list();
  for (const auto& i : p.indicators) {
    const IndicatorMetrics* m = c.metrics.indicator(p.id, i.id);
    if (!m) continue;
    for (const auto& of : m->by_organisation)
      if (of.organisation == o.id) {
        View r;
        put(r, "indicator", i.name);
        put(r, "url", link(root, indicator_path(p, i)));
        put(r, "year", std::to_string(of.year));
        put(r, "value", format_value(of.value, m->precision, i.unit, c.locale));
        append(values, std::move(r));
      }
  }
  put(v, "has_values", flag(!values.is_empty_list()));
  put(v, "values", std::move(values));
  add_text_list(v, "notes", o.notes);
  return o.name;
}

}  // namespace

std::string content_html(const ViewContext& ctx, const ContentPage& page) {
  return render_markdown(page.markdown, ctx.model.site.allow_raw_html).html;
}

std::string build_view(const ViewContext& c, const PlannedPage& page, View& v) {
  const std::string root = root_prefix(page.path);
  const Programme* p = page.programme == PlannedPage::npos ? nullptr : &c.model.programmes[page.programme];
  switch (page.kind) {
    case PageKind::Home: {
      View cards = new_list();
      for (const auto& prog : c.model.programmes) append(cards, programme_card(c, prog, root));
      put(v, "programmes", std::move(cards));
      put(v, "count", plural(static_cast<long long>(c.model.programmes.size()), c.t("plural.programme"), c.locale));
      View pages = new_list();
      for (const auto& pg : c.model.pages) {
        View e;
        put(e, "title", pg.title);
        put(e, "url", link(root, content_path(pg)));
        append(pages, std::move(e));
      }
      put(v, "has_pages", flag(!pages.is_empty_list()));
      put(v, "pages", std::move(pages));
      return c.model.site.title;
    }
    case PageKind::SiteDashboard: return site_dashboard_view(c, root, v);
    case PageKind::Organisations: return organisations_view(c, root, v);
    case PageKind::Programme: return passport_view(c, *p, root, v);
    case PageKind::Indicators: return indicators_view(c, *p, root, v);
    case PageKind::Indicator: return indicator_view(c, *p, p->indicators[page.item], root, v);
    case PageKind::Measures: return measures_view(c, *p, root, v);
    case PageKind::Dashboard: return dashboard_view(c, *p, root, v);
    case PageKind::Organisation: return organisation_view(c, *p, p->organisations[page.item], root, v);
    case PageKind::ProgrammeContent: {
      const ContentPage& pg = p->pages[page.item];
      programme_nav(c, *p, root, "page:" + pg.slug, v);
      put(v, "body", content_html(c, pg));
      return pg.title;
    }
    case PageKind::SiteContent: {
      const ContentPage& pg = c.model.pages[page.item];
      put(v, "body", content_html(c, pg));
      return pg.title;
    }
    case PageKind::NotFound: return c.t("notfound.title");
  }
  return {};
}

}  // namespace vitrina
