// Snapshots of loaded programme folders (load/snapshot.h): a restored folder must be the
// parsed one — the whole model field by field, its load diagnostics, and positions for later
// diagnostics — and a snapshot that does not match its key or is damaged must not be used.
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>

#include "load/loader.h"
#include "load/snapshot.h"
#include "util/atomic_file.h"
#include "util/heap.h"
#include "util/snapshot_archive.h"
#include "validate/validate.h"

using namespace vitrina;
namespace fs = std::filesystem;

namespace {

fs::path fresh_site(const std::string& tag) {
  auto d = fs::temp_directory_path() / ("vitrina-snapshot-" + tag + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d / "site");
  for (const char* sub : {"data", "content"})
    fs::copy(fs::path(VITRINA_SOURCE_DIR) / sub, d / "site" / sub, fs::copy_options::recursive);
  return d;
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_all(const fs::path& p, const std::string& s) { std::ofstream(p, std::ios::binary) << s; }

void replace_once(const fs::path& file, const std::string& from, const std::string& to) {
  std::string text = read_all(file);
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  write_all(file, text);
}

std::vector<std::string> folders(const fs::path& site) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(site / "data" / "programmes")) out.push_back(e.path().filename());
  std::sort(out.begin(), out.end());
  return out;
}

SnapshotOptions options_for(const fs::path& dir, const fs::path& site, uint64_t key) {
  static FileBatch batch;  // each load commits what it wrote
  SnapshotOptions o;
  o.dir = dir / "snapshots";
  o.batch = &batch;
  for (const auto& f : folders(site)) o.keys[f] = key;
  return o;
}

struct Loaded {
  LoadResult result;
  std::string load_diags, validate_diags;
};

Loaded load(const fs::path& site, const SnapshotOptions* snapshots) {
  Loaded l;
  Diagnostics d, v;
  l.result = load_site(site, d, 2, snapshots);
  l.load_diags = format_all(d, DiagFormat::Text);
  validate(l.result.model, l.result.sources, v);
  l.validate_diags = format_all(v, DiagFormat::Text);
  return l;
}

}  // namespace

TEST_CASE("snapshots: a restored folder is the parsed folder, diagnostics and positions included") {
  const fs::path dir = fresh_site("roundtrip");
  const fs::path site = dir / "site";
  const std::vector<std::string> names = folders(site);
  REQUIRE(names.size() >= 5);
  // A load-stage warning (unknown field) and a validate error (unknown reference) whose
  // positions must come back from a restored folder, and one whose file has a second object.
  replace_once(site / "data/programmes" / names[0] / "programme.json", "{", "{\"bogus_field\": 1,");
  replace_once(site / "data/programmes" / names[1] / "measures.json", "\"section\": \"", "\"section\": \"zz-");
  const SnapshotOptions opt = options_for(dir, site, 42);

  const Loaded parsed = load(site, &opt);
  CHECK(parsed.result.folders_restored == 0);
  for (const auto& n : names) CHECK(fs::exists(opt.dir / (n + ".snapshot")));
  REQUIRE(parsed.load_diags.find("bogus_field") != std::string::npos);
  REQUIRE(parsed.validate_diags.find("zz-") != std::string::npos);
  CHECK(parsed.validate_diags.find("measures.json:0:0") == std::string::npos);

  const Loaded restored = load(site, &opt);
  CHECK(restored.result.folders_restored == names.size());
  CHECK(restored.result.model == parsed.result.model);  // every field of every struct
  CHECK(restored.load_diags == parsed.load_diags);
  CHECK(restored.validate_diags == parsed.validate_diags);  // same lines and columns
  REQUIRE(restored.result.sources.files.size() == parsed.result.sources.files.size());
  for (const auto& f : parsed.result.sources.files) CHECK(restored.result.sources.files.count(f.first) == 1);

  // Objects of one file share one file name again after decoding.
  const Programme& p = restored.result.model.programmes.front();
  REQUIRE(p.measures.size() >= 2);
  CHECK(&p.measures[0].origin.file.str() == &p.measures[1].origin.file.str());

  // Without snapshots the loader gives the same model too (the parsed one was not altered).
  const Loaded plain = load(site, nullptr);
  CHECK(plain.result.model == restored.result.model);
  fs::remove_all(dir);
}

