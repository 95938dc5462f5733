// `vitrina import FILE`: facts and measure statuses from a filled data-entry workbook (or a CSV
// with its columns) into the programme's JSON files. Read everything, check everything, report
// every problem with its sheet and cell; only when there is none, edit the files' texts in
// place (json_edit.h) and write them atomically.
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>

#include <unicode/unistr.h>

#include "cli/data_entry.h"
#include "collect/layout.h"
#include "compute/indicator_rules.h"
#include "compute/metrics.h"
#include "import/json_edit.h"
#include "load/loader.h"
#include "load/read_programme.h"
#include "output/xlsx/sheet.h"
#include "tabular/table.h"
#include "text/format.h"
#include "text/messages.h"
#include "util/atomic_file.h"
#include "util/read_file.h"

namespace vitrina {

namespace fs = std::filesystem;
using nlohmann::ordered_json;
using namespace collect;
using tabular::Cell;

namespace {

bool non_negative(const Indicator& ind) {
  return is_percent(ind) || ind.kind == IndicatorKind::Count || is_lower_better(ind);
}

std::string trim(std::string_view s) {
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size()))).trim().toUTF8String(out);
  return out;
}

std::string number_word(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  std::string s = buf;
  for (auto& c : s)
    if (c == '.') c = ',';
  return s;
}

// A percent-formatted cell's value in percent: 0.007 → 0.7, not 0.7000000000000001 (the
// binary product's noise beyond what a spreadsheet shows).
double percent_points(double fraction) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.12g", fraction * 100);
  return std::strtod(buf, nullptr);
}

// A decimal as Russian spreadsheets write it: «12,5», «12.5», «1 234,5» (spaces, no-break spaces).
std::optional<double> parse_decimal(std::string_view text) {
  std::string s;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t') continue;
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) { ++i; continue; }
    if (c == 0xE2 && text.substr(i, 3) == "\u202F") { i += 2; continue; }
    s += c == ',' ? '.' : static_cast<char>(c);
  }
  if (s.empty() || s.find_first_not_of("+-.0123456789eE") != std::string::npos) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string cell_text(const Cell* c) {
  if (!c) return "";
  if (c->type == Cell::Type::Number) return number_word(c->number);
  if (c->type == Cell::Type::Boolean) return c->number ? kYes : kNo;
  return trim(c->text);
}

// One table of the file: its rows as read and where its columns are.
struct Table {
  std::string label;  // «Факты» or «Мероприятия», as diagnostics name it
  const tabular::Sheet* sheet = nullptr;
  std::map<std::string, uint32_t> columns;  // header → column
  std::optional<uint32_t> col(const char* header) const {
    auto it = columns.find(normalise_word(header));
    return it == columns.end() ? std::nullopt : std::optional<uint32_t>(it->second);
  }
  const Cell* at(uint32_t row, std::optional<uint32_t> c) const { return c ? sheet->at(row, *c) : nullptr; }
};

Table make_table(const std::string& label, const tabular::Sheet& s) {
  Table t{label, &s, {}};
  for (uint32_t c = 0; c < 64; ++c)
    if (const Cell* h = s.at(0, c); h && h->type == Cell::Type::Text) t.columns.emplace(normalise_word(h->text), c);
  return t;
}

struct FactEntry {
  const Indicator* ind;
  int year;
  FactPeriod period;
  std::optional<double> value;
  std::string source, note;
  std::string where;  // «Факты!G12»
};

struct StatusEntry {
  const Measure* measure;
  int year;
  MeasureState status = MeasureState::Planned;
  std::string result, reason;
  std::string where;
};

class Importer {
 public:
  Importer(const ImportOptions& imp, const std::string& file_label, Diagnostics& diags)
      : imp_(imp), file_(file_label), diags_(diags) {}

  void error(const std::string& where, const std::string& msg) { diags_.error(file_, 0, 0, where + ": " + msg); }

