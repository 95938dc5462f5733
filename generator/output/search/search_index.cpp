#include "output/search/search_index.h"

#include <sys/stat.h>

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
#include "util/program_id.h"
#include "util/json_string.h"
#include "util/read_file.h"

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

namespace {

// The cache file of a group: the programme's id, or for the site-wide pages a name no
// programme id can have (safe_name).
constexpr const char* kSiteRecord = ".site";
constexpr const char* kIndexRecord = ".index";  // what the published index is (LastIndex)
constexpr const char* kIndexMagic = "vitrina-search-index 1\n";

fs::path record_file(const fs::path& cache_dir, const std::string& owner) {
  return cache_dir / (owner.empty() ? std::string(kSiteRecord) : owner);
}

// The pages of a cache record; false when it is missing, altered, or (with `key`) another build's.
bool read_record(const fs::path& file, const uint64_t* key, std::vector<SearchIndex::Page>& pages) {
  std::string bytes;
  if (!read_file(file, bytes) || !strip_check(bytes)) return false;
  std::string_view in(bytes);
  if (in.substr(0, std::strlen(kCacheMagic)) != kCacheMagic) return false;
  in.remove_prefix(std::strlen(kCacheMagic));
  const size_t eol = in.find('\n');
  if (eol == std::string_view::npos || (key && in.substr(0, eol + 1) != key_line(*key))) return false;
  in.remove_prefix(eol + 1);
  while (!in.empty()) {
    SearchIndex::Page p;
    if (!get_str(in, p.path) || !get_str(in, p.title) || !get_str(in, p.terms)) return false;
    pages.push_back(std::move(p));
  }
  return true;
}

std::string terms_path(size_t bucket) {
  return output_path(Output::SearchIndex, {}, "terms/" + std::to_string(bucket) + ".json");
}
std::string table_path(const std::string& owner) {
  return output_path(Output::SearchIndex, {}, owner.empty() ? "site.json" : "programmes/" + owner + ".json");
}

std::string manifest(const std::vector<SearchIndex::Group>& groups, size_t pages, size_t buckets) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& g : groups) list.push_back({g.owner, g.pages});
  const nlohmann::json m = {
      {"format", 1}, {"pages", pages}, {"buckets", buckets}, {"groups", list}, {"stop", stop_words()}};
  return m.dump() + "\n";
}

void sort_by_path(std::vector<SearchIndex::Page>& pages) {
  std::sort(pages.begin(), pages.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
}

struct Posting {
  uint32_t page;
  uint8_t weight;
};

// `"stem":[page,weight,…]` as a bucket file has it.
void append_entry(std::string& out, std::string_view stem, const std::vector<Posting>& list) {
  out += '"';
  out += stem;  // letters and digits only (search_text.cpp): nothing to escape
  out += "\":[";
  for (size_t k = 0; k < list.size(); ++k) {
    // ",page,weight" made in a buffer and appended at once: this runs for every posting.
    char num[32];
    char* end = num;
    if (k) *end++ = ',';
    end = std::to_chars(end, num + 16, list[k].page).ptr;  // ten digits at most
    *end++ = ',';
    end = std::to_chars(end, num + sizeof num, static_cast<uint32_t>(list[k].weight)).ptr;
    out.append(num, end);
  }
  out += ']';
}

// A page's terms one by one: stem and weight (Page::terms).
template <class F>
void for_each_term(std::string_view t, const F& f) {
  for (size_t nul; t.size() >= 2 && (nul = t.find('\0')) != std::string_view::npos && nul + 1 < t.size();) {
    f(t.substr(0, nul), static_cast<uint8_t>(t[nul + 1]));
    t.remove_prefix(nul + 2);
  }
}

size_t posting_count(const std::vector<SearchIndex::Page>& pages) {
  size_t n = 0;
  for (const auto& p : pages) for_each_term(p.terms, [&](std::string_view, uint8_t) { ++n; });
  return n;
}

// Calls f(stem) for every stem whose posting differs between two versions of a page's terms
// (present in one only, or with another weight); both are in stem order.
template <class F>
void changed_stems(std::string_view before, std::string_view after, const F& f) {
  struct Term {
    std::string_view stem;
    uint8_t weight;
  };
  std::vector<Term> a, b;
  for_each_term(before, [&](std::string_view s, uint8_t w) { a.push_back({s, w}); });
  for_each_term(after, [&](std::string_view s, uint8_t w) { b.push_back({s, w}); });
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a[i].stem < b[j].stem)) {
      f(a[i++].stem);
    } else if (i == a.size() || b[j].stem < a[i].stem) {
      f(b[j++].stem);
    } else {
      if (a[i].weight != b[j].weight) f(a[i].stem);
      ++i, ++j;
    }
  }
}

