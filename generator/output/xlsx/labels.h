// UI words of the workbooks and open data (ru + en), by the site language.
#pragma once
#include <string>

#include "compute/metrics.h"

namespace vitrina::xlsx {

std::string status_label(IndicatorStatus s);         // «достигнут» …
std::string rating_label(Rating r);                  // «высокая» …
std::string measure_status_label(const std::string& key);  // «выполнено» …; "" → «не указан»
const IndicatorStatus kAllStatuses[] = {IndicatorStatus::Achieved, IndicatorStatus::OnTrack, IndicatorStatus::AtRisk,
                                        IndicatorStatus::NotAchieved, IndicatorStatus::NoData,
                                        IndicatorStatus::NoTarget};

}  // namespace vitrina::xlsx
