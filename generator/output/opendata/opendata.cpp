#include "output/opendata/opendata.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "compute/report.h"
#include "output/opendata/csv.h"
#include "output/opendata/dumped_json.h"
#include "output/opendata/sha256.h"
#include "plan/outputs.h"
#include "util/json_string.h"
#include "util/parallel.h"

namespace vitrina {

using ojson = nlohmann::ordered_json;

namespace {

template <class T>
ojson opt(const std::optional<T>& v) {
  return v ? ojson(*v) : ojson(nullptr);
}

ojson str_or_null(const std::string& s) { return s.empty() ? ojson(nullptr) : ojson(s); }

// An empty object with room for `n` members: ordered_json keeps its members in a vector that
// copies them (their keys are const, so they cannot be moved) each time it grows.
ojson object(size_t n) {
  ojson j = ojson::object();
  j.get_ref<ojson::object_t&>().reserve(n);
  return j;
}

ojson year_json(const YearFigures& y) {
  ojson j = object(11);
  j["year"] = y.year;
  j["plan"] = opt(y.plan);
  j["plan_op"] = bound_key(y.plan_op);
  j["plan_printed"] = str_or_null(y.plan_printed);
  j["fact"] = opt(y.fact);
  j["fact_recomputed"] = y.fact_recomputed;
  j["deviation"] = opt(y.deviation);
  j["degree"] = opt(y.degree);
  j["degree_capped"] = opt(y.degree_capped);
  j["achieved"] = opt(y.achieved);
  j["status"] = status_key(y.status);
  return j;
}

ojson indicator_json(const Indicator& ind, const IndicatorMetrics* im) {
  ojson j = object(21);
  j["id"] = ind.id;
  j["number"] = str_or_null(ind.number);
  j["name"] = ind.name;
  j["kind"] = str_or_null(kind_key(ind.kind));
  j["unit"] = str_or_null(ind.unit);
  j["precision"] = im ? ojson(im->precision) : ojson(nullptr);
  j["better"] = str_or_null(better_key(ind.better));
  j["group"] = str_or_null(ind.group);
  j["inferred"] = ind.inferred.items();
  j["status"] = status_key(im ? im->status : IndicatorStatus::NoData);
  j["report_degree"] = im ? opt(im->report_degree) : ojson(nullptr);
  j["report_degree_capped"] = im ? opt(im->report_degree_capped) : ojson(nullptr);
  j["ratio_last_first"] = im && im->ratio_rounded ? ojson(im->ratio_rounded->value) : ojson(nullptr);
  j["ratio_rounded"] = im && im->ratio_rounded ? ojson(im->ratio_rounded->text) : ojson(nullptr);
  j["printed_ratio"] = opt(ind.printed_ratio);
  j["printed_ratio_text"] = str_or_null(ind.printed_ratio_text);
  j["ratio_differs_from_printed"] = im && im->ratio_differs_from_printed;
  j["trend"] = trend_key(im ? im->trend : Trend::None);
  j["progress"] = progress_key(im ? im->progress : Progress::NotAvailable);
  j["last_fact_year"] = im ? opt(im->last_fact_year) : ojson(nullptr);
  ojson years = ojson::array();
  if (im)
    for (const auto& y : im->years) years.push_back(year_json(y));
  j["years"] = years;
  return j;
}

void indicator_header(csv::Writer& w) {
  for (const char* h : {"programme", "indicator", "number", "name", "unit", "year", "plan_op", "plan", "fact",
                        "deviation", "degree", "degree_capped", "status"})
    w.text(h);
  w.end_row();
}

void indicator_rows(csv::Writer& w, const std::string& pid, const Indicator& ind, const IndicatorMetrics* im) {
  auto lead = [&] { w.text(pid).text(ind.id).text(ind.number).text(ind.name).text(ind.unit); };
  if (!im || im->years.empty()) {
    lead();
    w.text("").text("").text("").text("").text("").text("").text("").text(status_key(im ? im->status : IndicatorStatus::NoData));
    w.end_row();
    return;
  }
  for (const auto& y : im->years) {
    lead();
    w.integer(y.year).text(y.plan ? bound_word(y.plan_op) : "").number(y.plan).number(y.fact).number(y.deviation);
    w.number(y.degree).number(y.degree_capped).text(status_key(y.status));
    w.end_row();
  }
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : "; ") + s;
  return out;
}

std::string measures_csv(const Programme& p, const SiteMetrics& m) {
  csv::Writer w;
  for (const char* h : {"programme", "measure", "number", "parent", "section", "task", "name", "responsible", "period",
                        "start_year", "end_year", "expected_result", "status", "planned_in_year", "overdue"})
    w.text(h);
  w.end_row();
  for (const Measure& x : p.measures) {
    const MeasureMetrics* mm = m.measure(p.id, x.id);
    w.text(p.id).text(x.id).text(x.number).text(x.parent).text(x.section).text(x.task).text(x.name);
    w.text(x.responsible_printed.empty() ? join(x.responsible) : x.responsible_printed).text(x.period.printed);
    w.integer(mm && mm->start_year ? std::optional<long long>(*mm->start_year) : std::nullopt);
    w.integer(mm && mm->end_year ? std::optional<long long>(*mm->end_year) : std::nullopt);
    w.text(x.expected_result).text(mm && mm->status ? measure_status_key(*mm->status) : "");
    w.integer(mm ? std::optional<long long>(mm->planned_in_year) : std::nullopt);
    w.integer(mm ? std::optional<long long>(mm->overdue) : std::nullopt);
    w.end_row();
  }
  return w.str();
}

ojson measure_json(const Measure& x, const MeasureMetrics* mm) {
  ojson j = object(15);
  j["id"] = x.id;
  j["number"] = str_or_null(x.number);
  j["parent"] = str_or_null(x.parent);
  j["section"] = str_or_null(x.section);
  j["task"] = str_or_null(x.task);
  j["name"] = x.name;
  j["responsible"] = x.responsible;
  j["period"] = str_or_null(x.period.printed);
  j["start_year"] = mm ? opt(mm->start_year) : ojson(nullptr);
  j["end_year"] = mm ? opt(mm->end_year) : ojson(nullptr);
  j["status"] = mm && mm->status ? ojson(measure_status_key(*mm->status)) : ojson(nullptr);
  j["earlier_status"] = mm && mm->earlier_status ? ojson(measure_status_key(*mm->earlier_status)) : ojson(nullptr);
  j["earlier_status_year"] = mm && mm->earlier_status ? ojson(mm->earlier_status_year) : ojson(nullptr);
  j["planned_in_year"] = mm && mm->planned_in_year;
  j["overdue"] = mm && mm->overdue;
  return j;
}

// `with_rating`: site.json publish_rating (the rating stays in the board pack and the report).
ojson programme_metrics_json(const ProgrammeMetrics* pm, bool with_rating) {
  ojson j = object(11);
  if (!pm) return nullptr;
  j["indicators_total"] = pm->indicators_total;
  j["indicators_assessed"] = pm->indicators_assessed;
  j["indicators_achieved"] = pm->indicators_achieved;
  ojson by = ojson::object();
  for (IndicatorStatus st : all_values<IndicatorStatus>()) {
    auto it = pm->by_status.find(st);
    by[status_key(st)] = it == pm->by_status.end() ? 0 : it->second;
  }
  j["by_status"] = by;
  j["share_achieved"] = opt(pm->share_achieved);
  j["mean_degree"] = opt(pm->mean_degree);
  j["measures_done_share"] = opt(pm->measures_done_share);
  if (with_rating) {
    j["effectiveness"] = opt(pm->effectiveness);
    j["effectiveness_basis"] = str_or_null(basis_key(pm->effectiveness_basis));
    j["rating"] = rating_key(pm->rating);
  }
  j["measures"] = counts_json(pm->measures);  // as `vitrina report` writes them
  return j;
}

std::string dumped(const ojson& j) { return j.dump(2, ' ', false); }

}  // namespace