// A page whose terms changed: its number in the index, its last and its new terms.
struct ChangedPage {
  uint32_t number;
  std::string_view before, terms;
};

// Reads a bucket file (append_entry's entries in stem order); false when it is not one.
bool parse_bucket(std::string_view in, std::vector<std::pair<std::string_view, std::vector<Posting>>>& entries) {
  auto eat = [&](char c) {
    if (in.empty() || in[0] != c) return false;
    in.remove_prefix(1);
    return true;
  };
  auto number = [&](uint32_t& v) {
    auto [end, ec] = std::from_chars(in.data(), in.data() + in.size(), v);
    if (ec != std::errc() || end == in.data()) return false;
    in.remove_prefix(static_cast<size_t>(end - in.data()));
    return true;
  };
  if (!eat('{')) return false;
  while (!in.empty() && in[0] == '"') {
    in.remove_prefix(1);
    const size_t quote = in.find('"');
    if (quote == std::string_view::npos) return false;
    auto& [stem, list] = entries.emplace_back(in.substr(0, quote), std::vector<Posting>());
    in.remove_prefix(quote + 1);
    if (!eat(':') || !eat('[')) return false;
    for (uint32_t page, weight; !eat(']');) {
      if ((!list.empty() && !eat(',')) || !number(page) || !eat(',') || !number(weight) || weight > 255) return false;
      list.push_back({page, static_cast<uint8_t>(weight)});
    }
    if (!stem.size() || list.empty() || (!in.empty() && in[0] == ',' && (in.remove_prefix(1), in.empty() || in[0] != '"')))
      return false;
  }
  return eat('}') && eat('\n') && in.empty();
}

