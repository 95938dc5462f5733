// The text of each cell of a programme's measure table, read from the model the same way for
// every output that lays measures out as the document did (the site's measure page, the
// workbook's measure sheet). No formatting, no language: cells are the printed texts.
#pragma once
#include <string>
#include <vector>

#include "model/model.h"

namespace vitrina {

struct MeasureCell {
  // The cell's printed text, one entry per paragraph or list item (responsible persons,
  // participants, the results of dated sub-events); empty when the document left it empty.
  std::vector<std::string> lines;
  // The document left the cell empty under a parent row (`inherited` in the data): `lines`
  // are the nearest ancestor's, to be shown as such, never as the measure's own text.
  bool inherited = false;
};

// The programme's measure table as the document printed it, or, when the data does not
// describe one, Vitrina's own columns (number, name, term, responsible, result, and the
// consequences when a measure has them) with empty headers: outputs then use their generic
// labels.
MeasureTable measure_table_of(const Programme& p);

// The cell of measure `m` (of programme `p`) in column `c`.
MeasureCell measure_cell(const Programme& p, const Measure& m, MeasureColumn c);

}  // namespace vitrina
