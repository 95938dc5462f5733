#include "output/search/search_text.h"

#include <libstemmer.h>

#include <algorithm>
#include <deque>
#include <memory>
#include <unordered_map>
#include <unordered_set>

namespace vitrina {

namespace {

// ---- HTML: a scanner for Vitrina's own pages -----------------------------------------------
// A general HTML parser (libxml2's, gumbo) builds a tree of every page only to read its text;
// this walks the tags once. It relies on what the templates produce: lower-case tag names,
// quoted attribute values, closed elements (html-validate checks every page).

bool is_void(std::string_view n) {
  switch (n.size()) {  // by length first: this is asked for every tag of every page
    case 2: return n == "br" || n == "hr";
    case 3: return n == "img" || n == "col" || n == "wbr";
    case 4: return n == "link" || n == "meta" || n == "area" || n == "base";
    case 5: return n == "input" || n == "embed" || n == "track";
    case 6: return n == "source";
    default: return false;
  }
}

bool skipped_subtree(std::string_view name) {
  return name == "svg" || name == "script" || name == "style" || name == "template";
}

struct Tag {
  std::string_view name;
  bool closing = false, self_closing = false, body = false, ignore = false;
};

bool name_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'; }

// Parses the tag starting at html[i] == '<'; returns the position after its '>'.
size_t parse_tag(std::string_view html, size_t i, Tag& tag) {
  size_t p = i + 1;
  if (p < html.size() && html[p] == '/') tag.closing = true, ++p;
  const size_t name_at = p;
  while (p < html.size() && name_char(html[p])) ++p;
  tag.name = html.substr(name_at, p - name_at);
  while (p < html.size() && html[p] != '>') {
    const char c = html[p];
    if (c == '/') { tag.self_closing = p + 1 < html.size() && html[p + 1] == '>'; ++p; continue; }
    if (!name_char(c)) { ++p; continue; }
    const size_t a = p;
    while (p < html.size() && name_char(html[p])) ++p;
    const std::string_view attr = html.substr(a, p - a);
    tag.body |= attr == "data-search-body";
    tag.ignore |= attr == "data-search-ignore";
    if (p < html.size() && html[p] == '=') {
      ++p;
      if (p < html.size() && (html[p] == '"' || html[p] == '\'')) {
        const size_t end = html.find(html[p], p + 1);
        p = end == std::string_view::npos ? html.size() : end + 1;
      } else {
        while (p < html.size() && html[p] != ' ' && html[p] != '>') ++p;
      }
    }
  }
  return p < html.size() ? p + 1 : html.size();
}

// Writes `cp` in UTF-8 at `out` (room for 4 bytes); returns the bytes written.
size_t encode_utf8(char* out, uint32_t cp) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

void append_utf8(std::string& out, uint32_t cp) {
  char buf[4];
  out.append(buf, encode_utf8(buf, cp));
}

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// Appends the text between tags with its character references decoded and runs of white
// space collapsed to one space. Runs of other characters are copied at once.
void append_text(std::string& out, std::string_view text) {
  auto space = [&] {
    if (!out.empty() && out.back() != ' ') out += ' ';
  };
  for (size_t i = 0; i < text.size(); ++i) {
    size_t run = i;
    while (run < text.size() && text[run] != '&' && !is_space(text[run])) ++run;
    out.append(text.data() + i, run - i);
    if (run == text.size()) break;
    i = run;
    const char c = text[i];
    if (c != '&') {
      space();
      continue;
    }
    const size_t semi = text.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += c;
      continue;
    }
    const std::string_view ref = text.substr(i + 1, semi - i - 1);
    uint32_t cp = 0;
    if (ref == "amp") cp = '&';
    else if (ref == "lt") cp = '<';
    else if (ref == "gt") cp = '>';
    else if (ref == "quot") cp = '"';
    else if (ref == "apos") cp = '\'';
    else if (ref == "nbsp") cp = ' ';
    else if (ref.size() > 1 && ref[0] == '#') {
      const bool hex = ref[1] == 'x' || ref[1] == 'X';
      cp = static_cast<uint32_t>(std::strtoul(std::string(ref.substr(hex ? 2 : 1)).c_str(), nullptr, hex ? 16 : 10));
    }
    if (cp == 0 || cp > 0x10FFFF) {
      out += c;
      continue;
    }
    if (cp == ' ' || cp == 0xA0) space();
    else append_utf8(out, cp);
    i = semi;
  }
}

void trim(std::string& s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  if (!s.empty() && s.front() == ' ') s.erase(0, 1);
}

// ---- words -----------------------------------------------------------------------------------

// Lower-cases a letter or digit of the searched scripts; returns 0 for anything else (a
// separator). «ё» and «Ё» become «е», as Snowball's Russian stemmer reads them.
uint32_t word_char(uint32_t cp) {
  if ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z')) return cp;
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) {
    return cp <= 0xDE ? cp + 32 : cp;  // À…Þ → à…þ; Latin Extended-A/B kept as they are
  }
  if (cp == 0x401 || cp == 0x451) return 0x435;      // Ё ё → е
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;    // А…Я → а…я
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;    // Ѐ…Џ → ѐ…џ
  if (cp >= 0x430 && cp <= 0x4FF) return cp;
  return 0;
}

bool is_letter(uint32_t cp) { return cp > '9'; }

}  // namespace

