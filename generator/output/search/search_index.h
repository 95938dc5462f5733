// The site search, part 2: the static index the browser searches (bench/README.md, "Search",
// says why Vitrina writes it itself instead of running Pagefind).
//
//   search/index.json             format, page count, bucket count, page groups, stop words
//   search/site.json              [[url, title], …] of the site-wide pages (group "")
//   search/programmes/<id>.json   the same for one programme's pages
//   search/terms/<b>.json         {stem: [page, weight, page, weight, …], …} for every stem
//                                 whose first three letters hash (FNV-1a) to bucket b
//
// Pages are numbered in group order (site pages, then the programmes in the model's order),
// by path within a group. A page's weight for a stem grows with how often the stem occurs in
// it, relative to the page's length, and is higher when the stem is in the title. The pages are indexed as they are rendered, on the render
// threads; a rebuild reads the records of the programmes it reuses from the search cache
// (one file per programme, written after a successful build) instead of their HTML.
//
// A rebuild usually changes the words of a few pages only (numbers are not indexed): the
// search cache also describes the index the last build published (its shape and its files'
// stamps), and write() then makes only the buckets where a posting changed, from their live
// files, and keeps the others; the reused programmes' records are not even read. Anything
// unexpected (a page added or removed, another bucket count, a search file not as published)
// makes the whole index again, the same bytes either way.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "write/publish.h"

namespace vitrina {

struct SearchStats {
  size_t pages = 0;        // pages in the index
  size_t postings = 0;     // (stem, page) pairs
  size_t stems = 0;        // distinct stems
  size_t buckets = 0;
  uintmax_t bytes = 0;     // of every search/ file
  size_t cached = 0;       // programmes whose records came from the search cache
  size_t reread = 0;       // programmes whose reused pages had to be read again (no cache)
  size_t kept = 0;         // search/ files kept as the last build published them
};

// The index the last build published, for write() to change instead of making it again.
struct LastSearchIndex {
  std::filesystem::path cache_dir;  // the search cache save() wrote
  std::filesystem::path out_dir;    // the live output folder
  // Stages the live file `rel` as it is (Publisher::keep); false when it could not.
  std::function<bool(const std::string& rel, uint64_t live_inode)> keep;
};

class SearchIndex {
 public:
  // Thread-safe. Indexes `html` (the page at output path `path`) if it has a data-search-body.
  void add_page(const std::string& path, std::string_view html);
  // The records of programme `owner`, reused from the last build: from its cache file when
  // that was written for `key`, else by reading `html_paths` from `out_dir` — when write()
  // needs them (a rebuild that changes the last index does not).
  void reuse(const std::string& owner, uint64_t key, const std::filesystem::path& cache_dir,
             const std::filesystem::path& out_dir, const std::vector<std::string>& html_paths);
  // Hands every search/ file to `sink` (on `jobs` threads); `programmes`: the model's
  // programme ids, in order. With `last`, only what changed since the last index (see above).
  SearchStats write(const std::vector<std::string>& programmes, const FileSink& sink, int jobs,
                    const LastSearchIndex* last = nullptr);
  // After the index was published into `out_dir`: writes the cache files of the groups
  // indexed in this build (keys: programme id → key) and what the index is, and removes
  // those of programmes that no longer exist.
  void save(const std::filesystem::path& cache_dir, const std::map<std::string, uint64_t>& keys,
            const std::filesystem::path& out_dir) const;

  struct Page {
    std::string path, title;
    std::string terms;  // stem, '\0', weight byte; repeated, stems in byte order
  };
  // A group of the index: the site-wide pages ("") or one programme's, and how many
  // pages and postings it has.
  struct Group {
    std::string owner;
    size_t pages = 0, postings = 0;
  };
  // What write() wrote, for save().
  struct Shape {
    size_t buckets = 0, postings = 0, stems = 0;
    std::vector<Group> groups;
  };

 private:
  struct Reused {
    uint64_t key = 0;
    std::filesystem::path cache_dir, out_dir;
    std::vector<std::string> html_paths;
  };
  static Page make_page(const std::string& path, std::string_view html, bool& indexed);
  void read_reused(int jobs);
  std::vector<std::string> group_owners(const std::vector<std::string>& programmes) const;
  void write_all(const std::vector<std::string>& owners, const FileSink& sink, int jobs, SearchStats& st);
  bool write_changes(const std::vector<std::string>& owners, const LastSearchIndex& last, const FileSink& sink,
                     SearchStats& st);

  mutable std::mutex mu_;
  std::map<std::string, std::vector<Page>> by_owner_;  // "" = site-wide pages
  std::map<std::string, bool> fresh_;                   // owner → indexed in this build
  std::map<std::string, Reused> reused_;                // owner → records not read yet
  SearchStats stats_;
  Shape shape_;
};

}  // namespace vitrina
