// Where Vitrina may write. One set of rules for every command that writes a folder or a file
// (build and serve --out, annex -o, collect -o, import): nothing Vitrina writes may replace the
// site, its inputs or its cache folder, `/` or the home folder, or a folder or file Vitrina did
// not make. Messages name the place and say what to do (text/messages.cpp, "out.*", "file.*").
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace vitrina {

// The folders of a site that Vitrina reads and never writes into, resolved.
struct SiteFolders {
  std::filesystem::path site;
  std::filesystem::path cache_root;            // <site>/.vitrina, or --cache-dir
  std::vector<std::filesystem::path> inputs;   // data/, content/, templates/, themes/ (site's and bundled)
};
// `share_dir`: the bundled templates and themes (also never written into); empty for none.
SiteFolders site_folders(const std::filesystem::path& site_dir, const std::filesystem::path& cache_dir,
                         const std::filesystem::path& share_dir);

// The absolute path the user's `p` names: ".", "..", a trailing "/" and symbolic links in the
// folders above it are resolved; the last component is kept as named (a link there is not followed).
std::filesystem::path resolve_target(const std::filesystem::path& p);

// True when `p` is `dir` or lies inside it (both absolute and resolved).
bool is_within(const std::filesystem::path& p, const std::filesystem::path& dir);

// "" when a site may be built into folder `out` (resolved); else why not. `force` adopts a folder
// holding entries Vitrina did not write (they are kept: see write/publish.h); it never allows
// the places that are always refused (the site, inside its inputs or cache, `/`, $HOME).
std::string refuse_output_folder(const SiteFolders& site, const std::filesystem::path& out, bool force);
// The part of refuse_output_folder that looks at what is there: a link, a file, or a folder that
// is neither empty nor Vitrina's (unless `force`).
std::string refuse_unowned_folder(const std::filesystem::path& out, bool force);

// "" when Vitrina may write the single file `file` (resolved): not inside the site's inputs, its
// cache or a built site, not a folder, and if it exists, written by Vitrina (write_output_file)
// and unchanged since. `force` lifts only that last rule.
std::string refuse_output_file(const SiteFolders& site, const std::filesystem::path& file, bool force);

// Writes `file` atomically (util/atomic_file.h) and records it in the cache folder as written by
// Vitrina, so that the next run may replace it. "" on success, else the message (the previous
// file is intact). Call refuse_output_file first.
std::string write_output_file(const SiteFolders& site, const std::filesystem::path& file, std::string_view bytes);

// The stamp in every output folder Vitrina builds: a header line, then the files Vitrina wrote
// there (one JSON string a line). A folder holding it is Vitrina's; the next build may replace or
// remove the files it lists and never touches any other entry of the folder.
inline constexpr std::string_view kOutputStamp = ".vitrina-output";
std::string encode_stamp(const std::vector<std::string>& files);
bool decode_stamp(std::string_view text, std::vector<std::string>& files);  // false: not a stamp

// What an existing output folder holds, as far as ownership goes.
struct OutputFolder {
  bool exists = false;   // a real folder (not a link) is there
  bool stamped = false;  // made by Vitrina: `ours` lists its files
  bool legacy = false;   // made by Vitrina before stamps: its list came from the old cache beside it
  bool empty = false;
  std::vector<std::string> ours;
};
OutputFolder inspect_output_folder(const std::filesystem::path& out);
// The same without reading the list of files (`ours` stays empty) when `list` is false.
OutputFolder inspect_output_folder(const std::filesystem::path& out, bool list);
// Removes what Vitrina before 0.2 kept beside an output folder (.<name>.vitrina-cache, -model,
// -search, .prev, …).
void remove_legacy_siblings(const std::filesystem::path& out);

// One output's private folder in the cache: <cache_root>/builds/<name>-<hash of the path>/.
struct OutputWork {
  std::filesystem::path dir;
  std::filesystem::path record;     // the output folder's path, for prune_output_work
  std::filesystem::path lock;       // the process id of the build holding the lock (write/lock.h)
  std::filesystem::path cache;      // the build cache (incremental/build_cache.h)
  std::filesystem::path snapshots;  // the loader's snapshots (load/snapshot.h)
  std::filesystem::path results;    // what validate and compute found per programme (incremental/results_cache.h)
  std::filesystem::path search;     // the search index's records per programme (output/search/search_index.h)
  std::filesystem::path prev;       // the previous tree, base of the next staging tree
  std::filesystem::path staging;    // the tree being built
};
OutputWork output_work(const std::filesystem::path& cache_root, const std::filesystem::path& out);
// Removes the private folders of outputs that no longer exist (a test's temporary output, a
// folder deleted by hand), except `keep`; a folder whose output is being built is left alone.
void prune_output_work(const std::filesystem::path& cache_root, const std::filesystem::path& keep);
// Puts a CACHEDIR.TAG into the cache folder (backup tools skip a folder holding one).
void mark_cache_folder(const std::filesystem::path& cache_root);

}  // namespace vitrina
