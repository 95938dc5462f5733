// End-to-end: the binary on fixture sites (good and broken); exit codes, every
// diagnostic line, and the files written.
#include <doctest/doctest.h>
#include <unistd.h>

#include <sstream>
#include <vector>

#include "run_binary.h"

namespace fs = std::filesystem;


TEST_CASE("e2e: check on a valid fixture exits 0 with no diagnostics") {
  auto r = run_vitrina("check --site " + fixture("minimal"));
  CHECK(r.exit_code == 0);
  CHECK(lines_with(r.output, "error:").empty());
  CHECK(lines_with(r.output, "warning:").empty());
}

TEST_CASE("e2e: broken types report every problem with file:line:col and pointer") {
  auto r = run_vitrina("check --site " + fixture("broken-types"));
  CHECK(r.exit_code == 1);
  const std::vector<std::string> expected = {
      "data/programmes/alpha/indicators.json:3:48: error: недопустимое значение «shares»; возможно, «share»",
      "data/programmes/alpha/indicators.json:4:27: error: год 2030 вне периода программы 2021–2023 (at /indicators/0/targets/0/year)",
      "data/programmes/alpha/indicators.json:4:42: error: ожидается число, а указано текст (at /indicators/0/targets/0/value)",
      "data/programmes/alpha/indicators.json:5:12: error: недопустимый идентификатор «bad id!»",
      "data/programmes/alpha/programme.json:3:12: error: ожидается текст, а указано число (at /title)",
      "data/programmes/alpha/programme.json:4:3: error: неизвестное поле «perod»; возможно, имелось в виду «period» (at /perod)",
      "data/programmes/alpha/programme.json:7:47: error: ссылка на неизвестный объект «d9» (направление) (at /goals/0/direction)",
      "data/programmes/alpha/programme.json:8:12: error: идентификатор «g1» уже использован (впервые в строке 7) (at /goals/1/id)",
  };
  for (const auto& e : expected) CHECK_MESSAGE(r.output.find(e) != std::string::npos, e);
  // exactly these: the text in targets/0/value is one error, not also «нет ни value, ни printed»;
  // the unknown field is an error too (strict by default)
  CHECK(lines_with(r.output, ": error: ").size() == 8);
  CHECK(lines_with(r.output, ": warning: ").empty());
}

TEST_CASE("e2e: English messages with --lang en, and machine formats") {
  auto r = run_vitrina("check --lang en --site " + fixture("broken-types"));
  CHECK(r.output.find("unknown field \"perod\"; did you mean \"period\"?") != std::string::npos);
  auto gh = run_vitrina("check --format github --site " + fixture("broken-types"));
  CHECK(gh.output.find("::error file=data/programmes/alpha/programme.json,line=3,col=12::") != std::string::npos);
  auto js = run_vitrina("check --format json --site " + fixture("broken-types"));
  CHECK(js.output.find("\"pointer\":\"/goals/0/direction\"") != std::string::npos);
}

TEST_CASE("e2e: malformed JSON is reported with its position") {
  auto r = run_vitrina("check --site " + fixture("broken-json"));
  CHECK(r.exit_code == 1);
  // At the end of line 3, where the comma is missing (more in strict_test.cpp).
  CHECK(r.output == "data/programmes/alpha/programme.json:3:23: error: синтаксическая ошибка JSON: пропущена запятая: "
                    "поставьте «,» здесь, перед «\"kind\"» в строке 4\nошибок: 1, предупреждений: 0\n");
}

TEST_CASE("e2e: usage errors exit 2; help and version exit 0") {
  CHECK(run_vitrina("frobnicate").exit_code == 2);
  CHECK(run_vitrina("build --no-such-flag").exit_code == 2);
  auto h = run_vitrina("--help");
  CHECK(h.exit_code == 0);
  CHECK(h.output.find("Использование") != std::string::npos);
  CHECK(run_vitrina("--lang en --help").output.find("Usage") != std::string::npos);
  CHECK(run_vitrina("build --help").output.find("--base-url") != std::string::npos);
  CHECK(run_vitrina("--version").output.find("vitrina ") != std::string::npos);
}