namespace {

// The files of one programme, in the order they are made.
std::vector<OutputFile> programme_open_data(const SiteModel& model, const SiteMetrics& metrics, const Programme& p) {
  std::vector<OutputFile> out;
  const ProgrammeMetrics* pm = metrics.programme(p.id);
  int year = pm && pm->report_year ? pm->report_year : model.site.report_year;
  const std::string schema = dumped(kOpenDataSchema), programme = dumped(p.id), report_year = dumped(year);
  csv::Writer all;
  indicator_header(all);
  const size_t header = all.str().size();
  std::vector<std::string> inds;  // each indicator's object, dumped once for its file and the programme's
  for (const Indicator& ind : p.indicators) {
    const IndicatorMetrics* im = metrics.indicator(p.id, ind.id);
    csv::Writer one;
    indicator_header(one);
    indicator_rows(one, p.id, ind, im);
    all.rows(std::string_view(one.str()).substr(header));
    out.push_back({indicator_csv_path(p.id, ind.id), one.take()});
    std::string ij = dumped(indicator_json(ind, im));
    out.push_back({indicator_json_path(p.id, ind.id), dumped_json::Document()
                                                          .add("schema", schema)
                                                          .add("programme", programme)
                                                          .add("report_year", report_year)
                                                          .add("indicator", ij)
                                                          .text()});
    inds.push_back(std::move(ij));
  }
  out.push_back({indicators_csv_path(p.id), all.take()});
  out.push_back({measures_csv_path(p.id), measures_csv(p, metrics)});

  ojson prog = object(9);
  prog["id"] = p.id;
  prog["title"] = p.title;
  prog["short_title"] = str_or_null(p.short_title);
  prog["kind"] = str_or_null(p.kind);
  prog["municipality"] = str_or_null(p.municipality);
  prog["region"] = str_or_null(p.region);
  prog["issuer"] = str_or_null(p.issuer);
  prog["period"] = ojson{{"start", opt(p.period.start)}, {"end", opt(p.period.end)},
                         {"printed", str_or_null(p.period.printed)}, {"inferred", p.period.inferred}};
  prog["executor"] = str_or_null(p.executor);
  ojson meas = ojson::array();
  for (const Measure& x : p.measures) meas.push_back(measure_json(x, metrics.measure(p.id, x.id)));
  out.push_back({programme_json_path(p.id), dumped_json::Document()
                                                .add("schema", schema)
                                                .add("report_year", report_year)
                                                .add("programme", dumped(prog))
                                                .add("metrics", dumped(programme_metrics_json(pm, model.site.publish_rating)))
                                                .add_array("indicators", inds)
                                                .add("measures", dumped(meas))
                                                .text()});
  return out;
}

bool is_csv(const std::string& path) { return path.size() > 4 && path.compare(path.size() - 4, 4, ".csv") == 0; }

// data/index.json, as nlohmann's dump(2) of the whole document writes it. At 1000 programmes
// the list holds ~60 000 entries: each is written in place, not built as a json value or
// dumped on its own and indented again.
std::string index_text(const std::vector<OpenDataEntry>& entries) {
  std::string out = "{\n  \"schema\": " + dumped(kOpenDataSchema) + ",\n  \"files\": ";
  out.reserve(out.size() + entries.size() * 256);
  for (size_t i = 0; i < entries.size(); ++i) {
    const OpenDataEntry& e = entries[i];
    out += i ? ",\n    {\n      \"path\": " : "[\n    {\n      \"path\": ";
    append_json_string(out, e.path);
    out += ",\n      \"size\": ";
    out += std::to_string(e.size);
    out += ",\n      \"sha256\": \"";
    out += e.sha256;  // hex digits: nothing to escape
    out += is_csv(e.path) ? "\",\n      \"media_type\": \"text/csv; charset=utf-8\"\n    }"
                          : "\",\n      \"media_type\": \"application/json\"\n    }";
  }
  out += entries.empty() ? "[]\n}\n" : "\n  ]\n}\n";
  return out;
}

// The entries by path. The reused ones usually are already (the build cache lists files by
// path): then only this build's are sorted and merged in.
void sort_by_path(std::vector<OpenDataEntry>& entries, size_t reused) {
  auto by_path = [](const OpenDataEntry& a, const OpenDataEntry& b) { return a.path < b.path; };
  const auto made = entries.begin() + static_cast<std::ptrdiff_t>(reused);
  if (!std::is_sorted(entries.begin(), made, by_path)) return std::sort(entries.begin(), entries.end(), by_path);
  std::sort(made, entries.end(), by_path);
  std::inplace_merge(entries.begin(), made, entries.end(), by_path);
}

}  // namespace

