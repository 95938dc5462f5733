// board.xlsx: a printed page per programme («По программам») and the chart of the programmes
// («Диаграмма»). The figures are the compute stage's (the same as `vitrina report`).
#include <algorithm>
#include <map>
#include <optional>

#include "compute/report_date.h"
#include "output/xlsx/annex_sheets.h"
#include "output/xlsx/board_sheets.h"
#include "output/xlsx/book.h"
#include "text/messages.h"

namespace vitrina::xlsx {

std::vector<std::string> programme_names(const std::vector<Programme>& programmes) {
  std::vector<std::string> names;
  std::map<std::string, int> seen;
  for (const Programme& p : programmes) {
    std::string name = !p.municipality.empty() ? p.municipality : !p.region.empty() ? p.region : p.title;
    const std::string period = p.period.start && p.period.end
                                   ? std::to_string(*p.period.start) +
                                         (*p.period.start == *p.period.end ? "" : "–" + std::to_string(*p.period.end))
                                   : p.period.printed;
    if (!period.empty()) name += " (" + period + ")";
    if (name.empty()) name = p.id;
    ++seen[name];
    names.push_back(name);
  }
  for (size_t i = 0; i < names.size(); ++i)
    if (seen[names[i]] > 1) names[i] += " — " + programmes[i].id;
  return names;
}

namespace {

// ---- «По программам» ----------------------------------------------------------------------

enum PCol { pNum, pName, pTerm, pStatus, pReason, pCols };

// The widths (in characters of Calibri 11) add up to a portrait A4 page at 100 % (in LibreOffice
// too, whose characters are a little wider than Excel's).
constexpr double kPageWidths[pCols] = {5, 36, 12, 16, 19};

std::string measure_state_label(const std::optional<MeasureState>& s) {
  return tr_doc(std::string("mstatus.") + measure_status_key(s));
}

class ProgrammePage {
 public:
  ProgrammePage(BoardContext& c, Sheet& s, int row) : c_(c), s_(s), f_(c.f), row_(row) {}

  // Writes programme `i` from the current row; returns the row after it.
  int write(size_t i) {
    const Programme& p = c_.model.programmes[i];
    const BoardProgramme& b = c_.programmes[i];
    const ProgrammeMetrics* pm = b.pm;
    const int year = b.year;
    line(std::to_string(i + 1) + ". " + c_.names[i], f_.title());
    line(p.title, f_.note());
    line(period_text(c_.metrics.report) + ", " + as_of_text(c_.metrics.report), f_.note());
    if (pm) {
      for (const std::string& gap : gaps(*pm, year)) line(gap, f_.label());
      headline(*pm);
      by_status(*pm);
    }
    measures(b.late);
    return row_;
  }

 private:
  void line(const std::string& text, lxw_format* fmt) { s_.merge(row_, 0, row_, pCols - 1, text, fmt, false), ++row_; }

  // Why figures are missing: no facts, or no measure status, for the report year.
  std::vector<std::string> gaps(const ProgrammeMetrics& pm, int year) const {
    std::vector<std::string> out;
    const std::string y = std::to_string(year);
    if (pm.indicators_assessed == 0)
      out.push_back(tr_doc("xlsx.pages.no_facts", {y}));
    if (pm.measures.total - pm.measures.no_status == 0) out.push_back(tr_doc("xlsx.pages.no_statuses", {y}));
    return out;
  }

  void section(const std::string& title) {
    s_.merge(row_, 0, row_, pCols - 1, title, f_.span(), false);
    ++row_;
  }

  // One headline figure: the label over № and name, the value under «Срок».
  void figure(const std::string& label, const std::optional<double>& v, lxw_format* fmt) {
    s_.merge(row_, pNum, row_, pName, label, f_.text(), false);
    if (v) s_.number(row_, pTerm, *v, fmt);
    else s_.text(row_, pTerm, tr_doc("xlsx.pages.no_data"), f_.muted());
    ++row_;
  }
  void count(const std::string& label, int v) { figure(label, static_cast<double>(v), f_.integer()); }