// Bucket `b` made again from its last version: the changed pages' postings replaced by their
// new ones. `stems_before`/`stems_after`: its stem counts.
bool patch_bucket(std::string_view old, uint32_t b, size_t buckets, const std::vector<ChangedPage>& changed,
                  std::string& out, size_t& stems_before, size_t& stems_after) {
  std::vector<std::pair<std::string_view, std::vector<Posting>>> entries;
  if (!parse_bucket(old, entries)) return false;
  stems_before = entries.size();
  auto is_changed = [&](uint32_t page) {  // `changed` is in page order
    auto it = std::lower_bound(changed.begin(), changed.end(), page,
                               [](const ChangedPage& c, uint32_t n) { return c.number < n; });
    return it != changed.end() && it->number == page;
  };
  std::map<std::string_view, std::vector<Posting>> added;  // in page order, as `changed`
  for (const ChangedPage& c : changed)
    for_each_term(c.terms, [&](std::string_view stem, uint8_t w) {
      if (bucket_of(stem, buckets) == b) added[stem].push_back({c.number, w});
    });
  for (auto& [stem, list] : entries) {
    std::erase_if(list, [&](const Posting& p) { return is_changed(p.page); });
    if (auto it = added.find(stem); it != added.end()) {
      std::vector<Posting> merged;
      std::merge(list.begin(), list.end(), it->second.begin(), it->second.end(), std::back_inserter(merged),
                 [](const Posting& x, const Posting& y) { return x.page < y.page; });
      list.swap(merged);
      added.erase(it);
    }
  }
  for (auto& [stem, list] : added) entries.emplace_back(stem, std::move(list));
  std::erase_if(entries, [](const auto& e) { return e.second.empty(); });
  std::sort(entries.begin(), entries.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  stems_after = entries.size();
  out = "{";
  for (const auto& [stem, list] : entries) {
    if (out.size() > 1) out += ',';
    append_entry(out, stem, list);
  }
  out += "}\n";
  return true;
}

// A published file as the last build left it: equal stamps, the same file.
struct FileStamp {
  uintmax_t size = 0;
  int64_t mtime_ns = 0;
  uint64_t inode = 0;
  bool operator==(const FileStamp&) const = default;
};

bool stamp_of(const fs::path& file, FileStamp& s) {
  struct stat st;
  if (::lstat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  s = {static_cast<uintmax_t>(st.st_size), st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec,
       static_cast<uint64_t>(st.st_ino)};
  return true;
}

// The index the last build published: its shape and each search/ file's stamp. Written by
// save() after publication, with the program's identity (another program may index otherwise).
struct LastIndex {
  SearchIndex::Shape shape;
  std::map<std::string, FileStamp> files;
};

void put_num(std::string& out, uint64_t v) { put_str(out, std::to_string(v)); }
bool get_num(std::string_view& in, uint64_t& v) {
  std::string s;
  if (!get_str(in, s)) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && end == s.data() + s.size() && !s.empty();
}

std::string index_record(const SearchIndex::Shape& shape, const std::map<std::string, FileStamp>& files) {
  std::string out = kIndexMagic;
  put_str(out, program_identity());
  for (uint64_t v : {shape.buckets, shape.postings, shape.stems, shape.groups.size()}) put_num(out, v);
  for (const auto& g : shape.groups) {
    put_str(out, g.owner);
    put_num(out, g.pages);
    put_num(out, g.postings);
  }
  for (const auto& [rel, s] : files) {
    put_str(out, rel);
    put_num(out, s.size);
    put_num(out, static_cast<uint64_t>(s.mtime_ns));
    put_num(out, s.inode);
  }
  append_check(out);
  return out;
}

bool read_index_record(const fs::path& file, LastIndex& last) {
  std::string bytes, identity;
  if (!read_file(file, bytes) || !strip_check(bytes)) return false;
  std::string_view in(bytes);
  if (in.substr(0, std::strlen(kIndexMagic)) != kIndexMagic) return false;
  in.remove_prefix(std::strlen(kIndexMagic));
  uint64_t groups = 0;
  if (!get_str(in, identity) || identity != program_identity() || !get_num(in, last.shape.buckets) ||
      !get_num(in, last.shape.postings) || !get_num(in, last.shape.stems) || !get_num(in, groups))
    return false;
  for (uint64_t i = 0; i < groups; ++i) {
    SearchIndex::Group g;
    uint64_t pages, postings;
    if (!get_str(in, g.owner) || !get_num(in, pages) || !get_num(in, postings)) return false;
    g.pages = pages, g.postings = postings;
    last.shape.groups.push_back(std::move(g));
  }
  while (!in.empty()) {
    std::string rel;
    FileStamp s;
    uint64_t size, mtime;
    if (!get_str(in, rel) || !get_num(in, size) || !get_num(in, mtime) || !get_num(in, s.inode)) return false;
    s.size = size, s.mtime_ns = static_cast<int64_t>(mtime);
    last.files.emplace(std::move(rel), s);
  }
  return true;
}

}  // namespace

void SearchIndex::reuse(const std::string& owner, uint64_t key, const fs::path& cache_dir, const fs::path& out_dir,
                        const std::vector<std::string>& html_paths) {
  std::lock_guard lock(mu_);
  reused_[owner] = {key, cache_dir, out_dir, html_paths};
}

// The reused programmes' records, from the search cache, or when a record is missing, cut short
// or another build's, from their pages in the live tree.
void SearchIndex::read_reused(int jobs) {
  std::vector<std::pair<const std::string*, const Reused*>> todo;
  for (const auto& [owner, r] : reused_) todo.emplace_back(&owner, &r);
  std::vector<std::vector<Page>> pages(todo.size());
  std::vector<char> cached(todo.size());
  parallel_indices(todo.size(), jobs, [&](size_t i) {
    const auto& [owner, r] = todo[i];
    cached[i] = safe_name(*owner) && read_record(record_file(r->cache_dir, *owner), &r->key, pages[i]);
    if (cached[i]) return;
    pages[i].clear();
    for (const auto& rel : r->html_paths) {
      std::string html;
      bool indexed = false;
      if (!read_file(r->out_dir / rel, html)) continue;
      Page p = make_page(rel, html, indexed);
      if (indexed) pages[i].push_back(std::move(p));
    }
  });
  for (size_t i = 0; i < todo.size(); ++i) {
    ++(cached[i] ? stats_.cached : stats_.reread);
    fresh_[*todo[i].first] = !cached[i];
    auto& list = by_owner_[*todo[i].first];
    for (auto& p : pages[i]) list.push_back(std::move(p));
  }
  reused_.clear();
}

// The groups in index order: the site-wide pages, then the programmes in the model's order.
std::vector<std::string> SearchIndex::group_owners(const std::vector<std::string>& programmes) const {
  std::vector<std::string> owners;
  if (by_owner_.count("")) owners.emplace_back();
  for (const auto& id : programmes)
    if (by_owner_.count(id) || reused_.count(id)) owners.push_back(id);
  return owners;
}

SearchStats SearchIndex::write(const std::vector<std::string>& programmes, const FileSink& sink, int jobs,
                               const LastSearchIndex* last) {
  std::lock_guard lock(mu_);
  const std::vector<std::string> owners = group_owners(programmes);
  for (auto& [owner, pages] : by_owner_) sort_by_path(pages);
  SearchStats st = stats_;
  st.cached += reused_.size();
  if (last && write_changes(owners, *last, sink, st)) return st;
  st = stats_;
  read_reused(jobs);
  st.cached = stats_.cached, st.reread = stats_.reread;
  write_all(owners, sink, jobs, st);
  return st;
}

void SearchIndex::write_all(const std::vector<std::string>& owners, const FileSink& sink, int jobs, SearchStats& st) {
  // A page's number is its place in group order, by path within its group.
  shape_ = {};
  // Stem → its postings, pages in ascending order (they are added in page order).
  std::unordered_map<std::string_view, uint32_t> stem_ids;
  std::vector<std::string_view> stems;
  std::vector<std::vector<Posting>> lists;
  uint32_t number = 0;
  for (const auto& owner : owners) {
    const std::vector<Page>& pages = by_owner_[owner];
    Group& group = shape_.groups.emplace_back(Group{owner, pages.size(), 0});
    for (const Page& p : pages) {
      for_each_term(p.terms, [&](std::string_view stem, uint8_t weight) {
        auto [it, added] = stem_ids.try_emplace(stem, static_cast<uint32_t>(stems.size()));
        if (added) stems.push_back(stem), lists.emplace_back();
        lists[it->second].push_back({number, weight});
        ++group.postings;
      });
      ++number;
    }
    st.postings += group.postings;
  }
  st.pages = number;
  st.stems = stems.size();
  st.buckets = bucket_count(st.postings);
  shape_.buckets = st.buckets, shape_.postings = st.postings, shape_.stems = st.stems;

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
      append_entry(out, stems[i], lists[i]);
    }
    out += "}\n";
    sizes[b] = out.size();
    sink(terms_path(b), out);
  });
  for (size_t n : sizes) st.bytes += n;
  auto emit = [&](const std::string& path, const std::string& bytes) {
    st.bytes += bytes.size();
    sink(path, bytes);
  };
  for (const auto& owner : owners) emit(table_path(owner), page_table(by_owner_[owner]));
  emit(output_path(Output::SearchIndex, {}, "index.json"), manifest(shape_.groups, st.pages, st.buckets));
}