TEST_CASE("snapshots: another key, a damaged file or --no-cache means parsing again") {
  const fs::path dir = fresh_site("mismatch");
  const fs::path site = dir / "site";
  const std::vector<std::string> names = folders(site);
  SnapshotOptions opt = options_for(dir, site, 7);
  const Loaded first = load(site, &opt);
  REQUIRE(first.result.folders_restored == 0);

  SUBCASE("a changed key (a changed file, program or language) is not restored") {
    opt.keys[names[2]] = 8;
    const Loaded again = load(site, &opt);
    CHECK(again.result.folders_restored == names.size() - 1);
    CHECK(again.result.model == first.result.model);
    // The folder was parsed and its snapshot kept under the new key.
    CHECK(load(site, &opt).result.folders_restored == names.size());
  }

  SUBCASE("a damaged or truncated snapshot is not used") {
    const fs::path a = opt.dir / (names[0] + ".snapshot"), b = opt.dir / (names[1] + ".snapshot");
    std::string bytes = read_all(a);
    REQUIRE(bytes.size() > 100);
    bytes[bytes.size() / 2] ^= 0x5a;
    write_all(a, bytes);
    const std::string whole = read_all(b);
    write_all(b, whole.substr(0, whole.size() - 1));
    const Loaded again = load(site, &opt);
    CHECK(again.result.folders_restored == names.size() - 2);
    CHECK(again.result.model == first.result.model);
    CHECK(read_all(b) == whole);  // written again, whole
  }

  SUBCASE("a snapshot of an earlier format is not used, and is written again in this one") {
    // The format's version is the magic's last character; an earlier one also used another checksum.
    const fs::path a = opt.dir / (names[0] + ".snapshot");
    const std::string now = read_all(a);
    std::string earlier = now;
    earlier[7] = static_cast<char>(earlier[7] - 1);
    write_all(a, earlier);
    const Loaded again = load(site, &opt);
    CHECK(again.result.folders_restored == names.size() - 1);
    CHECK(again.result.model == first.result.model);
    CHECK(read_all(a) == now);
  }

  SUBCASE("restore = false parses every folder") {
    opt.restore = false;
    CHECK(load(site, &opt).result.folders_restored == 0);
  }

  SUBCASE("snapshots of folders that are gone, and stray files, are removed") {
    write_all(opt.dir / "gone-2020.snapshot", "x");
    write_all(opt.dir / "junk.txt", "x");
    load(site, &opt);
    CHECK_FALSE(fs::exists(opt.dir / "gone-2020.snapshot"));
    CHECK_FALSE(fs::exists(opt.dir / "junk.txt"));
    CHECK(fs::exists(opt.dir / (names[0] + ".snapshot")));
  }
  fs::remove_all(dir);
}

TEST_CASE("snapshots: encode and decode check the key, the size and the checksum") {
  LoadedFolder f;
  f.programme.id = "p";
  f.programme.title = "Программа «Ёлка»";
  f.programme.notes.push_back("примечание");
  Indicator ind;
  ind.id = "i1";
  ind.precision = 2;
  ind.facts.push_back(Fact{});
  ind.facts.back().year = 2024;
  ind.facts.back().value = 0.25;
  f.programme.indicators.push_back(ind);
  f.diags.warning("data/programmes/p/programme.json", 3, 4, "предупреждение", "/x");
  const std::string bytes = encode_folder(f, 99);
  REQUIRE_FALSE(bytes.empty());

  LoadedFolder out;
  REQUIRE(decode_folder(bytes, 99, "/nonexistent", out));
  CHECK(out.programme == f.programme);
  REQUIRE(out.diags.items().size() == 1);
  CHECK(out.diags.items()[0].message == "предупреждение");
  CHECK(out.diags.items()[0].line == 3);

  LoadedFolder other;
  CHECK_FALSE(decode_folder(bytes, 98, "/nonexistent", other));
  CHECK_FALSE(decode_folder(bytes.substr(0, bytes.size() - 1), 99, "/nonexistent", other));
  CHECK_FALSE(decode_folder(bytes + "x", 99, "/nonexistent", other));
  CHECK_FALSE(decode_folder("", 99, "/nonexistent", other));
  std::string flipped = bytes;
  flipped[flipped.size() - 3] ^= 1;
  CHECK_FALSE(decode_folder(flipped, 99, "/nonexistent", other));
}