  const Programme* choose_programme(const SiteModel& model, const std::string& from_workbook,
                                    const std::vector<Table>& tables) {
    std::string id = imp_.programme.empty() ? from_workbook : imp_.programme;
    if (!id.empty()) {
      for (const auto& p : model.programmes)
        if (p.id == id) return &p;
      diags_.error(file_, 0, 0, tr("annex.unknown", {id}));
      return nullptr;
    }
    // A CSV names no programme: the one that has every code of the file.
    const Programme* found = nullptr;
    int matches = 0;
    for (const auto& p : model.programmes)
      if (has_all_codes(p, tables)) found = &p, ++matches;
    if (matches != 1) diags_.error(file_, 0, 0, tr("import.which_programme"));
    return matches == 1 ? found : nullptr;
  }

  void read_facts(const Table& t, const Programme& p) {
    const auto code = t.col(header(FactsSheetColumn::Code)), year = t.col(header(FactsSheetColumn::Year)),
               period = t.col(header(FactsSheetColumn::Period)), fact = t.col(header(FactsSheetColumn::Fact)),
               source = t.col(header(FactsSheetColumn::Source)), comment = t.col(header(FactsSheetColumn::Comment));
    if (!require(t, {{code, header(FactsSheetColumn::Code)}, {year, header(FactsSheetColumn::Year)}, {fact, header(FactsSheetColumn::Fact)}}))
      return;
    std::set<std::tuple<const Indicator*, int, FactPeriod>> seen;
    for (uint32_t r = 1; r < t.sheet->rows; ++r) {
      const Cell* fc = t.at(r, fact);
      FactEntry e{nullptr, 0, FactPeriod::Year, std::nullopt, cell_text(t.at(r, source)), cell_text(t.at(r, comment)),
                  ""};
      if (!fc && e.source.empty() && e.note.empty()) continue;  // nothing entered on this row
      const std::string id = cell_text(t.at(r, code));
      for (const auto& ind : p.indicators)
        if (ind.id == id) e.ind = &ind;
      if (!e.ind) {
        error(where(t, r, *code), tr("import.unknown_indicator", {id, p.id}));
        continue;
      }
      if (!read_year(t, r, *year, p, e.year)) continue;
      const std::string pw = cell_text(t.at(r, period));
      if (auto pp = period_from_word(pw)) e.period = *pp;
      else {
        error(where(t, r, *period), tr("import.bad_period", {pw}));
        continue;
      }
      e.where = where(t, r, *fact);
      if (fc && !read_value(*fc, *e.ind, e.where, e.value)) continue;
      if (!seen.insert({e.ind, e.year, e.period}).second) {
        error(where(t, r, *code), tr("import.duplicate_row", {e.ind->id, std::to_string(e.year), period_word(e.period)}));
        continue;
      }
      facts_.push_back(std::move(e));
    }
  }

  void read_statuses(const Table& t, const Programme& p, int default_year) {
    const auto code = t.col(header(MeasuresSheetColumn::Code)), number = t.col(header(MeasuresSheetColumn::Number)),
               year = t.col(header(MeasuresSheetColumn::Year)), status = t.col(header(MeasuresSheetColumn::Status)),
               result = t.col(header(MeasuresSheetColumn::Result)), reason = t.col(header(MeasuresSheetColumn::Reason));
    if (!require(t, {{status, header(MeasuresSheetColumn::Status)}, {code ? code : number, header(MeasuresSheetColumn::Code)}}))
      return;
    std::set<std::pair<const Measure*, int>> seen;
    for (uint32_t r = 1; r < t.sheet->rows; ++r) {
      StatusEntry e{nullptr, default_year, MeasureState::Planned, cell_text(t.at(r, result)), cell_text(t.at(r, reason)), ""};
      const std::string word = cell_text(t.at(r, status));
      if (word.empty() && e.result.empty() && e.reason.empty()) continue;
      const uint32_t key_col = code ? *code : *number;
      const std::string id = cell_text(t.at(r, key_col));
      for (const auto& m : p.measures)
        if (code ? m.id == id : m.number == id) e.measure = &m;
      if (!e.measure) {
        error(where(t, r, key_col), tr("import.unknown_measure", {id, p.id}));
        continue;
      }
      if (year && !read_year(t, r, *year, p, e.year)) continue;
      e.where = where(t, r, *status);
      const auto state = status_from_word(word);
      if (!state) {
        std::string allowed;
        for (MeasureState st : all_values<MeasureState>())
          allowed += std::string(allowed.empty() ? "" : ", ") + "«" + status_word(st) + "»";
        error(e.where, word.empty() ? tr("import.status_missing", {allowed}) : tr("import.bad_status", {word, allowed}));
        continue;
      }
      e.status = *state;
      if (!seen.insert({e.measure, e.year}).second) {
        error(where(t, r, key_col), tr("import.duplicate_status", {e.measure->id, std::to_string(e.year)}));
        continue;
      }
      statuses_.push_back(std::move(e));
    }
  }

