// A measure's term: the text as printed plus the structured reading Vitrina derives from it
// (see docs/measures.md for every form). Derivation lives in load/period_parser.h.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace vitrina {

// A date with year, month or day precision: month/day are 0 when not given.
struct PartialDate {
  int year = 0, month = 0, day = 0;
  bool operator==(const PartialDate&) const = default;
  auto operator<=>(const PartialDate&) const = default;
  std::string iso() const;  // "2022", "2022-03", "2022-03-29"
};

struct Period {
  std::string printed;
  std::optional<PartialDate> start, end;  // derived bounds; absent when the text gives no date
  std::string recurrence;                 // "" | yearly | quarterly | monthly | weekly | count
  int recurrence_count = 0;               // "2 раза в месяц": 2 ...
  std::string recurrence_per;             //   ... per "month" | "year" | "two_months" | "week"
  std::vector<int> months;                // months of each year it takes place in (1..12)
  int quarter = 0;                        // "IV квартал" → 4
  std::vector<PartialDate> events;        // listed dates
  std::string reference;                  // "согласно плану работы ММО" ...
  bool within_year = false;               // "в течение года"
  bool relative = false;                  // "текущего года": the report year
  bool continuous = false;                // "постоянно"
  bool then_yearly = false;               // "июнь 2021, далее ежегодно"
  bool inherited = false;                 // cell empty under a parent, read from it
  bool recognised = false;                // some structure was derived
  bool operator==(const Period&) const = default;
};

}  // namespace vitrina