  void headline(const ProgrammeMetrics& pm) {
    section(tr_doc("xlsx.pages.headline"));
    figure(tr_doc("xlsx.pages.effectiveness"), pm.effectiveness, f_.score());
    s_.merge(row_, pNum, row_, pName, tr_doc("xlsx.pages.rating"), f_.text(), false);
    s_.merge(row_, pTerm, row_, pReason, rating_label(pm.rating, c_.metrics.report.interim()), f_.text(), false);
    ++row_;
    figure(tr_doc("xlsx.pages.mean_degree"), pm.mean_degree,
           f_.score());
    count(tr_doc("xlsx.pages.indicators_total"), pm.indicators_total);
    count(tr_doc("xlsx.pages.assessed"), pm.indicators_assessed);
    count(tr_doc("xlsx.pages.achieved"), pm.indicators_achieved);
    count(tr_doc("xlsx.pages.not_achieved"),
          pm.indicators_assessed - pm.indicators_achieved);
    figure(tr_doc("xlsx.pages.share_done"), pm.measures_done_share, f_.percent());
    count(tr_doc("xlsx.pages.measures_total"), pm.measures.total);
    count(tr_doc("xlsx.pages.done_counted"), pm.measures.done_counted);
    count(tr_doc("xlsx.pages.not_done"), pm.measures.not_done);
    count(tr_doc("xlsx.pages.overdue"), pm.measures.overdue);
  }

  // Indicators by status beside measures by status.
  void by_status(const ProgrammeMetrics& pm) {
    s_.merge(row_, pNum, row_, pTerm, tr_doc("xlsx.pages.indicators_by_status"), f_.span(), false);
    s_.merge(row_, pStatus, row_, pReason, tr_doc("xlsx.pages.measures_by_status"), f_.span(), false);
    ++row_;
    std::vector<std::pair<std::string, int>> measures;
    for (MeasureState st : all_values<MeasureState>()) measures.emplace_back(measure_state_label(st), pm.measures.of(st));
    measures.emplace_back(measure_state_label(std::nullopt), pm.measures.no_status);
    measures.emplace_back(tr_doc("mstatus.overdue"), pm.measures.overdue);
    const auto statuses = all_values<IndicatorStatus>();
    const size_t n = std::max(statuses.size(), measures.size());
    for (size_t k = 0; k < n; ++k, ++row_) {
      if (k < statuses.size()) {
        auto it = pm.by_status.find(statuses[k]);
        s_.merge(row_, pNum, row_, pName, status_label(statuses[k]), f_.text(), false);
        s_.number(row_, pTerm, it == pm.by_status.end() ? 0 : it->second, f_.integer());
      }
      if (k < measures.size()) {
        s_.text(row_, pStatus, measures[k].first, f_.text());
        s_.number(row_, pReason, measures[k].second, f_.integer());
      }
    }
  }

  void measures(const std::vector<LateMeasure>& late) {
    section(tr_doc("xlsx.pages.overdue_heading"));
    const std::string heads[pCols] = {tr_doc("xlsx.execution.no"), tr_doc("xlsx.execution.measure"),
                                      tr_doc("xlsx.execution.term"), tr_doc("xlsx.execution.status"),
                                      tr_doc("xlsx.execution.reason")};
    for (int col = 0; col < pCols; ++col) s_.text(row_, col, heads[col], f_.header(), true);
    ++row_;
    for (const LateMeasure& l : late) {
      s_.kept_text(row_, pNum, l.m->number, f_.text());
      s_.kept_text(row_, pName, l.m->name, f_.text());
      s_.kept_text(row_, pTerm, l.term, f_.text());
      s_.text(row_, pStatus, l.e.overdue ? l.e.status + ", " + tr_doc("mstatus.overdue") : l.e.status, f_.text());
      s_.kept_text(row_, pReason, l.e.reason, f_.text());
      ++row_;
    }
    if (late.empty()) line(tr_doc("xlsx.pages.overdue_none"), f_.muted());
  }

