// The sheets of board.xlsx (internal to output/xlsx): «Сводка» and the lists are in
// board_workbook.cpp, the page per programme and the chart in board_pages.cpp.
#pragma once
#include <string>
#include <vector>

#include "compute/metrics.h"
#include "model/model.h"
#include "output/xlsx/sheet.h"

namespace vitrina::xlsx {

struct BoardContext {
  const SiteModel& model;
  const SiteMetrics& metrics;
  Formats& f;
  std::string footer;
  std::vector<std::string> names;  // programme_names(model.programmes)
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
