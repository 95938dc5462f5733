#include "output/xlsx/board_workbook.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "output/xlsx/annex_sheets.h"
#include "output/xlsx/annex_workbook.h"
#include "output/xlsx/book.h"
#include "plan/outputs.h"
#include "compute/metrics.h"
#include "compute/report_date.h"
#include "text/messages.h"
#include "util/parallel.h"

namespace vitrina {

using namespace xlsx;

namespace {

enum SCol { sId, sTitle, sMunicipality, sPeriod, sYear, sInd, sAssessed, sAchieved, sShare, sMean, sPlanned, sDone,
            sDoneShare, sOverdue, sEff, sRating, sCols };

void summary_sheet(lxw_workbook* wb, Formats& f, const SiteModel& model, const SiteMetrics& metrics,
                   const std::string& footer) {
  Sheet s(wb, tr_doc("xlsx.board.sheet"));
  s.merge(0, 0, 0, sCols - 1, tr_doc("xlsx.board.heading", {period_text(metrics.report), as_of_text(metrics.report)}),
          f.title(), false);
  const std::string heads[sCols] = {tr_doc("xlsx.board.id"), tr_doc("xlsx.board.programme"), tr_doc("xlsx.board.territory"),
                              tr_doc("xlsx.board.period"), tr_doc("xlsx.board.report_year"),
                              tr_doc("xlsx.board.indicators_assessed"),
                              tr_doc("xlsx.board.assessed"), tr_doc("xlsx.board.achieved"),
                              tr_doc("xlsx.board.share_achieved"), tr_doc("xlsx.board.mean_degree"),
                              tr_doc("xlsx.board.measures_of_year"), tr_doc("xlsx.board.done_md"),
                              tr_doc("xlsx.board.share_done"), tr_doc("xlsx.board.overdue"),
                              tr_doc("xlsx.board.effectiveness"), tr_doc("xlsx.board.rating")};
  for (int c = 0; c < sCols; ++c) s.text(1, c, heads[c], f.header(), true);
  int row = 2;
  for (const Programme& p : model.programmes) {
    const ProgrammeMetrics* pm = metrics.programme(p.id);
    s.text(row, sId, p.id, f.text());
    s.text(row, sTitle, p.title, f.text());
    s.text(row, sMunicipality, p.municipality.empty() ? p.region : p.municipality, f.text());
    std::string period = p.period.start && p.period.end
                             ? std::to_string(*p.period.start) + "–" + std::to_string(*p.period.end)
                             : p.period.printed;
    s.text(row, sPeriod, period, f.text());
    auto num = [&](int col, const std::optional<double>& v, lxw_format* fmt) {
      if (v) s.number(row, col, *v, fmt);
      else s.blank(row, col, fmt);
    };
    if (pm) {
      s.number(row, sYear, pm->report_year, f.integer());
      s.number(row, sInd, pm->indicators_total, f.integer());
      s.number(row, sAssessed, pm->indicators_assessed, f.integer());
      s.number(row, sAchieved, pm->indicators_achieved, f.integer());
      num(sShare, pm->share_achieved, f.percent());
      num(sMean, pm->mean_degree, f.score());
      s.number(row, sPlanned, pm->measures.total, f.integer());
      s.number(row, sDone, pm->measures.done_counted, f.integer());
      num(sDoneShare, pm->measures_done_share, f.percent());
      s.number(row, sOverdue, pm->measures.overdue, f.integer());
      num(sEff, pm->effectiveness, f.score());
      s.text(row, sRating, rating_label(pm->rating), f.text());
    }
    ++row;
  }
  // The counts differ from the programme annexes by design; the sheet says why.
  const int note_row = row + 1;
  s.merge(note_row, 0, note_row, sCols - 1,
          tr_doc("xlsx.board.counts_note"),
          f.muted(), false);
  s.max_width(sTitle, 60);
  s.max_width(sMunicipality, 30);
  for (int c = sYear; c < sRating; ++c) s.min_width(c, 11);
  s.min_width(sRating, 18);
  s.flush();
  worksheet_freeze_panes(s.ws(), 2, 1);
  worksheet_autofilter(s.ws(), 1, 0, static_cast<lxw_row_t>(std::max(row - 1, 1)), sCols - 1);
  print_setup(s.ws(), 1, 1, footer);

  // A native bar chart: mean achievement degree by programme (blank = not assessable).
  if (row > 2) {
    lxw_chart* chart = workbook_add_chart(wb, LXW_CHART_BAR);
    std::string sheet = std::string("'") + tr_doc("xlsx.board.sheet") + "'!";
    std::string cats = sheet + cell_ref(2, sId, true) + ":" + cell_ref(row - 1, sId, true);
    std::string vals = sheet + cell_ref(2, sMean, true) + ":" + cell_ref(row - 1, sMean, true);
    lxw_chart_series* ser = chart_add_series(chart, cats.c_str(), vals.c_str());
    chart_series_set_name(ser, tr_doc("xlsx.board.mean_achievement_degree").c_str());
    chart_title_set_name(chart, tr_doc("xlsx.board.achievement_by_programme").c_str());
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    // In a bar chart the value axis is the horizontal x axis, the categories the y axis.
    chart_axis_set_num_format(chart->x_axis, "0%");
    chart_axis_set_min(chart->x_axis, 0);
    chart_axis_set_reverse(chart->y_axis);
    chart_show_blanks_as(chart, LXW_CHART_BLANKS_AS_GAP);
    lxw_chart_options opt{};
    opt.x_scale = 1.6;
    opt.y_scale = 1.0 + 0.1 * std::max(0, row - 7);
    worksheet_insert_chart_opt(s.ws(), static_cast<lxw_row_t>(note_row + 2), 1, chart, &opt);
  }
}

enum TCol { tProg, tNum, tName, tUnit, tPlan, tFact, tDegree, tStatus, tCols };

void status_sheet(lxw_workbook* wb, Formats& f, const SiteModel& model, const SiteMetrics& metrics,
                  IndicatorStatus st, const std::string& footer) {
  std::string label = status_label(st);
  Sheet s(wb, clip_code_points(label, 30));
  s.merge(0, 0, 0, tCols - 1, tr_doc("xlsx.board.status_heading", {label}), f.title(), false);
  const std::string heads[tCols] = {tr_doc("xlsx.board.programme"), tr_doc("xlsx.board.no"), tr_doc("xlsx.board.indicator"),
                              tr_doc("xlsx.board.unit"), tr_doc("xlsx.board.plan"), tr_doc("xlsx.board.fact"),
                              tr_doc("xlsx.board.degree"), tr_doc("xlsx.board.status")};
  for (int c = 0; c < tCols; ++c) s.text(1, c, heads[c], f.header(), true);
  int row = 2;
  for (const Programme& p : model.programmes) {
    const ProgrammeMetrics* pm = metrics.programme(p.id);
    int year = pm ? pm->report_year : model.site.report_year;
    for (const Indicator& ind : p.indicators) {
      const IndicatorMetrics* im = metrics.indicator(p.id, ind.id);
      if (!im || im->status != st) continue;
      const YearFigures* y = year_of(im, year);
      s.text(row, tProg, p.id, f.text());
      s.text(row, tNum, ind.number, f.text());
      s.text(row, tName, ind.name, f.text());
      s.text(row, tUnit, ind.unit, f.text());
      if (y && y->plan) s.number(row, tPlan, *y->plan, value_format(f, ind, im->precision, y->plan_op));
      else s.blank(row, tPlan, value_format(f, ind, im->precision));
      if (y && y->fact) s.number(row, tFact, *y->fact, value_format(f, ind, im->precision));
      else s.blank(row, tFact, value_format(f, ind, im->precision));
      if (im->report_degree) s.number(row, tDegree, *im->report_degree, f.score());
      else s.blank(row, tDegree, f.score());
      s.text(row, tStatus, label, f.text());
      ++row;
    }
  }
  if (row == 2) {
    s.merge(2, 0, 2, tCols - 1, tr_doc("xlsx.board.no_indicator_has_this_status"), f.muted(), false);
    row = 3;
  }
  s.max_width(tName, 70);
  s.min_width(tStatus, 14);
  s.flush();
  worksheet_freeze_panes(s.ws(), 2, 0);
  worksheet_autofilter(s.ws(), 1, 0, static_cast<lxw_row_t>(row - 1), tCols - 1);
  print_setup(s.ws(), 1, 1, footer);
}

enum OCol { oProg, oNum, oName, oTerm, oStatus, oOverdue, oReason, oCols };

// The measures a board asks about: overdue or not done, by programme and number.
void overdue_sheet(lxw_workbook* wb, Formats& f, const SiteModel& model, const SiteMetrics& metrics,
                   const std::string& footer) {
  Sheet s(wb, tr_doc("xlsx.overdue.sheet"));
  s.merge(0, 0, 0, oCols - 1,
          tr_doc("xlsx.overdue.heading", {period_text(metrics.report), as_of_text(metrics.report)}),
          f.title(), false);
  // The columns it shares with an annex's «Выполнение мероприятий» have that sheet's words.
  const std::string heads[oCols] = {tr_doc("xlsx.overdue.programme"), tr_doc("xlsx.execution.no"),
                                    tr_doc("xlsx.execution.measure"),  tr_doc("xlsx.execution.term"),
                                    tr_doc("xlsx.execution.status"),   tr_doc("xlsx.execution.overdue"),
                                    tr_doc("xlsx.execution.reason")};
  for (int c = 0; c < oCols; ++c) s.text(1, c, heads[c], f.header(), true);
  int row = 2;
  for (const Programme& p : model.programmes) {
    const ProgrammeMetrics* pm = metrics.programme(p.id);
    const int year = pm && pm->report_year ? pm->report_year : metrics.report.year;
    for (const Measure& m : p.measures) {
      const MeasureMetrics* mm = metrics.measure(p.id, m.id);
      const Execution e = execution_of(m, mm, year);
      // Leaves, as the summary's counts: «1.» is not listed again beside its overdue «1.1.».
      if (!mm || !mm->leaf || (!e.overdue && !e.not_done)) continue;
      s.text(row, oProg, p.municipality.empty() ? p.title : p.municipality, f.text());
      s.text(row, oNum, m.number, f.text());
      s.text(row, oName, m.name, f.text());
      s.text(row, oTerm, term_text(m, mm), f.text());
      s.text(row, oStatus, e.status, f.text());
      s.text(row, oOverdue, e.overdue ? tr_doc("mstatus.overdue") : "", f.text());
      s.text(row, oReason, e.reason, f.text());
      ++row;
    }
  }
  if (row == 2) {
    s.merge(2, 0, 2, oCols - 1, tr_doc("xlsx.overdue.none"),
            f.muted(), false);
    row = 3;
  }
  s.max_width(oProg, 30);
  s.min_width(oNum, 7);
  s.max_width(oName, 55);
  s.max_width(oTerm, 18);
  s.min_width(oStatus, 14);
  s.min_width(oOverdue, 12);
  s.min_width(oReason, 20);
  s.max_width(oReason, 40);
  s.flush();
  flag_overdue(s.ws(), f, 2, row - 1, oOverdue);
  worksheet_freeze_panes(s.ws(), 2, 0);
  worksheet_autofilter(s.ws(), 1, 0, static_cast<lxw_row_t>(row - 1), oCols - 1);
  print_setup(s.ws(), 1, 1, footer);
}

}  // namespace

std::string build_board_xlsx(const SiteModel& model, const SiteMetrics& metrics, Diagnostics& diags) {
  const DocumentLanguage in_site_language(model.site.locale);  // labels follow the site, not --lang
  DocInfo info;
  info.title = tr_doc("xlsx.board.title", {model.site.title});
  info.subject = tr_doc("xlsx.board.subject");
  info.author = model.site.owner;
  info.company = model.site.owner;
  info.keywords = tr_doc("xlsx.board.keywords");
  info.comments = model.site.title;
  info.created = document_time(model.site);
  std::string footer = info.title;
  return render_workbook(info, output_path(Output::BoardWorkbook), diags, [&](lxw_workbook* wb) {
    Formats f(wb);
    summary_sheet(wb, f, model, metrics, footer);
    overdue_sheet(wb, f, model, metrics, footer);
    for (IndicatorStatus st : all_values<IndicatorStatus>()) status_sheet(wb, f, model, metrics, st, footer);
  });
}

void build_workbooks(const SiteModel& model, const SiteMetrics& metrics, Diagnostics& diags, int jobs,
                     const FileSink& sink, const RenderScope& scope) {
  // One slot per workbook (the programmes', then the board's), each with its own
  // diagnostics, merged in that order afterwards: the result does not depend on the
  // threads. libxlsxwriter workbooks share no state; each gets its own temporary folder
  // (render_workbook) and all carry the same document date.
  const size_t n = model.programmes.size();
  std::vector<Diagnostics> local(n + 1);
  auto build = [&](size_t i) {
    if (i < n && !scope.wants(i)) return;
    std::string bytes = i < n ? build_annex_xlsx(model.site, model.programmes[i], metrics, local[i])
                              : build_board_xlsx(model, metrics, local[i]);
    if (!bytes.empty()) sink(i < n ? workbook_path(model.programmes[i].id) : output_path(Output::BoardWorkbook), bytes);
  };
  const int threads = thread_count(jobs);
  if (threads <= 1) {
    for (size_t i = 0; i <= n; ++i) build(i);
  } else {
    // The board (largest) first, so it does not finish last on its own.
    in_arena(threads, [&] {
      tbb::parallel_for(tbb::blocked_range<size_t>(0, n + 1, 1), [&](const tbb::blocked_range<size_t>& r) {
        for (size_t k = r.begin(); k != r.end(); ++k) build(n - k);
      });
    });
  }
  for (auto& d : local) diags.append(d);
}

std::vector<OutputFile> build_workbooks(const SiteModel& model, const SiteMetrics& metrics, Diagnostics& diags,
                                        int jobs) {
  std::vector<OutputFile> out;
  std::mutex mu;
  build_workbooks(model, metrics, diags, jobs, [&](const std::string& path, std::string_view bytes) {
    std::lock_guard<std::mutex> lock(mu);
    out.push_back({path, std::string(bytes)});
  });
  // Programme order, then the board, whatever order the threads finished in.
  std::map<std::string, size_t> order;
  for (size_t i = 0; i < model.programmes.size(); ++i) order[workbook_path(model.programmes[i].id)] = i;
  auto rank = [&](const OutputFile& f) { auto it = order.find(f.path); return it == order.end() ? order.size() : it->second; };
  std::sort(out.begin(), out.end(), [&](const OutputFile& a, const OutputFile& b) { return rank(a) < rank(b); });
  return out;
}

}  // namespace vitrina
