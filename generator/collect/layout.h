// The data-entry workbook's layout, shared by `vitrina collect` (which writes it) and
// `vitrina import` (which reads it back, and CSV files with the same columns). Sheet and
// column names are the format's keys, like JSON keys: Russian, whatever the message language.
// Import finds columns by their header, so their order may change and extra columns are ignored.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "model/vocabulary.h"

namespace vitrina::collect {

inline constexpr const char* kFactsSheet = "Факты";
inline constexpr const char* kMeasuresSheet = "Мероприятия";
inline constexpr const char* kInstructionsSheet = "Инструкция";
// Hidden sheet: A1 kMarker, B1 the programme id, B2 the year the statuses are for.
inline constexpr const char* kServiceSheet = "Служебный";
inline constexpr const char* kMarker = "vitrina-collect-1";

enum class FactsSheetColumn { Code, Name, Unit, Year, Period, Plan, Fact, Source, Comment };
inline constexpr FactsSheetColumn kFactsSheetColumns[] = {FactsSheetColumn::Code, FactsSheetColumn::Name,   FactsSheetColumn::Unit,
                                              FactsSheetColumn::Year, FactsSheetColumn::Period, FactsSheetColumn::Plan,
                                              FactsSheetColumn::Fact, FactsSheetColumn::Source, FactsSheetColumn::Comment};
enum class MeasuresSheetColumn { Number, Name, Term, Year, Status, Result, Reason, Code };
inline constexpr MeasuresSheetColumn kMeasuresSheetColumns[] = {MeasuresSheetColumn::Number, MeasuresSheetColumn::Name,   MeasuresSheetColumn::Term,
                                                    MeasuresSheetColumn::Year,   MeasuresSheetColumn::Status, MeasuresSheetColumn::Result,
                                                    MeasuresSheetColumn::Reason, MeasuresSheetColumn::Code};

const char* header(FactsSheetColumn c);     // «Код», «Показатель» …
const char* header(MeasuresSheetColumn c);  // «№», «Мероприятие» …

// A cell's word for comparisons: surrounding spaces removed, lower case.
std::string normalise_word(std::string_view word);

// «год», «I квартал», «полугодие», «9 месяцев» in the «Период» column; reading also accepts
// the data's keys (q1 …) and a few common spellings («1 квартал», «6 месяцев»), any case.
std::string period_word(FactPeriod p);
int period_order(FactPeriod p);  // q1 < h1 < m9 < year: the order of rows and of facts in the data
std::optional<FactPeriod> period_from_word(std::string_view word);

// The «Статус» drop-down: the Russian word of each measure status («выполнено» …); reading
// also accepts the data's keys (done …), any case.
const char* status_word(MeasureState s);
std::optional<MeasureState> status_from_word(std::string_view word);

inline constexpr const char* kYes = "да";
inline constexpr const char* kNo = "нет";

}  // namespace vitrina::collect
