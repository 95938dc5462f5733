#include "compute/measure_cells.h"

#include <algorithm>

namespace vitrina {

namespace {

const Measure* find_measure(const Programme& p, const std::string& id) {
  if (id.empty()) return nullptr;
  for (const auto& m : p.measures)
    if (m.id == id) return &m;
  return nullptr;
}

bool inherits(const Measure& m, const char* field) {
  return std::find(m.inherited.begin(), m.inherited.end(), field) != m.inherited.end();
}

std::vector<std::string> one(const std::string& s) {
  return s.empty() ? std::vector<std::string>{} : std::vector<std::string>{s};
}

std::vector<std::string> year_of(const std::optional<PartialDate>& d) {
  return d ? std::vector<std::string>{std::to_string(d->year)} : std::vector<std::string>{};
}

// The measure's own text in column `c`, without looking at its parents.
std::vector<std::string> own_lines(const Programme& p, const Measure& m, MeasureColumn c) {
  switch (c) {
    case MeasureColumn::Number: return one(m.number);
    case MeasureColumn::Kind: return one(m.kind);
    case MeasureColumn::Name:
      // Kirov: a kind row holding sub-items has its «Вид мер» text as name too; when the kind
      // column is printed, the name cell of that row holds only the sub-items (their own rows).
      if (p.measure_table && p.measure_table->has(MeasureColumn::Kind) && m.name == m.kind &&
          std::any_of(p.measures.begin(), p.measures.end(), [&](const Measure& x) { return x.parent == m.id; }))
        return {};
      return one(m.name);
    case MeasureColumn::Period: return one(m.period.printed);
    case MeasureColumn::PeriodStart: return year_of(m.period.start);
    case MeasureColumn::PeriodEnd: return year_of(m.period.end);
    case MeasureColumn::Responsible: return m.responsible_printed.empty() ? m.responsible : one(m.responsible_printed);
    case MeasureColumn::Participants: return m.participants;
    case MeasureColumn::ExpectedResult: {
      if (!m.expected_result.empty()) return one(m.expected_result);
      std::vector<std::string> results;  // Zima 2.1: one printed result per dated sub-event
      for (const auto& e : m.events)
        if (!e.result.empty()) results.push_back(e.result);
      return results;
    }
    case MeasureColumn::Consequences: return one(m.consequences);
    case MeasureColumn::ImplementationIndicator: return one(m.implementation_indicator);
    case MeasureColumn::EvaluationMethod: return one(m.evaluation_method);
  }
  return {};
}

// The data field whose `inherited` mark covers column `c` ("" when no column inherits).
const char* inherited_field(MeasureColumn c) {
  switch (c) {
    case MeasureColumn::Period:
    case MeasureColumn::PeriodStart:
    case MeasureColumn::PeriodEnd: return "period";
    case MeasureColumn::Responsible: return "responsible";
    case MeasureColumn::Participants: return "participants";
    case MeasureColumn::Number:
    case MeasureColumn::Name:
    case MeasureColumn::Kind:
    case MeasureColumn::ExpectedResult:
    case MeasureColumn::Consequences:
    case MeasureColumn::ImplementationIndicator:
    case MeasureColumn::EvaluationMethod: return "";
  }
  return "";
}

}  // namespace

MeasureTable measure_table_of(const Programme& p) {
  if (p.measure_table) return *p.measure_table;
  MeasureTable t;
  for (MeasureColumn c : {MeasureColumn::Number, MeasureColumn::Name, MeasureColumn::Period, MeasureColumn::Responsible,
                          MeasureColumn::ExpectedResult})
    t.columns.push_back({c, "", ""});
  if (std::any_of(p.measures.begin(), p.measures.end(), [](const Measure& m) { return !m.consequences.empty(); }))
    t.columns.push_back({MeasureColumn::Consequences, "", ""});
  return t;
}

MeasureCell measure_cell(const Programme& p, const Measure& m, MeasureColumn c) {
  MeasureCell cell{own_lines(p, m, c), false};
  const char* field = inherited_field(c);
  if (!cell.lines.empty() || !*field) return cell;
  const bool marked = inherits(m, field) || (c != MeasureColumn::Responsible && c != MeasureColumn::Participants &&
                                             m.period.inherited);
  if (!marked) return cell;
  // The nearest ancestor with text (the data has rejected cycles; 20 bounds the walk anyway).
  const Measure* a = find_measure(p, m.parent);
  for (int depth = 0; a && depth < 20; ++depth, a = find_measure(p, a->parent)) {
    std::vector<std::string> lines = own_lines(p, *a, c);
    if (!lines.empty()) return {std::move(lines), true};
  }
  return cell;
}

}  // namespace vitrina
