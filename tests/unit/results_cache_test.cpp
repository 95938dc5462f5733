// Snapshots of computed figures (incremental/results_cache.h): restored figures must be the
// computed ones — every metric and the compute stage's diagnostics — and a snapshot must never be
// used for other inputs, another report, or when it is damaged.
#include <doctest/doctest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "incremental/results_cache.h"
#include "load/loader.h"
#include "validate/validate.h"

using namespace vitrina;
namespace fs = std::filesystem;

namespace {

// Counts what compute_metrics restored and saved through the cache it wraps.
struct Counting : FiguresStore {
  explicit Counting(ResultsCache& c) : cache(c) {}
  bool restore(const Programme& p, const ReportDate& r, ProgrammeFigures& out) override {
    const bool ok = cache.restore(p, r, out);
    restored += ok;
    return ok;
  }
  void save(const Programme& p, const ReportDate& r, const ProgrammeFigures& f) override {
    ++saved;
    cache.save(p, r, f);
  }
  ResultsCache& cache;
  std::atomic<int> restored{0}, saved{0};
};

struct Computed {
  SiteMetrics metrics;
  std::string diags;
  int restored = 0, saved = 0;
};

Computed compute(const SiteModel& model, ResultsCache* cache, int year = 0) {
  Computed c;
  Diagnostics d;
  if (!cache) {
    c.metrics = compute_metrics(model, d, year, 2);
  } else {
    Counting counting(*cache);
    c.metrics = compute_metrics(model, d, year, 2, &counting);
    cache->commit();
    c.restored = counting.restored;
    c.saved = counting.saved;
  }
  c.diags = format_all(d, DiagFormat::Text);
  return c;
}

std::map<std::string, uint64_t> inputs_of(const SiteModel& model, uint64_t hash) {
  std::map<std::string, uint64_t> inputs;
  for (const auto& p : model.programmes) inputs[p.id] = hash;
  return inputs;
}

}  // namespace

