#include "model/vocabulary.h"

#include "text/messages.h"

namespace vitrina {

const char* key(FactPeriod p) {
  switch (p) {
    case FactPeriod::Q1: return "q1";
    case FactPeriod::H1: return "h1";
    case FactPeriod::M9: return "m9";
    case FactPeriod::Year: return "year";
  }
  return "year";
}

std::string label(FactPeriod p) { return tr(std::string("fact_period.") + key(p)); }

std::optional<FactPeriod> fact_period_from_key(std::string_view k) {
  for (FactPeriod p : kFactPeriods)
    if (k == key(p)) return p;
  return std::nullopt;
}

}  // namespace vitrina
