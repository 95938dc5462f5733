// «Паспорт»: the programme passport as label / value rows.
#include <algorithm>

#include "output/xlsx/annex_sheets.h"
#include "output/xlsx/book.h"
#include "compute/metrics.h"
#include "compute/report_date.h"

namespace vitrina::xlsx {

const char* sheet_passport() { return L("Паспорт", "Passport"); }

namespace {

std::string lines(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : "\n") + s;
  return out;
}

std::string numbered(const std::string& number, const std::string& text) {
  return number.empty() ? text : number + " " + text;
}

}  // namespace

void write_passport_sheet(lxw_workbook* wb, AnnexContext& c) {
  Sheet s(wb, sheet_passport());
  Formats& f = c.f;
  const Programme& p = c.p;
  const std::string absent = L("не указано в документе", "not stated in the document");
  const std::string inferred = L(" (установлено составителем данных)", " (inferred by the encoder)");
  s.merge(0, 0, 0, 1, std::string(L("Паспорт: ", "Passport: ")) + p.title, f.title(), false);
  s.text(2 - 1, 0, L("Поле", "Field"), f.header(), true);
  s.text(2 - 1, 1, L("Значение", "Value"), f.header(), true);
  int row = 2;
  auto put = [&](const char* label, const std::string& value, bool required = false) {
    if (value.empty() && !required) return;
    s.text(row, 0, label, f.label());
    s.text(row, 1, value.empty() ? absent : value, value.empty() ? f.muted() : f.text());
    ++row;
  };
  put(L("Наименование", "Title"), p.title, true);
  put(L("Краткое наименование", "Short title"), p.short_title);
  put(L("Вид документа", "Kind of document"), p.kind_printed);
  put(L("Муниципальное образование", "Municipality"), p.municipality);
  put(L("Субъект РФ", "Region"), p.region);
  put(L("Издатель", "Issuer"), p.issuer.empty() ? "" : p.issuer + (p.issuer_inferred ? inferred : ""), true);
  put(L("Утверждён", "Approved by"), p.approval ? p.approval->printed : "", true);
  std::vector<std::string> am;
  for (const auto& a : p.amendments) am.push_back(a.printed);
  put(L("Изменения", "Amendments"), lines(am));
  std::string sign = p.signatory_position + (p.signatory_name.empty() ? "" : " " + p.signatory_name);
  put(L("Подписал", "Signed by"), sign);
  std::string period = p.period.printed;
  if (period.empty() && p.period.start && p.period.end)
    period = std::to_string(*p.period.start) + "–" + std::to_string(*p.period.end);
  if (!period.empty() && p.period.inferred) period += inferred;
  put(L("Срок реализации", "Period"), period, true);
  put(L("Ответственный исполнитель", "Responsible executor"), p.executor, true);
  put(L("Участники", "Participants"), lines(p.participants));
  std::string parent = p.parent_printed.empty() ? p.parent_title : p.parent_printed;
  if (!p.parent_subprogramme.empty())
    parent += std::string(L(", подпрограмма ", ", subprogramme ")) + p.parent_subprogramme;
  put(L("Муниципальная программа", "Parent programme"), parent);
  put(L("Региональная система", "Regional framework"), p.regional_framework);
  put(L("Финансирование", "Funding"), p.funding, true);
  put(L("Вступление в силу и изменения", "Entry into force"), p.entry_into_force);
  std::vector<std::string> goals, tasks;
  for (const auto& g : p.goals) goals.push_back(numbered(g.number, g.text));
  for (const auto& t : p.tasks) tasks.push_back(numbered(t.number, t.text));
  put(L("Цели", "Goals"), lines(goals));
  put(L("Задачи", "Tasks"), lines(tasks));
  put(L("Ожидаемые результаты", "Expected results"), lines(p.expected_results));
  // The document's counts and the counts of the assessment differ by design: say so.
  put(L("Показателей в документе", "Indicators in the document"), std::to_string(p.indicators.size()), true);
  put(L("Мероприятий в документе", "Measures in the document"), std::to_string(p.measures.size()), true);
  if (const ProgrammeMetrics* pm = c.m.programme(p.id)) {
    put(L("Отчётный период", "Report period"), period_text(c.m.report) + ", " + as_of_text(c.m.report), true);
    std::string assessed = std::to_string(pm->indicators_total);
    if (static_cast<size_t>(pm->indicators_total) != p.indicators.size())
      assessed += L(" (без текстовых показателей и ключевых, повторяющих другой показатель)",
                    " (text indicators and key indicators restating another are left out)");
    put(L("Показателей в оценке", "Indicators assessed for the rating"), assessed, true);
    put(L("Мероприятий в отчётном году (М)", "Measures of the report year (M)"),
        std::to_string(pm->measures.total) +
            L(" (нижнего уровня: мероприятие с подмероприятиями не считается дважды; запланированные на год "
              "или имеющие статус за него)",
              " (leaf measures: a measure with sub-measures is not counted twice; planned for the year or "
              "given a status for it)"),
        true);
    put(L("Показателей оценено / достигнуто", "Indicators assessed / achieved"),
        std::to_string(pm->indicators_assessed) + " / " + std::to_string(pm->indicators_achieved), true);
    put(L("Оценка эффективности", "Effectiveness rating"), rating_label(pm->rating), true);
  }
  put(L("Источник", "Source"), p.source_title.empty() ? p.source_file : p.source_title + " (" + p.source_file + ")");
  s.min_width(0, 24);
  s.max_width(0, 34);
  s.min_width(1, 50);
  s.max_width(1, 100);
  s.flush();
  worksheet_freeze_panes(s.ws(), 2, 0);
  worksheet_autofilter(s.ws(), 1, 0, static_cast<lxw_row_t>(std::max(row - 1, 1)), 1);
  print_setup(s.ws(), 1, 1, std::string(L("Паспорт — ", "Passport — ")) + c.name, true);  // a document page
}

}  // namespace vitrina::xlsx
