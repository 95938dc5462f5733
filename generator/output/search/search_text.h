// The site search, part 1: what a page says and which words a reader can find it by.
//
// A page is indexed when its HTML has an element marked `data-search-body` (templates/layout
// marks <main>); inside it, elements marked `data-search-ignore` (navigation, download links,
// year tables) and <svg>, <script>, <style> are left out. The words are the runs of letters
// and digits (Latin, Latin-1, Cyrillic), lower-cased, «ё» read as «е», reduced to their stem
// by the Snowball Russian stemmer (Debian's libstemmer). The browser's search
// (themes/default/assets/search.js) splits and stems the reader's query by exactly these
// rules; tests/search/engine.test.mjs checks that both agree.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace vitrina {

struct PageText {
  bool indexed = false;  // the page has a data-search-body element
  std::string title;     // text of the first <h1> in the body, spaces collapsed
  std::string body;      // the body's text with the ignored parts left out
};

// `html` is one of Vitrina's own pages (well-formed: tests/browser/html-validate checks it).
PageText extract_page_text(std::string_view html);

// Calls `fn` with every word of `text`, lower-cased, «ё» → «е»; words without a letter
// (numbers) and stop words are skipped.
void for_each_word(std::string_view text, const std::function<void(std::string_view)>& fn);

// Function words not worth an index entry («и», «в», «на», …): also the browser's list
// (search/index.json carries it).
const std::vector<std::string>& stop_words();

// The Snowball Russian stem of a lower-cased word (libstemmer; one stemmer per thread,
// with the stems already seen remembered).
std::string_view stem(std::string_view word);
// The same, as a number: each thread numbers the stems it makes 0, 1, 2, … (equal stems get
// the same number), so that a page's words are counted in an array instead of a map.
// stem_text(n) is stem number n of the calling thread; it stays valid until the thread ends.
uint32_t stem_number(std::string_view word);
std::string_view stem_text(uint32_t number);

}  // namespace vitrina
