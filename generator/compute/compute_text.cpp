#include "compute/compute_text.h"

#include <unordered_map>

#include "text/messages.h"

namespace vitrina {

namespace {

struct Entry { const char* ru; const char* en; };

const std::unordered_map<std::string_view, Entry>& catalogue() {
  static const std::unordered_map<std::string_view, Entry> m = {
      {"check.ratio", {"отношение последнего года к первому {0}/{1} = {2}, а в документе напечатано {3}",
                       "ratio of the last year to the first {0}/{1} = {2}, but the document prints {3}"}},
      {"check.share", {"по числителю и знаменателю {0}/{1} получается {2}, а указано {3} (расхождение больше точности округления)",
                       "numerator/denominator {0}/{1} gives {2}, but the stated value is {3} (differs by more than the rounding)"}},
      {"check.breakdown", {"части цели в сумме дают {0}, а цель равна {1}",
                           "the parts of the target add up to {0}, but the target is {1}"}},
      {"report.title", {"Расчётные показатели за {0}, {1}", "Computed figures for {0}, {1}"}},
      {"report.interim", {"Промежуточный отчёт: факты с начала года, годовые плановые значения; недостигнутое — "
                          "«в работе»; оценка эффективности — по итогам года",
                          "Interim report: facts since the start of the year against the annual targets; a shortfall "
                          "is «in progress»; the effectiveness is rated at the end of the year"}},
      {"report.programme", {"Программа: {0}", "Programme: {0}"}},
      {"report.col.id", {"№", "No."}},
      {"report.col.name", {"Показатель", "Indicator"}},
      {"report.col.unit", {"Ед.", "Unit"}},
      {"report.col.plan", {"План", "Plan"}},
      {"report.col.fact", {"Факт", "Fact"}},
      {"report.col.degree", {"СДп", "Degree"}},
      {"report.col.status", {"Статус", "Status"}},
      {"report.no_indicators", {"(показателей нет)", "(no indicators)"}},
      {"report.indicators", {"Показатели: всего {0}, оценено {1}, достигнуто {2}; доля достигнутых {3}; СРп/п {4}",
                             "Indicators: {0} in total, {1} assessed, {2} achieved; share achieved {3}; mean degree {4}"}},
      {"report.measures", {"Мероприятия {0} года: запланировано {1}, выполнено {2}, выполняется {3}, не выполнено {4}, "
                           "не начато {5}, отменено {6}, без статуса {7}, просрочено {8}; СРм {9}",
                           "Measures of {0}: planned {1}, done {2}, in progress {3}, not done {4}, not started {5}, "
                           "cancelled {6}, no status {7}, overdue {8}; share done {9}"}},
      {"report.rating", {"Эффективность: {0} — {1}", "Effectiveness: {0} — {1}"}},
      {"report.not_rated", {"Эффективность: {0} (нет данных)", "Effectiveness: {0} (no data)"}},
      {"report.not_rated_interim", {"Эффективность: оценивается по итогам года", "Effectiveness: rated at the end of the year"}},
      {"report.yes", {"да", "yes"}},
      {"report.no", {"нет", "no"}},
      {"report.other", {"?", "?"}},
      {"report.compound", {"составная", "compound"}},
      {"report.basis", {"(расчёт: {0})", "(basis: {0})"}},
      {"report.basis.both", {"{0} × СРп/п + {1} × СРм", "{0} × mean degree + {1} × measures done"}},
      {"report.basis.indicators", {"только СРп/п: нет данных о мероприятиях", "mean degree only: no measure data"}},
      {"report.basis.measures", {"только СРм: нет данных о показателях", "measures done only: no indicator data"}},
      {"report.overall", {"Все программы сайта", "All programmes of the site"}},
      {"report.ratio", {"Отношение последнего года к первому: {0} — {1} (напечатано {2})",
                        "Last/first year target ratio: {0} — {1} (printed {2})"}},
  };
  return m;
}

}  // namespace

std::string compute_text(std::string_view key, std::initializer_list<std::string_view> args) {
  const auto& m = catalogue();
  auto it = m.find(key);
  if (it == m.end()) return std::string(key);
  return substitute(language() == "en" ? it->second.en : it->second.ru, args);
}


}  // namespace vitrina
