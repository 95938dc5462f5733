// «Методика»: the thresholds the workbook's status formulas read («План и факт»), so that a
// changed threshold or a changed fact gives the status Vitrina would compute (docs/metrics.md).
#include "output/xlsx/annex_sheets.h"
#include "output/xlsx/book.h"

namespace vitrina::xlsx {

const char* sheet_methodology() { return L("Методика", "Methodology"); }

namespace {

constexpr int kFirstRow = 2;  // rows 1–2: title and header

int row_of(Threshold t) {
  switch (t) {
    case Threshold::Achieved: return kFirstRow;
    case Threshold::OnTrack: return kFirstRow + 1;
    case Threshold::AtRisk: return kFirstRow + 2;
    case Threshold::Cap: return kFirstRow + 3;
  }
  return kFirstRow;
}

}  // namespace

std::string threshold_ref(Threshold t) {
  return "'" + std::string(sheet_methodology()) + "'!" + cell_ref(row_of(t), 1, true);
}

void write_methodology_sheet(lxw_workbook* wb, AnnexContext& c) {
  Sheet s(wb, sheet_methodology());
  Formats& f = c.f;
  const Methodology& m = c.site.methodology;
  s.merge(0, 0, 0, 2, L("Методика: пороги статусов показателей", "Methodology: the thresholds of the statuses"),
          f.title(), false);
  s.text(1, 0, L("Параметр", "Parameter"), f.header(), true);
  s.text(1, 1, L("Значение", "Value"), f.header(), true);
  s.text(1, 2, L("Как применяется", "How it is applied"), f.header(), true);
  struct Line { Threshold t; const char* name; double value; const char* how; };
  const Line lines[] = {
      {Threshold::Achieved, L("Порог «достигнут»", "«Achieved» from"), m.achieved_min,
       L("степень достижения не меньше порога (для порогов «не менее» и «не более» — факт не хуже плана)",
         "the degree is at least this (for «at least» and «at most» targets: the fact is not worse than the plan)")},
      {Threshold::OnTrack, L("Порог «в графике»", "«On track» from"), m.on_track_min,
       L("только до года последнего планового значения; иначе «под угрозой» или «не достигнут»",
         "only before the last target year; else «at risk» or «not achieved»")},
      {Threshold::AtRisk, L("Порог «под угрозой»", "«At risk» from"), m.at_risk_min,
       L("ниже — «не достигнут»; в промежуточном отчёте недостигнутое — «в работе»",
         "below: «not achieved»; in an interim report a shortfall is «in progress»")},
      {Threshold::Cap, L("Ограничение степени достижения", "Cap of the degree"), m.cap,
       L("«СДп с ограничением» = меньшее из степени достижения и этого значения",
         "«Degree, capped» is the smaller of the degree and this value")},
  };
  for (const Line& l : lines) {
    const int r = row_of(l.t);
    s.text(r, 0, l.name, f.label());
    s.number(r, 1, l.value, f.number(2));
    s.text(r, 2, l.how, f.text());
  }
  const int note = row_of(Threshold::Cap) + 2;
  s.merge(note, 0, note, 2,
          L("Статусы на листе «План и факт» рассчитываются формулами из этих порогов: после изменения факта или "
            "порога Excel и LibreOffice пересчитывают их так же, как Vitrina.",
            "The statuses on «Plan and fact» are formulas over these thresholds: after a fact or a threshold is "
            "changed, Excel and LibreOffice recalculate them as Vitrina would."),
          f.muted(), false);
  s.min_width(0, 24);
  s.max_width(0, 34);
  s.min_width(1, 10);
  s.max_width(2, 70);
  s.flush();
  worksheet_freeze_panes(s.ws(), 2, 0);
  worksheet_autofilter(s.ws(), 1, 0, static_cast<lxw_row_t>(row_of(Threshold::Cap)), 2);
  print_setup(s.ws(), 1, 1, std::string(L("Методика — ", "Methodology — ")) + c.name);
}

}  // namespace vitrina::xlsx
