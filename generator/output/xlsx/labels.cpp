#include "output/xlsx/labels.h"

#include "output/xlsx/sheet.h"

namespace vitrina::xlsx {

std::string status_label(IndicatorStatus s) {
  switch (s) {
    case IndicatorStatus::Achieved: return L("достигнут", "achieved");
    case IndicatorStatus::OnTrack: return L("в графике", "on track");
    case IndicatorStatus::AtRisk: return L("под угрозой", "at risk");
    case IndicatorStatus::NotAchieved: return L("не достигнут", "not achieved");
    case IndicatorStatus::NoData: return L("нет данных", "no data");
    case IndicatorStatus::NoTarget: return L("нет планового значения", "no target");
  }
  return {};
}

std::string rating_label(Rating r) {
  switch (r) {
    case Rating::High: return L("высокая", "high");
    case Rating::Medium: return L("средняя", "medium");
    case Rating::Satisfactory: return L("удовлетворительная", "satisfactory");
    case Rating::Unsatisfactory: return L("неудовлетворительная", "unsatisfactory");
    case Rating::NotAssessable: return L("не оценивается (нет фактических значений)", "not assessable (no facts)");
  }
  return {};
}

std::string measure_status_label(const std::string& key) {
  if (key == "planned") return L("запланировано", "planned");
  if (key == "in_progress") return L("выполняется", "in progress");
  if (key == "done") return L("выполнено", "done");
  if (key == "not_done") return L("не выполнено", "not done");
  if (key == "cancelled") return L("отменено", "cancelled");
  if (key.empty()) return L("не указан", "not given");
  return key;
}

}  // namespace vitrina::xlsx
