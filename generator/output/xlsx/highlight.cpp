// Conditional formatting of the words a board looks for: indicator statuses, ratings, measures
// not done or overdue. The colour comes with bold or italic (Formats::status), so that a sheet
// printed in black and white still marks them, and the word itself stays the marker.
#include <string>

#include "output/xlsx/annex_sheets.h"
#include "text/messages.h"

namespace vitrina::xlsx {

namespace {

std::string quoted(const std::string& word) {
  std::string out;
  out.reserve(word.size() + 2);
  out += '"';
  for (char ch : word) {
    out += ch;
    if (ch == '"') out += '"';  // doubled inside an Excel string
  }
  out += '"';
  return out;
}

void when_equal(lxw_worksheet* ws, int first, int last, int col, const std::string& word, lxw_format* fmt) {
  if (last < first) return;
  lxw_conditional_format cf{};
  cf.type = LXW_CONDITIONAL_TYPE_CELL;
  cf.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
  std::string v = quoted(word);
  cf.value_string = v.data();
  cf.format = fmt;
  worksheet_conditional_format_range(ws, static_cast<lxw_row_t>(first), static_cast<lxw_col_t>(col),
                                     static_cast<lxw_row_t>(last), static_cast<lxw_col_t>(col), &cf);
}

}  // namespace

std::string quoted_status(IndicatorStatus s) { return quoted(status_label(s)); }

void highlight_statuses(lxw_worksheet* ws, Formats& f, int first, int last, int col) {
  for (IndicatorStatus st : all_values<IndicatorStatus>()) when_equal(ws, first, last, col, status_label(st), f.status(st));
}

void highlight_ratings(lxw_worksheet* ws, Formats& f, int first, int last, int col) {
  for (Rating r : all_values<Rating>()) when_equal(ws, first, last, col, rating_label(r), f.rating(r));
}

void flag_overdue(lxw_worksheet* ws, Formats& f, int first, int last, int col) {
  when_equal(ws, first, last, col, tr_doc("mstatus.overdue"), f.status(IndicatorStatus::NotAchieved));
}

void highlight_execution(lxw_worksheet* ws, Formats& f, int first, int last, int col) {
  if (last < first) return;
  when_equal(ws, first, last, col, tr_doc("mstatus.not_done"), f.status(IndicatorStatus::NotAchieved));
  when_equal(ws, first, last, col, tr_doc("mstatus.done"), f.status(IndicatorStatus::Achieved));
  // «выполняется, просрочено»: the overdue word inside a longer status.
  lxw_conditional_format cf{};
  cf.type = LXW_CONDITIONAL_TYPE_TEXT;
  cf.criteria = LXW_CONDITIONAL_CRITERIA_TEXT_CONTAINING;
  std::string v = tr_doc("mstatus.overdue");
  cf.value_string = v.data();
  cf.format = f.status(IndicatorStatus::NotAchieved);
  worksheet_conditional_format_range(ws, static_cast<lxw_row_t>(first), static_cast<lxw_col_t>(col),
                                     static_cast<lxw_row_t>(last), static_cast<lxw_col_t>(col), &cf);
}

}  // namespace vitrina::xlsx
