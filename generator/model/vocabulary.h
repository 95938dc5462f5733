// The domain's words as types: one enum per word, one function per question about it.
//
// The loader is the only place that turns the data's strings into these values (from_key);
// every later stage asks the functions below and never compares strings. No `switch` over
// one of these enums has a `default:`, so adding a value makes -Wswitch (an error here) list
// every place that must handle it. The keys are the spellings of the data files and of the
// outputs (open data, `vitrina report --format json`, CSS classes); the labels are words for
// people, from the message catalogue in the document's language (text/messages.h).
#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace vitrina {

// ---- read from the data ----------------------------------------------------------------

// What an indicator's value is (`kind` in indicators.json).
enum class IndicatorKind { NotStated, Share, Count, YesNo, Ratio, Text, Degree, Index };
// Which way is good (`better`); not stated is read as higher.
enum class Better { NotStated, Higher, Lower, Yes, No };
// The bound of a target (`op`): a plan value «=», a threshold «не менее» ≥, «не более» ≤.
enum class Bound { Eq, Ge, Le };
// A measure's status in one year (`status[].status` in measures.json). A measure without an
// entry for a year has no status that year: std::optional<MeasureState>.
enum class MeasureState { Planned, InProgress, Done, NotDone, Cancelled };
// When a `done` measure counts as done (site.json `methodology.done_rule`).
enum class DoneRule { Done, DoneInTime };
// The part of a year a fact covers (`facts[].period`), cumulative from the start of the year to
// the end of it (docs/indicators.md), and the part of the report year a report covers
// (site.json `report_period`; interim reporting, docs/metrics.md §10). In order of length.
enum class FactPeriod { Q1, H1, M9, Year };

// A column of a document's own measure table (programme.json `measure_table.columns[].field`):
// the measure field it shows (docs/programme.md, «Таблица мероприятий»; cells: compute/measure_cells.h).
enum class MeasureColumn {
  Number,                   // number («№», «№ п/п»)
  Kind,                     // kind («Вид мер, мероприятий», Kirov)
  Name,                     // name
  Period,                   // the term as printed
  PeriodStart,              // start year («начала реализации», Belomorsk)
  PeriodEnd,                // end year («окончания реализации»)
  Responsible,              // responsible_printed, else responsible
  Participants,             // participants («Участники», Kirov)
  ExpectedResult,           // expected_result, else the dated sub-events' results (Zima 2.1)
  Consequences,             // consequences («Последствия нереализации …», Belomorsk)
  ImplementationIndicator,  // implementation_indicator («Показатели реализации», Strezhevoy)
  EvaluationMethod,         // evaluation_method («Способ (источники) оценки», Strezhevoy)
};

// ---- computed (docs/metrics.md) --------------------------------------------------------

// InProgress («в работе»): an interim fact short of the annual target before the year ends,
// never judged «не достигнут» (docs/metrics.md §10).
enum class IndicatorStatus { Achieved, OnTrack, InProgress, AtRisk, NotAchieved, NoData, NoTarget };
enum class Rating { High, Medium, Satisfactory, Unsatisfactory, NotAssessable };
// What the effectiveness score was computed from (None: nothing to compute it from).
enum class EffectivenessBasis { None, Both, Indicators, Measures };
enum class Trend { Up, Down, Flat, None };  // direction of the facts over years
// Open SDG (sdg-build) progress status.
enum class Progress { TargetAchieved, Substantial, Moderate, Limited, Deterioration, NotAvailable };

// ---- keys --------------------------------------------------------------------------------

const char* kind_key(IndicatorKind k);          // "share", "count", "yes_no" …; "" when not stated
const char* better_key(Better b);               // "higher", "lower", "yes", "no"; "" when not stated
const char* bound_key(Bound b);                 // "=", ">=", "<="
const char* bound_word(Bound b);                // "eq", "ge", "le" (CSV: a field "=" would be neutralised)
const char* measure_status_key(MeasureState s); // "planned", "in_progress", "done", "not_done", "cancelled"
const char* measure_status_key(const std::optional<MeasureState>& s);  // … or "no_status"
const char* done_rule_key(DoneRule r);          // "done", "done_in_time"
const char* fact_period_key(FactPeriod p);      // "q1", "h1", "m9", "year"
const char* measure_column_key(MeasureColumn c); // "number", "kind", "name", "period", "period_start" …
const char* status_key(IndicatorStatus s);      // "achieved", "on_track", "in_progress", "at_risk", "not_achieved", "no_data", "no_target"
const char* rating_key(Rating r);               // "high", "medium", "satisfactory", "unsatisfactory", "not_assessable"
const char* basis_key(EffectivenessBasis b);    // "both", "indicators", "measures"; "" for None
const char* trend_key(Trend t);                 // "up", "down", "flat", "none"
const char* progress_key(Progress p);           // sdg-build keys: "target_achieved", "substantial", …

// ---- questions ---------------------------------------------------------------------------

// An indicator is yes/no when its kind is yes_no or its `better` is yes or no (one of the two
// suffices; validation warns when they contradict each other: docs/indicators.md). Its facts
// are 1 (yes) or 0 (no), its degree is 1 when the fact equals the plan, and it is shown as
// «да» / «нет» everywhere.
bool is_yes_no(IndicatorKind k, Better b);
// Validation's question: kind and better name different kinds of indicator (a yes/no kind with
// higher/lower, or a yes/no `better` with a stated kind other than yes_no).
bool kind_contradicts_better(IndicatorKind k, Better b);
bool is_lower_better(Better b);                 // `better: lower`
bool is_assessed(IndicatorKind k);              // every kind but text has plans and degrees
bool is_threshold(Bound b);                     // ≥ or ≤: achieved when the bound holds
const char* sign(Bound b);                      // "≥ ", "≤ " or "" before a printed value
bool is_assessed(IndicatorStatus s);            // achieved, on track, in progress, at risk, not achieved
bool is_finished(MeasureState s);               // done or cancelled: never overdue
int end_month(FactPeriod p);                    // the period's last month: 3, 6, 9, 12
bool is_interim(FactPeriod p);                  // a quarter, half-year or nine months: not the whole year

