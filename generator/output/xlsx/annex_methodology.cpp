// «Методика»: the thresholds the workbook's status formulas read («План и факт»), so that a
// changed threshold or a changed fact gives the status Vitrina would compute (docs/metrics.md).
#include "output/xlsx/annex_sheets.h"
#include "output/xlsx/book.h"
#include "text/messages.h"

namespace vitrina::xlsx {

std::string sheet_methodology() { return tr_doc("xlsx.methodology.sheet"); }

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
  return "'" + sheet_methodology() + "'!" + cell_ref(row_of(t), 1, true);
}

void write_methodology_sheet(lxw_workbook* wb, AnnexContext& c) {
  Sheet s(wb, sheet_methodology());
  Formats& f = c.f;
  const Methodology& m = c.site.methodology;
  s.merge(0, 0, 0, 2, tr_doc("xlsx.methodology.heading"),
          f.title(), false);
  s.text(1, 0, tr_doc("xlsx.methodology.parameter"), f.header(), true);
  s.text(1, 1, tr_doc("xlsx.methodology.value"), f.header(), true);
  s.text(1, 2, tr_doc("xlsx.methodology.how"), f.header(), true);
  struct Line { Threshold t; std::string name; double value; std::string how; };
  const Line lines[] = {
      {Threshold::Achieved, tr_doc("xlsx.methodology.achieved"), m.achieved_min, tr_doc("xlsx.methodology.achieved_how")},
      {Threshold::OnTrack, tr_doc("xlsx.methodology.on_track"), m.on_track_min, tr_doc("xlsx.methodology.on_track_how")},
      {Threshold::AtRisk, tr_doc("xlsx.methodology.at_risk"), m.at_risk_min, tr_doc("xlsx.methodology.at_risk_how")},
      {Threshold::Cap, tr_doc("xlsx.methodology.cap"), m.cap, tr_doc("xlsx.methodology.cap_how")},
  };
  for (const Line& l : lines) {
    const int r = row_of(l.t);
    s.text(r, 0, l.name, f.label());
    s.number(r, 1, l.value, f.number(2));
    s.text(r, 2, l.how, f.text());
  }
  const int note = row_of(Threshold::Cap) + 2;
  s.merge(note, 0, note, 2,
          tr_doc("xlsx.methodology.note"),
          f.muted(), false);
  s.min_width(0, 24);
  s.max_width(0, 34);
  s.min_width(1, 10);
  s.max_width(2, 70);
  s.page({1, 1, tr_doc("xlsx.methodology.footer", {c.name}), false, &c.site.print}, f.note());
  s.flush();
  worksheet_freeze_panes(s.ws(), 2, 0);
  worksheet_autofilter(s.ws(), 1, 0, static_cast<lxw_row_t>(row_of(Threshold::Cap)), 2);
}

}  // namespace vitrina::xlsx
