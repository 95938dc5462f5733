// compute_metrics: runs the indicator and measure rules over every programme and aggregates
// them per programme and across the site (docs/metrics.md §5). Pure: model in, figures out.
#include "compute/metrics.h"

#include <algorithm>

#include "compute/indicator_rules.h"
#include "compute/measure_rules.h"
#include "text/messages.h"
#include "util/parallel.h"

namespace vitrina {

int Counts::of(MeasureState s) const {
  switch (s) {
    case MeasureState::Planned: return planned;
    case MeasureState::InProgress: return in_progress;
    case MeasureState::Done: return done;
    case MeasureState::NotDone: return not_done;
    case MeasureState::Cancelled: return cancelled;
  }
  return 0;
}

const IndicatorMetrics* SiteMetrics::indicator(const std::string& programme, const std::string& id) const {
  auto it = indicators.find(programme + "/" + id);
  return it == indicators.end() ? nullptr : &it->second;
}

const MeasureMetrics* SiteMetrics::measure(const std::string& programme, const std::string& id) const {
  auto it = measures.find(programme + "/" + id);
  return it == measures.end() ? nullptr : &it->second;
}

const ProgrammeMetrics* SiteMetrics::programme(const std::string& id) const {
  for (const auto& p : programmes)
    if (p.programme == id) return &p;
  return nullptr;
}

namespace {

// Running sums for one programme or for the whole site.
struct Tally {
  double degree_sum = 0;
  int degree_n = 0;
};

bool counts_towards_programme(const Indicator& ind) { return ind.restates.empty() && is_assessed(ind); }

// What an indicator adds to the totals: its status and capped degree in the report year.
struct Assessment {
  IndicatorStatus status;
  std::optional<double> degree_capped;
};

void add_indicator(ProgrammeMetrics& pm, Tally& t, const Assessment& a) {
  ++pm.indicators_total;
  ++pm.by_status[a.status];
  if (!is_assessed(a.status)) return;
  ++pm.indicators_assessed;
  if (a.status == IndicatorStatus::Achieved) ++pm.indicators_achieved;
  if (a.degree_capped) {
    t.degree_sum += *a.degree_capped;
    ++t.degree_n;
  }
}

void add_counts(Counts& into, const Counts& c) {
  into.total += c.total;
  into.planned += c.planned;
  into.in_progress += c.in_progress;
  into.done += c.done;
  into.not_done += c.not_done;
  into.cancelled += c.cancelled;
  into.no_status += c.no_status;
  into.overdue += c.overdue;
  into.done_counted += c.done_counted;
}

Rating rate(double score, const Methodology& m) {
  constexpr double eps = 1e-9;  // 0.9 computed as 0.8999999999999999 is still «высокая»
  if (score >= m.rating_high - eps) return Rating::High;
  if (score >= m.rating_medium - eps) return Rating::Medium;
  if (score >= m.rating_satisfactory - eps) return Rating::Satisfactory;
  return Rating::Unsatisfactory;
}

// A share or score as it is shown: kScorePrecision decimals.
double score(double x) { return round_decimal(x, kScorePrecision).value; }

// Shares, СРп/п, СРм, effectiveness and rating from the sums. Each is kept at the decimals it is
// shown with, the effectiveness is computed from the shown СРп/п and СРм, and the rating is the
// class of the shown effectiveness: 0.6996 is shown as 0.700 and rated «удовлетворительная».
// The effectiveness is an annual judgement: an interim report shows the shares so far and no
// rating (docs/metrics.md §10).
void finish(ProgrammeMetrics& pm, const Tally& t, const Methodology& m, bool interim) {
  if (pm.indicators_assessed > 0) pm.share_achieved = score(double(pm.indicators_achieved) / pm.indicators_assessed);
  if (t.degree_n > 0) pm.mean_degree = score(t.degree_sum / t.degree_n);
  // Measures without a status that year are unknown, cancelled ones are no longer planned.
  const int planned = pm.measures.total - pm.measures.cancelled - pm.measures.no_status;
  if (planned > 0) pm.measures_done_share = score(double(pm.measures.done_counted) / planned);

  const double wi = std::max(0.0, m.weight_indicators), wm = std::max(0.0, m.weight_measures);
  if (interim) {
    pm.rating = Rating::NotAssessable;
    return;
  }
  if (pm.mean_degree && pm.measures_done_share && wi + wm > 0) {
    pm.effectiveness = score((wi * *pm.mean_degree + wm * *pm.measures_done_share) / (wi + wm));
    pm.effectiveness_basis = EffectivenessBasis::Both;
  } else if (pm.mean_degree) {
    pm.effectiveness = pm.mean_degree;
    pm.effectiveness_basis = EffectivenessBasis::Indicators;
  } else if (pm.measures_done_share) {
    pm.effectiveness = pm.measures_done_share;
    pm.effectiveness_basis = EffectivenessBasis::Measures;
  }
  pm.rating = pm.effectiveness ? rate(*pm.effectiveness, m) : Rating::NotAssessable;
}

// The year statuses are computed for: the override, the site's report_year, else the latest
// year with a fact of the report period in the data, else the latest programme start
// (deterministic: never today's date).
int choose_report_year(const SiteModel& model, int year_override) {
  if (year_override) return year_override;
  if (model.site.report_year) return model.site.report_year;
  int year = 0;
  for (const auto& p : model.programmes)
    for (const auto& ind : p.indicators)
      for (const auto& f : ind.facts)
        if (f.period == model.site.report_period) year = std::max(year, f.year);
  if (year) return year;
  for (const auto& p : model.programmes)
    if (p.period.start) year = std::max(year, *p.period.start);
  return year;
}

// One programme's share of SiteMetrics: its totals, and its figures already in map nodes keyed as
// SiteMetrics keys them. Made on the programme's own thread: the nodes (~39 000 at N = 300, each
// allocated with its key) took most of the sequential part after the figures were restored.
struct ProgrammeShare {
  Diagnostics diags;
  ProgrammeMetrics totals;
  std::vector<Assessment> counted;  // what its indicators add to the site's totals, in their order
  std::map<std::string, IndicatorMetrics> indicators;
  std::map<std::string, MeasureMetrics> measures;
};

ProgrammeShare programme_share(const Programme& prog, ProgrammeFigures& c, int year, const Methodology& meth,
                               bool interim) {
  ProgrammeShare share;
  share.diags = std::move(c.diags);
  ProgrammeMetrics& pm = share.totals;
  pm.programme = prog.id;
  pm.report_year = year;
  Tally tally;
  for (size_t k = 0; k < prog.indicators.size(); ++k) {
    const Indicator& ind = prog.indicators[k];
    IndicatorMetrics& im = c.indicators[k];
    if (counts_towards_programme(ind)) {
      share.counted.push_back({im.status, im.report_degree_capped});
      add_indicator(pm, tally, share.counted.back());
    }
    share.indicators[prog.id + "/" + ind.id] = std::move(im);
  }
  for (auto& mm : c.measures) {
    add_to_counts(pm.measures, mm);
    if (!mm.section.empty()) add_to_counts(pm.by_section[mm.section], mm);
    if (!mm.task.empty()) add_to_counts(pm.by_task[mm.task], mm);
    if (!mm.direction.empty()) add_to_counts(pm.by_direction[mm.direction], mm);
    share.measures[prog.id + "/" + mm.measure] = std::move(mm);
  }
  finish(pm, tally, meth, interim);
  return share;
}

// Moves the nodes of `from` into `into`; a key already there takes the value from `from`, as
// assigning it would. Keys that sort after those already there (usually: programmes in id order)
// go in at the end hint in constant time.
template <class Map>
void move_nodes(Map& into, Map& from) {
  while (!from.empty()) {
    auto node = from.extract(from.begin());
    auto at = into.insert(into.end(), std::move(node));
    if (node) at->second = std::move(node.mapped());  // not inserted: the key was there
  }
}

}  // namespace

SiteMetrics compute_metrics(const SiteModel& model, Diagnostics& diags, int year_override, int jobs,
                            FiguresStore* store) {
  SiteMetrics sm;
  const Methodology& meth = model.site.methodology;
  const int year = choose_report_year(model, year_override);
  sm.report = report_date(model, year);
  const bool interim = sm.report.interim();
  Tally site_tally;
  sm.overall.report_year = year;

  // Each programme's figures and totals are worked out on their own (in parallel); the site's
  // totals are then added up in programme order, so sums and diagnostics do not depend on the
  // number of threads.
  std::vector<ProgrammeShare> shares(model.programmes.size());
  auto one = [&](size_t i) {
    const Programme& prog = model.programmes[i];
    ProgrammeFigures c;
    if (!store || !store->restore(prog, sm.report, c)) {
      c.indicators.reserve(prog.indicators.size());
      for (const auto& ind : prog.indicators)
        c.indicators.push_back(compute_indicator(prog, ind, meth, year, c.diags, sm.report.period));
      c.measures = compute_measures(prog, meth, year, sm.report.as_of);
      if (store) store->save(prog, sm.report, c);
    }
    shares[i] = programme_share(prog, c, year, meth, interim);
  };
  parallel_indices(shares.size(), jobs, one);

  for (ProgrammeShare& share : shares) {
    diags.append(share.diags);
    for (const Assessment& a : share.counted) add_indicator(sm.overall, site_tally, a);
    move_nodes(sm.indicators, share.indicators);
    move_nodes(sm.measures, share.measures);
    add_counts(sm.overall.measures, share.totals.measures);
    sm.programmes.push_back(std::move(share.totals));
    share = ProgrammeShare{};  // free as we go
  }
  finish(sm.overall, site_tally, meth, interim);
  return sm;
}

}  // namespace vitrina
