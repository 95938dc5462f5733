// Text that would break an output, found once when it is read: characters XML 1.0 forbids
// (removed, U+000B becomes a line break; util/xml_chars.h) and texts longer than an Excel
// cell holds (cut there with «…» by the workbook writer). Each gives one warning at the
// text's position, so the methodologist can fix the source.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "diag/diagnostics.h"
#include "load/json_positions.h"

namespace vitrina {

// Cleans every string value of a parsed JSON document in place; warnings carry the JSON
// pointer and position of each string that was changed or is too long for a cell.
void check_json_text(nlohmann::json& doc, const std::string& file, const PositionMap& positions, Diagnostics& diags);

// Cleans a Markdown page's text in place; one warning at the line and column of the first
// forbidden character. `first_line` is the file line `text` starts on.
void check_page_text(std::string& text, const std::string& file, int first_line, Diagnostics& diags);

}  // namespace vitrina
