// The site search index (output/search): what is read from a page, how words are split and
// stemmed, and the files the browser searches.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "output/search/search_index.h"
#include "output/search/search_text.h"

using namespace vitrina;

namespace {

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  for_each_word(text, [&](std::string_view w) { out.emplace_back(w); });
  return out;
}

std::string page(const std::string& main) {
  return "<!DOCTYPE html><html lang=\"ru\"><head><title>T</title></head><body><header><nav>Навигация</nav></header>"
         "<main id=\"main\" data-search-body>" + main + "</main><footer>Подвал</footer></body></html>";
}

}  // namespace

TEST_CASE("extract_page_text: the body only, without ignored parts, svg and scripts; the first h1 is the title") {
  const PageText t = extract_page_text(page(
      "<p class=\"breadcrumbs\" data-search-ignore><a href=\"#\">Крошки</a></p>"
      "<h1><span class=\"num\">4.8.</span> Доля «молодых» педагогов &amp; наставников</h1>"
      "<figure><svg viewBox=\"0 0 1 1\"><title>Подпись графика</title><text>2018</text></svg></figure>"
      "<table class=\"years\" data-search-ignore><tr><td>Таблица<br>лет</td></tr></table>"
      "<p title=\"data-search-ignore\">Методика&nbsp;расчёта<br>значения</p><script>var x = '<p>';</script>"
      "<abbr title=\"x\">ИКТ</abbr>-компетентность"));
  CHECK(t.indexed);
  CHECK(t.title == "4.8. Доля «молодых» педагогов & наставников");
  CHECK(t.body.find("Методика расчёта значения") != std::string::npos);
  CHECK(t.body.find("ИКТ -компетентность") != std::string::npos);
  for (const char* absent : {"Навигация", "Подвал", "Крошки", "Подпись", "Таблица", "лет", "2018", "var x"}) {
    CAPTURE(absent);
    CHECK(t.body.find(absent) == std::string::npos);
  }
}

TEST_CASE("extract_page_text: a page without a data-search-body, or with all of it ignored, has nothing to index") {
  CHECK_FALSE(extract_page_text("<html><body><main><h1>Заголовок</h1></main></body></html>").indexed);
  const PageText nf = extract_page_text(page("<div data-search-ignore><h1>Страница не найдена</h1><p>Текст</p></div>"));
  CHECK(nf.title.empty());
  CHECK(nf.body.empty());
}

TEST_CASE("for_each_word: lower case, «ё» as «е», numbers and stop words left out, split at punctuation") {
  CHECK(words("Ёлки И ПАЛКИ, 2024 год: ИКТ-компетентность в школах №5; Excel/CSV") ==
        std::vector<std::string>{"елки", "палки", "год", "икт", "компетентность", "школах", "excel", "csv"});
  CHECK(words("Straße ÀÉ") == std::vector<std::string>{"straße", "àé"});
  CHECK(words("и в на по").empty());
}

TEST_CASE("stem: Snowball's Russian stemmer, as the browser's copy must stem") {
  CHECK(stem("наставникам") == "наставник");
  CHECK(stem("наставники") == "наставник");
  CHECK(stem("педагогов") == "педагог");
  CHECK(stem("педагогических") == "педагогическ");
  CHECK(stem("excel") == "excel");
  CHECK(stem_number("наставникам") == stem_number("наставники"));  // one number per stem
  CHECK(stem_number("наставникам") != stem_number("педагогов"));
  CHECK(stem_text(stem_number("педагогических")) == "педагогическ");
  // Snowball's own vocabulary with its expected stems (Debian's snowball-data), when installed.
  std::ifstream voc("/usr/share/snowball/data/russian/voc.txt"), expected("/usr/share/snowball/data/russian/output.txt");
  if (!voc || !expected) {
    MESSAGE("snowball-data is not installed: the vocabulary check is skipped (scripts/install-deps.sh --test)");
    return;
  }
  size_t n = 0, wrong = 0;
  for (std::string w, s; std::getline(voc, w) && std::getline(expected, s); ++n)
    if (w.find("ё") == std::string::npos && stem(w) != s) ++wrong;  // Vitrina reads «ё» as «е» first
  CHECK(n > 40000);
  CHECK(wrong == 0);
}

