#include "collect/layout.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

namespace vitrina::collect {

const char* header(FactsSheetColumn c) {
  switch (c) {
    case FactsSheetColumn::Code: return "Код";
    case FactsSheetColumn::Name: return "Показатель";
    case FactsSheetColumn::Unit: return "Единица";
    case FactsSheetColumn::Year: return "Год";
    case FactsSheetColumn::Period: return "Период";
    case FactsSheetColumn::Plan: return "План";
    case FactsSheetColumn::Fact: return "Факт";
    case FactsSheetColumn::Source: return "Источник";
    case FactsSheetColumn::Comment: return "Комментарий";
  }
  return "";
}

const char* header(MeasuresSheetColumn c) {
  switch (c) {
    case MeasuresSheetColumn::Number: return "№";
    case MeasuresSheetColumn::Name: return "Мероприятие";
    case MeasuresSheetColumn::Term: return "Срок";
    case MeasuresSheetColumn::Year: return "Год";
    case MeasuresSheetColumn::Status: return "Статус";
    case MeasuresSheetColumn::Result: return "Результат";
    case MeasuresSheetColumn::Reason: return "Причина невыполнения";
    case MeasuresSheetColumn::Code: return "Код";
  }
  return "";
}

std::string period_word(FactPeriod p) {
  switch (p) {
    case FactPeriod::Q1: return "I квартал";
    case FactPeriod::H1: return "полугодие";
    case FactPeriod::M9: return "9 месяцев";
    case FactPeriod::Year: return "год";
  }
  return "год";
}

std::string normalise_word(std::string_view word) {
  std::string w;
  icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())))
      .trim()
      .toLower(icu::Locale("ru"))
      .toUTF8String(w);
  return w;
}

int period_order(FactPeriod p) {
  int i = 0;
  for (FactPeriod q : all_values<FactPeriod>()) {
    if (q == p) return i;
    ++i;
  }
  return i;
}

std::optional<FactPeriod> period_from_word(std::string_view word) {
  const std::string w = normalise_word(word);
  if (w.empty()) return FactPeriod::Year;
  for (FactPeriod p : all_values<FactPeriod>())
    if (w == normalise_word(period_word(p)) || w == fact_period_key(p)) return p;
  if (w == "1 квартал" || w == "i кв." || w == "1 кв.") return FactPeriod::Q1;
  if (w == "6 месяцев" || w == "i полугодие" || w == "1 полугодие") return FactPeriod::H1;
  if (w == "9 мес." || w == "девять месяцев") return FactPeriod::M9;
  return std::nullopt;
}

const char* status_word(MeasureState s) {
  switch (s) {
    case MeasureState::Planned: return "запланировано";
    case MeasureState::InProgress: return "выполняется";
    case MeasureState::Done: return "выполнено";
    case MeasureState::NotDone: return "не выполнено";
    case MeasureState::Cancelled: return "отменено";
  }
  return "";
}

std::optional<MeasureState> status_from_word(std::string_view word) {
  const std::string w = normalise_word(word);
  for (MeasureState s : all_values<MeasureState>())
    if (w == status_word(s) || w == measure_status_key(s)) return s;
  return std::nullopt;
}

}  // namespace vitrina::collect