TEST_CASE("e2e: build writes pages, escapes data, and a failed build keeps the last good site") {
  fs::path out = temp_dir("build") / "output";
  auto r = run_vitrina("build --quiet --site " + fixture("minimal") + " --out " + out.string());
  REQUIRE(r.exit_code == 0);
  for (const char* f : {"index.html", "404.html", "sitemap.xml", "robots.txt", "feed.xml", "favicon.svg",
                        "programmes/alpha/index.html", "programmes/alpha/indicators/index.html",
                        "programmes/alpha/indicators/i1/index.html", "programmes/alpha/measures/index.html",
                        "programmes/alpha/dashboard/index.html", "programmes/alpha/pages/01-about/index.html",
                        "programmes/alpha/organisations/school-1/index.html", "dashboard/index.html",
                        "organisations/index.html"})
    CHECK_MESSAGE(fs::exists(out / f), f);
  const std::string passport = slurp(out / "programmes/alpha/index.html");
  CHECK(passport.find("<script>alert(1)</script>") == std::string::npos);
  CHECK(passport.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co") != std::string::npos);
  // Longest abbreviation first, whole words only, never nested.
  CHECK(passport.find("<abbr title=\"Муниципальное казённое учреждение «Управление образования»\">МКУ УО</abbr> и "
                      "«<abbr title=\"Управление образования\">УО</abbr>» работают с УОО") != std::string::npos);
  CHECK(passport.find("title=\"<abbr") == std::string::npos);
  CHECK(passport.find("<abbr title=\"Управление образования\">УО</abbr></abbr>") == std::string::npos);
  const std::string page = slurp(out / "programmes/alpha/pages/01-about/index.html");
  CHECK(page.find("<script>alert(\"x\")</script>") == std::string::npos);  // raw HTML off by default
  CHECK(page.find("javascript:") == std::string::npos);
  CHECK(page.find("<strong>программы</strong>") != std::string::npos);

  // A broken site must not replace the published one.
  const auto before = fs::last_write_time(out / "index.html");
  auto bad = run_vitrina("build --quiet --site " + fixture("broken-types") + " --out " + out.string());
  CHECK(bad.exit_code == 1);
  CHECK(fs::exists(out / "programmes/alpha/indicators/i1/index.html"));
  CHECK(fs::last_write_time(out / "index.html") == before);
}

TEST_CASE("e2e: rebuilding unchanged data writes nothing and keeps mtimes; output is byte-identical") {
  fs::path dir = temp_dir("rebuild");
  fs::path out = dir / "output";
  REQUIRE(run_vitrina("build --quiet --site " + fixture("minimal") + " --out " + out.string()).exit_code == 0);
  const std::string first = slurp(out / "programmes/alpha/indicators/i1/index.html");
  const auto mtime = fs::last_write_time(out / "programmes/alpha/indicators/i1/index.html");
  ::usleep(20000);
  auto r = run_vitrina("build --site " + fixture("minimal") + " --out " + out.string());
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("файлов записано 0") != std::string::npos);
  CHECK(fs::last_write_time(out / "programmes/alpha/indicators/i1/index.html") == mtime);
  CHECK(slurp(out / "programmes/alpha/indicators/i1/index.html") == first);
  // A file Vitrina made and no longer makes is removed; one someone else put there is kept.
  copy_site(fixture("minimal"), dir / "site");
  REQUIRE(run_vitrina("build --quiet --site " + (dir / "site").string() + " --out " + out.string()).exit_code == 0);
  { std::ofstream(out / "notes.html") << "mine"; }
  fs::remove(dir / "site/content/alpha/01-about.md");
  r = run_vitrina("build --site " + (dir / "site").string() + " --out " + out.string());
  CHECK(r.exit_code == 0);
  CHECK(!fs::exists(out / "programmes/alpha/pages/01-about/index.html"));
  CHECK(r.output.find("удалено 0") == std::string::npos);  // the page (and the search index's changed parts)
  CHECK(slurp(out / "notes.html") == "mine");
  fs::remove_all(dir);
}

