#include "compute/measure_rules.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>

namespace vitrina {

namespace {

const Measure* find_measure(const Programme& prog, const std::string& id) {
  for (const auto& m : prog.measures)
    if (m.id == id) return &m;
  return nullptr;
}

ResolvedTerm own_term(const Programme& prog, const Period& p, int report_year) {
  ResolvedTerm t;
  const auto& pp = prog.period;
  const bool one_year_programme = pp.start && pp.end && *pp.start == *pp.end;
  if (p.start) {
    t.start_year = p.start->year;
    if (p.end) {
      t.end_year = p.end->year;
      t.end_month = p.end->month;
    } else if (p.then_yearly) {
      t.end_year = pp.end ? *pp.end : std::max(p.start->year, report_year);
    } else {
      t.end_year = p.start->year;
      t.end_month = p.start->month;
    }
  } else if (p.within_year || p.relative || (!p.months.empty() && p.recurrence.empty())) {
    const int y = (p.within_year && one_year_programme) ? *pp.start : report_year;
    t.start_year = t.end_year = y;
    if (!p.months.empty() && p.recurrence.empty()) t.end_month = p.months.back();
  } else if (!p.recurrence.empty() || p.continuous || !p.reference.empty() || p.quarter) {
    if (pp.start && pp.end) {
      t.start_year = *pp.start;
      t.end_year = *pp.end;
    } else {
      t.start_year = t.end_year = report_year;
    }
  }
  return t;
}

// Nearest value of `field` on the measure or its ancestors ("" when none).
template <class F>
std::string inherited_field(const Programme& prog, const Measure& m, F field) {
  const Measure* cur = &m;
  for (int depth = 0; cur && depth < 50; ++depth) {
    if (!field(*cur).empty()) return field(*cur);
    cur = cur->parent.empty() ? nullptr : find_measure(prog, cur->parent);
  }
  return {};
}

}  // namespace

ResolvedTerm resolve_term(const Programme& prog, const Measure& m, int report_year) {
  const Measure* cur = &m;
  // Follow inherited terms up the hierarchy (bounded: the loader reports cycles).
  for (int depth = 0; depth < 50 && cur->period.inherited && !cur->parent.empty(); ++depth) {
    const Measure* parent = find_measure(prog, cur->parent);
    if (!parent) break;
    cur = parent;
  }
  return own_term(prog, cur->period, report_year);
}

bool done_in_time(const MeasureStatus& s, const ResolvedTerm& t) {
  if (s.date.size() < 4 || !t.end_year) return false;  // undated: cannot show it was in time
  const int year = std::atoi(s.date.substr(0, 4).c_str());
  const int month = s.date.size() >= 7 ? std::atoi(s.date.substr(5, 2).c_str()) : 0;
  if (t.start_year && year < *t.start_year) return false;
  if (year != *t.end_year) return year < *t.end_year;
  return t.end_month == 0 || month == 0 || month <= t.end_month;
}

std::string term_end_date(const ResolvedTerm& t) {
  if (!t.end_year) return {};
  const int y = *t.end_year, m = t.end_month >= 1 && t.end_month <= 12 ? t.end_month : 12;
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, days[m - 1] + (m == 2 && leap ? 1 : 0));
  return buf;
}

void add_to_counts(Counts& c, const MeasureMetrics& mm) {
  if (mm.overdue && mm.leaf) ++c.overdue;
  if (!mm.counted) return;
  ++c.total;
  if (mm.done_counted) ++c.done_counted;
  if (!mm.status) {
    ++c.no_status;
    return;
  }
  switch (*mm.status) {
    case MeasureState::Planned: ++c.planned; break;
    case MeasureState::InProgress: ++c.in_progress; break;
    case MeasureState::Done: ++c.done; break;
    case MeasureState::NotDone: ++c.not_done; break;
    case MeasureState::Cancelled: ++c.cancelled; break;
  }
}

std::vector<MeasureMetrics> compute_measures(const Programme& prog, const Methodology& meth, int report_year,
                                             const std::string& as_of) {
  const std::string date = as_of.empty() ? period_end_date(report_year, FactPeriod::Year) : as_of;
  std::map<std::string, int> children;
  for (const auto& m : prog.measures)
    if (!m.parent.empty()) ++children[m.parent];
  std::map<std::string, const MeasureSection*> sections;
  for (const auto& s : prog.measure_sections) sections[s.id] = &s;
  std::map<std::string, const Task*> tasks;
  for (const auto& t : prog.tasks) tasks[t.id] = &t;

  std::vector<MeasureMetrics> out;
  out.reserve(prog.measures.size());
  for (const auto& m : prog.measures) {
    MeasureMetrics mm;
    mm.programme = prog.id;
    mm.measure = m.id;
    const ResolvedTerm term = resolve_term(prog, m, report_year);
    mm.start_year = term.start_year;
    mm.end_year = term.end_year;
    mm.planned_in_year = term.start_year && term.end_year && *term.start_year <= report_year && report_year <= *term.end_year;
    const MeasureStatus* in_year = nullptr;
    const MeasureStatus* latest = nullptr;  // latest entry up to the report year
    for (const auto& s : m.status) {
      if (s.year == report_year) in_year = &s;
      if (s.year <= report_year && (!latest || s.year >= latest->year)) latest = &s;
    }
    if (in_year) mm.status = in_year->status;
    // Finished earlier (its term ended before the report year, or it has none): its latest status.
    const bool ended = !term.end_year || *term.end_year < report_year;
    if (!in_year && !mm.planned_in_year && ended && latest) {
      mm.earlier_status = latest->status;
      mm.earlier_status_year = latest->year;
    }
    // The deadline has come by the report's date: a running measure of a Q1 report whose term
    // ends in December is not overdue yet.
    mm.overdue = term.end_year && term_end_date(term) <= date && latest && !is_finished(latest->status);
    // Leaves only: «1.» and its «1.1.», «1.2.» would otherwise be counted twice.
    mm.leaf = children.find(m.id) == children.end();
    mm.counted = mm.leaf && (mm.planned_in_year || in_year);
    mm.done_counted = mm.counted && in_year && in_year->status == MeasureState::Done &&
                      (meth.done_rule != DoneRule::DoneInTime || done_in_time(*in_year, term));
    mm.section = inherited_field(prog, m, [](const Measure& x) -> const std::string& { return x.section; });
    mm.task = inherited_field(prog, m, [](const Measure& x) -> const std::string& { return x.task; });
    mm.direction = inherited_field(prog, m, [](const Measure& x) -> const std::string& { return x.direction; });
    auto sec = sections.find(mm.section);
    if (sec != sections.end()) {
      if (mm.task.empty()) mm.task = sec->second->task;
      if (mm.direction.empty()) mm.direction = sec->second->direction;
    }
    auto task = tasks.find(mm.task);
    if (mm.direction.empty() && task != tasks.end()) mm.direction = task->second->direction;
    out.push_back(std::move(mm));
  }
  return out;
}

}  // namespace vitrina
