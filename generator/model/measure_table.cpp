#include "model/measure_table.h"

namespace vitrina {

const char* key(MeasureColumn c) {
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

std::optional<MeasureColumn> measure_column_from_key(std::string_view text) {
  for (MeasureColumn c : kMeasureColumns)
    if (text == key(c)) return c;
  return std::nullopt;
}

}  // namespace vitrina
