#include "collect/collect_workbook.h"

#include <algorithm>
#include <set>

#include "collect/layout.h"
#include "compute/indicator_rules.h"
#include "output/xlsx/book.h"
#include "output/xlsx/sheet.h"
#include "text/format.h"
#include "text/messages.h"

namespace vitrina {

using namespace collect;

bool collects_facts(const Indicator& ind) { return is_assessed(ind); }

namespace {

struct Row { const Indicator* ind; int year; FactPeriod period; const Fact* fact; };

std::vector<Row> fact_rows(const Programme& p, const CollectOptions& opt) {
  std::vector<int> years;
  if (opt.year) years.push_back(*opt.year);
  else if (p.period.start && p.period.end && *p.period.end - *p.period.start < 50)
    for (int y = *p.period.start; y <= *p.period.end; ++y) years.push_back(y);
  std::vector<Row> rows;
  for (const auto& ind : p.indicators) {
    if (!collects_facts(ind)) continue;
    std::set<std::pair<int, int>> keys;  // (year, period order)
    std::vector<Row> own;
    auto add = [&](int year, FactPeriod period) {
      if (!keys.insert({year, period_order(period)}).second) return;
      const Fact* found = nullptr;
      for (const auto& f : ind.facts)
        if (f.year == year && f.period == period) found = &f;
      own.push_back({&ind, year, period, found});
    };
    for (int y : years) add(y, opt.period);
    for (const auto& f : ind.facts)  // facts already entered for the years asked for
      if (std::find(years.begin(), years.end(), f.year) != years.end()) add(f.year, f.period);
    std::sort(own.begin(), own.end(), [](const Row& a, const Row& b) {
      return std::pair(a.year, period_order(a.period)) < std::pair(b.year, period_order(b.period));
    });
    rows.insert(rows.end(), own.begin(), own.end());
  }
  return rows;
}

std::string plan_text(const Indicator& ind, const IndicatorMetrics* im, int year, int precision) {
  if (!im) return "";
  for (const auto& y : im->years) {
    if (y.year != year) continue;
    if (y.plan_compound || !y.plan) return y.plan_printed;
    if (is_yes_no(ind)) return *y.plan ? kYes : kNo;
    return sign(y.plan_op) + format_number(*y.plan, precision, "ru");
  }
  return "";
}

struct Styles {
  lxw_format *header, *locked, *input, *input_number, *note;
  explicit Styles(lxw_workbook* wb) {
    note = workbook_add_format(wb);
    format_set_text_wrap(note);
    format_set_align(note, LXW_ALIGN_VERTICAL_TOP);
    header = workbook_add_format(wb);
    format_set_bold(header);
    format_set_text_wrap(header);
    format_set_bg_color(header, 0xD9D9D9);
    format_set_border(header, LXW_BORDER_THIN);
    locked = workbook_add_format(wb);
    format_set_text_wrap(locked);
    format_set_bg_color(locked, 0xF2F2F2);
    format_set_border(locked, LXW_BORDER_THIN);
    format_set_align(locked, LXW_ALIGN_VERTICAL_TOP);
    input = workbook_add_format(wb);
    format_set_unlocked(input);
    format_set_text_wrap(input);
    format_set_border(input, LXW_BORDER_THIN);
    format_set_bg_color(input, 0xFFF2CC);
    format_set_align(input, LXW_ALIGN_VERTICAL_TOP);
    input_number = workbook_add_format(wb);
    format_set_unlocked(input_number);
    format_set_border(input_number, LXW_BORDER_THIN);
    format_set_bg_color(input_number, 0xFFF2CC);
    format_set_align(input_number, LXW_ALIGN_VERTICAL_TOP);
  }
};

void protect(lxw_worksheet* ws) {
  lxw_protection opt{};
  opt.format_columns = LXW_TRUE;
  opt.format_rows = LXW_TRUE;
  opt.autofilter = LXW_TRUE;
  opt.sort = LXW_TRUE;
  worksheet_protect(ws, nullptr, &opt);
}

// Validation of the «Факт» cells of rows [first, last] of one indicator.
void validate_facts(lxw_worksheet* ws, const Indicator& ind, int first, int last, int col) {
  lxw_data_validation v{};
  v.show_error = LXW_VALIDATION_ON;
  v.show_input = LXW_VALIDATION_ON;
  std::string title = header(FactsSheetColumn::Fact), message;
  const char* yes_no[] = {kYes, kNo, nullptr};
  if (is_yes_no(ind)) {
    v.validate = LXW_VALIDATION_TYPE_LIST;
    v.value_list = const_cast<char**>(yes_no);
    message = tr("collect.fact_yes_no");
  } else {
    v.validate = LXW_VALIDATION_TYPE_DECIMAL;
    v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
    v.minimum_number = is_percent(ind) || ind.kind == IndicatorKind::Count || is_lower_better(ind) ? 0 : -1e15;
    v.maximum_number = is_percent(ind) ? 100 : 1e15;
    message = is_percent(ind) ? tr("collect.fact_percent") : v.minimum_number == 0 ? tr("collect.fact_non_negative")
                                                                                   : tr("collect.fact_number");
  }
  v.input_title = title.data();
  v.input_message = message.data();
  v.error_title = title.data();
  v.error_message = message.data();
  worksheet_data_validation_range(ws, static_cast<lxw_row_t>(first), static_cast<lxw_col_t>(col),
                                  static_cast<lxw_row_t>(last), static_cast<lxw_col_t>(col), &v);
}

void facts_sheet(lxw_workbook* wb, const Styles& st, const Programme& p, const SiteMetrics& metrics,
                 const CollectOptions& opt) {
  xlsx::Sheet sh(wb, kFactsSheet);
  for (FactsSheetColumn c : kFactsSheetColumns) sh.text(0, static_cast<int>(c), header(c), st.header, true);
  const int fact_col = static_cast<int>(FactsSheetColumn::Fact);
  int r = 1, first = 1;
  const std::vector<Row> rows = fact_rows(p, opt);
  for (size_t i = 0; i < rows.size(); ++i, ++r) {
    const Row& row = rows[i];
    const Indicator& ind = *row.ind;
    const IndicatorMetrics* im = metrics.indicator(p.id, ind.id);
    const int precision = im ? im->precision : 1;
    auto col = [](FactsSheetColumn c) { return static_cast<int>(c); };
    sh.text(r, col(FactsSheetColumn::Code), ind.id, st.locked);
    sh.text(r, col(FactsSheetColumn::Name), (ind.number.empty() ? "" : ind.number + " ") + ind.name, st.locked);
    sh.text(r, col(FactsSheetColumn::Unit), is_yes_no(ind) ? std::string(kYes) + "/" + kNo : ind.unit, st.locked);
    sh.number(r, col(FactsSheetColumn::Year), row.year, st.locked);
    sh.text(r, col(FactsSheetColumn::Period), period_word(row.period), st.locked);
    sh.text(r, col(FactsSheetColumn::Plan), plan_text(ind, im, row.year, precision), st.locked);
    const Fact* f = row.fact;
    if (f && f->value) {
      if (is_yes_no(ind)) sh.text(r, fact_col, *f->value ? kYes : kNo, st.input);
      else sh.number(r, fact_col, *f->value, st.input_number);
    } else {
      sh.blank(r, fact_col, st.input_number);
    }
    sh.text(r, col(FactsSheetColumn::Source), f ? f->source : "", st.input);
    sh.text(r, col(FactsSheetColumn::Comment), f ? f->note : "", st.input);
    if (i + 1 == rows.size() || rows[i + 1].ind != row.ind) {
      validate_facts(sh.ws(), ind, first, r, fact_col);
      first = r + 1;
    }
  }
  sh.max_width(static_cast<int>(FactsSheetColumn::Name), 60);
  sh.min_width(fact_col, 12);
  sh.min_width(static_cast<int>(FactsSheetColumn::Source), 24);
  sh.min_width(static_cast<int>(FactsSheetColumn::Comment), 30);
  sh.max_width(static_cast<int>(FactsSheetColumn::Plan), 30);
  sh.flush();
  worksheet_freeze_panes(sh.ws(), 1, 0);
  xlsx::print_setup(sh.ws(), 0, 0, p.title);
  if (r > 1) worksheet_autofilter(sh.ws(), 0, 0, static_cast<lxw_row_t>(r - 1), static_cast<lxw_col_t>(fact_col + 2));
  protect(sh.ws());
  worksheet_activate(sh.ws());
}

void measures_sheet(lxw_workbook* wb, const Styles& st, const Programme& p, int year) {
  xlsx::Sheet sh(wb, kMeasuresSheet);
  auto col = [](MeasuresSheetColumn c) { return static_cast<int>(c); };
  for (MeasuresSheetColumn c : kMeasuresSheetColumns) sh.text(0, col(c), header(c), st.header, true);
  int r = 1;
  for (const auto& m : p.measures) {
    const MeasureStatus* s = nullptr;
    for (const auto& x : m.status)
      if (x.year == year) s = &x;
    sh.text(r, col(MeasuresSheetColumn::Number), m.number, st.locked);
    sh.text(r, col(MeasuresSheetColumn::Name), m.name, st.locked);
    sh.text(r, col(MeasuresSheetColumn::Term), m.period.printed, st.locked);
    sh.number(r, col(MeasuresSheetColumn::Year), year, st.locked);
    sh.text(r, col(MeasuresSheetColumn::Status), s ? status_word(s->status) : "", st.input);
    sh.text(r, col(MeasuresSheetColumn::Result), s ? s->result : "", st.input);
    sh.text(r, col(MeasuresSheetColumn::Reason), s ? s->reason : "", st.input);
    sh.text(r, col(MeasuresSheetColumn::Code), m.id, st.locked);
    ++r;
  }
  sh.max_width(col(MeasuresSheetColumn::Name), 60);
  sh.max_width(col(MeasuresSheetColumn::Term), 30);
  sh.min_width(col(MeasuresSheetColumn::Status), 16);
  sh.min_width(col(MeasuresSheetColumn::Result), 30);
  sh.min_width(col(MeasuresSheetColumn::Reason), 30);
  sh.flush();
  if (r > 1) {
    std::vector<const char*> words;
    for (MeasureState st : all_values<MeasureState>()) words.push_back(status_word(st));
    words.push_back(nullptr);
    std::string title = header(MeasuresSheetColumn::Status), message = tr("collect.status_list");
    lxw_data_validation v{};
    v.validate = LXW_VALIDATION_TYPE_LIST;
    v.value_list = const_cast<char**>(words.data());
    v.show_error = v.show_input = LXW_VALIDATION_ON;
    v.input_title = v.error_title = title.data();
    v.input_message = v.error_message = message.data();
    worksheet_data_validation_range(sh.ws(), 1, static_cast<lxw_col_t>(col(MeasuresSheetColumn::Status)),
                                    static_cast<lxw_row_t>(r - 1), static_cast<lxw_col_t>(col(MeasuresSheetColumn::Status)), &v);
  }
  worksheet_freeze_panes(sh.ws(), 1, 0);
  xlsx::print_setup(sh.ws(), 0, 0, p.title);
  protect(sh.ws());
}

void instructions_sheet(lxw_workbook* wb, const Styles& st, const Programme& p, int year) {
  xlsx::Sheet sh(wb, kInstructionsSheet);
  sh.text(0, 0, tr("collect.instructions_title", {p.title}), st.header);
  const char* keys[] = {"collect.instr_1", "collect.instr_2", "collect.instr_3", "collect.instr_4",
                        "collect.instr_5", "collect.instr_6", "collect.instr_7"};
  int r = 2;
  for (const char* k : keys) sh.text(r++, 0, tr(k, {std::to_string(year)}), st.note);
  sh.max_width(0, 90);
  sh.flush();
  xlsx::print_setup(sh.ws(), -1, -1, p.title);
}

}  // namespace

std::string build_collect_xlsx(const SiteModel& model, const Programme& p, const SiteMetrics& metrics,
                               const CollectOptions& opt, Diagnostics& diags) {
  const int status_year = opt.year ? *opt.year : metrics.programme(p.id) ? metrics.programme(p.id)->report_year : 0;
  xlsx::DocInfo info;
  info.title = tr("collect.doc_title", {p.title});
  info.author = model.site.owner;
  info.created = xlsx::document_time(model.site);
  return xlsx::render_workbook(info, p.id + ".xlsx", diags, [&](lxw_workbook* wb) {
    Styles st(wb);
    facts_sheet(wb, st, p, metrics, opt);
    measures_sheet(wb, st, p, status_year);
    instructions_sheet(wb, st, p, status_year);
    lxw_worksheet* service = workbook_add_worksheet(wb, kServiceSheet);
    worksheet_write_string(service, 0, 0, kMarker, nullptr);
    worksheet_write_string(service, 0, 1, p.id.c_str(), nullptr);
    worksheet_write_number(service, 1, 1, status_year, nullptr);
    worksheet_hide(service);
  });
}

}  // namespace vitrina
