// Derives the structured reading of a printed term («2019-2023 гг. февраль-май»,
// «Ежегодно, IV квартал», «15.03.2022 14.06.2022» …). Pure function, no I/O.
#pragma once
#include <string>
#include <vector>

#include "model/period.h"

namespace vitrina {

// A date that cannot exist or a range that runs backwards: the measure would silently drop out
// of its years, so the loader reports it (docs/measures.md).
struct PeriodProblem {
  enum class Kind { NoSuchMonth, NoSuchDay, ReversedYears, ReversedDates };
  Kind kind;
  std::string text;  // the fragment as printed: "31.02.2025", "2025-2024"
  int days = 0;      // NoSuchDay: the days of that month
  std::string fix;   // a reversed range the right way round: "2024-2025"
};

Period parse_period(const std::string& printed, std::vector<PeriodProblem>* problems = nullptr);

}  // namespace vitrina