// ---- labels --------------------------------------------------------------------------------

// The catalogue key of a value's label (text/catalogue/<lang>.json). Pages look it up in the
// site's catalogue, which a theme may override (ViewContext::t); documents and the CLI use the
// *_label() functions below.
const char* status_label_key(IndicatorStatus s);                        // "status.achieved" …
const char* rating_label_key(Rating r);                                 // "rating.high" …
// In an interim report no programme is rated yet: NotAssessable reads «оценивается по итогам
// года» (docs/metrics.md §10), not «не оценивается».
const char* rating_label_key(Rating r, bool interim);
const char* measure_status_label_key(const std::optional<MeasureState>& s);  // "mstatus.done" … "mstatus.no_status"
const char* kind_label_key(IndicatorKind k);                            // "kind.share" …; "" when not stated
const char* better_label_key(Better b);                                 // "better.higher" …; "" when not stated
const char* fact_period_label_key(FactPeriod p);                        // "fact_period.q1" …

// The label in the document's language (tr_doc: the site's language inside a workbook).
std::string status_label(IndicatorStatus s);    // «достигнут» / "achieved" …
std::string rating_label(Rating r);             // «высокая» / "high" …
std::string rating_label(Rating r, bool interim);
std::string measure_status_label(const std::optional<MeasureState>& s);  // «выполнено» … «нет сведений»
std::string fact_period_label(FactPeriod p);    // «I квартал», «полугодие», «9 месяцев», «год»
std::string report_period_label(FactPeriod p, int year);  // «I квартал 2024 г.», «2024 г.»

// ---- every value, for loops and for the loader's list of allowed keys ---------------------

template <class E> struct Values;
template <> struct Values<IndicatorKind> {
  static constexpr std::array all = {IndicatorKind::Share, IndicatorKind::Count, IndicatorKind::YesNo,
                                     IndicatorKind::Ratio, IndicatorKind::Text,  IndicatorKind::Degree,
                                     IndicatorKind::Index};
  static const char* key(IndicatorKind k) { return kind_key(k); }
};
template <> struct Values<Better> {
  static constexpr std::array all = {Better::Higher, Better::Lower, Better::Yes, Better::No};
  static const char* key(Better b) { return better_key(b); }
};
template <> struct Values<Bound> {
  static constexpr std::array all = {Bound::Eq, Bound::Ge, Bound::Le};
  static const char* key(Bound b) { return bound_key(b); }
};
template <> struct Values<MeasureState> {
  static constexpr std::array all = {MeasureState::Planned, MeasureState::InProgress, MeasureState::Done,
                                     MeasureState::NotDone, MeasureState::Cancelled};
  static const char* key(MeasureState s) { return measure_status_key(s); }
};
template <> struct Values<DoneRule> {
  static constexpr std::array all = {DoneRule::Done, DoneRule::DoneInTime};
  static const char* key(DoneRule r) { return done_rule_key(r); }
};
template <> struct Values<FactPeriod> {
  static constexpr std::array all = {FactPeriod::Q1, FactPeriod::H1, FactPeriod::M9, FactPeriod::Year};
  static const char* key(FactPeriod p) { return fact_period_key(p); }
};
template <> struct Values<MeasureColumn> {
  static constexpr std::array all = {
      MeasureColumn::Number,       MeasureColumn::Kind,         MeasureColumn::Name,
      MeasureColumn::Period,       MeasureColumn::PeriodStart,  MeasureColumn::PeriodEnd,
      MeasureColumn::Responsible,  MeasureColumn::Participants, MeasureColumn::ExpectedResult,
      MeasureColumn::Consequences, MeasureColumn::ImplementationIndicator, MeasureColumn::EvaluationMethod};
  static const char* key(MeasureColumn c) { return measure_column_key(c); }
};
template <> struct Values<IndicatorStatus> {
  static constexpr std::array all = {IndicatorStatus::Achieved,    IndicatorStatus::OnTrack,
                                     IndicatorStatus::InProgress,  IndicatorStatus::AtRisk,
                                     IndicatorStatus::NotAchieved, IndicatorStatus::NoData,
                                     IndicatorStatus::NoTarget};
  static const char* key(IndicatorStatus s) { return status_key(s); }
};
template <> struct Values<Rating> {
  static constexpr std::array all = {Rating::High, Rating::Medium, Rating::Satisfactory, Rating::Unsatisfactory,
                                     Rating::NotAssessable};
  static const char* key(Rating r) { return rating_key(r); }
};

// Every value of E in documentation order (statuses: best first).
template <class E> constexpr const auto& all_values() { return Values<E>::all; }

// The value whose key is `key`; nullopt for an unknown key. The loader's business only:
// the loader reports an unknown key as a diagnostic naming the allowed ones.
template <class E>
std::optional<E> from_key(std::string_view key) {
  for (E e : Values<E>::all)
    if (key == Values<E>::key(e)) return e;
  return std::nullopt;
}

}  // namespace vitrina
