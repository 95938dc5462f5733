// Status and rating words in workbooks come from the compute stage's vocabulary
// (compute/compute_text.h), so a status reads the same in the report, the site and Excel.
#pragma once
#include "compute/compute_text.h"
#include "compute/metrics.h"

namespace vitrina::xlsx {

const IndicatorStatus kAllStatuses[] = {IndicatorStatus::Achieved, IndicatorStatus::OnTrack, IndicatorStatus::AtRisk,
                                        IndicatorStatus::NotAchieved, IndicatorStatus::NoData,
                                        IndicatorStatus::NoTarget};

}  // namespace vitrina::xlsx
