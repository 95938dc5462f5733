// Incremental stage: input fingerprints grouped by programme, output ownership, the build
// cache's round trip and its checks of the live tree.
#include <doctest/doctest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "incremental/build_cache.h"
#include "incremental/fingerprint.h"
#include "util/program_id.h"

using namespace vitrina;
namespace fs = std::filesystem;

namespace {
fs::path fresh_dir(const std::string& tag) {
  fs::path d = fs::temp_directory_path() / ("vitrina-incr-" + tag + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}
void put(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}
}  // namespace

TEST_CASE("input_owner: programme folders of data/ and content/, everything else site-wide") {
  CHECK(input_owner("data/programmes/alpha/indicators.json") == "alpha");
  CHECK(input_owner("data/programmes/alpha/") == "alpha");
  CHECK(input_owner("content/alpha/01-about.md") == "alpha");
  CHECK(input_owner("content/about.md") == "");
  CHECK(input_owner("data/site.json") == "");
  CHECK(input_owner("data/programmes/") == "");
  CHECK(input_owner("templates/layout.mustache") == "");
  CHECK(input_owner("share:themes/default/assets/style.css") == "");
}

TEST_CASE("output_owner: programme pages, workbook and open data; site-wide files have none") {
  CHECK(output_owner("programmes/alpha/index.html") == "alpha");
  CHECK(output_owner("programmes/alpha/indicators/i1/index.html") == "alpha");
  CHECK(output_owner("xlsx/alpha.xlsx") == "alpha");
  CHECK(output_owner("data/alpha/indicators.csv") == "alpha");
  CHECK(output_owner("data/index.json") == "");
  CHECK(output_owner("board.xlsx") == "");
  CHECK(output_owner("index.html") == "");
  CHECK(output_owner("search/index.json") == "");
  CHECK(output_owner("search/programmes/alpha.json") == "");
  CHECK(output_owner("xlsx/sub/alpha.xlsx") == "");
}

TEST_CASE("fingerprint_inputs: a change in one programme's file changes only that programme") {
  const fs::path site = fresh_dir("fp"), share = site / "share";
  put(site / "data/site.json", "{}");
  put(site / "data/programmes/alpha/programme.json", "{\"id\": \"alpha\"}");
  put(site / "data/programmes/beta/programme.json", "{\"id\": \"beta\"}");
  put(site / "content/beta/01.md", "# beta");
  put(share / "templates/layout.mustache", "{{content}}");
  const InputFingerprint a = fingerprint_inputs(site, share, "v1");
  CHECK(a.programmes.size() == 2);
  CHECK(fingerprint_inputs(site, share, "v1").all() == a.all());  // deterministic

  put(site / "content/beta/01.md", "# beta changed");
  const InputFingerprint b = fingerprint_inputs(site, share, "v1");
  CHECK(b.site == a.site);
  CHECK(b.programmes.at("alpha") == a.programmes.at("alpha"));
  CHECK(b.programmes.at("beta") != a.programmes.at("beta"));
  CHECK(b.all() != a.all());

  put(share / "templates/layout.mustache", "<main>{{content}}</main>");
  const InputFingerprint c = fingerprint_inputs(site, share, "v1");
  CHECK(c.site != b.site);
  CHECK(c.programmes.at("alpha") == b.programmes.at("alpha"));
  CHECK(fingerprint_inputs(site, share, "v2").site != c.site);  // settings count too
  fs::remove_all(site);
}

TEST_CASE("fingerprint_inputs: files whose stamp is unchanged (and old enough) are not read again") {
  const fs::path site = fresh_dir("stamps"), share = site / "share";
  put(site / "data/site.json", "{}");
  put(site / "data/programmes/alpha/programme.json", "{\"id\": \"alpha\"}");
  put(site / "data/programmes/beta/programme.json", "{\"id\": \"beta\"}");
  const auto an_hour_ago = fs::file_time_type::clock::now() - std::chrono::hours(1);
  for (const char* f : {"data/site.json", "data/programmes/alpha/programme.json", "data/programmes/beta/programme.json"})
    fs::last_write_time(site / f, an_hour_ago);
  const InputFingerprint a = fingerprint_inputs(site, share, "v1");
  CHECK(a.files_read == 3);
  CHECK(a.stamps.size() == 3);
  CHECK(a.stamps.at("data/site.json").trusted);
  const InputFingerprint b = fingerprint_inputs(site, share, "v1", a.stamps);
  CHECK(b.files_read == 0);
  CHECK(b.all() == a.all());
  // A change (new mtime) is read; a file changed just now is not trusted next time either.
  put(site / "data/programmes/beta/programme.json", "{\"id\": \"beta\", \"title\": \"B\"}");
  const InputFingerprint c = fingerprint_inputs(site, share, "v1", b.stamps);
  CHECK(c.files_read == 1);
  CHECK(c.programmes.at("beta") != a.programmes.at("beta"));
  CHECK(c.programmes.at("alpha") == a.programmes.at("alpha"));
  CHECK(!c.stamps.at("data/programmes/beta/programme.json").trusted);
  CHECK(fingerprint_inputs(site, share, "v1", c.stamps).files_read == 1);
  fs::remove_all(site);
}

TEST_CASE("build cache: round trip, checked as a whole, and the live tree check notices edits and removals") {
  const fs::path dir = fresh_dir("cache"), out = dir / "output";
  put(out / "index.html", "home");
  put(out / "programmes/alpha/index.html", "alpha");
  put(out / "data/alpha/alpha.json", "{}");
  BuildCache c;
  c.inputs = 0x0123456789abcdefull;
  c.site = 42;
  c.programmes["alpha"] = 7;
  c.pages = 2;
  c.input_stamps["data/site.json"] = InputStamp{12, 34, 56, 0xfeedfacecafebeefull, true};
  c.input_stamps["content/a b\"c\\d \n.md"] = InputStamp{1, 2, 3, 4, false};  // names are quoted
  for (const char* rel : {"data/alpha/alpha.json", "index.html", "programmes/alpha/index.html"}) {
    CachedFile f;
    f.path = rel;
    REQUIRE(stat_output(out, rel, f));
    if (f.path.rfind("data/", 0) == 0) f.sha256 = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
    c.files.push_back(f);
  }
  Diagnostic d;
  d.severity = Severity::Warning;
  d.file = "data/programmes/alpha/indicators.json";
  d.line = 5;
  d.column = 7;
  d.message = "отношение «65/55»";
  d.pointer = "/indicators/0";
  d.code = "ratio-mismatch";
  d.acknowledged = true;
  c.diagnostics.push_back(d);

  const fs::path file = dir / "build-cache";
  std::string error;
  REQUIRE(write_cache(file, c, error));
  BuildCache r;
  REQUIRE(read_cache(file, r));
  CHECK(r.inputs == c.inputs);
  CHECK(r.site == 42);
  CHECK(r.programmes.at("alpha") == 7);
  CHECK(r.pages == 2);
  REQUIRE(r.input_stamps.count("data/site.json"));
  CHECK(r.input_stamps.at("data/site.json").hash == 0xfeedfacecafebeefull);
  CHECK(r.input_stamps.at("data/site.json").mtime_ns == 56);
  CHECK(r.input_stamps.at("data/site.json").inode == 34);
  CHECK(r.input_stamps.at("data/site.json").trusted);
  REQUIRE(r.input_stamps.count("content/a b\"c\\d \n.md"));
  CHECK(r.input_stamps.at("content/a b\"c\\d \n.md").hash == 4);
  CHECK(!r.input_stamps.at("content/a b\"c\\d \n.md").trusted);
  REQUIRE(r.files.size() == 3);
  CHECK(r.files[0].sha256 == c.files[0].sha256);
  CHECK(r.files[2].path == "programmes/alpha/index.html");
  CHECK(r.files[1].inode == c.files[1].inode);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message == d.message);
  CHECK(r.diagnostics[0].line == 5);
  CHECK(r.diagnostics[0].acknowledged);
  CHECK(r.diagnostics[0].severity == Severity::Warning);

