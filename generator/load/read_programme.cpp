#include "load/read_programme.h"

#include <algorithm>

#include "load/period_parser.h"
#include "text/messages.h"

namespace vitrina {

using nlohmann::json;

namespace {

void read_reference(ObjectReader& r, Reference& ref) {
  r.annotations(ref);
  r.id("id", ref.id);
  r.one_of("kind", ref.kind,
           {"federal_law", "law", "order", "decree", "resolution", "regulation", "programme", "plan", "report", "other"});
  r.text("body", ref.body);
  r.text("title", ref.title);
  r.date("date", ref.date);
  r.text("number", ref.number);
  r.text("printed", ref.printed, true);
  r.one_of("role", ref.role, {"basis", "approving", "amending", "monitoring", "evidence", "cited"});
  r.text_list("cycle", ref.cycle);
}

// Reads an array of objects, calling `fill` with a reader for each element.
// The vector gets its exact size first: growing by doubling left a third of the model's
// lists unused (measures' statuses, facts, events …).
template <class T, class F>
void read_list(ObjectReader& r, const char* key, std::vector<T>& out, F fill) {
  out.reserve(out.size() + r.array_size(key));
  r.array(key, [&](const json& v, const std::string& ptr) {
    ObjectReader e(r.ctx(), v, ptr);
    if (!e.valid()) return;
    T item;
    fill(e, item);
    out.push_back(std::move(item));
  });
}

// `inferred` on issuer and period is a flag (true) or, like everywhere else, a list of
// the inferred field names; either way the whole value is marked inferred.
void read_inferred_flag(ObjectReader& o, bool& out) {
  const json* v = o.raw("inferred");
  if (!v) return;
  if (v->is_boolean()) out = v->get<bool>();
  else if (v->is_array()) out = !v->empty();
  else o.ctx().error(o.at("inferred"), tr("type.expected", {tr("type.boolean"), json_type_name(*v)}));
}

// «measure_table»: the document's measure table, its columns in printed order.
void read_measure_table(ObjectReader& o, MeasureTable& t) {
  o.annotations(t);
  o.text("label", t.label);
  o.text("title", t.title);
  o.boolean("column_numbers", t.column_numbers);
  if (!o.has("columns")) o.require("columns");
  o.array("columns", [&](const json& v, const std::string& ptr) {
    ObjectReader c(o.ctx(), v, ptr);
    if (!c.valid()) return;
    // ObjectReader::word without the enum: whether the field was valid decides the duplicate check.
    std::vector<const char*> keys;
    for (MeasureColumn f : all_values<MeasureColumn>()) keys.push_back(measure_column_key(f));
    std::string key;
    const bool known = c.one_of("field", key, keys, true);
    MeasureTableColumn col;
    c.text("header", col.header);
    c.text("group", col.group);
    if (!known) return;
    col.field = *from_key<MeasureColumn>(key);
    if (t.has(col.field))
      c.ctx().error(c.at("field"), tr("measure_table.duplicate_column", {measure_column_key(col.field)}));
    t.columns.push_back(std::move(col));
  });
  if (!t.columns.empty() && !t.has(MeasureColumn::Name))
    o.ctx().error(o.at("columns"), tr("measure_table.no_name"));
}

// A table printed inside a cycle component: {columns: [header …], rows: [[cell …] …]}, a cell
// being a text or a list of texts; every row has one cell per column.
void read_printed_table(ObjectReader& o, PrintedTable& t) {
  o.text_list("columns", t.columns);
  if (t.columns.empty()) o.ctx().error(o.pointer(), tr("field.required", {"columns"}));
  o.array("rows", [&](const json& row, const std::string& row_ptr) {
    if (!row.is_array()) {
      o.ctx().error(row_ptr, tr("type.expected", {tr("type.array"), json_type_name(row)}));
      return;
    }
    std::vector<std::vector<std::string>> cells;
    for (size_t i = 0; i < row.size(); ++i) {
      const json& cell = row[i];
      const std::string ptr = row_ptr + "/" + std::to_string(i);
      std::vector<std::string> lines;
      if (cell.is_string()) lines.push_back(cell.get<std::string>());
      else if (cell.is_array() && std::all_of(cell.begin(), cell.end(), [](const json& x) { return x.is_string(); }))
        for (const auto& x : cell) lines.push_back(x.get<std::string>());
      else o.ctx().error(ptr, tr("type.expected", {tr("type.text_or_list"), json_type_name(cell)}));
      cells.push_back(std::move(lines));
    }
    if (!t.columns.empty() && cells.size() != t.columns.size())
      o.ctx().error(row_ptr, tr("table.row_cells", {std::to_string(cells.size()), std::to_string(t.columns.size())}));
    t.rows.push_back(std::move(cells));
  });
}

const std::initializer_list<const char*> kCycleKinds = {
    "goal_setting", "indicators", "collection_methods", "monitoring", "analysis",
    "recommendations", "measures", "decisions", "effectiveness_review"};

}  // namespace

void read_site(const FileContext& ctx, const json& root, Site& s) {
  ObjectReader r(ctx, root, "");
  if (!r.valid()) return;
  r.ignore("$schema");
  r.origin(s.origin);
  r.text("title", s.title, true);
  r.text("owner", s.owner, true);
  r.one_of("locale", s.locale, {"ru", "en"});
  r.text("base_url", s.base_url);
  r.integer("report_year", s.report_year, true);
  if (s.report_year && (s.report_year < 1900 || s.report_year > 2200))
    ctx.error(r.at("report_year"), tr("value.year", {std::to_string(s.report_year)}));
  r.word("report_period", s.report_period);
  r.date("as_of", s.as_of);
  if (!s.as_of.empty() && s.as_of.size() != 10)
    ctx.error(r.at("as_of"), tr("value.full_date", {s.as_of}));
  r.date("build_date", s.build_date);
  r.id("theme", s.theme);
  r.boolean("allow_raw_html", s.allow_raw_html);
  r.boolean("demo", s.demo);
  r.boolean("htaccess", s.htaccess);
  r.boolean("publish_rating", s.publish_rating);
  r.object("print", [&](ObjectReader& pr) {
    pr.text("annex_line", s.print.annex_line);
    read_list(pr, "signatures", s.print.signatures, [](ObjectReader& o, Signature& sig) {
      o.text("position", sig.position, true);
      o.text("name", sig.name);
    });
  });
  r.boolean("strict", s.strict);
  r.id_list("programmes", s.programme_order);
  r.object("methodology", [&](ObjectReader& m) {
    Methodology& x = s.methodology;
    m.object("status", [&](ObjectReader& st) {
      st.number("achieved_min", x.achieved_min);
      st.number("on_track_min", x.on_track_min);
      st.number("at_risk_min", x.at_risk_min);
    });
    m.object("rating", [&](ObjectReader& rt) {
      rt.number("high", x.rating_high);
      rt.number("medium", x.rating_medium);
      rt.number("satisfactory", x.rating_satisfactory);
    });
    m.number("cap", x.cap);
    m.object("weights", [&](ObjectReader& w) {
      w.number("indicators", x.weight_indicators);
      w.number("measures", x.weight_measures);
    });
    m.word("done_rule", x.done_rule);
    m.boolean("trend", x.trend);
  });
}

void read_programme(const FileContext& ctx, const json& root, Programme& p) {
  ObjectReader r(ctx, root, "");
  if (!r.valid()) return;
  r.ignore("$schema");
  r.annotations(p);
  r.id("id", p.id, true);
  r.text("title", p.title, true);
  r.text("short_title", p.short_title);
  r.one_of("kind", p.kind, {"programme", "plan", "model_section", "system_section", "subprogramme"});
  r.text("kind_printed", p.kind_printed);
  r.text("municipality", p.municipality);
  r.text("region", p.region);
  r.object("issuer", [&](ObjectReader& o) {
    o.text("name", p.issuer, true);
    read_inferred_flag(o, p.issuer_inferred);
    std::vector<std::string> notes;
    o.text_list("notes", notes);
    for (auto& n : notes) p.notes.push_back(n);
  });
  r.object("approval", [&](ObjectReader& o) {
    Reference ref;
    read_reference(o, ref);
    p.approval = ref;
  });
  read_list(r, "amendments", p.amendments, read_reference);
  r.object("signatory", [&](ObjectReader& o) {
    o.text("position", p.signatory_position);
    o.text("name", p.signatory_name);
  });
  r.object("period", [&](ObjectReader& o) {
    o.integer("start", p.period.start);
    o.integer("end", p.period.end);
    o.text("printed", p.period.printed);
    read_inferred_flag(o, p.period.inferred);
    o.text_list("notes", p.period.notes);
    if (p.period.start && p.period.end && *p.period.start > *p.period.end)
      ctx.error(o.pointer(), tr("period.reversed", {std::to_string(*p.period.start), std::to_string(*p.period.end)}));
  });
  r.text("executor", p.executor);
  r.text_list("participants", p.participants);
  r.object("printed_numbers", [&](ObjectReader& o) {
    o.text("executor", p.executor_number);
    o.text("participants", p.participants_number);
    o.text("expected_results", p.expected_results_number);
  });
  r.object("parent_programme", [&](ObjectReader& o) {
    o.text("title", p.parent_title, true);
    // The parent's period is printed text ("2020-2023 годы") or {start, end, printed}.
    if (const json* pv = o.raw("period"); pv && pv->is_object()) {
      o.object("period", [&](ObjectReader& po) {
        std::optional<int> a, b;
        po.integer("start", a);
        po.integer("end", b);
        po.text("printed", p.parent_period);
        if (p.parent_period.empty() && a && b) p.parent_period = std::to_string(*a) + "–" + std::to_string(*b);
      });
    } else {
      o.text("period", p.parent_period);
    }
    o.text("subprogramme_number", p.parent_subprogramme);
    o.text("printed", p.parent_printed);
  });
  r.text("regional_framework", p.regional_framework);
  r.object("funding", [&](ObjectReader& o) {
    o.text("text", p.funding, true);
  });
  r.text("entry_into_force", p.entry_into_force);
  r.text_list("expected_results", p.expected_results);
  read_list(r, "directions", p.directions, [](ObjectReader& o, Direction& d) {
    o.annotations(d);
    o.id("id", d.id, true);
    o.text("number", d.number);
    o.boolean("synthetic_number", d.synthetic_number);
    o.text("title", d.title);
    o.text("text", d.text, true);
  });
  read_list(r, "goals", p.goals, [](ObjectReader& o, Goal& g) {
    o.annotations(g);
    o.id("id", g.id, true);
    o.text("number", g.number);
    o.boolean("synthetic_number", g.synthetic_number);
    o.text("text", g.text, true);
    o.text("rationale", g.rationale);
    o.text("feasibility", g.feasibility);
    o.id("direction", g.direction);
    o.id("group", g.group);
  });
  read_list(r, "tasks", p.tasks, [](ObjectReader& o, Task& t) {
    o.annotations(t);
    o.id("id", t.id, true);
    o.text("number", t.number);
    o.boolean("synthetic_number", t.synthetic_number);
    o.text("text", t.text, true);
    o.id("goal", t.goal);
    o.id("direction", t.direction);
  });
  read_list(r, "indicator_groups", p.indicator_groups, [](ObjectReader& o, IndicatorGroup& g) {
    o.annotations(g);
    o.id("id", g.id, true);
    o.text("number", g.number);
    o.boolean("synthetic_number", g.synthetic_number);
    o.text("title", g.title, true);
    o.text("goal_text", g.goal_text);
  });
  read_list(r, "measure_sections", p.measure_sections, [](ObjectReader& o, MeasureSection& s) {
    o.annotations(s);
    o.id("id", s.id, true);
    o.text("number", s.number);
    o.boolean("synthetic_number", s.synthetic_number);
    o.text("title", s.title, true);
    o.id("task", s.task);
    o.id("direction", s.direction);
  });
  read_list(r, "cycle", p.cycle, [](ObjectReader& o, CycleComponent& c) {
    o.annotations(c);
    o.text("number", c.number);
    o.one_of("kind", c.kind, kCycleKinds, true);
    o.text("heading", c.heading);
    o.object("table", [&](ObjectReader& t) {
      PrintedTable table;
      read_printed_table(t, table);
      c.table = std::move(table);
    });
    read_list(o, "blocks", c.blocks, [](ObjectReader& b, Block& blk) {
      b.one_of("type", blk.type, {"paragraph", "item"}, true);
      b.text("text", blk.text, true);
    });
    o.id_list("documents", c.documents);
    o.object("links", [&](ObjectReader& l) {
      l.id_list("indicators", c.indicators);
      l.id_list("measures", c.measures);
      l.text("text", c.links_text);
    });
  });
  r.object("cycle_table", [&](ObjectReader& o) {
    CycleTable t;
    o.annotations(t);
    o.text("title", t.title);
    o.object("headers", [&](ObjectReader& h) {
      h.text("number", t.number_header);
      h.text("component", t.component_header);
      h.text("content", t.content_header);
      h.text("documents", t.documents_header);
    });
    p.cycle_table = std::move(t);
  });
  read_list(r, "statistics", p.statistics, [](ObjectReader& o, Statistic& s) {
    o.annotations(s);
    o.id("id", s.id, true);
    o.number("value", s.value, true);
    o.text("unit", s.unit);
    o.date("as_of", s.as_of);
    o.text("period", s.period);
    o.text("scope", s.scope);
    o.text("quote", s.quote, true);
    o.id("indicator", s.indicator);
  });
  read_list(r, "references", p.references, read_reference);
  r.object("approval_sheet", [&](ObjectReader& o) {
    ApprovalSheet sheet;
    o.text("title", sheet.title);
    o.date("date", sheet.date);
    read_list(o, "rows", sheet.rows, [](ObjectReader& row, ApprovalRow& a) {
      row.text("position", a.position, true);
      row.text("name", a.name, true);
      row.date("date", a.date);
      row.text("result", a.result);
    });
    o.text_list("recommendations", sheet.recommendations);
    p.approval_sheet = sheet;
  });
  r.object("contact", [&](ObjectReader& o) {
    Contact c;
    o.text("label", c.label);
    o.text("name", c.name, true);
    o.text("phone", c.phone);
    o.text("role", c.role);
    p.contact = c;
  });
  read_list(r, "governance", p.governance, [](ObjectReader& o, GovernanceBody& g) {
    o.annotations(g);
    o.id("id", g.id, true);
    o.text("name", g.name, true);
    o.text("goal", g.goal);
    o.text_list("functions", g.functions);
  });
  read_list(r, "glossary", p.glossary, [](ObjectReader& o, GlossaryEntry& g) {
    o.text("abbr", g.abbr, true);
    o.text("expansion", g.expansion, true);
    o.one_of("source", g.source, {"document", "encoder"});
  });
  r.object("measure_table", [&](ObjectReader& o) {
    MeasureTable t;
    read_measure_table(o, t);
    p.measure_table = std::move(t);
  });
  r.object("source", [&](ObjectReader& o) {
    o.text("file", p.source_file, true);
    o.text("title", p.source_title);
  });
}

namespace {

// A measure's term read from its printed text; impossible dates and reversed ranges in it are
// errors at `pointer` (the measure would otherwise silently drop out of its years).
Period read_term(const ObjectReader& o, const std::string& pointer, const std::string& printed) {
  std::vector<PeriodProblem> problems;
  Period period = parse_period(printed, &problems);
  for (const PeriodProblem& x : problems) {
    switch (x.kind) {
      case PeriodProblem::Kind::NoSuchMonth: o.ctx().error(pointer, tr("term.no_such_month", {x.text})); break;
      case PeriodProblem::Kind::NoSuchDay:
        o.ctx().error(pointer, tr("term.no_such_day", {x.text, std::to_string(x.days)}));
        break;
      case PeriodProblem::Kind::ReversedYears: o.ctx().error(pointer, tr("term.reversed_years", {x.text, x.fix})); break;
      case PeriodProblem::Kind::ReversedDates: o.ctx().error(pointer, tr("term.reversed_dates", {x.text, x.fix})); break;
    }
  }
  return period;
}

void read_target(ObjectReader& o, Target& t) {
  o.annotations(t);
  o.integer("year", t.year);
  o.number("value", t.value);
  o.word("op", t.op);
  o.text("printed", t.printed);
  o.boolean("every_year", t.every_year);
  o.text("part", t.part);
  o.text("part_label", t.part_label);
  o.array("breakdown", [&](const json& v, const std::string& ptr) {
    ObjectReader b(o.ctx(), v, ptr);
    if (!b.valid()) return;
    Target::Part part;
    b.text("label", part.label, true);
    b.number("value", part.value);
    t.breakdown.push_back(part);
  });
  // A value or printed text that is there but of the wrong type is already an error at its own
  // member; «neither value nor printed» would only repeat it.
  const bool mistyped = (o.has("value") && !t.value) || (o.has("printed") && !o.raw("printed")->is_string());
  if (!t.value && t.printed.empty() && !mistyped) o.ctx().error(o.pointer(), tr("target.no_value_no_text"));
}

void read_org_value(ObjectReader& o, OrgValue& v) {
  o.id("organisation", v.organisation, true);
  o.number("value", v.value);
  o.number("numerator", v.numerator);
  o.number("denominator", v.denominator);
}

void read_fact(ObjectReader& o, Fact& f) {
  o.annotations(f);
  o.integer("year", f.year, true);
  o.word("period", f.period);
  o.date("as_of", f.as_of);
  o.number("value", f.value);
  o.number("numerator", f.numerator);
  o.number("denominator", f.denominator);
  o.date("date", f.date);
  o.text("source", f.source);
  o.text("note", f.note);
  read_list(o, "by_organisation", f.by_organisation, read_org_value);
}

}  // namespace

void read_indicators(const FileContext& ctx, const json& root, Programme& p, std::string& programme_field) {
  ObjectReader r(ctx, root, "");
  if (!r.valid()) return;
  r.ignore("$schema");
  r.id("programme", programme_field);
  if (!r.has("indicators")) r.require("indicators");
  read_list(r, "indicators", p.indicators, [](ObjectReader& o, Indicator& x) {
    o.annotations(x);
    o.id("id", x.id, true);
    o.text("number", x.number);
    o.boolean("synthetic_number", x.synthetic_number);
    o.text("name", x.name, true);
    o.id("group", x.group);
    o.id("direction", x.direction);
    o.id("goal", x.goal);
    o.id("task", x.task);
    o.word("kind", x.kind);
    o.text("unit", x.unit);
    o.integer("precision", x.precision);
    if (x.precision && (*x.precision < 0 || *x.precision > 6))
      o.ctx().error(o.at("precision"), tr("value.enum", {std::to_string(*x.precision), "0…6"}));
    o.word("better", x.better);
    o.text("base_text", x.base_text);
    o.object("baseline", [&](ObjectReader& b) {
      b.number("value", x.baseline_value, true);
      b.integer("year", x.baseline_year);
      b.text("printed", x.baseline_printed);
    });
    read_list(o, "targets", x.targets, read_target);
    o.object("printed_ratio", [&](ObjectReader& b) {
      b.number("value", x.printed_ratio, true);
      b.text("printed", x.printed_ratio_text, true);
    });
    read_list(o, "facts", x.facts, read_fact);
    o.object("key", [&](ObjectReader& b) {
      b.text("number", x.key_number, true);
      b.text("printed", x.key_printed);
    });
    o.id("restates", x.restates);
    o.text_list("breakdown_of_subject", x.breakdown_of_subject);
    o.text("collection_method", x.collection_method);
    o.text("processing_method", x.processing_method);
    o.text("collection_algorithm", x.collection_algorithm);
    o.text("source", x.source);
    o.text("frequency", x.frequency);
    o.text("responsible", x.responsible);
    o.text_list("monitoring_documents", x.monitoring_documents);
  });
}

void read_measures(const FileContext& ctx, const json& root, Programme& p, std::string& programme_field) {
  ObjectReader r(ctx, root, "");
  if (!r.valid()) return;
  r.ignore("$schema");
  r.id("programme", programme_field);
  if (!r.has("measures")) r.require("measures");
  read_list(r, "measures", p.measures, [](ObjectReader& o, Measure& m) {
    o.annotations(m);
    o.id("id", m.id, true);
    o.text("number", m.number);
    o.boolean("synthetic_number", m.synthetic_number);
    o.id("parent", m.parent);
    o.id("section", m.section);
    o.id("task", m.task);
    o.id("direction", m.direction);
    o.id_list("indicators", m.indicators);
    o.text("kind", m.kind);
    o.text("name", m.name, true);
    if (const json* pv = o.raw("period")) {
      if (pv->is_string()) {
        std::string s;
        o.text("period", s);
        m.period = read_term(o, o.at("period"), s);
      } else if (pv->is_object()) {
        o.object("period", [&](ObjectReader& po) {
          std::string printed, start, end;
          bool inherited = false;
          po.text("printed", printed, true);
          po.date("start", start);
          po.date("end", end);
          po.boolean("inherited", inherited);
          std::vector<std::string> notes;
          po.text_list("notes", notes);
          m.period = read_term(po, po.at("printed"), printed);
          m.period.inherited = inherited;
          auto to_partial = [](const std::string& iso) {
            PartialDate d;
            d.year = std::stoi(iso.substr(0, 4));
            if (iso.size() >= 7) d.month = std::stoi(iso.substr(5, 2));
            if (iso.size() == 10) d.day = std::stoi(iso.substr(8, 2));
            return d;
          };
          if (!start.empty()) m.period.start = to_partial(start);  // explicit reading wins
          if (!end.empty()) m.period.end = to_partial(end);
          if (!start.empty() && !end.empty() && m.period.end < m.period.start)
            po.ctx().error(po.at("end"), tr("term.end_before_start", {end, start}));
        });
      } else {
        o.ctx().error(o.at("period"), tr("type.expected", {tr("type.text_or_object"), json_type_name(*pv)}));
      }
    }
    o.text_list("responsible", m.responsible);
    o.text("responsible_printed", m.responsible_printed);
    o.text_list("participants", m.participants);
    o.id_list("organisations", m.organisations);
    o.text("expected_result", m.expected_result);
    read_list(o, "quantities", m.quantities, [](ObjectReader& q, Quantity& x) {
      q.number("value", x.value, true);
      q.word("op", x.op);
      q.text("unit", x.unit);
      q.text("subject", x.subject);
    });
    o.text("consequences", m.consequences);
    o.text("implementation_indicator", m.implementation_indicator);
    o.text("evaluation_method", m.evaluation_method);
    read_list(o, "events", m.events, [](ObjectReader& e, MeasureEvent& x) {
      e.date("date", x.date);
      if (!e.has("date")) e.require("date");
      e.text("title", x.title);
      e.text("venue", x.venue);
      e.text("responsible", x.responsible);
      e.text("result", x.result);
    });
    read_list(o, "status", m.status, [](ObjectReader& s, MeasureStatus& x) {
      s.integer("year", x.year, true);
      s.word("status", x.status, true);
      s.text("result", x.result);
      s.date("date", x.date);
      s.text("reason", x.reason);
    });
    o.text_list("inherited", m.inherited);
    if (std::find(m.inherited.begin(), m.inherited.end(), "period") != m.inherited.end()) m.period.inherited = true;
  });
}

void read_organisations(const FileContext& ctx, const json& root, Programme& p, std::string& programme_field) {
  ObjectReader r(ctx, root, "");
  if (!r.valid()) return;
  r.ignore("$schema");
  r.id("programme", programme_field);
  if (!r.has("organisations")) r.require("organisations");
  read_list(r, "organisations", p.organisations, [](ObjectReader& o, Organisation& x) {
    o.annotations(x);
    o.id("id", x.id, true);
    o.text("name", x.name, true);
    o.text("short_name", x.short_name);
    o.text_list("aliases", x.aliases);
    o.one_of("type", x.type,
             {"general_school", "preschool", "additional_education", "authority", "methodological_centre",
              "institute", "university", "association", "council", "other"});
    o.text_list("subdivisions", x.subdivisions);
    o.text_list("roles", x.roles);
  });
}

}  // namespace vitrina
