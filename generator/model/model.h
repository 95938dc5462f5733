// The data model: plain structs filled by the loader, read by every later stage.
// Text is kept exactly as printed; optional values are std::optional (absent is not zero).
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/period.h"
#include "model/vocabulary.h"

namespace vitrina {

// A data file's name, shared by the thousands of objects read from one file (a string per
// object was ~8 % of the model's memory on a large site).
class FileName {
 public:
  FileName() = default;
  FileName(std::string name) : name_(std::make_shared<const std::string>(std::move(name))) {}
  FileName(const char* name) : FileName(std::string(name)) {}
  const std::string& str() const { return name_ ? *name_ : empty_name(); }
  operator const std::string&() const { return str(); }
  bool empty() const { return str().empty(); }
  bool operator==(const FileName& o) const { return str() == o.str(); }

 private:
  static const std::string& empty_name() {
    static const std::string none;
    return none;
  }
  std::shared_ptr<const std::string> name_;
};

// A list of strings that is nearly always empty (notes, inferred fields and acknowledged codes
// sit on each of ~700 objects per programme): one pointer instead of a vector's three.
class TextList {
 public:
  TextList() = default;
  TextList(const TextList& o) : v_(o.v_ ? std::make_unique<std::vector<std::string>>(*o.v_) : nullptr) {}
  TextList(TextList&&) noexcept = default;
  TextList& operator=(const TextList& o) {
    if (this != &o) v_ = o.v_ ? std::make_unique<std::vector<std::string>>(*o.v_) : nullptr;
    return *this;
  }
  TextList& operator=(TextList&&) noexcept = default;
  TextList& operator=(std::vector<std::string> v) {
    v_ = v.empty() ? nullptr : std::make_unique<std::vector<std::string>>(std::move(v));
    return *this;
  }
  const std::vector<std::string>& items() const { return v_ ? *v_ : none(); }
  operator const std::vector<std::string>&() const { return items(); }
  std::vector<std::string>::const_iterator begin() const { return items().begin(); }
  std::vector<std::string>::const_iterator end() const { return items().end(); }
  bool empty() const { return !v_ || v_->empty(); }
  size_t size() const { return v_ ? v_->size() : 0; }
  void push_back(std::string s) {
    if (!v_) v_ = std::make_unique<std::vector<std::string>>();
    v_->push_back(std::move(s));
  }
  bool operator==(const TextList& o) const { return items() == o.items(); }

 private:
  static const std::vector<std::string>& none() {
    static const std::vector<std::string> empty;
    return empty;
  }
  std::unique_ptr<std::vector<std::string>> v_;
};

// A text that is nearly always empty (a target's part, an interim fact's date, why a measure was
// not done…): one pointer instead of a string's 32 bytes, on each of the ~70 000 targets, facts
// and yearly statuses of a large site; the model of a rebuild is decoded anew, a page fault for
// every 4 KiB of it. Read as the string it holds ("" when empty).
class RareText {
 public:
  RareText() = default;
  RareText(std::string s) { *this = std::move(s); }
  RareText(const char* s) : RareText(std::string(s)) {}
  RareText(const RareText& o) : s_(o.s_ ? std::make_unique<std::string>(*o.s_) : nullptr) {}
  RareText(RareText&&) noexcept = default;
  RareText& operator=(const RareText& o) {
    if (this != &o) s_ = o.s_ ? std::make_unique<std::string>(*o.s_) : nullptr;
    return *this;
  }
  RareText& operator=(RareText&&) noexcept = default;
  RareText& operator=(std::string s) {
    s_ = s.empty() ? nullptr : std::make_unique<std::string>(std::move(s));
    return *this;
  }
  RareText& operator=(const char* s) { return *this = std::string(s); }
  const std::string& str() const { return s_ ? *s_ : none(); }
  operator const std::string&() const { return str(); }
  bool empty() const { return !s_; }
  size_t size() const { return str().size(); }
  const char* c_str() const { return str().c_str(); }
  bool operator==(const RareText& o) const { return str() == o.str(); }
  bool operator==(const std::string& o) const { return str() == o; }
  bool operator==(const char* o) const { return str() == o; }
  friend std::string operator+(const RareText& a, const std::string& b) { return a.str() + b; }
  friend std::string operator+(const RareText& a, const char* b) { return a.str() + b; }
  friend std::string operator+(const std::string& a, const RareText& b) { return a + b.str(); }
  friend std::string operator+(const char* a, const RareText& b) { return a + b.str(); }