TEST_CASE("SearchIndex: pages by group and path, stems with weights, title bonus, bucket files") {
  SearchIndex index;
  std::map<std::string, std::string> files;
  index.add_page("programmes/b/index.html", page("<h1>Наставничество</h1><p>Наставники и наставникам.</p>"));
  index.add_page("programmes/a/indicators/i1/index.html", page("<h1>Доля педагогов</h1><p>Педагогам</p>"));
  index.add_page("index.html", page("<h1>Программы</h1><p>Список</p>"));
  index.add_page("404.html", page("<div data-search-ignore><h1>Не найдено</h1></div>"));
  index.add_page("feed.xml", "<feed/>");
  const SearchStats st = index.write({"a", "b"}, [&](const std::string& p, std::string_view b) { files[p] = b; }, 1);
  CHECK(st.pages == 3);
  using nlohmann::json;
  const json manifest = json::parse(files.at("search/index.json"));
  CHECK(manifest["pages"] == 3);
  CHECK(manifest["groups"] == json::parse(R"([["",1],["a",1],["b",1]])"));
  CHECK(json::parse(files.at("search/site.json")) == json::parse(R"([["index.html","Программы"]])"));
  CHECK(json::parse(files.at("search/programmes/a.json")) ==
        json::parse(R"([["programmes/a/indicators/i1/index.html","Доля педагогов"]])"));
  // Every stem is in exactly one bucket: «педагог» on page 1 (twice, once in the title),
  // «наставник» on page 2 (twice), «наставничеств» on page 2 (in the title, once).
  json all = json::object();
  for (size_t b = 0; b < manifest["buckets"].get<size_t>(); ++b) {
    const json bucket = json::parse(files.at("search/terms/" + std::to_string(b) + ".json"));
    for (auto it = bucket.begin(); it != bucket.end(); ++it) {
      CHECK_FALSE(all.contains(it.key()));
      all[it.key()] = it.value();
    }
  }
  CHECK(all["педагог"][0] == 1);
  CHECK(all["педагог"][1] > 30);        // in the title
  CHECK(all["наставник"][0] == 2);
  CHECK(all["наставник"][1] <= 30);     // not in the title
  CHECK(all["наставник"][1] > 10);      // twice on a short page
  CHECK(all["наставничеств"][0] == 2);
  CHECK(all["наставничеств"][1] > all["наставник"][1]);
  CHECK_FALSE(all.contains("и"));
  // The same pages give the same bytes, whatever order they came in.
  SearchIndex again;
  std::map<std::string, std::string> files2;
  again.add_page("index.html", page("<h1>Программы</h1><p>Список</p>"));
  again.add_page("programmes/a/indicators/i1/index.html", page("<h1>Доля педагогов</h1><p>Педагогам</p>"));
  again.add_page("programmes/b/index.html", page("<h1>Наставничество</h1><p>Наставники и наставникам.</p>"));
  again.write({"a", "b"}, [&](const std::string& p, std::string_view b) { files2[p] = b; }, 2);
  CHECK(files == files2);
}

// The page tables are written without nlohmann: they must be the bytes its dump() writes,
// whatever a title holds (quotes, a backslash, Cyrillic; a control character in a path).
TEST_CASE("SearchIndex: the page tables are nlohmann's dump of [[url, title], …]") {
  SearchIndex index;
  std::map<std::string, std::string> files;
  index.add_page("programmes/a/indicators/i1/index.html", page("<h1>Доля &quot;молодых&quot; педагогов \\ 2025</h1><p>Текст</p>"));
  index.add_page("programmes/a/indicators/i\t2/index.html", page("<h1>Ёлка</h1><p>Текст</p>"));
  index.add_page("index.html", page("<h1>Программы</h1><p>Список</p>"));
  index.write({"a"}, [&](const std::string& p, std::string_view b) { files[p] = b; }, 1);
  using nlohmann::json;
  const std::string table = files.at("search/programmes/a.json");
  const json expected = json::array({json::array({"programmes/a/indicators/i\t2/index.html", "Ёлка"}),
                                     json::array({"programmes/a/indicators/i1/index.html", "Доля \"молодых\" педагогов \\ 2025"})});
  CHECK(table == expected.dump() + "\n");
  CHECK(files.at("search/site.json") == json::array({json::array({"index.html", "Программы"})}).dump() + "\n");
}

