#include "load/snapshot.h"

#include <unistd.h>

#include <cereal/types/map.hpp>
#include <cereal/types/optional.hpp>
#include <algorithm>
#include <sstream>

#include "util/atomic_file.h"
#include "util/heap.h"
#include "util/read_file.h"
#include "util/snapshot_archive.h"

// cereal writes and reads the model: one field list per struct serves both directions. The
// lists must name every field (VITRINA_SNAPSHOT_SIZE; the round-trip test in
// tests/unit/snapshot_test.cpp compares whole models field by field).

namespace vitrina {

VITRINA_SNAPSHOT_SIZE(Origin, 64);
VITRINA_SNAPSHOT_SIZE(Annotated, 88);
VITRINA_SNAPSHOT_SIZE(Reference, 368);
VITRINA_SNAPSHOT_SIZE(Direction, 224);
VITRINA_SNAPSHOT_SIZE(Goal, 320);
VITRINA_SNAPSHOT_SIZE(Task, 256);
VITRINA_SNAPSHOT_SIZE(IndicatorGroup, 224);
VITRINA_SNAPSHOT_SIZE(MeasureSection, 256);
VITRINA_SNAPSHOT_SIZE(Block, 64);
VITRINA_SNAPSHOT_SIZE(CycleComponent, 368);
VITRINA_SNAPSHOT_SIZE(PrintedTable, 48);
VITRINA_SNAPSHOT_SIZE(CycleTable, 248);
VITRINA_SNAPSHOT_SIZE(Statistic, 328);
VITRINA_SNAPSHOT_SIZE(ApprovalRow, 128);
VITRINA_SNAPSHOT_SIZE(ApprovalSheet, 112);
VITRINA_SNAPSHOT_SIZE(Contact, 128);
VITRINA_SNAPSHOT_SIZE(GovernanceBody, 208);
VITRINA_SNAPSHOT_SIZE(GlossaryEntry, 96);
VITRINA_SNAPSHOT_SIZE(YearPeriod, 80);
VITRINA_SNAPSHOT_SIZE(Target, 200);
VITRINA_SNAPSHOT_SIZE(Target::Part, 48);
VITRINA_SNAPSHOT_SIZE(OrgValue, 80);
VITRINA_SNAPSHOT_SIZE(Fact, 248);
VITRINA_SNAPSHOT_SIZE(Indicator, 896);
VITRINA_SNAPSHOT_SIZE(MeasureEvent, 160);
VITRINA_SNAPSHOT_SIZE(MeasureStatus, 80);
VITRINA_SNAPSHOT_SIZE(Quantity, 88);
VITRINA_SNAPSHOT_SIZE(Measure, 864);
VITRINA_SNAPSHOT_SIZE(MeasureTableColumn, 72);
VITRINA_SNAPSHOT_SIZE(MeasureTable, 184);
VITRINA_SNAPSHOT_SIZE(Organisation, 288);
VITRINA_SNAPSHOT_SIZE(ContentPage, 184);
VITRINA_SNAPSHOT_SIZE(Programme, 2400);
VITRINA_SNAPSHOT_SIZE(Period, 232);
VITRINA_SNAPSHOT_SIZE(PartialDate, 12);
VITRINA_SNAPSHOT_SIZE(Diagnostic, 152);

namespace {
// The file names read back while decoding one folder, so that the objects of one file share
// one FileName again (as the loader made them). Set for the duration of decode_folder.
thread_local std::vector<FileName>* t_file_names = nullptr;
}  // namespace

template <class A> void save(A& a, const FileName& f) { a(f.str()); }
void load(MemoryInputArchive& a, FileName& f) {
  const std::string_view s = a.text();
  if (t_file_names) {
    // From the newest: a file's objects come one after another.
    for (auto known = t_file_names->rbegin(); known != t_file_names->rend(); ++known)
      if (known->str() == s) {
        f = *known;
        return;
      }
    t_file_names->emplace_back(std::string(s));
    f = t_file_names->back();
  } else {
    f = FileName(std::string(s));
  }
}
template <class A> void save(A& a, const RareText& t) { a(t.str()); }
void load(MemoryInputArchive& a, RareText& t) {
  const std::string_view s = a.text();
  if (s.empty())
    t = RareText{};
  else
    t = std::string(s);
}
template <class A> void save(A& a, const TextList& t) { a(t.items()); }
// Read as cereal writes a vector (its size, then its items). Nearly every list is empty (three on
// every object), and is then read as its size alone: through cereal's vector, a list made and
// dropped was a tenth of decoding a snapshot.
void load(MemoryInputArchive& a, TextList& t) {
  cereal::size_type n = 0;
  a(cereal::make_size_tag(n));
  if (n == 0) {
    t = std::vector<std::string>{};
    return;
  }
  std::vector<std::string> items(static_cast<size_t>(n));
  for (auto& item : items) a(item);
  t = std::move(items);
}

template <class A> void serialize(A& a, PartialDate& x) { a(x.year, x.month, x.day); }
template <class A> void serialize(A& a, Period& x) {
  a(x.printed, x.start, x.end, x.recurrence, x.recurrence_count, x.recurrence_per, x.months, x.quarter, x.events,
    x.reference, x.within_year, x.relative, x.continuous, x.then_yearly, x.inherited, x.recognised);
}
template <class A> void serialize(A& a, Origin& x) { a(x.file, x.pointer, x.line, x.column, x.doc_first, x.doc_last); }
template <class A> void annotated(A& a, Annotated& x) { a(x.notes, x.inferred, x.acknowledged, x.origin); }

template <class A> void serialize(A& a, Reference& x) {
  annotated(a, x);
  a(x.id, x.kind, x.body, x.title, x.date, x.number, x.printed, x.role, x.cycle);
}
template <class A> void serialize(A& a, Direction& x) {
  annotated(a, x);
  a(x.id, x.number, x.title, x.text, x.synthetic_number);
}
template <class A> void serialize(A& a, Goal& x) {
  annotated(a, x);
  a(x.id, x.number, x.text, x.rationale, x.feasibility, x.direction, x.group, x.synthetic_number);
}
template <class A> void serialize(A& a, Task& x) {
  annotated(a, x);
  a(x.id, x.number, x.text, x.goal, x.direction, x.synthetic_number);
}
template <class A> void serialize(A& a, IndicatorGroup& x) {
  annotated(a, x);
  a(x.id, x.number, x.title, x.goal_text, x.synthetic_number);
}
template <class A> void serialize(A& a, MeasureSection& x) {
  annotated(a, x);
  a(x.id, x.number, x.title, x.task, x.direction, x.synthetic_number);
}
template <class A> void serialize(A& a, Block& x) { a(x.type, x.text); }
template <class A> void serialize(A& a, PrintedTable& x) { a(x.columns, x.rows); }
template <class A> void serialize(A& a, CycleTable& x) {
  annotated(a, x);
  a(x.title, x.number_header, x.component_header, x.content_header, x.documents_header);
}
template <class A> void serialize(A& a, CycleComponent& x) {
  annotated(a, x);
  a(x.number, x.table, x.kind, x.heading, x.blocks, x.documents, x.indicators, x.measures, x.links_text);
}
template <class A> void serialize(A& a, Statistic& x) {
  annotated(a, x);
  a(x.id, x.value, x.unit, x.as_of, x.period, x.scope, x.quote, x.indicator);
}
template <class A> void serialize(A& a, ApprovalRow& x) { a(x.position, x.name, x.date, x.result); }
template <class A> void serialize(A& a, ApprovalSheet& x) { a(x.title, x.date, x.rows, x.recommendations); }
template <class A> void serialize(A& a, Contact& x) { a(x.label, x.name, x.phone, x.role); }
template <class A> void serialize(A& a, GovernanceBody& x) {
  annotated(a, x);
  a(x.id, x.name, x.goal, x.functions);
}
template <class A> void serialize(A& a, GlossaryEntry& x) { a(x.abbr, x.expansion, x.source); }
template <class A> void serialize(A& a, YearPeriod& x) { a(x.start, x.end, x.printed, x.inferred, x.notes); }
template <class A> void serialize(A& a, Target::Part& x) { a(x.label, x.value); }
template <class A> void serialize(A& a, Target& x) {
  annotated(a, x);
  a(x.year, x.value, x.op, x.printed, x.every_year, x.part, x.part_label, x.breakdown);
}
template <class A> void serialize(A& a, OrgValue& x) { a(x.organisation, x.value, x.numerator, x.denominator); }
template <class A> void serialize(A& a, Fact& x) {
  annotated(a, x);
  a(x.year, x.period, x.as_of, x.value, x.numerator, x.denominator, x.date, x.source, x.note, x.by_organisation);
}
template <class A> void serialize(A& a, Indicator& x) {
  annotated(a, x);
  a(x.id, x.number, x.synthetic_number, x.name, x.group, x.direction, x.goal, x.task, x.kind, x.unit, x.precision,
    x.better, x.base_text, x.baseline_value, x.baseline_year, x.baseline_printed, x.targets, x.printed_ratio,
    x.printed_ratio_text, x.facts, x.key_number, x.key_printed, x.restates, x.breakdown_of_subject,
    x.collection_method, x.processing_method, x.collection_algorithm, x.source, x.frequency, x.responsible, x.monitoring_documents);
}
template <class A> void serialize(A& a, MeasureEvent& x) { a(x.date, x.title, x.venue, x.responsible, x.result); }
template <class A> void serialize(A& a, MeasureStatus& x) { a(x.year, x.status, x.result, x.date, x.reason); }
template <class A> void serialize(A& a, Quantity& x) { a(x.value, x.op, x.unit, x.subject); }
template <class A> void serialize(A& a, Measure& x) {
  annotated(a, x);
  a(x.id, x.number, x.synthetic_number, x.parent, x.section, x.task, x.direction, x.kind, x.name, x.indicators,
    x.period, x.responsible, x.responsible_printed, x.participants, x.organisations, x.expected_result, x.quantities,
    x.consequences, x.implementation_indicator, x.evaluation_method, x.events, x.status, x.inherited);
}
template <class A> void serialize(A& a, MeasureTableColumn& x) { a(x.field, x.header, x.group); }
template <class A> void serialize(A& a, MeasureTable& x) {
  annotated(a, x);
  a(x.label, x.title, x.columns, x.column_numbers);
}
template <class A> void serialize(A& a, Organisation& x) {
  annotated(a, x);
  a(x.id, x.name, x.short_name, x.type, x.aliases, x.subdivisions, x.roles);
}
template <class A> void serialize(A& a, ContentPage& x) {
  a(x.file, x.programme, x.slug, x.title, x.order, x.menu, x.doc_first, x.doc_last, x.markdown, x.body_line);
}
template <class A> void serialize(A& a, Programme& x) {
  annotated(a, x);
  a(x.id, x.title, x.short_title, x.kind, x.kind_printed, x.municipality, x.region, x.issuer, x.issuer_inferred,
    x.approval, x.amendments, x.signatory_position, x.signatory_name, x.period, x.executor, x.participants, x.executor_number, x.participants_number, x.expected_results_number,
    x.parent_title, x.parent_period, x.parent_subprogramme, x.parent_printed, x.regional_framework, x.funding,
    x.entry_into_force, x.expected_results, x.directions, x.goals, x.tasks, x.indicator_groups, x.measure_sections,
    x.cycle, x.cycle_table, x.statistics, x.references, x.approval_sheet, x.contact, x.governance, x.glossary, x.source_file,
    x.source_title, x.measure_table, x.indicators, x.measures, x.organisations, x.pages);
}

namespace {

namespace fs = std::filesystem;

// "VTSNAP" + format version: bump when the layout below or any field list above changes in a
// way the program identity would not (it is part of every key anyway).
constexpr char kMagic[8] = {'V', 'T', 'S', 'N', 'A', 'P', '0', '4'};

struct FileRecord {
  std::string name;
  uint64_t size = 0, hash = 0;
  template <class A> void serialize(A& a) { a(name, size, hash); }
};

constexpr const char* kSuffix = ".snapshot";

fs::path snapshot_file(const SnapshotOptions& opt, const std::string& folder) { return opt.dir / (folder + kSuffix); }

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::string encode_folder(const LoadedFolder& folder, uint64_t key) {
  std::vector<FileRecord> files;
  for (const auto& [name, map] : folder.files) {
    PositionMap::Source s = map.source();
    files.push_back({name, s.size, s.hash});
  }
  std::ostringstream os;
  try {
    cereal::BinaryOutputArchive ar(os);
    ar(const_cast<Programme&>(folder.programme), const_cast<std::vector<Diagnostic>&>(folder.diags.items()), files,
       const_cast<std::vector<std::string>&>(folder.unread));
  } catch (const std::exception&) {
    return {};
  }
  return frame_snapshot(kMagic, key, std::move(os).str());
}

bool decode_folder(std::string_view bytes, uint64_t key, const fs::path& site_dir, LoadedFolder& out) {
  std::string_view payload;
  if (!unframe_snapshot(bytes, kMagic, key, payload)) return false;
  prefault_heap(payload.size() * 7 / 4);  // a decoded model takes ~1.75 times its snapshot (N = 300)
  std::vector<FileName> names;
  t_file_names = &names;
  std::vector<Diagnostic> diags;
  std::vector<FileRecord> files;
  try {
    MemoryInputArchive ar(payload);
    ar(out.programme, diags, files, out.unread);
  } catch (const std::exception&) {
    t_file_names = nullptr;
    return false;
  }
  t_file_names = nullptr;
  out.diags = Diagnostics{};
  for (auto& d : diags) out.diags.add(std::move(d));
  out.files.clear();
  std::error_code ec;
  const fs::path base = fs::absolute(site_dir, ec);
  for (auto& f : files)
    out.files.emplace(f.name, PositionMap::deferred({(ec ? site_dir : base) / f.name, f.size, f.hash}));
  return true;
}

bool restore_folder(const SnapshotOptions& opt, const std::string& folder, const fs::path& site_dir,
                    LoadedFolder& out) {
  if (opt.dir.empty() || !opt.restore) return false;
  auto key = opt.keys.find(folder);
  if (key == opt.keys.end()) return false;
  std::string bytes;
  if (!read_file(snapshot_file(opt, folder), bytes)) return false;
  if (decode_folder(bytes, key->second, site_dir, out)) return true;
  out = LoadedFolder{};
  return false;
}

void save_folder(const SnapshotOptions& opt, const std::string& folder, const LoadedFolder& loaded) {
  if (opt.dir.empty() || !opt.batch) return;
  auto key = opt.keys.find(folder);
  if (key == opt.keys.end()) return;
  const std::string bytes = encode_folder(loaded, key->second);
  if (!bytes.empty()) opt.batch->write(snapshot_file(opt, folder), bytes);
}

void commit_snapshots(const SnapshotOptions& opt) {
  if (opt.dir.empty()) return;
  if (opt.batch) opt.batch->commit();
  std::error_code ec;
  std::vector<fs::path> stale;
  for (const auto& e : fs::directory_iterator(opt.dir, ec)) {
    const std::string name = e.path().filename().string();
    if (!ends_with(name, kSuffix) || !opt.keys.count(name.substr(0, name.size() - std::strlen(kSuffix))))
      stale.push_back(e.path());  // removed folders, temporary files of killed builds
  }
  for (const auto& p : stale) fs::remove(p, ec);
}

}  // namespace vitrina