 private:
  static const std::string& none() {
    static const std::string empty;
    return empty;
  }
  std::unique_ptr<std::string> s_;
};

// Where an object came from: the data file and the line of its JSON object, for diagnostics,
// and the lines of the source document it encodes.
struct Origin {
  FileName file;         // data file, relative to the site folder
  std::string pointer;   // JSON pointer of the object
  int line = 0, column = 0;
  int doc_first = 0, doc_last = 0;  // `lines` in the data: source-document lines
  bool operator==(const Origin&) const = default;
};

// Common to every object: notes, inferred field names, origin.
struct Annotated {
  TextList notes;
  TextList inferred;
  // Codes of warnings the data's author has reviewed (see docs/data-format.md): they are
  // still computed and counted, but not printed unless asked for.
  TextList acknowledged;
  Origin origin;
  bool acknowledges(const std::string& code) const {
    for (const auto& c : acknowledged)
      if (c == code) return true;
    return false;
  }
  bool is_inferred(const std::string& field) const {
    for (const auto& f : inferred)
      if (f == field) return true;
    return false;
  }
  bool operator==(const Annotated&) const = default;
};

struct Methodology {
  // Status of an indicator from its achievement degree (fact vs plan), see docs/metrics.md.
  double achieved_min = 1.0;   // degree >= this: achieved
  double on_track_min = 0.95;  // before the target year: on track when >= this
  double at_risk_min = 0.8;    // >= this: at risk, else not achieved
  // Effectiveness rating thresholds (Минэкономразвития methodology).
  double rating_high = 0.9, rating_medium = 0.8, rating_satisfactory = 0.7;
  double cap = 1.0;  // achievement degree cap for aggregation
  double weight_indicators = 0.5, weight_measures = 0.5;
  DoneRule done_rule = DoneRule::Done;
  bool trend = true;               // Open SDG progress status where facts allow
  bool operator==(const Methodology&) const = default;
};

// A signature line under every printed workbook sheet (site.json `print.signatures`).
struct Signature {
  std::string position, name;
  bool operator==(const Signature&) const = default;
};

// What the printed workbooks carry besides their tables (site.json `print`).
struct PrintSettings {
  std::string annex_line;            // «Приложение № 2 к протоколу заседания коллегии от …», top right
  std::vector<Signature> signatures;  // signature block under each sheet
  bool operator==(const PrintSettings&) const = default;
};

struct Site {
  std::string title, owner;
  std::string locale = "ru";
  std::string base_url = "/";
  int report_year = 0;
  // Interim reporting (docs/metrics.md §10): the part of the report year reported on, and the
  // date the report is as of ("" : derived by the compute stage, compute/report_date.h).
  FactPeriod report_period = FactPeriod::Year;
  std::string as_of;
  std::string build_date;  // ISO date used in workbooks and feeds; keeps output deterministic
  std::string theme = "default";
  bool allow_raw_html = false;
  bool demo = false;
  bool htaccess = false;  // also write output/.htaccess for Apache hosting
  bool publish_rating = true;  // the effectiveness rating on the public pages (always in board.xlsx and the report)
  PrintSettings print;
  bool strict = true;     // unknown fields are errors (false: warnings)
  std::vector<std::string> programme_order;
  Methodology methodology;
  Origin origin;
  bool operator==(const Site&) const = default;
};

struct Reference : Annotated {
  std::string id, kind, body, title, date, number, printed, role;
  std::vector<std::string> cycle;
  bool operator==(const Reference&) const = default;
};

struct Direction : Annotated { std::string id, number, title, text; bool synthetic_number = false; bool operator==(const Direction&) const = default; };
struct Goal : Annotated { std::string id, number, text, rationale, feasibility, direction, group; bool synthetic_number = false; bool operator==(const Goal&) const = default; };
struct Task : Annotated { std::string id, number, text, goal, direction; bool synthetic_number = false; bool operator==(const Task&) const = default; };
struct IndicatorGroup : Annotated { std::string id, number, title, goal_text; bool synthetic_number = false; bool operator==(const IndicatorGroup&) const = default; };
struct MeasureSection : Annotated { std::string id, number, title, task, direction; bool synthetic_number = false; bool operator==(const MeasureSection&) const = default; };

struct Block { std::string type, text; bool operator==(const Block&) const = default; };  // type: paragraph | item

// A table printed inside a cycle component (Kirov sections 4–6 and 9): the printed column
// headers and the rows; each cell is its lines (one paragraph, or the items of a list).
struct PrintedTable {
  std::vector<std::string> columns;
  std::vector<std::vector<std::vector<std::string>>> rows;
  bool operator==(const PrintedTable&) const = default;
};

struct CycleComponent : Annotated {
  std::string number;  // the row number the document printed for it («1.», Strezhevoy, Belomorsk)
  std::string kind, heading;
  std::vector<Block> blocks;
  std::optional<PrintedTable> table;
  std::vector<std::string> documents;  // reference ids
  std::vector<std::string> indicators, measures;
  std::string links_text;
  bool operator==(const CycleComponent&) const = default;
};

// The document printed its management cycle as a table (Strezhevoy's «Паспорт «плана
// мероприятий»», Belomorsk's passport): its title and column headers as printed ("" when the
// document printed none; the site then uses its generic label). The cycle's components are
// its rows.
struct CycleTable : Annotated {
  std::string title;
  std::string number_header, component_header, content_header, documents_header;
  bool operator==(const CycleTable&) const = default;
};

struct Statistic : Annotated {
  std::string id;
  std::optional<double> value;
  std::string unit, as_of, period, scope, quote, indicator;
  bool operator==(const Statistic&) const = default;
};

struct ApprovalRow { std::string position, name, date, result; bool operator==(const ApprovalRow&) const = default; };
struct ApprovalSheet {
  std::string title, date;
  std::vector<ApprovalRow> rows;
  std::vector<std::string> recommendations;
  bool operator==(const ApprovalSheet&) const = default;
};

struct Contact { std::string label, name, phone, role; bool operator==(const Contact&) const = default; };
struct GovernanceBody : Annotated {
  std::string id, name, goal;
  std::vector<std::string> functions;
  bool operator==(const GovernanceBody&) const = default;
};
struct GlossaryEntry { std::string abbr, expansion, source; bool operator==(const GlossaryEntry&) const = default; };

struct YearPeriod {
  std::optional<int> start, end;
  std::string printed;
  bool inferred = false;
  std::vector<std::string> notes;
  bool operator==(const YearPeriod&) const = default;
};

struct Target : Annotated {
  std::optional<int> year;          // absent: by the end of the period
  std::optional<double> value;      // absent: printed only (e.g. truncated)
  Bound op = Bound::Eq;
  std::string printed;
  bool every_year = false;
  RareText part, part_label;
  struct Part { std::string label; std::optional<double> value; bool operator==(const Part&) const = default; };
  std::vector<Part> breakdown;
  bool operator==(const Target&) const = default;
};

struct OrgValue {
  std::string organisation;
  std::optional<double> value, numerator, denominator;
  bool operator==(const OrgValue&) const = default;
};

struct Fact : Annotated {
  int year = 0;
  FactPeriod period = FactPeriod::Year;  // an interim fact covers the year up to the period's end
  RareText as_of;                        // ISO date the interim figure was taken on
  std::optional<double> value, numerator, denominator;
  std::string date, source;
  RareText note;
  std::vector<OrgValue> by_organisation;
  bool operator==(const Fact&) const = default;
};

struct Indicator : Annotated {
  std::string id, number;
  bool synthetic_number = false;
  std::string name, group, direction, goal, task;
  IndicatorKind kind = IndicatorKind::NotStated;
  std::string unit;
  std::optional<int> precision;
  Better better = Better::NotStated;  // not stated: treated as higher
  std::string base_text;
  std::optional<double> baseline_value;
  std::optional<int> baseline_year;
  std::string baseline_printed;
  std::vector<Target> targets;
  std::optional<double> printed_ratio;
  std::string printed_ratio_text;
  std::vector<Fact> facts;
  std::string key_number, key_printed, restates;
  std::vector<std::string> breakdown_of_subject;
  std::string collection_method, processing_method, source, frequency, responsible;
  std::string collection_algorithm;  // «Алгоритм/ порядок сбора информации» (Kaltan §6)
  std::vector<std::string> monitoring_documents;
  bool operator==(const Indicator&) const = default;
};

// The questions of vocabulary.h asked of an indicator.
inline bool is_yes_no(const Indicator& i) { return is_yes_no(i.kind, i.better); }
inline bool is_lower_better(const Indicator& i) { return is_lower_better(i.better); }
inline bool is_assessed(const Indicator& i) { return is_assessed(i.kind); }

struct MeasureEvent { std::string date, title, venue, responsible, result; bool operator==(const MeasureEvent&) const = default; };
struct MeasureStatus {
  int year = 0;
  MeasureState status = MeasureState::Planned;
  std::string result, date;
  RareText reason;  // why it was not done («Причина невыполнения»)
  bool operator==(const MeasureStatus&) const = default;
};
struct Quantity {
  std::optional<double> value;
  Bound op = Bound::Eq;
  std::string unit, subject;
  bool operator==(const Quantity&) const = default;
};

struct Measure : Annotated {
  std::string id, number;
  bool synthetic_number = false;
  std::string parent, section, task, direction, kind, name;
  std::vector<std::string> indicators;
  Period period;  // printed text + structured reading
  std::vector<std::string> responsible;
  std::string responsible_printed;
  std::vector<std::string> participants, organisations;
  std::string expected_result;
  std::vector<Quantity> quantities;
  RareText consequences, implementation_indicator, evaluation_method;
  std::vector<MeasureEvent> events;
  std::vector<MeasureStatus> status;
  std::vector<std::string> inherited;
  bool operator==(const Measure&) const = default;
};

// The document's own measure table: which of a measure's fields the source document printed as
// columns, in which order, under which header text. The measure page lays its columns out from
// it (compute/measure_cells.h gives each cell's text), so a document's «Показатели реализации»
// or «Участники» column appears under its own header. Absent: the data does not describe one,
// and outputs use Vitrina's own columns.
struct MeasureTableColumn {
  MeasureColumn field = MeasureColumn::Name;
  std::string header;  // as printed; "" when the document printed none (a generic label is used)
  std::string group;   // printed header spanning this column and its neighbours with the same group
  bool operator==(const MeasureTableColumn&) const = default;
};
struct MeasureTable : Annotated {
  std::string label;  // appendix label above the table, as printed («ПРИЛОЖЕНИЕ 1»)
  std::string title;  // the table's title, as printed («План мероприятий.»)
  std::vector<MeasureTableColumn> columns;
  bool column_numbers = false;  // a row «1 2 3 …» under the header was printed
  bool has(MeasureColumn c) const {
    for (const auto& col : columns)
      if (col.field == c) return true;
    return false;
  }
  bool operator==(const MeasureTable&) const = default;
};

struct Organisation : Annotated {
  std::string id, name, short_name, type;
  std::vector<std::string> aliases, subdivisions, roles;
  bool operator==(const Organisation&) const = default;
};

struct ContentPage {
  std::string file;       // relative to the site folder
  std::string programme;  // "" for site pages
  std::string slug;       // from the file name
  std::string title;
  int order = 0;
  bool menu = true;
  int doc_first = 0, doc_last = 0;
  std::string markdown;   // body without front matter
  int body_line = 1;      // line of the body's first line in the file
  bool operator==(const ContentPage&) const = default;
};

struct Programme : Annotated {
  std::string id, title, short_title, kind, kind_printed, municipality, region;
  std::string issuer;
  bool issuer_inferred = false;
  std::optional<Reference> approval;
  std::vector<Reference> amendments;
  std::string signatory_position, signatory_name;
  YearPeriod period;
  std::string executor;
  std::vector<std::string> participants;
  // Row numbers the document printed for passport rows that are not cycle components
  // (Belomorsk «1.» executor, «2.» participants, «13.» expected results).
  std::string executor_number, participants_number, expected_results_number;
  std::string parent_title, parent_period, parent_subprogramme, parent_printed;
  std::string regional_framework, funding, entry_into_force;
  std::vector<std::string> expected_results;
  std::vector<Direction> directions;
  std::vector<Goal> goals;
  std::vector<Task> tasks;
  std::vector<IndicatorGroup> indicator_groups;
  std::vector<MeasureSection> measure_sections;
  std::vector<CycleComponent> cycle;
  std::optional<CycleTable> cycle_table;
  std::vector<Statistic> statistics;
  std::vector<Reference> references;
  std::optional<ApprovalSheet> approval_sheet;
  std::optional<Contact> contact;
  std::vector<GovernanceBody> governance;
  std::vector<GlossaryEntry> glossary;
  std::string source_file, source_title;

  std::optional<MeasureTable> measure_table;

  std::vector<Indicator> indicators;
  std::vector<Measure> measures;
  std::vector<Organisation> organisations;
  std::vector<ContentPage> pages;
  bool operator==(const Programme&) const = default;
};

struct SiteModel {
  Site site;
  std::vector<Programme> programmes;
  std::vector<ContentPage> pages;  // site-level Markdown pages
  bool operator==(const SiteModel&) const = default;
};

}  // namespace vitrina