TEST_CASE("SearchIndex: a page's weights do not depend on the pages indexed before it on the same thread") {
  // The pages share words: a count left over from one page would change the other's weights.
  const std::string a = page("<h1>Педагоги</h1><p>Педагоги наставники педагогам наставникам</p>");
  const std::string b = page("<h1>Наставники</h1><p>Наставникам педагоги</p>");
  std::map<std::string, std::string> ab, ba;
  SearchIndex first, second;
  first.add_page("programmes/a/index.html", a);
  first.add_page("programmes/b/index.html", b);
  second.add_page("programmes/b/index.html", b);
  second.add_page("programmes/a/index.html", a);
  first.write({"a", "b"}, [&](const std::string& p, std::string_view bytes) { ab[p] = bytes; }, 1);
  second.write({"a", "b"}, [&](const std::string& p, std::string_view bytes) { ba[p] = bytes; }, 1);
  CHECK(ab == ba);
}

namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The search files of builds into one output folder, published as the publisher does: a file
// whose bytes did not change stays the same file (its stamp too), a changed one is replaced.
struct SearchBuilds {
  fs::path out, cache;
  std::map<std::string, std::string> made;
  std::set<std::string> kept;

  SearchStats write(SearchIndex& index, const std::vector<std::string>& ids, bool from_last) {
    made.clear(), kept.clear();
    const LastSearchIndex last{cache, out, [&](const std::string& rel, uint64_t) {
                                 kept.insert(rel);
                                 return fs::exists(out / rel);
                               }};
    return index.write(ids, [&](const std::string& p, std::string_view b) { made[p] = b; }, 1, from_last ? &last : nullptr);
  }
  void publish(const SearchIndex& index, const std::map<std::string, uint64_t>& keys) {
    for (const auto& [rel, bytes] : made)
      if (!fs::exists(out / rel) || slurp(out / rel) != bytes) {
        fs::create_directories((out / rel).parent_path());
        fs::remove(out / rel);
        std::ofstream(out / rel, std::ios::binary) << bytes;
      }
    for (const auto& [rel, bytes] : files())
      if (!made.count(rel) && !kept.count(rel)) fs::remove(out / rel);
    index.save(cache, keys, out);
  }
  std::map<std::string, std::string> files() const {
    std::map<std::string, std::string> all;
    for (const auto& e : fs::recursive_directory_iterator(out / "search"))
      if (e.is_regular_file()) all[fs::relative(e.path(), out).generic_string()] = slurp(e.path());
    return all;
  }
};

// Every search file of a build from scratch of `pages` (path → html).
std::map<std::string, std::string> full_index(const std::map<std::string, std::string>& pages,
                                              const std::vector<std::string>& ids) {
  SearchIndex index;
  std::map<std::string, std::string> files;
  for (const auto& [path, html] : pages) index.add_page(path, html);
  index.write(ids, [&](const std::string& p, std::string_view b) { files[p] = b; }, 1);
  return files;
}

}  // namespace

