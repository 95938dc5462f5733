// The sheets of board.xlsx (internal to output/xlsx): «Сводка» and the lists are in
// board_workbook.cpp, the page per programme and the chart in board_pages.cpp.
#pragma once
#include <string>
#include <vector>

#include "compute/metrics.h"
#include "model/model.h"
#include "output/xlsx/annex_sheets.h"
#include "output/xlsx/sheet.h"

namespace vitrina::xlsx {

// A leaf measure overdue or not done in its programme's report year: a row of «Просроченные и
// невыполненные» and of the programme's page.
struct LateMeasure {
  const Measure* m;
  Execution e;
  std::string term;  // term_text
};

// An indicator with its figures: a row of the sheet of its status.
struct StatusRow {
  const Indicator* ind;
  const IndicatorMetrics* im;
  const YearFigures* y;  // the programme's report year, or null
};

// What the board shows of one programme, worked out for every programme in parallel before one
// thread writes the workbook (libxlsxwriter is not thread-safe): the metrics looked up once
// instead of once per sheet.
struct BoardProgramme {
  const ProgrammeMetrics* pm = nullptr;
  int year = 0;  // the report year of its measures (the site's when the programme has none)
  std::vector<LateMeasure> late;
  std::vector<StatusRow> indicators;  // every indicator that has metrics, in programme order
};

// For each programme of `model`, on up to `jobs` threads.
std::vector<BoardProgramme> board_programmes(const SiteModel& model, const SiteMetrics& metrics, int jobs);

struct BoardContext {
  const SiteModel& model;
  const SiteMetrics& metrics;
  Formats& f;
  std::string footer;
  std::vector<std::string> names;  // programme_names(model.programmes)
  const std::vector<BoardProgramme>& programmes;  // board_programmes(model, metrics)
};

// What the board calls each programme: its territory and period, «Беломорский муниципальный район
// (2022–2024)» (never the id); made unique with the id when two would read the same.
std::vector<std::string> programme_names(const std::vector<Programme>& programmes);

// «По программам»: a printed page per programme — headline figures, indicators and measures by
// status, the overdue and not done measures by number and name — each on its own page.
void write_programme_pages(lxw_workbook* wb, BoardContext& c);
// «Диаграмма»: the programmes' СРп/п, СРм and effectiveness as bars on a fixed 0–100 % axis with
// value labels; without any figure for the report year, a sentence that says so instead.
void write_chart_sheet(lxw_workbook* wb, BoardContext& c);

}  // namespace vitrina::xlsx
