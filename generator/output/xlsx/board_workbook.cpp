#include "output/xlsx/board_workbook.h"

#include <algorithm>
#include <map>
#include <mutex>

#include "output/xlsx/annex_sheets.h"
#include "output/xlsx/annex_workbook.h"
#include "output/xlsx/board_sheets.h"
#include "output/xlsx/book.h"
#include "plan/outputs.h"
#include "compute/metrics.h"
#include "compute/report_date.h"
#include "text/messages.h"
#include "util/parallel.h"

namespace vitrina {

using namespace xlsx;

namespace {

// «Сводка»: a row per programme and the region's total row. The id («Код», for lookups and
// checks) is the last column and is not printed.
enum SCol { sNum, sName, sInd, sAssessed, sAchieved, sShare, sMean, sPlanned, sDone, sDoneShare, sOverdue, sEff,
            sRating, sId, sCols };

// The figures of one row; the total row's counts are SUM formulas over the rows above.
void summary_figures(Sheet& s, Formats& f, int row, const ProgrammeMetrics& pm, bool total, int first, int last,
                     bool interim) {
  auto count = [&](int col, int v) {
    if (total && last >= first)
      s.formula(row, col, "=SUM(" + cell_ref(first, col) + ":" + cell_ref(last, col) + ")", v, f.strong_integer());
    else s.number(row, col, v, total ? f.strong_integer() : f.integer());
  };
  // Shares as percentages, degrees and scores with three decimals, as on the pages (docs/metrics.md §7).
  auto figure = [&](int col, const std::optional<double>& v, lxw_format* fmt) {
    if (v) s.number(row, col, *v, fmt);
    else s.blank(row, col, fmt);
  };
  auto pct = [&](int col, const std::optional<double>& v) { figure(col, v, total ? f.strong_percent() : f.percent()); };
  auto score = [&](int col, const std::optional<double>& v) { figure(col, v, total ? f.strong_score() : f.score()); };
  count(sInd, pm.indicators_total);
  count(sAssessed, pm.indicators_assessed);
  count(sAchieved, pm.indicators_achieved);
  pct(sShare, pm.share_achieved);
  score(sMean, pm.mean_degree);
  count(sPlanned, pm.measures.total);
  count(sDone, pm.measures.done_counted);
  pct(sDoneShare, pm.measures_done_share);
  count(sOverdue, pm.measures.overdue);
  score(sEff, pm.effectiveness);
  s.text(row, sRating, rating_label(pm.rating, interim), total ? f.strong_text() : f.text());
}

void summary_sheet(lxw_workbook* wb, BoardContext& c) {
  Formats& f = c.f;
  const SiteMetrics& metrics = c.metrics;
  Sheet s(wb, tr_doc("xlsx.board.sheet"), Rows::Streamed);
  s.merge(0, 0, 0, sRating, tr_doc("xlsx.board.heading", {period_text(metrics.report), as_of_text(metrics.report)}),
          f.title(), false);
  const std::string heads[sCols] = {
      tr_doc("xlsx.board.no"),          tr_doc("xlsx.board.programme"),   tr_doc("xlsx.board.indicators_assessed"),
      tr_doc("xlsx.board.assessed"),    tr_doc("xlsx.board.achieved"),    tr_doc("xlsx.board.share_achieved"),
      tr_doc("xlsx.board.mean_degree"), tr_doc("xlsx.board.measures_of_year"), tr_doc("xlsx.board.done_md"),
      tr_doc("xlsx.board.share_done"),  tr_doc("xlsx.board.overdue"),     tr_doc("xlsx.board.effectiveness"),
      tr_doc("xlsx.board.rating"),      tr_doc("xlsx.board.id")};
  // The figures' headers turned 90°, so that twelve figure columns fit an A4 landscape page at ≥ 9 pt.
  for (int col = 0; col < sCols; ++col)
    s.text(1, col, heads[col], col >= sInd && col < sRating ? f.header_up() : f.header(), true);
  int row = 2;
  for (size_t i = 0; i < c.model.programmes.size(); ++i, ++row) {
    const Programme& p = c.model.programmes[i];
    s.number(row, sNum, static_cast<double>(i + 1), f.integer());
    s.text(row, sName, c.names[i], f.text());
    s.text(row, sId, p.id, f.muted());
    if (const ProgrammeMetrics* pm = c.programmes[i].pm) summary_figures(s, f, row, *pm, false, 0, 0, metrics.report.interim());
  }
  const int last = row - 1;
  // The region's total: counts summed, shares and scores by the methodology over all programmes
  // (docs/metrics.md §5 «Величины сайта»), never an average of the programmes' percentages.
  s.blank(row, sNum, f.strong_text());
  s.text(row, sName, tr_doc("xlsx.board.total"), f.strong_text());
  summary_figures(s, f, row, metrics.overall, true, 2, last, metrics.report.interim());
  const int total_row = row;
  // The counts differ from the programme annexes by design; the sheet says why.
  const int note_row = row + 2;
  s.merge(note_row, 0, note_row, sRating,
          tr_doc("xlsx.board.counts_note"),
          f.note(), false);
  s.min_width(sNum, 4);
  s.min_width(sName, 30);
  s.max_width(sName, 30);
  for (int col = sInd; col < sRating; ++col) {
    s.min_width(col, 9);
    s.max_width(col, 9);
  }
  s.min_width(sRating, 21);
  s.max_width(sId, 24);
  s.fixed_height(1, 110);  // the turned headers: «Доля выполненных (СРм)» in two lines
  s.filter(1, std::max(last, 1), sCols - 1);
  s.page({1, 1, c.footer, false, &c.model.site.print}, c.f.note());
  s.flush();
  highlight_ratings(s.ws(), f, 2, total_row, sRating);
  worksheet_freeze_panes(s.ws(), 2, 2);
  worksheet_print_area(s.ws(), 0, 0, static_cast<lxw_row_t>(note_row + signature_rows(c.model.site.print)), sRating);
}

enum TCol { tProg, tNum, tName, tUnit, tPlan, tFact, tDegree, tStatus, tId, tCols };

void status_sheet(lxw_workbook* wb, BoardContext& c, IndicatorStatus st) {
  Formats& f = c.f;
  std::string label = status_label(st);
  Sheet s(wb, clip_code_points(label, 30), Rows::Streamed);
  s.merge(0, 0, 0, tStatus, tr_doc("xlsx.board.status_heading", {label}), f.title(), false);
  const std::string heads[tCols] = {tr_doc("xlsx.board.programme"), tr_doc("xlsx.board.no"), tr_doc("xlsx.board.indicator"),
                                    tr_doc("xlsx.board.unit"),      tr_doc("xlsx.board.plan"), tr_doc("xlsx.board.fact"),
                                    tr_doc("xlsx.board.degree"),    tr_doc("xlsx.board.status"), tr_doc("xlsx.board.id")};
  for (int col = 0; col < tCols; ++col) s.text(1, col, heads[col], f.header(), true);
  int row = 2;
  for (size_t i = 0; i < c.model.programmes.size(); ++i) {
    const Programme& p = c.model.programmes[i];
    for (const StatusRow& r : c.programmes[i].indicators) {
      if (r.im->status != st) continue;
      const Indicator& ind = *r.ind;
      const IndicatorMetrics* im = r.im;
      const YearFigures* y = r.y;
      s.kept_text(row, tProg, c.names[i], f.text());
      s.kept_text(row, tNum, ind.number, f.text());
      s.kept_text(row, tName, ind.name, f.text());
      s.kept_text(row, tUnit, ind.unit, f.text());
      if (y && y->plan) s.number(row, tPlan, *y->plan, value_format(f, ind, im->precision, y->plan_op));
      else s.blank(row, tPlan, value_format(f, ind, im->precision));
      if (y && y->fact) s.number(row, tFact, *y->fact, value_format(f, ind, im->precision));
      else s.blank(row, tFact, value_format(f, ind, im->precision));
      if (im->report_degree) s.number(row, tDegree, *im->report_degree, f.score());
      else s.blank(row, tDegree, f.score());
      s.kept_text(row, tStatus, label, f.text());
      s.kept_text(row, tId, p.id, f.muted());
      ++row;
    }
  }
  if (row == 2) {
    s.merge(2, 0, 2, tStatus, tr_doc("xlsx.board.no_indicator_has_this_status"), f.muted(), false);
    row = 3;
  }
  s.max_width(tProg, 26);
  s.max_width(tName, 50);
  s.max_width(tUnit, 14);
  s.min_width(tStatus, 14);
  s.max_width(tId, 24);
  s.filter(1, row - 1, tCols - 1);
  s.page({1, 1, c.footer, false, &c.model.site.print}, c.f.note());
  s.flush();
  highlight_statuses(s.ws(), f, 2, row - 1, tStatus);
  worksheet_freeze_panes(s.ws(), 2, 0);
  worksheet_print_area(s.ws(), 0, 0, static_cast<lxw_row_t>(row - 1 + signature_rows(c.model.site.print)), tStatus);
}

enum OCol { oProg, oNum, oName, oTerm, oStatus, oOverdue, oReason, oCols };

// The measures a board asks about: overdue or not done, by programme and number.
void overdue_sheet(lxw_workbook* wb, BoardContext& c) {
  Formats& f = c.f;
  const SiteMetrics& metrics = c.metrics;
  Sheet s(wb, tr_doc("xlsx.overdue.sheet"), Rows::Streamed);
  s.merge(0, 0, 0, oCols - 1,
          tr_doc("xlsx.overdue.heading", {period_text(metrics.report), as_of_text(metrics.report)}),
          f.title(), false);
  const std::string heads[oCols] = {tr_doc("xlsx.overdue.programme"), tr_doc("xlsx.execution.no"),
                                    tr_doc("xlsx.execution.measure"),  tr_doc("xlsx.execution.term"),
                                    tr_doc("xlsx.execution.status"),   tr_doc("xlsx.execution.overdue"),
                                    tr_doc("xlsx.execution.reason")};
  for (int col = 0; col < oCols; ++col) s.text(1, col, heads[col], f.header(), true);
  const std::string overdue = tr_doc("mstatus.overdue"), none;
  int row = 2;
  for (size_t i = 0; i < c.model.programmes.size(); ++i) {
    for (const LateMeasure& l : c.programmes[i].late) {
      s.kept_text(row, oProg, c.names[i], f.text());
      s.kept_text(row, oNum, l.m->number, f.text());
      s.kept_text(row, oName, l.m->name, f.text());
      s.kept_text(row, oTerm, l.term, f.text());
      s.kept_text(row, oStatus, l.e.status, f.text());
      s.kept_text(row, oOverdue, l.e.overdue ? overdue : none, f.text());
      s.kept_text(row, oReason, l.e.reason, f.text());
      ++row;
    }
  }
  if (row == 2) {
    s.merge(2, 0, 2, oCols - 1, tr_doc("xlsx.overdue.none"), f.muted(), false);
    row = 3;
  }
  s.max_width(oProg, 24);
  s.min_width(oNum, 7);
  s.max_width(oName, 45);
  s.max_width(oTerm, 16);
  s.min_width(oStatus, 14);
  s.min_width(oOverdue, 12);
  s.min_width(oReason, 20);
  s.max_width(oReason, 30);
  s.filter(1, row - 1, oCols - 1);
  s.page({1, 1, c.footer, false, &c.model.site.print}, c.f.note());
  s.flush();
  highlight_execution(s.ws(), f, 2, row - 1, oStatus);
  flag_overdue(s.ws(), f, 2, row - 1, oOverdue);
  worksheet_freeze_panes(s.ws(), 2, 0);
}

}  // namespace

std::vector<BoardProgramme> xlsx::board_programmes(const SiteModel& model, const SiteMetrics& metrics, int jobs) {
  std::vector<BoardProgramme> out(model.programmes.size());
  parallel_indices(out.size(), jobs, [&](size_t i) {
    const DocumentLanguage in_site_language(model.site.locale);  // per thread: the measures' status words
    const Programme& p = model.programmes[i];
    BoardProgramme& b = out[i];
    b.pm = metrics.programme(p.id);
    b.year = b.pm && b.pm->report_year ? b.pm->report_year : metrics.report.year;
    for (const Measure& m : p.measures) {
      // Leaves, as the summary's counts: «1.» is not listed again beside its overdue «1.1.». The
      // execution (its texts) only of these few.
      const MeasureMetrics* mm = metrics.measure(p.id, m.id);
      if (mm && mm->leaf && (mm->overdue || mm->status == MeasureState::NotDone))
        b.late.push_back({&m, execution_of(m, mm, b.year), term_text(m, mm)});
    }
    // The status sheets read the figures of the programme's report year, else the site's.
    const int figures_year = b.pm ? b.pm->report_year : model.site.report_year;
    for (const Indicator& ind : p.indicators)
      if (const IndicatorMetrics* im = metrics.indicator(p.id, ind.id))
        b.indicators.push_back({&ind, im, year_of(im, figures_year)});
  });
  return out;
}

std::string build_board_xlsx(const SiteModel& model, const SiteMetrics& metrics, Diagnostics& diags, int jobs) {
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
  const std::vector<BoardProgramme> programmes = board_programmes(model, metrics, jobs);
  return render_workbook(info, output_path(Output::BoardWorkbook), diags, [&](lxw_workbook* wb) {
    Formats f(wb);
    BoardContext c{model, metrics, f, footer, programme_names(model.programmes), programmes};
    summary_sheet(wb, c);
    write_chart_sheet(wb, c);
    write_programme_pages(wb, c);
    overdue_sheet(wb, c);
    for (IndicatorStatus st : all_values<IndicatorStatus>()) status_sheet(wb, c, st);
  });
}

void build_annexes(const SiteModel& model, const SiteMetrics& metrics, Diagnostics& diags, int jobs,
                   const FileSink& sink, const RenderScope& scope) {
  // One slot per workbook, each with its own diagnostics, merged in programme order afterwards:
  // the result does not depend on the threads. libxlsxwriter workbooks share no state; each gets
  // its own temporary folder (render_workbook) and all carry the same document date.
  std::vector<Diagnostics> local(model.programmes.size());
  parallel_indices(local.size(), jobs, [&](size_t i) {
    if (!scope.wants(i)) return;
    const std::string bytes = build_annex_xlsx(model.site, model.programmes[i], metrics, local[i]);
    if (!bytes.empty()) sink(workbook_path(model.programmes[i].id), bytes);
  });
  for (auto& d : local) diags.append(d);
}

std::vector<OutputFile> build_workbooks(const SiteModel& model, const SiteMetrics& metrics, Diagnostics& diags,
                                        int jobs) {
  std::vector<OutputFile> out;
  std::mutex mu;
  build_annexes(model, metrics, diags, jobs, [&](const std::string& path, std::string_view bytes) {
    std::lock_guard<std::mutex> lock(mu);
    out.push_back({path, std::string(bytes)});
  });
  if (std::string board = build_board_xlsx(model, metrics, diags, jobs); !board.empty())
    out.push_back({output_path(Output::BoardWorkbook), std::move(board)});
  // Programme order, then the board, whatever order the threads finished in.
  std::map<std::string, size_t> order;
  for (size_t i = 0; i < model.programmes.size(); ++i) order[workbook_path(model.programmes[i].id)] = i;
  auto rank = [&](const OutputFile& f) { auto it = order.find(f.path); return it == order.end() ? order.size() : it->second; };
  std::sort(out.begin(), out.end(), [&](const OutputFile& a, const OutputFile& b) { return rank(a) < rank(b); });
  return out;
}

}  // namespace vitrina
