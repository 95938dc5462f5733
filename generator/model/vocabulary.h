// Domain words with one home each: an enum, the key the data files use and the label users read.
// Every function switches over the enum without a default, so a new value makes the compiler
// list each place to change.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace vitrina {

// The part of a year a fact covers, cumulative from the start of the year to the end of it
// (docs/indicators.md). Annual statuses are judged on `Year` facts only.
enum class FactPeriod { Q1, H1, M9, Year };
inline constexpr FactPeriod kFactPeriods[] = {FactPeriod::Q1, FactPeriod::H1, FactPeriod::M9, FactPeriod::Year};

const char* key(FactPeriod p);         // "q1", "h1", "m9", "year": as written in indicators.json
std::string label(FactPeriod p);       // «I квартал», «полугодие», «9 месяцев», «год» (messages' language)
std::optional<FactPeriod> fact_period_from_key(std::string_view key);

}  // namespace vitrina