// The index the last build published, changed where this build's pages differ from its
// records: false (nothing handed to `sink`) when that cannot be done, and write_all must.
bool SearchIndex::write_changes(const std::vector<std::string>& owners, const LastSearchIndex& last,
                                const FileSink& sink, SearchStats& st) {
  LastIndex was;
  if (!read_index_record(last.cache_dir / kIndexRecord, was) || was.shape.groups.size() != owners.size()) return false;
  Shape now = was.shape;
  std::vector<std::vector<Page>> before(owners.size());  // the indexed groups' last records
  std::vector<char> retitled(owners.size());
  std::vector<ChangedPage> changed;
  uint32_t first = 0;  // the group's first page number
  for (size_t g = 0; g < owners.size(); ++g) {
    Group& group = now.groups[g];
    if (group.owner != owners[g]) return false;
    if (auto indexed = by_owner_.find(owners[g]); indexed != by_owner_.end()) {
      const std::vector<Page>& pages = indexed->second;
      if (!read_record(record_file(last.cache_dir, owners[g]), nullptr, before[g])) return false;
      sort_by_path(before[g]);
      if (pages.size() != group.pages || before[g].size() != group.pages) return false;
      for (size_t k = 0; k < pages.size(); ++k) {
        if (pages[k].path != before[g][k].path) return false;
        if (pages[k].title != before[g][k].title) retitled[g] = 1;
        if (pages[k].terms != before[g][k].terms)
          changed.push_back({first + static_cast<uint32_t>(k), before[g][k].terms, pages[k].terms});
      }
      group.postings = posting_count(pages);
    }
    first += static_cast<uint32_t>(group.pages);
  }
  now.postings = 0;
  for (const auto& g : now.groups) now.postings += g.postings;
  if (bucket_count(now.postings) != was.shape.buckets) return false;

  // The buckets of the stems whose postings changed.
  std::vector<char> touched(was.shape.buckets);
  for (const ChangedPage& c : changed)
    changed_stems(c.before, c.terms, [&](std::string_view stem) { touched[bucket_of(stem, was.shape.buckets)] = 1; });

  // Everything is checked before anything is handed over: a file not as it was published
  // leaves the whole index to write_all.
  struct Kept {
    std::string rel;
    FileStamp stamp;
  };
  std::vector<Kept> keep;
  std::vector<OutputFile> made;
  auto as_published = [&](const std::string& rel, FileStamp& s) {
    auto it = was.files.find(rel);
    return it != was.files.end() && stamp_of(last.out_dir / rel, s) && s == it->second;
  };
  for (uint32_t b = 0; b < was.shape.buckets; ++b) {
    std::string rel = terms_path(b), old, bytes;
    FileStamp s;
    if (!as_published(rel, s)) return false;
    if (!touched[b]) {
      keep.push_back({std::move(rel), s});
      continue;
    }
    size_t stems_before = 0, stems_after = 0;
    if (!read_file(last.out_dir / rel, old) || old.size() != s.size ||
        !patch_bucket(old, b, was.shape.buckets, changed, bytes, stems_before, stems_after))
      return false;
    now.stems = now.stems - stems_before + stems_after;
    made.push_back({std::move(rel), std::move(bytes)});
  }
  for (size_t g = 0; g < owners.size(); ++g) {
    std::string rel = table_path(owners[g]);
    FileStamp s;
    if (retitled[g]) made.push_back({std::move(rel), page_table(by_owner_[owners[g]])});
    else if (as_published(rel, s)) keep.push_back({std::move(rel), s});
    else return false;
  }

  st.pages = first, st.postings = now.postings, st.stems = now.stems, st.buckets = now.buckets;
  st.kept = keep.size();
  for (const Kept& k : keep) {
    st.bytes += k.stamp.size;
    // A file that cannot be linked is staged from its bytes, checked as published above.
    std::string bytes;
    if (!last.keep(k.rel, k.stamp.inode) && read_file(last.out_dir / k.rel, bytes)) sink(k.rel, bytes);
  }
  made.push_back({output_path(Output::SearchIndex, {}, "index.json"), manifest(now.groups, st.pages, st.buckets)});
  for (const OutputFile& f : made) {
    st.bytes += f.bytes.size();
    sink(f.path, f.bytes);
  }
  shape_ = std::move(now);
  return true;
}

