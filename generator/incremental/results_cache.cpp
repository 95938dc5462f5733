#include "incremental/results_cache.h"

#include <cereal/types/optional.hpp>
#include <algorithm>

#include "incremental/fingerprint.h"
#include "util/read_file.h"
#include "util/snapshot_archive.h"

namespace vitrina {

VITRINA_SNAPSHOT_SIZE(Rounded, 48);
VITRINA_SNAPSHOT_SIZE(YearFigures, 208);
VITRINA_SNAPSHOT_SIZE(OrganisationFigure, 56);
VITRINA_SNAPSHOT_SIZE(IndicatorMetrics, 256);
VITRINA_SNAPSHOT_SIZE(MeasureMetrics, 208);

template <class A> void serialize(A& a, Rounded& x) { a(x.value, x.precision, x.text); }
template <class A> void serialize(A& a, YearFigures& x) {
  a(x.year, x.plan, x.plan_op, x.plan_printed, x.plan_from_every_year, x.plan_from_period_end, x.plan_compound, x.fact,
    x.fact_recomputed, x.fact_period, x.fact_as_of, x.degree, x.degree_capped, x.achieved, x.deviation,
    x.deviation_rel, x.status);
}
template <class A> void serialize(A& a, OrganisationFigure& x) { a(x.year, x.organisation, x.value); }
template <class A> void serialize(A& a, IndicatorMetrics& x) {
  a(x.programme, x.indicator, x.precision, x.years, x.status, x.report_degree, x.report_degree_capped,
    x.ratio_last_first, x.ratio_rounded, x.ratio_differs_from_printed, x.trend, x.progress, x.last_fact_year,
    x.by_organisation);
}
template <class A> void serialize(A& a, MeasureMetrics& x) {
  a(x.programme, x.measure, x.status, x.earlier_status, x.earlier_status_year, x.planned_in_year, x.overdue,
    x.start_year, x.end_year, x.leaf, x.counted, x.done_counted, x.section, x.task, x.direction);
}

namespace {

namespace fs = std::filesystem;

// "VTFIGS" / "VTCHKS" + format version: bump when a field list above changes in a way the
// program identity would not (it is part of every key anyway).
constexpr char kFiguresMagic[8] = {'V', 'T', 'F', 'I', 'G', 'S', '0', '2'};
constexpr char kChecksMagic[8] = {'V', 'T', 'C', 'H', 'K', 'S', '0', '2'};
constexpr const char* kFigures = ".figures";
constexpr const char* kChecks = ".checks";

void put_diagnostics(Diagnostics& out, std::vector<Diagnostic>& items) {
  out = Diagnostics{};
  for (auto& d : items) out.add(std::move(d));
}

// The figures are those of `p`: one per indicator and measure, in its order (a guard: the key
// already names the programme's inputs).
bool matches(const ProgrammeFigures& f, const Programme& p) {
  auto same_id = [](const auto& metric_id, const auto& item) { return metric_id == item.id; };
  return f.indicators.size() == p.indicators.size() && f.measures.size() == p.measures.size() &&
         std::equal(f.indicators.begin(), f.indicators.end(), p.indicators.begin(),
                    [&](const IndicatorMetrics& m, const Indicator& i) { return same_id(m.indicator, i); }) &&
         std::equal(f.measures.begin(), f.measures.end(), p.measures.begin(),
                    [&](const MeasureMetrics& m, const Measure& x) { return same_id(m.measure, x); });
}

}  // namespace

std::string encode_figures(const ProgrammeFigures& figures, uint64_t key) {
  return encode_snapshot(kFiguresMagic, key, const_cast<std::vector<IndicatorMetrics>&>(figures.indicators),
                         const_cast<std::vector<MeasureMetrics>&>(figures.measures),
                         const_cast<std::vector<Diagnostic>&>(figures.diags.items()));
}

bool decode_figures(std::string_view bytes, uint64_t key, ProgrammeFigures& out) {
  std::vector<Diagnostic> diags;
  if (!decode_snapshot(bytes, kFiguresMagic, key, out.indicators, out.measures, diags)) return false;
  put_diagnostics(out.diags, diags);
  return true;
}

std::string encode_checks(const Diagnostics& found, uint64_t key) {
  return encode_snapshot(kChecksMagic, key, const_cast<std::vector<Diagnostic>&>(found.items()));
}

bool decode_checks(std::string_view bytes, uint64_t key, Diagnostics& out) {
  std::vector<Diagnostic> diags;
  if (!decode_snapshot(bytes, kChecksMagic, key, diags)) return false;
  put_diagnostics(out, diags);
  return true;
}

ResultsCache::ResultsCache(fs::path dir, std::map<std::string, uint64_t> inputs, bool restore)
    : dir_(std::move(dir)), inputs_(std::move(inputs)), restore_(restore) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
}

// The figures' key adds the report to the programme's inputs.
bool ResultsCache::key(const Programme& p, const ReportDate* report, uint64_t& out) const {
  auto it = inputs_.find(p.id);
  if (it == inputs_.end()) return false;
  out = it->second;
  if (report)
    out = Hasher()
              .add(out)
              .add(static_cast<uint64_t>(report->year))
              .add(static_cast<uint64_t>(report->period))
              .add(report->as_of)
              .value();
  return true;
}

fs::path ResultsCache::file(const Programme& p, const char* suffix) const { return dir_ / (p.id + suffix); }

bool ResultsCache::restore(const Programme& p, Diagnostics& out) {
  uint64_t k;
  std::string bytes;
  if (!restore_ || !key(p, nullptr, k) || !read_file(file(p, kChecks), bytes)) return false;
  if (decode_checks(bytes, k, out)) return true;
  out = Diagnostics{};
  return false;
}

void ResultsCache::save(const Programme& p, const Diagnostics& found) {
  uint64_t k;
  if (!key(p, nullptr, k)) return;
  const std::string bytes = encode_checks(found, k);
  if (!bytes.empty()) batch_.write(file(p, kChecks), bytes);
}

bool ResultsCache::restore(const Programme& p, const ReportDate& report, ProgrammeFigures& out) {
  uint64_t k;
  std::string bytes;
  if (!restore_ || !key(p, &report, k) || !read_file(file(p, kFigures), bytes)) return false;
  if (decode_figures(bytes, k, out) && matches(out, p)) return true;
  out = ProgrammeFigures{};
  return false;
}

void ResultsCache::save(const Programme& p, const ReportDate& report, const ProgrammeFigures& figures) {
  uint64_t k;
  if (!key(p, &report, k)) return;
  const std::string bytes = encode_figures(figures, k);
  if (!bytes.empty()) batch_.write(file(p, kFigures), bytes);
}

void ResultsCache::commit() {
  batch_.commit();
  std::error_code ec;
  std::vector<fs::path> stale;
  for (const auto& e : fs::directory_iterator(dir_, ec)) {
    const std::string name = e.path().filename().string();
    const char* suffix = name.ends_with(kFigures) ? kFigures : name.ends_with(kChecks) ? kChecks : nullptr;
    if (!suffix || !inputs_.count(name.substr(0, name.size() - std::char_traits<char>::length(suffix))))
      stale.push_back(e.path());  // removed programmes, temporary files of killed builds
  }
  for (const auto& p : stale) fs::remove(p, ec);
}

}  // namespace vitrina