TEST_CASE("results cache: figures: restored figures are the computed ones, and stale ones are computed again") {
  const fs::path dir = fs::temp_directory_path() / ("vitrina-results-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  // The demonstration region has facts and statuses; the bundled documents' printed numbers
  // give the compute stage's warnings.
  for (const std::string& site : {std::string(VITRINA_SOURCE_DIR) + "/examples/demo", std::string(VITRINA_SOURCE_DIR)}) {
    CAPTURE(site);
    Diagnostics load_diags;
    SiteModel model = load_site(site, load_diags).model;
    const int n = static_cast<int>(model.programmes.size());
    REQUIRE(n > 1);
    const Computed plain = compute(model, nullptr);
    const fs::path figures = dir / fs::path(site).filename();

    ResultsCache first(figures, inputs_of(model, 1), true);
    const Computed saved = compute(model, &first);
    CHECK(saved.restored == 0);
    CHECK(saved.saved == n);
    CHECK(saved.metrics == plain.metrics);

    ResultsCache second(figures, inputs_of(model, 1), true);
    const Computed restored = compute(model, &second);
    CHECK(restored.restored == n);
    CHECK(restored.saved == 0);
    CHECK(restored.metrics == plain.metrics);
    CHECK(restored.diags == plain.diags);

    SUBCASE("one programme's inputs changed: it alone is computed again") {
      auto inputs = inputs_of(model, 1);
      inputs[model.programmes[0].id] = 2;
      ResultsCache c(figures, inputs, true);
      const Computed r = compute(model, &c);
      CHECK(r.restored == n - 1);
      CHECK(r.metrics == plain.metrics);
    }
    SUBCASE("site-wide inputs changed (the methodology): every programme is computed again") {
      SiteModel changed = model;
      changed.site.methodology.achieved_min = 0.5;
      ResultsCache c(figures, inputs_of(model, 3), true);
      const Computed r = compute(changed, &c);
      CHECK(r.restored == 0);
      CHECK(r.metrics == compute(changed, nullptr).metrics);
    }
    SUBCASE("another report year: every programme is computed again") {
      const int year = plain.metrics.report.year - 1;
      ResultsCache c(figures, inputs_of(model, 1), true);
      const Computed r = compute(model, &c, year);
      CHECK(r.restored == 0);
      CHECK(r.metrics == compute(model, nullptr, year).metrics);
    }
    SUBCASE("a damaged snapshot is computed again; --no-cache computes all and keeps them") {
      const fs::path file = figures / (model.programmes[1].id + ".figures");
      std::string bytes;
      {
        std::ifstream in(file, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      }
      REQUIRE(bytes.size() > 100);
      bytes[bytes.size() / 2] ^= 1;
      std::ofstream(file, std::ios::binary) << bytes;
      ResultsCache c(figures, inputs_of(model, 1), true);
      const Computed r = compute(model, &c);
      CHECK(r.restored == n - 1);
      CHECK(r.metrics == plain.metrics);
      ResultsCache no_cache(figures, inputs_of(model, 1), false);
      const Computed all = compute(model, &no_cache);
      CHECK(all.restored == 0);
      CHECK(all.saved == n);
    }
    SUBCASE("figures of another programme are not taken, and a removed programme's are removed") {
      const Programme& a = model.programmes[0];
      const Programme& b = model.programmes[1];
      fs::copy_file(figures / (b.id + ".figures"), figures / (a.id + ".figures"), fs::copy_options::overwrite_existing);
      ResultsCache c(figures, inputs_of(model, 1), true);
      ProgrammeFigures out;
      CHECK_FALSE(c.restore(a, plain.metrics.report, out));  // the same key, but b's indicators
      auto inputs = inputs_of(model, 1);
      inputs.erase(b.id);
      ResultsCache without(figures, inputs, true);
      without.commit();
      CHECK_FALSE(fs::exists(figures / (b.id + ".figures")));
      CHECK(fs::exists(figures / (a.id + ".figures")));
    }
  }
  fs::remove_all(dir);
}

TEST_CASE("results cache: figures: encode and decode check the key, the size and the checksum") {
  ProgrammeFigures f;
  IndicatorMetrics im;
  im.programme = "p";
  im.indicator = "i1";
  im.years.push_back(YearFigures{});
  im.years.back().plan_printed = "не менее 50 %";
  im.years.back().degree = 0.987;
  im.ratio_rounded = round_decimal(1.234, 2);
  f.indicators.push_back(im);
  MeasureMetrics mm;
  mm.measure = "m1";
  mm.earlier_status = MeasureState::Done;
  f.measures.push_back(mm);
  f.diags.add({Severity::Warning, "data/programmes/p/indicators.json", 3, 4, "предупреждение", "/indicators/0",
               "ratio-mismatch", true});
  const std::string bytes = encode_figures(f, 7);
  ProgrammeFigures out;
  REQUIRE(decode_figures(bytes, 7, out));
  CHECK(out.indicators == f.indicators);
  CHECK(out.measures == f.measures);
  REQUIRE(out.diags.items().size() == 1);
  CHECK(out.diags.items()[0].code == "ratio-mismatch");
  CHECK(out.diags.items()[0].acknowledged);
  ProgrammeFigures other;
  CHECK_FALSE(decode_figures(bytes, 8, other));
  CHECK_FALSE(decode_figures(bytes.substr(0, bytes.size() - 1), 7, other));
  std::string flipped = bytes;
  flipped[flipped.size() - 2] ^= 1;
  CHECK_FALSE(decode_figures(flipped, 7, other));
}

TEST_CASE("results cache: a programme's check diagnostics are restored only for the same inputs") {
  const fs::path dir = fs::temp_directory_path() / ("vitrina-checks-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  Diagnostics load_diags;
  LoadResult loaded = load_site(std::string(VITRINA_SOURCE_DIR) + "/examples/demo", load_diags);
  SiteModel& model = loaded.model;
  REQUIRE(model.programmes.size() > 1);
  REQUIRE_FALSE(model.programmes[0].measures.empty());
  std::string& section = model.programmes[0].measures[0].section;
  const std::string good = section;
  section = "нет-такого-раздела";
  auto check = [&](ResultsCache* cache) {
    Diagnostics d;
    validate(model, loaded.sources, d, 2, cache);
    if (cache) cache->commit();
    return format_all(d, DiagFormat::Text);
  };
  const std::string plain = check(nullptr);
  REQUIRE(plain.find("нет-такого-раздела") != std::string::npos);

  ResultsCache first(dir, inputs_of(model, 1), true);
  CHECK(check(&first) == plain);
  CHECK(fs::exists(dir / (model.programmes[0].id + ".checks")));
  ResultsCache second(dir, inputs_of(model, 1), true);
  CHECK(check(&second) == plain);

  // The data mended: under the same inputs' hash the kept diagnostics would still be served
  // (which is why the hash must name every input), under the new hash they are found again.
  section = good;
  ResultsCache same(dir, inputs_of(model, 1), true);
  CHECK(check(&same) == plain);
  auto inputs = inputs_of(model, 1);
  inputs[model.programmes[0].id] = 2;
  ResultsCache changed(dir, inputs, true);
  CHECK(check(&changed) == check(nullptr));
  CHECK(check(nullptr).find("нет-такого-раздела") == std::string::npos);
  fs::remove_all(dir);
}