  std::vector<FactEntry> facts_;
  std::vector<StatusEntry> statuses_;

 private:
  static std::string where(const Table& t, uint32_t row, uint32_t col) { return t.label + "!" + tabular::cell_name(row, col); }

  bool require(const Table& t, std::initializer_list<std::pair<std::optional<uint32_t>, const char*>> cols) {
    bool ok = true;
    for (const auto& [c, name] : cols)
      if (!c) {
        error(t.label + "!1", tr("import.no_column", {name}));
        ok = false;
      }
    return ok;
  }

  bool read_year(const Table& t, uint32_t r, uint32_t col, const Programme& p, int& out) {
    const std::string text = cell_text(t.at(r, col));
    auto v = parse_decimal(text);
    if (!v || *v != std::trunc(*v) || *v < 1900 || *v > 2200) {
      error(where(t, r, col), tr("import.bad_year", {text}));
      return false;
    }
    out = static_cast<int>(*v);
    if (p.period.start && p.period.end && (out < *p.period.start || out > *p.period.end)) {
      error(where(t, r, col), tr("year.outside_period", {text, std::to_string(*p.period.start), std::to_string(*p.period.end)}));
      return false;
    }
    return true;
  }

  bool read_value(const Cell& c, const Indicator& ind, const std::string& at, std::optional<double>& out) {
    const std::string shown = c.type == Cell::Type::Number ? number_word(c.number) : c.text;
    if (c.formula) {
      error(at, tr("import.formula"));
      return false;
    }
    if (c.type == Cell::Type::Error) {
      error(at, tr("import.cell_error", {c.text}));
      return false;
    }
    if (is_yes_no(ind)) {
      const std::string w = normalise_word(cell_text(&c));
      if (w == kYes || w == "1") out = 1;
      else if (w == kNo || w == "0") out = 0;
      else error(at, tr("import.expected_yes_no", {shown}));
      return out.has_value();
    }
    const bool pct = is_percent(ind), nonneg = non_negative(ind);
    if (c.type == Cell::Type::Number && c.percent && !pct) {
      // «7%» typed into a count: Excel stores 0.07, which would pass as a count of 0.07.
      error(at, tr("import.percent_in_count", {number_word(percent_points(c.number)) + "%", unit_of(ind)}));
      return false;
    }
    std::optional<double> v;
    if (c.type == Cell::Type::Number) v = c.percent ? percent_points(c.number) : c.number;
    else if (c.type == Cell::Type::Text) v = parse_decimal(c.text);
    if (v && pct && !c.percent && looks_like_fraction(*v, ind)) {
      error(at, tr("import.share_as_fraction", {number_word(*v), number_word(*v * 100), number_word(lowest_level(ind))}));
      return false;
    }
    if (!v || (nonneg && *v < 0) || (pct && *v > 100)) {
      error(at, "\"" + shown + "\" — " +
                    (pct ? tr("import.expected_percent") : nonneg ? tr("import.expected_non_negative") : tr("import.expected_number")));
      return false;
    }
    out = v;
    return true;
  }

  static std::string unit_of(const Indicator& ind) { return ind.unit.empty() ? tr("import.no_unit") : "«" + ind.unit + "»"; }

  // The smallest level the indicator is known at: its baseline, plans and facts already entered
  // (0 when none is known).
  static double lowest_level(const Indicator& ind) {
    std::optional<double> low;
    auto see = [&](const std::optional<double>& v) {
      if (v && (!low || *v < *low)) low = *v;
    };
    see(ind.baseline_value);
    for (const auto& t : ind.targets) see(t.value);
    for (const auto& f : ind.facts) see(f.value);
    return low.value_or(0);
  }

