// The keys of the domain's words: the only place (with the loader, which reads them through
// from_key) where these strings are written. tests/vocabulary_literals.py checks that.
#include "model/vocabulary.h"

#include "text/messages.h"

namespace vitrina {

const char* kind_key(IndicatorKind k) {
  switch (k) {
    case IndicatorKind::NotStated: return "";
    case IndicatorKind::Share: return "share";
    case IndicatorKind::Count: return "count";
    case IndicatorKind::YesNo: return "yes_no";
    case IndicatorKind::Ratio: return "ratio";
    case IndicatorKind::Text: return "text";
    case IndicatorKind::Degree: return "degree";
    case IndicatorKind::Index: return "index";
  }
  return "";
}

const char* better_key(Better b) {
  switch (b) {
    case Better::NotStated: return "";
    case Better::Higher: return "higher";
    case Better::Lower: return "lower";
    case Better::Yes: return "yes";
    case Better::No: return "no";
  }
  return "";
}

const char* bound_key(Bound b) {
  switch (b) {
    case Bound::Eq: return "=";
    case Bound::Ge: return ">=";
    case Bound::Le: return "<=";
  }
  return "=";
}

const char* bound_word(Bound b) {
  switch (b) {
    case Bound::Eq: return "eq";
    case Bound::Ge: return "ge";
    case Bound::Le: return "le";
  }
  return "eq";
}

const char* measure_status_key(MeasureState s) {
  switch (s) {
    case MeasureState::Planned: return "planned";
    case MeasureState::InProgress: return "in_progress";
    case MeasureState::Done: return "done";
    case MeasureState::NotDone: return "not_done";
    case MeasureState::Cancelled: return "cancelled";
  }
  return "planned";
}

const char* measure_status_key(const std::optional<MeasureState>& s) {
  return s ? measure_status_key(*s) : "no_status";
}

const char* done_rule_key(DoneRule r) {
  switch (r) {
    case DoneRule::Done: return "done";
    case DoneRule::DoneInTime: return "done_in_time";
  }
  return "done";
}

const char* fact_period_key(FactPeriod p) {
  switch (p) {
    case FactPeriod::Q1: return "q1";
    case FactPeriod::H1: return "h1";
    case FactPeriod::M9: return "m9";
    case FactPeriod::Year: return "year";
  }
  return "year";
}

const char* measure_column_key(MeasureColumn c) {
  switch (c) {
    case MeasureColumn::Number: return "number";
    case MeasureColumn::Kind: return "kind";
    case MeasureColumn::Name: return "name";
    case MeasureColumn::Period: return "period";
    case MeasureColumn::PeriodStart: return "period_start";
    case MeasureColumn::PeriodEnd: return "period_end";
    case MeasureColumn::Responsible: return "responsible";
    case MeasureColumn::Participants: return "participants";
    case MeasureColumn::ExpectedResult: return "expected_result";
    case MeasureColumn::Consequences: return "consequences";
    case MeasureColumn::ImplementationIndicator: return "implementation_indicator";
    case MeasureColumn::EvaluationMethod: return "evaluation_method";
  }
  return "";
}

const char* status_key(IndicatorStatus s) {
  switch (s) {
    case IndicatorStatus::Achieved: return "achieved";
    case IndicatorStatus::OnTrack: return "on_track";
    case IndicatorStatus::InProgress: return "in_progress";
    case IndicatorStatus::AtRisk: return "at_risk";
    case IndicatorStatus::NotAchieved: return "not_achieved";
    case IndicatorStatus::NoData: return "no_data";
    case IndicatorStatus::NoTarget: return "no_target";
  }
  return "no_data";
}

const char* rating_key(Rating r) {
  switch (r) {
    case Rating::High: return "high";
    case Rating::Medium: return "medium";
    case Rating::Satisfactory: return "satisfactory";
    case Rating::Unsatisfactory: return "unsatisfactory";
    case Rating::NotAssessable: return "not_assessable";
  }
  return "not_assessable";
}

const char* basis_key(EffectivenessBasis b) {
  switch (b) {
    case EffectivenessBasis::None: return "";
    case EffectivenessBasis::Both: return "both";
    case EffectivenessBasis::Indicators: return "indicators";
    case EffectivenessBasis::Measures: return "measures";
  }
  return "";
}

const char* trend_key(Trend t) {
  switch (t) {
    case Trend::Up: return "up";
    case Trend::Down: return "down";
    case Trend::Flat: return "flat";
    case Trend::None: return "none";
  }
  return "none";
}

const char* progress_key(Progress p) {
  switch (p) {
    case Progress::TargetAchieved: return "target_achieved";
    case Progress::Substantial: return "substantial";
    case Progress::Moderate: return "moderate";
    case Progress::Limited: return "limited";
    case Progress::Deterioration: return "deterioration";
    case Progress::NotAvailable: return "not_available";
  }
  return "not_available";
}

bool is_yes_no(IndicatorKind k, Better b) {
  return k == IndicatorKind::YesNo || b == Better::Yes || b == Better::No;
}

bool kind_contradicts_better(IndicatorKind k, Better b) {
  const bool yes_no_better = b == Better::Yes || b == Better::No;
  const bool directed_better = b == Better::Higher || b == Better::Lower;
  if (k == IndicatorKind::YesNo) return directed_better;
  return yes_no_better && k != IndicatorKind::NotStated;
}

bool is_lower_better(Better b) {
  switch (b) {
    case Better::Lower: return true;
    case Better::NotStated:
    case Better::Higher:
    case Better::Yes:
    case Better::No: return false;
  }
  return false;
}

bool is_assessed(IndicatorKind k) { return k != IndicatorKind::Text; }

bool is_threshold(Bound b) {
  switch (b) {
    case Bound::Eq: return false;
    case Bound::Ge:
    case Bound::Le: return true;
  }
  return false;
}

const char* sign(Bound b) {
  switch (b) {
    case Bound::Eq: return "";
    case Bound::Ge: return "≥ ";
    case Bound::Le: return "≤ ";
  }
  return "";
}

bool is_assessed(IndicatorStatus s) {
  switch (s) {
    case IndicatorStatus::Achieved:
    case IndicatorStatus::OnTrack:
    case IndicatorStatus::InProgress:
    case IndicatorStatus::AtRisk:
    case IndicatorStatus::NotAchieved: return true;
    case IndicatorStatus::NoData:
    case IndicatorStatus::NoTarget: return false;
  }
  return false;
}

bool is_finished(MeasureState s) {
  switch (s) {
    case MeasureState::Done:
    case MeasureState::Cancelled: return true;
    case MeasureState::Planned:
    case MeasureState::InProgress:
    case MeasureState::NotDone: return false;
  }
  return false;
}

int end_month(FactPeriod p) {
  switch (p) {
    case FactPeriod::Q1: return 3;
    case FactPeriod::H1: return 6;
    case FactPeriod::M9: return 9;
    case FactPeriod::Year: return 12;
  }
  return 12;
}

bool is_interim(FactPeriod p) { return p != FactPeriod::Year; }

// Label keys are literals, so that tests/py/test_catalogue.py can check that each exists.
const char* status_label_key(IndicatorStatus s) {
  switch (s) {
    case IndicatorStatus::Achieved: return "status.achieved";
    case IndicatorStatus::OnTrack: return "status.on_track";
    case IndicatorStatus::InProgress: return "status.in_progress";
    case IndicatorStatus::AtRisk: return "status.at_risk";
    case IndicatorStatus::NotAchieved: return "status.not_achieved";
    case IndicatorStatus::NoData: return "status.no_data";
    case IndicatorStatus::NoTarget: return "status.no_target";
  }
  return "status.no_data";
}

const char* rating_label_key(Rating r) {
  switch (r) {
    case Rating::High: return "rating.high";
    case Rating::Medium: return "rating.medium";
    case Rating::Satisfactory: return "rating.satisfactory";
    case Rating::Unsatisfactory: return "rating.unsatisfactory";
    case Rating::NotAssessable: return "rating.not_assessable";
  }
  return "rating.not_assessable";
}

const char* rating_label_key(Rating r, bool interim) {
  return interim && r == Rating::NotAssessable ? "rating.after_year" : rating_label_key(r);
}

const char* measure_status_label_key(const std::optional<MeasureState>& s) {
  if (!s) return "mstatus.no_status";
  switch (*s) {
    case MeasureState::Planned: return "mstatus.planned";
    case MeasureState::InProgress: return "mstatus.in_progress";
    case MeasureState::Done: return "mstatus.done";
    case MeasureState::NotDone: return "mstatus.not_done";
    case MeasureState::Cancelled: return "mstatus.cancelled";
  }
  return "mstatus.no_status";
}

std::string report_period_label(FactPeriod p, int year) {
  const std::string y = std::to_string(year);
  switch (p) {
    case FactPeriod::Q1: return tr_doc("report_period.q1", {y});
    case FactPeriod::H1: return tr_doc("report_period.h1", {y});
    case FactPeriod::M9: return tr_doc("report_period.m9", {y});
    case FactPeriod::Year: return tr_doc("report_period.year", {y});
  }
  return {};
}

const char* kind_label_key(IndicatorKind k) {
  switch (k) {
    case IndicatorKind::NotStated: return "";
    case IndicatorKind::Share: return "kind.share";
    case IndicatorKind::Count: return "kind.count";
    case IndicatorKind::YesNo: return "kind.yes_no";
    case IndicatorKind::Ratio: return "kind.ratio";
    case IndicatorKind::Text: return "kind.text";
    case IndicatorKind::Degree: return "kind.degree";
    case IndicatorKind::Index: return "kind.index";
  }
  return "";
}

const char* better_label_key(Better b) {
  switch (b) {
    case Better::NotStated: return "";
    case Better::Higher: return "better.higher";
    case Better::Lower: return "better.lower";
    case Better::Yes: return "better.yes";
    case Better::No: return "better.no";
  }
  return "";
}

const char* fact_period_label_key(FactPeriod p) {
  switch (p) {
    case FactPeriod::Q1: return "fact_period.q1";
    case FactPeriod::H1: return "fact_period.h1";
    case FactPeriod::M9: return "fact_period.m9";
    case FactPeriod::Year: return "fact_period.year";
  }
  return "fact_period.year";
}

std::string status_label(IndicatorStatus s) { return tr_doc(status_label_key(s)); }
std::string rating_label(Rating r) { return tr_doc(rating_label_key(r)); }
std::string rating_label(Rating r, bool interim) { return tr_doc(rating_label_key(r, interim)); }
std::string measure_status_label(const std::optional<MeasureState>& s) { return tr_doc(measure_status_label_key(s)); }
std::string fact_period_label(FactPeriod p) { return tr_doc(fact_period_label_key(p)); }

}  // namespace vitrina
