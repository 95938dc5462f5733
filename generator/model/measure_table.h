// The columns of a document's own measure table (the table itself is `MeasureTable` in
// model.h): which of a measure's fields the source document printed as columns, in which
// order, under which header text. The site's measure page and the workbook's measure sheet
// both lay their columns out from it (compute/measure_cells.h gives each cell's text), so a
// document's «Показатели реализации» or «Участники» column appears under its own header
// wherever that document's table is shown.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vitrina {

// One value per kind of column a document can print; each names the measure field it shows.
enum class MeasureColumn {
  Number,                   // number («№», «№ п/п»)
  Kind,                     // kind («Вид мер, мероприятий», Kirov)
  Name,                     // name
  Period,                   // period.printed
  PeriodStart,              // start year («начала реализации», Belomorsk)
  PeriodEnd,                // end year («окончания реализации»)
  Responsible,              // responsible_printed, else responsible
  Participants,             // participants («Участники», Kirov)
  ExpectedResult,           // expected_result, else the events' results (Zima 2.1)
  Consequences,             // consequences («Последствия нереализации …», Belomorsk)
  ImplementationIndicator,  // implementation_indicator («Показатели реализации», Strezhevoy)
  EvaluationMethod,         // evaluation_method («Способ (источники) оценки», Strezhevoy)
};

// Every column kind, in the order above.
inline constexpr MeasureColumn kMeasureColumns[] = {
    MeasureColumn::Number,       MeasureColumn::Kind,           MeasureColumn::Name,
    MeasureColumn::Period,       MeasureColumn::PeriodStart,    MeasureColumn::PeriodEnd,
    MeasureColumn::Responsible,  MeasureColumn::Participants,   MeasureColumn::ExpectedResult,
    MeasureColumn::Consequences, MeasureColumn::ImplementationIndicator, MeasureColumn::EvaluationMethod};

// The key used in programme.json («field») and in message/theme keys: "number", "period_start" …
const char* key(MeasureColumn c);
std::optional<MeasureColumn> measure_column_from_key(std::string_view text);

struct MeasureTableColumn {
  MeasureColumn field = MeasureColumn::Name;
  std::string header;  // as printed; "" when the document printed none (a generic label is used)
  std::string group;   // printed header spanning this column and its neighbours with the same group
  bool operator==(const MeasureTableColumn&) const = default;
};

}  // namespace vitrina