TEST_CASE("e2e: the bundled data and the demonstration region check cleanly") {
  auto r = run_vitrina(std::string("check --site ") + VITRINA_SOURCE_DIR);
  CHECK(r.exit_code == 0);
  CHECK(lines_with(r.output, ": error: ").empty());
  // The four warnings the documents really deserve (three Belomorsk ratios, Kaltan measure 28
  // running to 2025) are acknowledged in the data: counted, not printed.
  CHECK(lines_with(r.output, ": warning: ").empty());
  CHECK(r.output.find("ошибок: 0, предупреждений: 0 (и 4 проверенных, скрыто") != std::string::npos);
  auto all = run_vitrina(std::string("check --show-acknowledged --site ") + VITRINA_SOURCE_DIR);
  CHECK(all.exit_code == 0);
  CHECK(lines_with(all.output, ": warning: ").size() == 4);
  CHECK(all.output.find("belomorsk-2022/indicators.json:5:5: warning: отношение последнего года к первому 65/55 = 1.18, "
                        "а в документе напечатано 1,19") != std::string::npos);
  CHECK(all.output.find("kaltan-2019/measures.json:477:17: warning: срок мероприятия «2019-2025 гг.»") != std::string::npos);
  auto d = run_vitrina(std::string("check --site ") + VITRINA_SOURCE_DIR + "/examples/demo");
  CHECK(d.exit_code == 0);
  CHECK(lines_with(d.output, ": error: ").empty());
  CHECK(lines_with(d.output, ": warning: ").empty());
}

TEST_CASE("e2e: a broken internal link in Markdown is an error with file and line; good links pass") {
  fs::path site = temp_dir("links");
  copy_site(fixture("minimal"), site);
  { std::ofstream(site / "content/about.md") << "---\ntitle: О сайте\n---\nТекст.\n\n[нет такой](programmes/zzz/index.html)\n"
                                               "[есть](../../programmes/alpha/index.html) [внешняя](https://example.org)\n"; }
  auto r = run_vitrina("check --site " + site.string());
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("content/about.md:6:1: error: ссылка ведёт на несуществующую страницу: programmes/zzz/index.html") !=
        std::string::npos);
  CHECK(lines_with(r.output, ": error: ").size() == 1);
}

TEST_CASE("e2e: an acknowledged code hides only its own warning") {
  fs::path site = temp_dir("ack");
  copy_site(fixture("minimal"), site);
  // Measure m1 runs 2021-2025 in a 2021-2023 programme; it acknowledges another code.
  std::string measures = slurp(site / "data/programmes/alpha/measures.json");
  const std::string from = "\"period\": \"2021-2023 гг.\",";
  REQUIRE(measures.find(from) != std::string::npos);
  measures.replace(measures.find(from), from.size(),
                   "\"period\": \"2021-2025 гг.\", \"acknowledged\": [\"ratio-mismatch\"],");
  { std::ofstream(site / "data/programmes/alpha/measures.json") << measures; }
  auto r = run_vitrina("check --site " + site.string());
  CHECK(r.exit_code == 0);
  CHECK(lines_with(r.output, ": warning: ").size() == 1);
  measures.replace(measures.find("ratio-mismatch"), 14, "period-outside");
  { std::ofstream(site / "data/programmes/alpha/measures.json") << measures; }
  r = run_vitrina("check --site " + site.string());
  CHECK(lines_with(r.output, ": warning: ").empty());
  CHECK(r.output.find("(и 1 проверенных, скрыто") != std::string::npos);
}

TEST_CASE("e2e: the search index is published with the pages; -v shows its stage; --no-search says so once") {
  fs::path out = temp_dir("search") / "output";
  auto r = run_vitrina("build -v --site " + fixture("minimal") + " --out " + out.string());
  REQUIRE(r.exit_code == 0);
  CHECK(lines_with(r.output, "  поиск: ").size() == 1);
  CHECK(lines_with(r.output, "проиндексировано страниц").size() == 1);
  const std::string manifest = slurp(out / "search/index.json");
  CHECK(manifest.find("\"groups\"") != std::string::npos);
  CHECK(slurp(out / "search/site.json").find("404.html") == std::string::npos);
  CHECK(slurp(out / "index.html").find("data-search ") != std::string::npos);
  auto again = run_vitrina("build --site " + fixture("minimal") + " --out " + out.string());
  CHECK(again.output.find("файлов записано 0") != std::string::npos);
  // Without search: said once, no index, no search form (it would only say «unavailable»).
  auto off = run_vitrina("build --no-search --site " + fixture("minimal") + " --out " + out.string());
  REQUIRE(off.exit_code == 0);
  CHECK(lines_with(off.output, "--no-search").size() == 1);
  CHECK_FALSE(fs::exists(out / "search"));
  CHECK(slurp(out / "index.html").find("data-search ") == std::string::npos);
  CHECK(lines_with(run_vitrina("build -q --no-search --site " + fixture("minimal") + " --out " + out.string()).output,
                   "--no-search")
            .empty());
}