TEST_CASE("snapshots: rarely filled texts (RareText) come back filled or empty as they were") {
  LoadedFolder f;
  Indicator ind;
  Target t;
  t.part = "а";
  t.part_label = "";  // an empty text holds nothing, as if never set
  ind.targets = {t, Target{}};
  Fact fact;
  fact.as_of = "2024-06-30";
  fact.note = std::string("оценка");
  ind.facts = {fact, Fact{}};
  f.programme.indicators.push_back(ind);
  Measure m;
  m.consequences = "риск";
  MeasureStatus s;
  s.reason = "не выделены средства";
  m.status = {s, MeasureStatus{}};
  f.programme.measures = {m, Measure{}};
  CHECK(t.part_label.empty());
  RareText copy = t.part;
  copy = "б";
  CHECK(t.part == "а");  // a copy is its own text

  LoadedFolder out;
  REQUIRE(decode_folder(encode_folder(f, 1), 1, "/nonexistent", out));
  CHECK(out.programme == f.programme);
  const Indicator& back = out.programme.indicators.at(0);
  CHECK(back.targets.at(0).part.str() == "а");
  CHECK(back.targets.at(1).part.empty());
  CHECK(back.facts.at(0).note + "." == "оценка.");
  CHECK(out.programme.measures.at(0).status.at(0).reason == "не выделены средства");
  CHECK(out.programme.measures.at(1).consequences.empty());
}

TEST_CASE("snapshots: a payload whose lengths run past its end is not read, even with a right checksum") {
  // The checksum guards against damage on disk; the reader must still never read past the
  // payload when a length in it is wrong (a format mistake, or damage the checksum misses).
  constexpr char kMagic[8] = {'T', 'E', 'S', 'T', 'S', 'N', 'A', 'P'};
  std::string text = "Программа «Ёлка», достаточно длинная строка";
  std::vector<std::string> list = {"a", std::string(100, 'b')};
  const std::string good = encode_snapshot(kMagic, 5, text, list);
  REQUIRE_FALSE(good.empty());
  std::string t;
  std::vector<std::string> l;
  REQUIRE(decode_snapshot(good, kMagic, 5, t, l));
  CHECK(t == text);
  CHECK(l == list);

  const std::string payload = good.substr(kSnapshotHeader);
  auto with_length = [&](size_t at, uint64_t length) {
    std::string p = payload;
    std::memcpy(p.data() + at, &length, sizeof length);
    return frame_snapshot(kMagic, 5, p);
  };
  const size_t list_at = sizeof(uint64_t) + text.size();  // the list's size, after the string
  const size_t second_at = list_at + 2 * sizeof(uint64_t) + 1;  // the second item's size
  for (const std::string& bad : {with_length(0, text.size() + 1000), with_length(0, ~uint64_t{0}),
                                 with_length(second_at, 101),
                                 frame_snapshot(kMagic, 5, payload.substr(0, payload.size() - 1))}) {
    std::string t2;
    std::vector<std::string> l2;
    CHECK_FALSE(decode_snapshot(bad, kMagic, 5, t2, l2));
  }
}

#ifdef VITRINA_JEMALLOC
#include <jemalloc/jemalloc.h>

TEST_CASE("snapshots: pages faulted in ahead of decoding stay in the allocator until decoding ends") {
  // restore_folder faults in a decoded model's pages ahead (util/heap.h); jemalloc would give
  // them back to the system at once unless KeptHeapPages holds its decay, and must decay again after.
  unsigned arena = 0;
  size_t len = sizeof arena;
  REQUIRE(mallctl("thread.arena", &arena, &len, nullptr, 0) == 0);
  const std::string decay = "arena." + std::to_string(arena) + ".dirty_decay_ms";
  auto decay_ms = [&] {
    ssize_t v = 0;
    size_t n = sizeof v;
    REQUIRE(mallctl(decay.c_str(), &v, &n, nullptr, 0) == 0);
    return v;
  };
  auto dirty_pages = [&] {
    uint64_t epoch = 1;
    size_t n = sizeof epoch, pages = 0, pn = sizeof pages;
    mallctl("epoch", &epoch, &n, &epoch, n);
    const std::string key = "stats.arenas." + std::to_string(arena) + ".pdirty";
    REQUIRE(mallctl(key.c_str(), &pages, &pn, nullptr, 0) == 0);
    return pages;
  };
  const ssize_t before = decay_ms();
  {
    const KeptHeapPages kept;
    CHECK(decay_ms() == -1);
    prefault_heap(size_t{32} << 20);  // new pages, or free ones the arena had: all kept now
    CHECK(dirty_pages() >= (size_t{32} << 20) / 4096);
  }
  CHECK(decay_ms() == before);
}
#endif