 public:
  BoardContext& c_;
  Sheet& s_;
  Formats& f_;
  int row_;
};

// ---- «Диаграмма» --------------------------------------------------------------------------

enum CCol { cName, cMean, cDone, cEff, cRating, cCols };

struct ChartRow {
  std::string name;
  const ProgrammeMetrics* pm;
};

bool has_figures(const ProgrammeMetrics& pm) { return pm.mean_degree || pm.measures_done_share || pm.effectiveness; }

}  // namespace

void write_programme_pages(lxw_workbook* wb, BoardContext& c) {
  Sheet s(wb, tr_doc("xlsx.pages.sheet"), Rows::Streamed);
  std::vector<lxw_row_t> breaks;
  ProgrammePage page(c, s, 0);
  for (size_t i = 0; i < c.model.programmes.size(); ++i) {
    if (i > 0 && breaks.size() < 1023) breaks.push_back(static_cast<lxw_row_t>(page.row_));
    page.write(i);
    ++page.row_;  // a blank row before the next programme on screen
  }
  if (c.model.programmes.empty()) s.merge(0, 0, 0, pCols - 1, tr_doc("xlsx.pages.no_programmes"), c.f.muted(), false);
  for (int col = 0; col < pCols; ++col) s.fixed_width(col, kPageWidths[col]);
  s.flush();
  // One set of rules per column for the whole sheet (not per programme: 300 programmes stay 15
  // rules): ratings under «Срок», statuses in the first column, execution under «Статус». No other
  // cell of those columns holds exactly such a word.
  const int last = std::max(page.row_ - 1, 0);
  highlight_ratings(s.ws(), c.f, 0, last, pTerm);
  highlight_statuses(s.ws(), c.f, 0, last, pNum);
  highlight_execution(s.ws(), c.f, 0, last, pStatus);
  breaks.push_back(0);
  if (breaks.size() > 1) worksheet_set_h_pagebreaks(s.ws(), breaks.data());
  print_setup(s.ws(), -1, -1, c.footer, true, false);
}

void write_chart_sheet(lxw_workbook* wb, BoardContext& c) {
  const std::string sheet_name = tr_doc("xlsx.chart.sheet");
  Sheet s(wb, sheet_name);  // in memory: the chart's cache reads its figures
  const ReportDate& report = c.metrics.report;
  s.merge(0, 0, 0, cCols - 1, tr_doc("xlsx.chart.heading", {period_text(report), as_of_text(report)}), c.f.title(), false);
  std::vector<ChartRow> rows;
  std::vector<std::string> without;
  for (size_t i = 0; i < c.model.programmes.size(); ++i) {
    const ProgrammeMetrics* pm = c.programmes[i].pm;
    if (pm && has_figures(*pm)) rows.push_back({c.names[i], pm});
    else without.push_back(c.names[i]);
  }
  const std::string year = std::to_string(report.year);
  for (int col = 0; col < cCols; ++col) s.max_width(col, col == cName ? 40 : 22);
  s.min_width(cName, 40);
  if (rows.empty()) {
    s.merge(2, 0, 2, cCols - 1,
            tr_doc("xlsx.chart.no_figures", {year}),
            c.f.label(), false);
    for (int col = 1; col < cCols; ++col) s.min_width(col, 16);
    s.flush();
    print_setup(s.ws(), -1, -1, c.footer);
    return;
  }
  rows.push_back({tr_doc("xlsx.board.total"), &c.metrics.overall});
  const std::string heads[cCols] = {tr_doc("xlsx.board.programme"), tr_doc("xlsx.chart.mean_degree"),
                                    tr_doc("xlsx.chart.share_done"), tr_doc("xlsx.board.effectiveness"),
                                    tr_doc("xlsx.board.rating")};
  for (int col = 0; col < cCols; ++col) s.text(1, col, heads[col], c.f.header(), true);
  int row = 2;
  for (const ChartRow& r : rows) {
    const bool total = r.pm == &c.metrics.overall;
    lxw_format* pct = total ? c.f.strong_percent() : c.f.percent();
    lxw_format* score = total ? c.f.strong_score() : c.f.score();
    s.text(row, cName, r.name, total ? c.f.strong_text() : c.f.text());
    auto put = [&](int col, const std::optional<double>& v, lxw_format* fmt) {
      v ? s.number(row, col, *v, fmt) : s.blank(row, col, fmt);
    };
    put(cMean, r.pm->mean_degree, score);
    put(cDone, r.pm->measures_done_share, pct);
    put(cEff, r.pm->effectiveness, score);
    s.text(row, cRating, rating_label(r.pm->rating, c.metrics.report.interim()), total ? c.f.strong_text() : c.f.text());
    ++row;
  }
  const int last = row - 1;
  int note = row + 1;
  if (!without.empty()) {
    std::string list;
    for (const auto& n : without) list += (list.empty() ? "" : "; ") + n;
    s.merge(note, 0, note, cCols - 1,
            tr_doc("xlsx.chart.not_assessed", {year, list}),
            c.f.note(), false);
    ++note;
  }
  for (int col = 1; col < cCols; ++col) s.min_width(col, 16);
  s.flush();
  highlight_ratings(s.ws(), c.f, 2, last, cRating);

  lxw_chart* chart = workbook_add_chart(wb, LXW_CHART_BAR);
  const std::string ref = "'" + sheet_name + "'!";
  const std::string cats = ref + cell_ref(2, cName, true) + ":" + cell_ref(last, cName, true);
  lxw_chart_font small{};
  small.size = 10;
  for (int col : {cMean, cDone, cEff}) {
    bool any = false;
    for (const ChartRow& r : rows)
      any = any || (col == cMean ? r.pm->mean_degree : col == cDone ? r.pm->measures_done_share : r.pm->effectiveness);
    if (!any) continue;  // effectiveness in an interim report: no bars of nothing
    const std::string vals = ref + cell_ref(2, col, true) + ":" + cell_ref(last, col, true);
    lxw_chart_series* ser = chart_add_series(chart, cats.c_str(), vals.c_str());
    chart_series_set_name(ser, heads[col].c_str());
    chart_series_set_labels(ser);
    // Each label in its figure's own form, as in the table above and on the pages: 0,712 and 36,8 %.
    chart_series_set_labels_num_format(ser, col == cDone ? "0.0%" : "0.000");
    chart_series_set_labels_font(ser, &small);
  }
  chart_title_set_name(chart, tr_doc("xlsx.chart.title").c_str());
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  chart_legend_set_font(chart, &small);
  // A bar chart's value axis is its x axis: 0–100 % always (a capped degree never exceeds the cap).
  const double top = std::max(1.0, c.model.site.methodology.cap);
  chart_axis_set_min(chart->x_axis, 0);
  chart_axis_set_max(chart->x_axis, top);
  chart_axis_set_major_unit(chart->x_axis, 0.2);
  chart_axis_set_num_format(chart->x_axis, "0%");
  chart_axis_set_num_font(chart->x_axis, &small);
  chart_axis_set_num_font(chart->y_axis, &small);
  chart_axis_set_reverse(chart->y_axis);  // the first programme on top, as in the table
  chart_show_blanks_as(chart, LXW_CHART_BLANKS_AS_GAP);
  lxw_chart_options opt{};
  opt.x_scale = 800.0 / 480;
  opt.y_scale = std::min(2400.0, 140.0 + 70.0 * static_cast<double>(rows.size())) / 288;
  worksheet_insert_chart_opt(s.ws(), static_cast<lxw_row_t>(note + 1), 0, chart, &opt);
  print_setup(s.ws(), -1, -1, c.footer);
}

}  // namespace vitrina::xlsx