TEST_CASE("e2e: sub-path deployment and file:// review: every page links relatively; base URL only in absolute URLs") {
  fs::path out = temp_dir("subpath") / "output";
  REQUIRE(run_vitrina("build --quiet --site " + fixture("minimal") + " --out " + out.string() +
                      " --base-url https://city.example/education/programmes/")
              .exit_code == 0);
  size_t pages = 0;
  for (const auto& e : fs::recursive_directory_iterator(out)) {
    if (e.path().extension() != ".html" || e.path().filename() == "404.html") continue;
    ++pages;
    const std::string html = slurp(e.path());
    const std::string rel = fs::relative(e.path(), out).generic_string();
    CHECK_MESSAGE(html.find("href=\"/") == std::string::npos, rel);
    CHECK_MESSAGE(html.find("src=\"/") == std::string::npos, rel);
    // Every relative link from this page resolves to a file in the tree (as file:// would).
    for (size_t pos = 0; (pos = html.find("href=\"", pos)) != std::string::npos;) {
      pos += 6;
      std::string url = html.substr(pos, html.find('"', pos) - pos);
      if (url.empty() || url[0] == '#' || url.find(':') != std::string::npos || url.find("/__vitrina") == 0) continue;
      url = url.substr(0, url.find('#'));
      CHECK_MESSAGE(fs::exists((e.path().parent_path() / url).lexically_normal()), rel << " → " << url);
    }
  }
  CHECK(pages > 10);
  const std::string sitemap = slurp(out / "sitemap.xml");
  CHECK(sitemap.find("<loc>https://city.example/education/programmes/programmes/alpha/</loc>") != std::string::npos);
  CHECK(slurp(out / "404.html").find("href=\"https://city.example/education/programmes/index.html\"") !=
        std::string::npos);
}

TEST_CASE("e2e: build -v reports each page type's weight and request count") {
  fs::path out = temp_dir("verbose") / "output";
  auto r = run_vitrina("build -v --site " + fixture("minimal") + " --out " + out.string());
  REQUIRE(r.exit_code == 0);
  auto lines = lines_with(r.output, ", запросов на страницу: ");
  CHECK(lines.size() == 11);  // one per page template in use
  // The passport page: the HTML, one stylesheet, the icon and the two deferred scripts.
  CHECK(r.output.find("  programme: страниц: 1, ") != std::string::npos);
  CHECK(lines_with(r.output, "  programme: страниц: 1, ").at(0).find("запросов на страницу: 5,") != std::string::npos);
}

TEST_CASE("e2e: workbook temporary folders of killed builds are removed; a running build's are not") {
  // A process that has ended: its pid is free (not reused this quickly in practice).
  const pid_t dead = ::fork();
  if (dead == 0) ::_exit(0);
  REQUIRE(dead > 0);
  ::waitpid(dead, nullptr, 0);
  const fs::path tmp = fs::temp_directory_path();
  const fs::path stale = tmp / ("vitrina-xlsx-" + std::to_string(dead) + "-e2eXYZ");
  const fs::path alive = tmp / ("vitrina-xlsx-" + std::to_string(::getpid()) + "-e2eXYZ");
  fs::create_directories(stale);
  fs::create_directories(alive);
  { std::ofstream(stale / "part.xml") << "x"; }
  fs::path out = temp_dir("xlsx-tmp") / "output";
  REQUIRE(run_vitrina("build -q --site " + fixture("minimal") + " --out " + out.string()).exit_code == 0);
  CHECK(!fs::exists(stale));
  CHECK(fs::exists(alive));
  fs::remove_all(alive);
  fs::remove_all(out.parent_path());
}