TEST_CASE("SearchIndex: a rebuild changes the last index where pages changed: the bytes of a build from scratch") {
  const fs::path dir = fs::temp_directory_path() / ("vitrina-search-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  SearchBuilds builds{dir / "out", dir / "cache", {}, {}};
  const std::vector<std::string> ids = {"a", "b"};
  const std::map<std::string, uint64_t> keys = {{"a", 1}, {"b", 2}};
  std::map<std::string, std::string> pages = {
      {"index.html", page("<h1>Программы</h1><p>Список программ наставничества</p>")},
      {"programmes/a/index.html", page("<h1>Наставничество</h1><p>Наставники педагогов школы</p>")},
      {"programmes/a/indicators/i1/index.html", page("<h1>Доля молодых педагогов</h1><p>Молодые учителя</p>")},
      {"programmes/b/index.html", page("<h1>Методическая служба</h1><p>Служба района, семинары</p>")},
      {"programmes/b/measures/index.html", page("<h1>Мероприятия</h1><p>Семинары, конференции, курсы</p>")}};
  auto build = [&](bool reuse_b) {
    SearchIndex index;
    for (const auto& [path, html] : pages)
      if (!reuse_b || path.rfind("programmes/b/", 0) != 0) {
        index.add_page(path, html);
        fs::create_directories((builds.out / path).parent_path());
        std::ofstream(builds.out / path, std::ios::binary) << html;
      }
    if (reuse_b) index.reuse("b", 2, builds.cache, builds.out, {"programmes/b/index.html", "programmes/b/measures/index.html"});
    const SearchStats st = builds.write(index, ids, true);
    builds.publish(index, keys);
    return st;
  };
  const SearchStats first = build(false);
  CHECK(first.kept == 0);
  CHECK(builds.files() == full_index(pages, ids));
  const std::string first_index = slurp(builds.cache / ".index");

  // Programme a's pages change (a title and words), b's are reused: its records are not read.
  pages["programmes/a/index.html"] = page("<h1>Наставничество молодых</h1><p>Наставники педагогов школы</p>");
  pages["programmes/a/indicators/i1/index.html"] = page("<h1>Доля молодых педагогов</h1><p>Опытные учителя</p>");
  fs::remove(builds.cache / "b");
  const SearchStats second = build(true);
  CHECK(second.cached == 1);
  CHECK(second.kept > 0);
  CHECK(builds.made.count("search/programmes/a.json"));  // a title changed
  CHECK(builds.kept.count("search/programmes/b.json"));
  CHECK(second.kept + builds.made.size() == first.buckets + 3 + 1);  // terms, page tables, manifest
  CHECK(builds.made.size() > 2);  // some buckets changed
  CHECK(second.pages == first.pages);
  CHECK(builds.files() == full_index(pages, ids));

  SUBCASE("a search file not as published is not trusted: the whole index is made again") {
    std::ofstream(builds.out / "search/terms/0.json", std::ios::binary | std::ios::app) << " ";
    pages["programmes/a/index.html"] = page("<h1>Наставничество</h1><p>Наставники педагогов школы</p>");
    const SearchStats third = build(true);
    CHECK(third.kept == 0);
    CHECK(third.reread == 1);  // b's record was not written again: its pages are read
  }
  SUBCASE("a power cut lost the last renames and cut a record short (the cache is not synced): the same bytes") {
    std::ofstream(builds.cache / ".index", std::ios::binary) << first_index;  // the previous build's
    const std::string a = slurp(builds.cache / "a");
    std::ofstream(builds.cache / "a", std::ios::binary) << a.substr(0, a.size() / 2);
    pages["programmes/b/index.html"] = page("<h1>Методическая служба района</h1><p>Служба района, семинары</p>");
    SearchIndex index;  // b's pages made again, a's reused: its record is cut short
    for (const auto& [path, html] : pages)
      if (path.rfind("programmes/a/", 0) != 0) {
        index.add_page(path, html);
        std::ofstream(builds.out / path, std::ios::binary) << html;
      }
    index.reuse("a", 1, builds.cache, builds.out, {"programmes/a/index.html", "programmes/a/indicators/i1/index.html"});
    const SearchStats third = builds.write(index, ids, true);
    CHECK(third.kept == 0);    // the previous build's .index does not describe the live files
    CHECK(third.reread == 1);  // a's record did not pass its check
    builds.publish(index, keys);
  }
  SUBCASE("nothing changed: every file is kept") {
    const SearchStats third = build(true);
    CHECK(third.kept == first.buckets + 3);
    CHECK(builds.made.size() == 1);  // the manifest
  }
  CHECK(builds.files() == full_index(pages, ids));
  fs::remove_all(dir);
}