std::vector<OpenDataEntry> build_open_data(const SiteModel& model, const SiteMetrics& metrics, const FileSink& sink,
                                           const RenderScope& scope, std::vector<OpenDataEntry> reused, int jobs) {
  const size_t n = model.programmes.size();
  std::vector<std::vector<OpenDataEntry>> made(n);
  auto one = [&](size_t i) {
    if (!scope.wants(i)) return;
    for (auto& f : programme_open_data(model, metrics, model.programmes[i])) {
      made[i].push_back({f.path, f.bytes.size(), sha256_hex(f.bytes)});
      sink(f.path, f.bytes);
    }
  };
  parallel_indices(n, jobs, one);
  std::vector<OpenDataEntry> entries = std::move(reused);
  const size_t kept = entries.size();
  for (auto& m : made)
    for (auto& e : m) entries.push_back(std::move(e));
  sort_by_path(entries, kept);
  sink(output_path(Output::DataIndex), index_text(entries));
  return entries;
}

std::vector<OutputFile> build_open_data(const SiteModel& model, const SiteMetrics& metrics) {
  std::vector<OutputFile> out;
  build_open_data(model, metrics, [&](const std::string& path, std::string_view bytes) { out.push_back({path, std::string(bytes)}); },
                  {}, {}, 1);
  // data/index.json last, the rest by path (as documented).
  std::stable_sort(out.begin(), out.end() - 1, [](const OutputFile& a, const OutputFile& b) { return a.path < b.path; });
  return out;
}

}  // namespace vitrina