void SearchIndex::save(const fs::path& cache_dir, const std::map<std::string, uint64_t>& keys,
                       const fs::path& out_dir) const {
  std::lock_guard lock(mu_);
  std::error_code ec;
  fs::create_directories(cache_dir, ec);
  // The index record describes the records and the published files together: gone until all
  // of them are in place. Each file carries its own check and is only renamed in, not synced
  // (util/atomic_file.h, Durability::CheckedCache): one a power cut loses or damages costs a
  // programme's pages read again or the whole index made again, never a wrong one; syncing
  // was two disk round trips after the publication of every build.
  fs::remove(cache_dir / kIndexRecord, ec);
  auto put = [](const fs::path& file, std::string_view bytes) {
    std::string error;
    return write_file_atomically(file, bytes, error, Durability::CheckedCache);
  };
  bool all_written = true;
  for (const auto& [owner, pages] : by_owner_) {
    auto key = keys.find(owner);
    auto fresh = fresh_.find(owner);
    if ((!owner.empty() && (key == keys.end() || !safe_name(owner))) || fresh == fresh_.end() || !fresh->second)
      continue;
    std::string out = std::string(kCacheMagic) + key_line(owner.empty() ? 0 : key->second);
    for (const Page& p : pages) {
      put_str(out, p.path);
      put_str(out, p.title);
      put_str(out, p.terms);
    }
    append_check(out);
    all_written = put(record_file(cache_dir, owner), out) && all_written;
  }
  std::map<std::string, FileStamp> files;
  bool stamped = shape_.buckets > 0;
  for (size_t b = 0; stamped && b < shape_.buckets; ++b) stamped = stamp_of(out_dir / terms_path(b), files[terms_path(b)]);
  for (const auto& g : shape_.groups)
    stamped = stamped && stamp_of(out_dir / table_path(g.owner), files[table_path(g.owner)]);
  if (stamped && all_written) put(cache_dir / kIndexRecord, index_record(shape_, files));
  for (fs::directory_iterator it(cache_dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!keys.count(name) && name != kSiteRecord && name != kIndexRecord) fs::remove(it->path(), ec);
  }
}

}  // namespace vitrina
