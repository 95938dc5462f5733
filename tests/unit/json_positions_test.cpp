// Lazy JSON positions: the load-time pass (PositionMap::scan) must answer exactly as the
// full map (PositionMap::build) does, build nothing on good data, re-read the file only
// when asked, and refuse to guess when the file has changed. Also: parallel loading gives
// the same model and diagnostics as serial loading.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <thread>
#include <unistd.h>

#include "load/json_positions.h"
#include "load/loader.h"

using namespace vitrina;
namespace fs = std::filesystem;

namespace {

// Every pointer of a parsed document (nlohmann keeps the last of duplicate keys).
void collect_pointers(const nlohmann::json& j, const std::string& at, std::vector<std::string>& out) {
  out.push_back(at);
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) collect_pointers(*it, at + "/" + pointer_escape(it.key()), out);
  } else if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i) collect_pointers(j[i], at + "/" + std::to_string(i), out);
  }
}

// Compares the lazy map with the eager one for every pointer of `text` (and a missing one).
void check_same_as_full(const std::string& text) {
  CAPTURE(text.substr(0, 200));
  const auto j = nlohmann::json::parse(text);
  const PositionMap full = PositionMap::build(text);
  const PositionMap lazy = PositionMap::scan(text, {});
  REQUIRE(lazy.duplicates().size() == full.duplicates().size());
  for (size_t i = 0; i < full.duplicates().size(); ++i) {
    CHECK(lazy.duplicates()[i].pointer == full.duplicates()[i].pointer);
    CHECK(lazy.duplicates()[i].pos.line == full.duplicates()[i].pos.line);
    CHECK(lazy.duplicates()[i].pos.column == full.duplicates()[i].pos.column);
  }
  std::vector<std::string> pointers;
  collect_pointers(j, "", pointers);
  pointers.push_back("/no/such/member");
  for (const auto& p : pointers) {
    CAPTURE(p);
    CHECK(lazy.value(p).line == full.value(p).line);
    CHECK(lazy.value(p).column == full.value(p).column);
    CHECK(lazy.key(p).line == full.key(p).line);
    CHECK(lazy.key(p).column == full.key(p).column);
  }
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void spit(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

fs::path fresh_dir(const std::string& tag) {
  auto d = fs::temp_directory_path() / ("vitrina-positions-" + tag + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

}  // namespace

TEST_CASE("lazy positions: the cheap pass agrees with the full map") {
  const char* texts[] = {
      "{}",
      "[]",
      "  {\"a\": {}}",
      "\xEF\xBB\xBF{\"a\": {\"b\": [1, {\"c\": 2}]}}",
      "{\r\n  \"a\": [1, {\"b\": \"Ж\"}],\r\n  \"имя\": {\"x\": {}}, \"c\": {\"d\": null}\r\n}",
      "[[{\"a\": 1}], {\"b\": [[], {}]}, \"s\", 1.5e3, true, null]",
      // Duplicate keys, with object values and nested: the first occurrence wins everywhere.
      "{\"a\": 1, \"a\": {\"b\": 2}, \"c\": {\"d\": {}}, \"c\": {\"d\": 3}}",
      "{\"a\": {\"b\": {\"x\": 1}}, \"a\": {\"b\": {\"y\": 2}, \"b\": {\"z\": 3}}}",
      // Different raw keys, one pointer: "a\/b" and "a/b" are both /a~1b.
      "{\"a\\/b\": 1, \"a/b\": {\"c\": 2}, \"q~r\": {\"s\": {}}}",
      "{\"a/b\": {\"c\": 2}, \"a\\/b\": {\"c\": 3}, \"k\": {\"l\": 4}}",
      "{\"x\\\"y\": {\"z\": 1}, \"x\\\\y\": {}, \"u\\u0061\": {}, \"ua\": {\"v\": 1}}",
      // Strings that look like structure.
      "{\"s\": \"{[\\\"]}\", \"t\": {\"u\": \"}\"}, \"w\": [\"]\", {\"k\": \",\"}]}",
  };
  for (const char* t : texts) check_same_as_full(t);

  // A wide object: the key set switches from linear search to hashing past 16 keys.
  std::string wide = "{";
  for (int i = 0; i < 40; ++i) wide += "\"k" + std::to_string(i % 30) + "\": {\"v\": " + std::to_string(i) + "},";
  wide += "\"end\": {}}";
  check_same_as_full(wide);
}

TEST_CASE("lazy positions: the bundled data agrees with the full map, file by file") {
  size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(VITRINA_SOURCE_DIR) / "data")) {
    if (e.path().extension() != ".json") continue;
    const std::string text = slurp(e.path());
    check_same_as_full(text);
    // Minified: every object on one line, so columns run long.
    check_same_as_full(nlohmann::json::parse(text).dump());
    ++files;
  }
  CHECK(files > 5);
}

TEST_CASE("lazy positions: built from the file on first need, unknown once it has changed") {
  const fs::path dir = fresh_dir("file");
  const fs::path file = dir / "f.json";
  const std::string text = "{\n  \"a\": {\"b\": 1},\n  \"c\": [true]\n}";
  spit(file, text);
  const PositionMap m = PositionMap::scan(text, file);
  CHECK(m.value("").line == 1);
  CHECK(m.value("/a").line == 2);  // an object: answered by the cheap pass
  CHECK(m.value("/a").column == 8);
  CHECK_FALSE(m.full_map_built());
  CHECK(m.value("/a/b").column == 14);  // a scalar: the file is read now
  CHECK(m.key("/c").line == 3);
  CHECK(m.full_map_built());

  const PositionMap stale = PositionMap::scan(text, file);
  spit(file, "{\n\n  \"a\": {\"b\": 1},\n  \"c\": [true]\n}");
  CHECK(stale.value("/a/b").line == 0);
  CHECK(stale.value("/a/b").column == 0);
  CHECK(stale.key("/c").line == 0);
  CHECK(stale.value("/a").line == 2);  // object starts were taken from the parsed text

  const PositionMap gone = PositionMap::scan(text, dir / "missing.json");
  CHECK(gone.value("/c/0").line == 0);
  CHECK(PositionMap().value("/a").line == 0);
  fs::remove_all(dir);
}

TEST_CASE("lazy positions: concurrent first queries build the map once and agree") {
  std::string text = "[\n";
  for (int i = 0; i < 2000; ++i) text += "  {\"id\": " + std::to_string(i) + ", \"v\": [1, 2]},\n";
  text += "  {}\n]";
  const PositionMap m = PositionMap::scan(text, {});
  std::vector<TextPos> got(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < got.size(); ++t)
    threads.emplace_back([&m, &got, t] { got[t] = m.value("/1500/v/1"); });
  for (auto& th : threads) th.join();
  for (const TextPos& p : got) {
    CHECK(p.line == 1502);
    CHECK(p.column == 25);
  }
}

TEST_CASE("lazy positions: a hostile object with a million keys is scanned in linear time") {
  std::string text = "{";
  for (int i = 0; i < 1'000'000; ++i) text += "\"k" + std::to_string(i) + "\":{},";
  text += "\"k7\":1}";
  // Not timed (a clock bound failed under ASan on a busy machine): a quadratic scan of a
  // million keys (~10^12 comparisons) never finishes, and CTest's timeout fails it.
  const PositionMap m = PositionMap::scan(text, {});
  REQUIRE(m.duplicates().size() == 1);
  CHECK(m.duplicates()[0].pointer == "/k7");
  CHECK(m.value("/k999999").line == 1);
  CHECK_FALSE(m.full_map_built());
}

TEST_CASE("loading: folders in parallel give the serial model and diagnostics, no full maps on good data") {
  const fs::path site = fresh_dir("site");
  for (const char* sub : {"data", "content"})
    fs::copy(fs::path(VITRINA_SOURCE_DIR) / sub, site / sub, fs::copy_options::recursive);

  Diagnostics good;
  LoadResult clean = load_site(site, good, 4);
  REQUIRE(good.items().empty());
  REQUIRE(clean.sources.files.size() > 5);
  for (const auto& f : clean.sources.files) {
    CAPTURE(f.first);
    CHECK_FALSE(f.second.full_map_built());
  }

  // Errors in several folders, found by the cheap pass and by readers needing the full map.
  std::vector<fs::path> programmes;
  for (const auto& e : fs::directory_iterator(site / "data" / "programmes")) programmes.push_back(e.path());
  std::sort(programmes.begin(), programmes.end());
  REQUIRE(programmes.size() >= 3);
  for (size_t k = 0; k < programmes.size(); k += 2) {
    const fs::path f = programmes[k] / "programme.json";
    std::string text = slurp(f);
    text.replace(text.find('{'), 1, "{\"title\": 5, \"bogus\": [1], \"title\": 6,");
    spit(f, text);
  }
  spit(programmes[1] / "measures.json", "{\"measures\": [");

  auto run = [&](int jobs) {
    Diagnostics d;
    LoadResult r = load_site(site, d, jobs);
    std::string out;
    for (const auto& p : r.model.programmes) out += p.id + "\n";
    return out + format_all(d, DiagFormat::Text);
  };
  const std::string serial = run(1);
  CHECK(serial.find("bogus") != std::string::npos);
  CHECK(serial.find(":1:") != std::string::npos);
  for (int i = 0; i < 3; ++i) CHECK(run(4) == serial);
  fs::remove_all(site);
}