  // A share is entered in percent (docs/facts-import.md: «12,5», not 0,125). A value between 0
  // and 1 where everything known of the indicator is at least 10 % is a fraction typed by mistake
  // (0,7 meant as 70 %); a true 0,7 % is entered in a percent-formatted cell («0,7%»). A share
  // where lower is better may well fall that far: it is not judged.
  static bool looks_like_fraction(double v, const Indicator& ind) {
    constexpr double kFractionGuard = 10;  // percent
    return v > 0 && v < 1 && !is_lower_better(ind) && lowest_level(ind) >= kFractionGuard;
  }

  static bool has_all_codes(const Programme& p, const std::vector<Table>& tables) {
    bool any = false;
    for (const auto& t : tables) {
      const bool facts = t.label == kFactsSheet;
      auto c = t.col(facts ? header(FactsSheetColumn::Code) : header(MeasuresSheetColumn::Code));
      if (!c) return false;
      for (uint32_t r = 1; r < t.sheet->rows; ++r) {
        const std::string id = cell_text(t.sheet->at(r, *c));
        if (id.empty()) continue;
        any = true;
        const bool known = facts ? std::any_of(p.indicators.begin(), p.indicators.end(), [&](const Indicator& i) { return i.id == id; })
                                 : std::any_of(p.measures.begin(), p.measures.end(), [&](const Measure& m) { return m.id == id; });
        if (!known) return false;
      }
    }
    return any;
  }

  const ImportOptions& imp_;
  std::string file_;
  Diagnostics& diags_;
};

bool same(const std::optional<double>& a, double b) { return a && std::fabs(*a - b) <= 1e-9 * std::max(1.0, std::fabs(b)); }

// A fact's numerator and denominator that give another figure than its new value would replace
// that value on every page and in every file (docs/metrics.md «Факты»). The workbook has no
// columns for them, so the value typed into it is the newer word: they are removed from the
// fact, and the list of changes says so.
void drop_stale_parts(const Indicator& ind, const Fact& old, double value, JsonTextEditor& ed,
                      const std::string& name, const std::string& when, std::vector<std::string>& changes) {
  const int precision = default_precision(ind);
  const std::optional<double> from_parts = fact_from_parts(ind, old);
  if (!from_parts || stated_fact_stands(value, *from_parts, precision)) return;
  ed.remove_member(old.origin.pointer, "numerator");
  ed.remove_member(old.origin.pointer, "denominator");
  changes.push_back(tr("import.change_parts_dropped",
                       {name, when, number_word(*old.numerator) + "/" + number_word(*old.denominator),
                        number_word(round_decimal(*from_parts, precision).value)}));
}

// The edits of one data file and the lines that describe them.
struct FileEdit {
  fs::path path;
  std::unique_ptr<JsonTextEditor> editor;
  std::string read;  // the text as read: a file whose edits left it so is not written again
  bool changed() const { return editor->text() != read; }
};

}  // namespace