  CHECK(tree_unchanged(out, r.files));
  put(out / "extra.html", "x");  // not Vitrina's: does not matter
  CHECK(tree_unchanged(out, r.files));
  CHECK(!tree_unchanged(out, {}));
  // Rewritten in place (a new mtime) or replaced by a new file (a new inode).
  ::usleep(10000);
  put(out / "index.html", "home");
  CHECK(!unchanged(out, r.files[1]));
  CHECK(unchanged(out, r.files[2]));
  fs::remove(out / "programmes/alpha/index.html");
  CHECK(!unchanged(out, r.files[2]));

  // A damaged cache is ignored, not trusted: cut anywhere (a full disk) or changed anywhere.
  std::string whole;
  {
    std::ifstream in(file, std::ios::binary);
    whole.assign(std::istreambuf_iterator<char>(in), {});
  }
  for (size_t cut : {size_t{1}, size_t{3}, whole.size() / 2, whole.size() - 1}) {
    CAPTURE(cut);
    std::ofstream(file, std::ios::binary | std::ios::trunc) << whole.substr(0, whole.size() - cut);
    BuildCache bad;
    CHECK(!read_cache(file, bad));
    CHECK(bad.files.empty());
  }
  for (size_t at : {size_t{5}, whole.size() / 2, whole.size() - 30, whole.size() - 5}) {
    CAPTURE(at);
    std::string changed = whole;
    changed[at] = changed[at] == '1' ? '2' : '1';
    std::ofstream(file, std::ios::binary | std::ios::trunc) << changed;
    BuildCache bad;
    CHECK(!read_cache(file, bad));
  }
  // A cache that cannot be put in place says why, and leaves no temporary file.
  CHECK(!write_cache(dir / "no-such-folder" / "build-cache", c, error));
  CHECK(!error.empty());
  fs::remove_all(dir);
}

TEST_CASE("program_identity: the linker's build ID of this executable, stable within a run") {
  const std::string id = program_identity();
  CHECK(id == program_identity());
  REQUIRE(id.rfind("build-id ", 0) == 0);  // Debian's GCC links with --build-id
  const std::string hex = id.substr(9);
  CHECK(hex.size() >= 16);
  CHECK(hex.find_first_not_of("0123456789abcdef") == std::string::npos);
}