PageText extract_page_text(std::string_view html) {
  PageText page;
  std::vector<std::string_view> open;  // elements open inside the body
  size_t ignore_from = 0;              // open.size() when an ignored element opened; 0 = none
  size_t title_from = 0;               // the same for the first <h1>
  bool title_done = false;
  size_t i = 0;
  while (i < html.size()) {
    const size_t lt = html.find('<', i);
    const size_t text_end = lt == std::string_view::npos ? html.size() : lt;
    if (page.indexed && !ignore_from && text_end > i) {
      append_text(page.body, html.substr(i, text_end - i));
      if (title_from) append_text(page.title, html.substr(i, text_end - i));
    }
    if (lt == std::string_view::npos) break;
    if (html.substr(lt + 1, 1) == "!" && html.compare(lt, 4, "<!--") == 0) {  // the first test is cheap
      const size_t end = html.find("-->", lt + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    Tag tag;
    i = parse_tag(html, lt, tag);
    if (tag.name.empty()) continue;  // <!DOCTYPE …>
    if (!page.indexed) {
      if (tag.body && !tag.closing) {
        page.indexed = true;
        open.push_back(tag.name);
      }
      continue;
    }
    if (!page.body.empty() && page.body.back() != ' ') page.body += ' ';  // tags separate words
    if (tag.closing) {
      while (!open.empty()) {
        const std::string_view name = open.back();
        open.pop_back();
        if (open.size() < ignore_from) ignore_from = 0;
        if (open.size() < title_from) title_from = 0, title_done = true;
        if (name == tag.name) break;
      }
      if (open.empty()) break;  // the end of the body
      continue;
    }
    if (skipped_subtree(tag.name) && !tag.self_closing) {
      const size_t end = html.find("</" + std::string(tag.name), i);
      i = end == std::string_view::npos ? html.size() : html.find('>', end) + 1;
      continue;
    }
    if (tag.self_closing || is_void(tag.name)) continue;
    open.push_back(tag.name);
    if (tag.ignore && !ignore_from) ignore_from = open.size();
    if (tag.name == "h1" && !title_done && !title_from && !ignore_from) title_from = open.size();
  }
  trim(page.title);
  trim(page.body);
  return page;
}

void for_each_word(std::string_view text, const std::function<void(std::string_view)>& fn) {
  static const std::unordered_set<std::string_view> stops(stop_words().begin(), stop_words().end());
  static const size_t longest_stop =
      std::max_element(stops.begin(), stops.end(), [](auto x, auto y) { return x.size() < y.size(); })->size();
  // The word being read, in a fixed buffer: a longer word than kMaxWord is never a word.
  constexpr size_t kMaxWord = 120;
  char word[kMaxWord + 4];
  size_t size = 0;
  bool letter = false;
  auto flush = [&] {
    const std::string_view w(word, size);
    if (letter && size <= kMaxWord && (size > longest_stop || !stops.count(w))) fn(w);
    size = 0;
    letter = false;
  };
  for (size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    uint32_t cp = b;
    size_t len = 1;
    if (b >= 0xF0) cp = b & 0x07, len = 4;
    else if (b >= 0xE0) cp = b & 0x0F, len = 3;
    else if (b >= 0xC0) cp = b & 0x1F, len = 2;
    if (i + len > text.size()) break;
    for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    i += len;
    const uint32_t lower = word_char(cp);
    if (!lower) {
      flush();
      continue;
    }
    letter |= is_letter(lower);
    if (size <= kMaxWord) size += encode_utf8(word + size, lower);  // once longer, it stays too long
  }
  flush();
}

const std::vector<std::string>& stop_words() {
  // Prepositions, conjunctions, particles and pronouns: on nearly every page, never what a
  // reader looks for, and the largest lists of an index that kept them.
  static const std::vector<std::string> kStop = {
      "а",   "без", "бы",  "в",   "во",  "вы",  "да",  "для", "до",  "его",  "ее",   "же",  "за",  "и",
      "из",  "или", "им",  "их",  "к",   "как", "ко",  "ли",  "мы",  "на",   "над",  "не",  "ни",  "но",
      "о",   "об",  "он",  "она", "они", "оно", "от",  "по",  "при", "с",    "со",   "так", "то",  "у",
      "что", "чтобы", "это", "я",  "the", "of",  "and", "a",   "to",  "in"};
  return kStop;
}

namespace {

struct Hash {
  using is_transparent = void;
  size_t operator()(std::string_view v) const { return std::hash<std::string_view>{}(v); }
};

// The thread's stemmer, its stems (each once, numbered) and the stems of the words seen.
struct Stemmer {
  std::unique_ptr<sb_stemmer, void (*)(sb_stemmer*)> st{sb_stemmer_new("russian", "UTF_8"), sb_stemmer_delete};
  std::deque<std::string> stems;                                                // by number
  std::unordered_map<std::string_view, uint32_t, Hash, std::equal_to<>> numbers;  // stem → number
  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> seen;         // word → its stem's number

  uint32_t number(std::string_view stem) {
    auto it = numbers.find(stem);
    if (it != numbers.end()) return it->second;
    stems.emplace_back(stem);
    return numbers.emplace(stems.back(), static_cast<uint32_t>(stems.size() - 1)).first->second;
  }
};

thread_local Stemmer stemmer;

}  // namespace

uint32_t stem_number(std::string_view word) {
  Stemmer& s = stemmer;
  auto it = s.seen.find(word);
  if (it != s.seen.end()) return it->second;
  const sb_symbol* out = s.st ? sb_stemmer_stem(s.st.get(), reinterpret_cast<const sb_symbol*>(word.data()),
                                               static_cast<int>(word.size()))
                              : nullptr;
  const std::string_view stemmed =
      out ? std::string_view(reinterpret_cast<const char*>(out), sb_stemmer_length(s.st.get())) : word;
  return s.seen.emplace(std::string(word), s.number(stemmed)).first->second;
}

std::string_view stem_text(uint32_t number) { return stemmer.stems[number]; }

std::string_view stem(std::string_view word) { return stem_text(stem_number(word)); }

}  // namespace vitrina