int run_import(const BuildOptions& opt, const ImportOptions& imp) {
  const std::string label = imp.file.filename().string();
  std::string bytes;
  std::error_code ec;
  tabular::ReadLimits limits;
  if (fs::file_size(imp.file, ec) > limits.max_file_bytes || ec || !read_file(imp.file, bytes)) {
    std::cerr << label << ": " << (ec ? tr("file.unreadable", {imp.file.string()}) : tr("file.too_large", {std::to_string(fs::file_size(imp.file, ec)), std::to_string(limits.max_file_bytes)})) << "\n";
    return kExitUsage;
  }
  // The file's tables: «Факты» and «Мероприятия» of a workbook, or one CSV table named by its columns.
  tabular::Workbook wb;
  std::string error, programme_in_file;
  int status_year = 0;
  std::vector<Table> tables;
  const bool xlsx = bytes.starts_with("PK") || bytes.starts_with("\xD0\xCF\x11\xE0");
  if (xlsx) {
    if (!tabular::read_xlsx(bytes, wb, error, limits, {kFactsSheet, kMeasuresSheet, kServiceSheet})) {
      std::cerr << label << ": error: " << error << "\n" << tr("import.nothing_written") << "\n";
      return kExitDataErrors;
    }
    for (const char* name : {kFactsSheet, kMeasuresSheet})
      if (const tabular::Sheet* s = wb.find(name)) tables.push_back(make_table(name, *s));
    if (const tabular::Sheet* s = wb.find(kServiceSheet); s && s->at(0, 0) && s->at(0, 0)->text == kMarker) {
      programme_in_file = cell_text(s->at(0, 1));
      if (const Cell* y = s->at(1, 1); y && y->type == Cell::Type::Number) status_year = static_cast<int>(y->number);
    }
  } else {
    wb.sheets.emplace_back();
    if (!tabular::read_csv(bytes, wb.sheets[0], error, limits)) {
      std::cerr << label << ": error: " << error << "\n" << tr("import.nothing_written") << "\n";
      return kExitDataErrors;
    }
    Table t = make_table(kFactsSheet, wb.sheets[0]);
    if (!t.col(header(FactsSheetColumn::Fact))) t.label = kMeasuresSheet;
    tables.push_back(t);
  }
  if (tables.empty()) {
    std::cerr << label << ": error: " << tr("import.no_tables") << "\n";
    return kExitDataErrors;
  }

  Diagnostics diags;
  LoadResult loaded;
  if (!load_for_command(opt, loaded, diags)) {
    report_diagnostics(diags, opt);
    std::cerr << tr("import.site_has_errors") << "\n";
    return kExitDataErrors;
  }
  const SiteModel& model = loaded.model;
  Importer in(imp, label, diags);
  const Programme* p = in.choose_programme(model, programme_in_file, tables);
  if (p) {
    if (!status_year) status_year = opt.year ? opt.year : model.site.report_year;
    for (const auto& t : tables) {
      if (t.label == kFactsSheet) in.read_facts(t, *p);
      else in.read_statuses(t, *p, status_year);
    }
  }

  // What changes, and what would be overwritten without --replace.
  std::vector<std::string> changes;
  const fs::path site = opt.site_dir;
  std::map<std::string, FileEdit> files;  // by origin file (relative to the site)
  auto editor_for = [&](const std::string& rel) -> JsonTextEditor* {
    auto it = files.find(rel);
    if (it != files.end()) return it->second.editor.get();
    FileEdit fe{site / rel, nullptr, {}};
    if (!read_file(fe.path, fe.read)) return nullptr;
    fe.editor = std::make_unique<JsonTextEditor>(fe.read);
    return files.emplace(rel, std::move(fe)).first->second.editor.get();
  };
  std::map<std::string, std::vector<std::pair<int, ordered_json>>> fact_inserts, status_inserts;  // by indicator/measure pointer

  auto conflict = [&](const std::string& where, const std::string& what, const std::string& old_v, const std::string& new_v) {
    in.error(where, tr("import.conflict", {what, old_v, new_v}));
  };
  for (const auto& e : in.facts_) {
    const Indicator& ind = *e.ind;
    const std::string name = ind.id + " «" + xlsx::clip_code_points(ind.name, 60) + "»";
    const std::string when = std::to_string(e.year) + (e.period == FactPeriod::Year ? "" : " (" + period_word(e.period) + ")");
    auto show = [&](double v) { return is_yes_no(ind) ? std::string(v ? kYes : kNo) : number_word(v); };
    const Fact* old = nullptr;
    for (const auto& f : ind.facts)
      if (f.year == e.year && f.period == e.period) old = &f;
    if (!old) {
      if (!e.value && e.source.empty() && e.note.empty()) continue;
      ordered_json f = {{"year", e.year}};
      if (e.period != FactPeriod::Year) f["period"] = fact_period_key(e.period);
      if (e.value) f["value"] = *e.value;
      if (!e.source.empty()) f["source"] = e.source;
      if (!e.note.empty()) f["note"] = e.note;
      fact_inserts[ind.origin.pointer].push_back({e.year * 10 + period_order(e.period), f});
      changes.push_back(tr("import.change_fact", {name, when, "—", e.value ? show(*e.value) : "—"}));
      continue;
    }
    JsonTextEditor* ed = editor_for(ind.origin.file);
    if (!ed) continue;
    if (e.value && !same(old->value, *e.value)) {
      if (old->value && !imp.replace) conflict(e.where, tr("import.what_fact", {when}), show(*old->value), show(*e.value));
      else {
        ed->set_member(old->origin.pointer, "value", *e.value);
        changes.push_back(tr("import.change_fact", {name, when, old->value ? show(*old->value) : "—", show(*e.value)}));
        drop_stale_parts(ind, *old, *e.value, *ed, name, when, changes);
      }
    }
    // Each field with its catalogue keys (literal, so that tests/py/test_catalogue.py sees them).
    for (auto [field, now, was, what_key, change_key] :
         {std::tuple{"source", &e.source, &old->source, "import.what_source", "import.change_source"},
          std::tuple{"note", &e.note, &old->note.str(), "import.what_note", "import.change_note"}}) {
      if (now->empty() || *now == *was) continue;
      if (!was->empty() && !imp.replace) {
        conflict(e.where, tr(what_key, {when}), *was, *now);
        continue;
      }
      ed->set_member(old->origin.pointer, field, *now, "value");
      changes.push_back(tr(change_key, {name, when, was->empty() ? "—" : *was, *now}));
    }
  }
  for (const auto& e : in.statuses_) {
    const Measure& m = *e.measure;
    const std::string name = (m.number.empty() ? m.id : m.number) + " «" + xlsx::clip_code_points(m.name, 60) + "»";
    const MeasureStatus* old = nullptr;
    size_t index = 0;
    for (size_t i = 0; i < m.status.size(); ++i)
      if (m.status[i].year == e.year) old = &m.status[i], index = i;
    if (!old) {
      ordered_json s = {{"year", e.year}, {"status", measure_status_key(e.status)}};
      if (!e.result.empty()) s["result"] = e.result;
      if (!e.reason.empty()) s["reason"] = e.reason;
      status_inserts[m.origin.pointer].push_back({e.year, s});
      changes.push_back(tr("import.change_status", {name, std::to_string(e.year), "—", status_word(e.status)}));
      continue;
    }
    JsonTextEditor* ed = editor_for(m.origin.file);
    if (!ed) continue;
    const std::string ptr = m.origin.pointer + "/status/" + std::to_string(index);
    if (e.status != old->status) {
      if (!imp.replace) conflict(e.where, tr("import.what_status", {std::to_string(e.year)}), status_word(old->status), status_word(e.status));
      else {
        ed->set_member(ptr, "status", measure_status_key(e.status));
        changes.push_back(tr("import.change_status", {name, std::to_string(e.year), status_word(old->status), status_word(e.status)}));
      }
    }
    for (auto [field, now, was, what_key, change_key] :
         {std::tuple{"result", &e.result, &old->result, "import.what_result", "import.change_result"},
          std::tuple{"reason", &e.reason, &old->reason.str(), "import.what_reason", "import.change_reason"}}) {
      if (now->empty() || *now == *was) continue;
      if (!was->empty() && !imp.replace) {
        conflict(e.where, tr(what_key, {std::to_string(e.year)}), *was, *now);
        continue;
      }
      ed->set_member(ptr, field, *now, "status");
      changes.push_back(tr(change_key, {name, std::to_string(e.year), was->empty() ? "—" : *was, *now}));
    }
  }
  if (diags.has_errors()) {
    report_diagnostics(diags, opt);
    std::cerr << tr("import.nothing_written") << "\n";
    return kExitDataErrors;
  }

  // New facts and statuses go into their arrays in (year, period) order.
  auto insert_all = [&](const auto& inserts, const auto& owners, const char* array, const char* after, auto key_of) {
    for (const auto& [owner_ptr, items] : inserts) {
      const auto* owner = owners(owner_ptr);
      JsonTextEditor* ed = editor_for(owner->origin.file);
      if (!ed) continue;
      std::vector<int> keys = key_of(*owner);
      auto sorted = items;
      std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      for (const auto& [k, value] : sorted) {
        if (keys.empty() && !ed->set_member(owner_ptr, array, ordered_json::array({value}), after)) continue;
        if (keys.empty()) {
          keys.push_back(k);
          continue;
        }
        // Arrays written by hand may be in any order: insert after the last smaller key.
        size_t at = keys.size();
        while (at > 0 && keys[at - 1] > k) --at;
        ed->insert_element(owner_ptr + "/" + array, at, value);
        keys.insert(keys.begin() + static_cast<std::ptrdiff_t>(at), k);
      }
    }
  };
  auto indicator_at = [&](const std::string& ptr) {
    for (const auto& ind : p->indicators)
      if (ind.origin.pointer == ptr) return &ind;
    return static_cast<const Indicator*>(nullptr);
  };
  auto measure_at = [&](const std::string& ptr) {
    for (const auto& m : p->measures)
      if (m.origin.pointer == ptr) return &m;
    return static_cast<const Measure*>(nullptr);
  };
  insert_all(fact_inserts, indicator_at, "facts", "targets", [](const Indicator& ind) {
    std::vector<int> k;
    for (const auto& f : ind.facts) k.push_back(f.year * 10 + period_order(f.period));
    return k;
  });
  insert_all(status_inserts, measure_at, "status", "events", [](const Measure& m) {
    std::vector<int> k;
    for (const auto& s : m.status) k.push_back(s.year);
    return k;
  });

  for (const auto& c : changes) std::cout << c << "\n";
  if (changes.empty()) {
    if (!opt.quiet) std::cerr << tr("import.no_changes") << "\n";
    return kExitOk;
  }
  // Safety nets: the texts parse to exactly the intended documents and read without errors;
  // and nothing is written outside the site's data/.
  for (auto& [rel, fe] : files) {
    Diagnostics check;
    nlohmann::json j;
    PositionMap pos;
    Programme scratch;
    std::string field;
    const bool parsed = fe.editor->verify() && parse_json_text(fe.editor->text(), rel, j, pos, check);
    if (parsed) {
      FileContext ctx{rel, &pos, &check};
      if (rel.ends_with("measures.json")) read_measures(ctx, j, scratch, field);
      else read_indicators(ctx, j, scratch, field);
    }
    const fs::path data = fs::weakly_canonical(site / "data"), target = fs::weakly_canonical(fe.path);
    const bool in_data = std::mismatch(data.begin(), data.end(), target.begin(), target.end()).first == data.end();
    if (!parsed || check.has_errors() || !in_data) {
      check.error(rel, 0, 0, tr("import.internal"));
      report_diagnostics(check, opt);
      std::cerr << tr("import.nothing_written") << "\n";
      return kExitDataErrors;
    }
  }
  if (imp.dry_run) {
    std::cerr << tr("import.dry_run") << "\n";
    return kExitOk;
  }
  // Every file's new text is written beside it first; only then are they renamed over the old.
  std::vector<std::pair<fs::path, fs::path>> staged;
  for (auto& [rel, fe] : files) {
    if (!fe.changed()) continue;  // opened for a record whose values were all as before
    fs::path tmp = fe.path;
    tmp += ".vitrina-import";
    if (!write_file_atomically(tmp, fe.editor->text(), error)) {
      for (const auto& [t, f] : staged) fs::remove(t, ec);
      std::cerr << tr("import.write_failed", {tmp.string()}) << ": " << error << "\n"
                << tr("import.nothing_written") << "\n";
      return kExitDataErrors;
    }
    staged.push_back({tmp, fe.path});
  }
  for (const auto& [tmp, file] : staged) {
    fs::rename(tmp, file, ec);
    if (ec) {
      std::cerr << tr("import.write_failed", {file.string()}) << ": " << ec.message() << "\n";
      return kExitDataErrors;
    }
    if (!opt.quiet) std::cerr << tr("annex.done", {fs::relative(file, site, ec).string()}) << "\n";
  }
  return kExitOk;
}

}  // namespace vitrina
