#include "output/search/search_index.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "incremental/build_cache.h"
#include "output/search/search_text.h"
#include "plan/outputs.h"
#include "util/atomic_file.h"
#include "util/parallel.h"
#include "util/read_file.h"
#include "util/utf8.h"

namespace vitrina {

namespace fs = std::filesystem;

namespace {

constexpr const char* kCacheMagic = "vitrina-search 1\n";
// A page's weight for a stem: BM25's term-frequency part (k1 = 1.2, b = 0.75) against a fixed
// typical length, so that a word said three times on a short indicator page counts for more
// than twenty times on a long list of measures; ×10, and +30 when the word is in the title.
// Fixed, not the site's average length: a page's weights depend on that page only, and a
// rebuild changes the index only where pages changed.
constexpr double kK1 = 1.2, kB = 0.75, kTypicalWords = 300;
constexpr int kTitleBonus = 30;

int term_weight(int count, size_t words, bool in_title) {
  const double norm = kK1 * (1 - kB + kB * static_cast<double>(words) / kTypicalWords);
  const int tf = static_cast<int>(10 * count * (kK1 + 1) / (count + norm) + 0.5);
  return std::clamp(tf, 1, 255 - kTitleBonus) + (in_title ? kTitleBonus : 0);
}

// A page's stem, how often it occurs in the page's body and whether it is in its title.
struct Term {
  std::string_view stem;
  int count = 0;
  bool in_title = false;
};

// The terms of a page, in byte order; `words`: how many words its body has.
std::vector<Term> page_terms(const PageText& text, size_t& words) {
  // How often each stem occurs, by stem number (search_text.h): an array, not a map keyed by
  // the stems' bytes, since this runs for every word of every page. All zero between pages.
  thread_local std::vector<int> count;
  std::vector<uint32_t> found, title;  // stem numbers: on the page, in its title
  struct Reset {  // even when indexing the page fails half-way
    const std::vector<uint32_t>& found;
    ~Reset() {
      for (uint32_t n : found) count[n] = 0;
    }
  } reset{found};
  auto slot = [&](uint32_t n) -> int& {
    if (n >= count.size()) count.resize(n + 1);
    return count[n];
  };
  words = 0;
  for_each_word(text.body, [&](std::string_view w) {
    const uint32_t n = stem_number(w);
    if (slot(n)++ == 0) found.push_back(n);
    ++words;
  });
  for_each_word(text.title, [&](std::string_view w) {
    const uint32_t n = stem_number(w);
    if (slot(n) == 0) slot(n) = 1, found.push_back(n);
    title.push_back(n);
  });
  std::vector<Term> terms;
  terms.reserve(found.size());
  for (uint32_t n : found)
    terms.push_back({stem_text(n), count[n], std::find(title.begin(), title.end(), n) != title.end()});
  std::sort(terms.begin(), terms.end(), [](const Term& x, const Term& y) { return x.stem < y.stem; });
  return terms;
}

constexpr size_t kPostingsPerBucket = 3000;  // ~30 KB of JSON: one request per query word

// FNV-1a of the stem's first three characters: all stems that share them share a bucket, so
// the browser finds the stems a word being typed is the beginning of.
uint32_t bucket_of(std::string_view stem, size_t buckets) {
  uint32_t h = 2166136261u;
  int chars = 0;
  for (unsigned char c : stem) {
    if ((c & 0xC0) != 0x80 && ++chars > 3) break;
    h = (h ^ c) * 16777619u;
  }
  return h & static_cast<uint32_t>(buckets - 1);
}

size_t bucket_count(size_t postings) {
  size_t b = 8;
  while (b < 1024 && b * kPostingsPerBucket < postings) b *= 2;
  return b;
}

void put_u32(std::string& out, uint32_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
void put_str(std::string& out, std::string_view s) {
  put_u32(out, static_cast<uint32_t>(s.size()));
  out += s;
}
bool get_str(std::string_view& in, std::string& s) {
  uint32_t n;
  if (in.size() < sizeof n) return false;
  std::memcpy(&n, in.data(), sizeof n);
  in.remove_prefix(sizeof n);
  if (in.size() < n) return false;
  s.assign(in.substr(0, n));
  in.remove_prefix(n);
  return true;
}

std::string key_line(uint64_t key) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx\n", static_cast<unsigned long long>(key));
  return buf;
}

// `s` as a JSON string, as nlohmann's dump() writes it: a text in well-formed UTF-8 without a
// quote, a backslash or a control character (every page path and title, in practice) is copied
// as it is; anything else is left to nlohmann.
void append_json_string(std::string& out, const std::string& s) {
  const bool plain = std::none_of(s.begin(), s.end(), [](char c) {
    return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
  });
  if (plain && is_valid_utf8(s)) {
    out += '"';
    out += s;
    out += '"';
  } else {
    out += nlohmann::json(s).dump();
  }
}

// A group's [[url, title], …], as nlohmann's dump() of it: written directly, since a json value
// for each of the site's 14 000 pages, built and dumped, was a fifth of writing the index.
template <class Page>
std::string page_table(const std::vector<Page>& pages) {
  std::string out = "[";
  for (const auto& p : pages) {
    if (out.size() > 1) out += ',';
    out += '[';
    append_json_string(out, p.path);
    out += ',';
    append_json_string(out, p.title);
    out += ']';
  }
  out += "]\n";
  return out;
}

bool safe_name(const std::string& id) {
  return !id.empty() && id[0] != '.' && id.find('/') == std::string::npos && id.find('\0') == std::string::npos;
}

}  // namespace

SearchIndex::Page SearchIndex::make_page(const std::string& path, std::string_view html, bool& indexed) {
  Page page;
  const PageText text = extract_page_text(html);
  indexed = text.indexed && !(text.title.empty() && text.body.empty());
  if (!indexed) return page;
  page.path = path;
  page.title = text.title;
  size_t words = 0;
  for (const Term& t : page_terms(text, words)) {
    page.terms += t.stem;
    page.terms += '\0';
    page.terms += static_cast<char>(term_weight(t.count, words, t.in_title));
  }
  return page;
}

void SearchIndex::add_page(const std::string& path, std::string_view html) {
  bool indexed = false;
  Page page = make_page(path, html, indexed);
  if (!indexed) return;
  const std::string owner = output_owner(path);
  std::lock_guard lock(mu_);
  by_owner_[owner].push_back(std::move(page));
  fresh_[owner] = true;
}

void SearchIndex::reuse(const std::string& owner, uint64_t key, const fs::path& cache_dir, const fs::path& out_dir,
                        const std::vector<std::string>& html_paths) {
  std::vector<Page> pages;
  std::string bytes;
  // A record cut short or altered fails its check (util/atomic_file.h): the pages are read again.
  const bool have = safe_name(owner) && read_file(cache_dir / owner, bytes) && strip_check(bytes);
  std::string_view in(bytes);
  const std::string head = std::string(kCacheMagic) + key_line(key);
  bool ok = have && in.substr(0, head.size()) == head;
  if (ok) {
    in.remove_prefix(head.size());
    while (ok && !in.empty()) {
      Page p;
      ok = get_str(in, p.path) && get_str(in, p.title) && get_str(in, p.terms);
      pages.push_back(std::move(p));
    }
  }
  if (!ok) {  // no cache (or another build's): the reused pages are read from the live tree
    pages.clear();
    for (const auto& rel : html_paths) {
      std::string html;
      bool indexed = false;
      if (!read_file(out_dir / rel, html)) continue;
      Page p = make_page(rel, html, indexed);
      if (indexed) pages.push_back(std::move(p));
    }
  }
  std::lock_guard lock(mu_);
  ++(ok ? stats_.cached : stats_.reread);
  fresh_[owner] = !ok;
  auto& list = by_owner_[owner];
  for (auto& p : pages) list.push_back(std::move(p));
}

SearchStats SearchIndex::write(const std::vector<std::string>& programmes, const FileSink& sink, int jobs) {
  std::lock_guard lock(mu_);
  SearchStats st = stats_;
  // The groups in order, their pages by path; a page's number is its place in this order.
  std::vector<std::pair<std::string, std::vector<Page>*>> groups;
  auto group = [&](const std::string& owner) {
    auto it = by_owner_.find(owner);
    if (it == by_owner_.end()) return;
    std::sort(it->second.begin(), it->second.end(), [](const Page& a, const Page& b) { return a.path < b.path; });
    groups.emplace_back(owner, &it->second);
  };
  group("");
  for (const auto& id : programmes) group(id);

  // Stem → its postings, pages in ascending order (they are added in page order).
  struct Posting {
    uint32_t page;
    uint8_t weight;
  };
  std::unordered_map<std::string_view, uint32_t> stem_ids;
  std::vector<std::string_view> stems;
  std::vector<std::vector<Posting>> lists;
  uint32_t number = 0;
  for (const auto& [owner, pages] : groups)
    for (const Page& p : *pages) {
      std::string_view t = p.terms;
      for (size_t nul; t.size() >= 2 && (nul = t.find('\0')) != std::string_view::npos && nul + 1 < t.size();) {
        const std::string_view stem = t.substr(0, nul);
        auto [it, added] = stem_ids.try_emplace(stem, static_cast<uint32_t>(stems.size()));
        if (added) stems.push_back(stem), lists.emplace_back();
        lists[it->second].push_back({number, static_cast<uint8_t>(t[nul + 1])});
        t.remove_prefix(nul + 2);
        ++st.postings;
      }
      ++number;
    }
  st.pages = number;
  st.stems = stems.size();
  st.buckets = bucket_count(st.postings);

  // The buckets are independent: serialised on all threads, handed over in any order.
  std::vector<std::vector<uint32_t>> buckets(st.buckets);
  for (uint32_t i = 0; i < stems.size(); ++i) buckets[bucket_of(stems[i], st.buckets)].push_back(i);
  std::vector<size_t> sizes(st.buckets);
  parallel_indices(buckets.size(), jobs, [&](size_t b) {
    auto& ids = buckets[b];
    std::sort(ids.begin(), ids.end(), [&](uint32_t x, uint32_t y) { return stems[x] < stems[y]; });
    size_t need = 4;
    for (uint32_t i : ids) need += stems[i].size() + 8 + lists[i].size() * 12;
    std::string out;
    out.reserve(need);
    out += '{';
    for (uint32_t i : ids) {
      if (out.size() > 1) out += ',';
      out += '"';
      out += stems[i];  // letters and digits only (search_text.cpp): nothing to escape
      out += "\":[";
      for (size_t k = 0; k < lists[i].size(); ++k) {
        // ",page,weight" made in a buffer and appended at once: this runs for every posting.
        char num[32];
        char* end = num;
        if (k) *end++ = ',';
        end = std::to_chars(end, num + 16, lists[i][k].page).ptr;  // ten digits at most
        *end++ = ',';
        end = std::to_chars(end, num + sizeof num, static_cast<uint32_t>(lists[i][k].weight)).ptr;
        out.append(num, end);
      }
      out += ']';
    }
    out += "}\n";
    sizes[b] = out.size();
    sink(output_path(Output::SearchIndex, {}, "terms/" + std::to_string(b) + ".json"), out);
  });
  for (size_t n : sizes) st.bytes += n;
  auto emit = [&](const std::string& path, const std::string& bytes) {
    st.bytes += bytes.size();
    sink(path, bytes);
  };

  nlohmann::json manifest_groups = nlohmann::json::array();
  for (const auto& [owner, pages] : groups) {
    emit(output_path(Output::SearchIndex, {}, owner.empty() ? "site.json" : "programmes/" + owner + ".json"),
         page_table(*pages));
    manifest_groups.push_back({owner, pages->size()});
  }
  const nlohmann::json manifest = {{"format", 1},          {"pages", st.pages},   {"buckets", st.buckets},
                                   {"groups", manifest_groups}, {"stop", stop_words()}};
  emit(output_path(Output::SearchIndex, {}, "index.json"), manifest.dump() + "\n");
  return st;
}

void SearchIndex::save(const fs::path& cache_dir, const std::map<std::string, uint64_t>& keys) const {
  std::lock_guard lock(mu_);
  std::error_code ec;
  fs::create_directories(cache_dir, ec);
  FileBatch batch;  // on disk before it is renamed in, all at once
  for (const auto& [owner, pages] : by_owner_) {
    auto key = keys.find(owner);
    auto fresh = fresh_.find(owner);
    if (key == keys.end() || fresh == fresh_.end() || !fresh->second || !safe_name(owner)) continue;
    std::string out = std::string(kCacheMagic) + key_line(key->second);
    for (const Page& p : pages) {
      put_str(out, p.path);
      put_str(out, p.title);
      put_str(out, p.terms);
    }
    append_check(out);
    batch.write(cache_dir / owner, out);
  }
  batch.commit();
  for (fs::directory_iterator it(cache_dir, ec), end; !ec && it != end; it.increment(ec))
    if (!keys.count(it->path().filename().string())) fs::remove(it->path(), ec);
}

}  // namespace vitrina
