// nlohmann/json 3.11 keeps no source positions, so Vitrina finds them in the (already
// validated) text itself. Positions are only needed when a diagnostic is printed, which on
// good data is almost never, so loading runs one cheap pass (duplicate keys, plus where
// each object starts, which model origins need) and the full pointer → position map is
// built on the first query that needs it.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace vitrina {

// {0, 0} means "unknown" (the whole file), as in Diagnostic.
struct TextPos { int line = 1, column = 1; };

// Line and column (code points, 1-based) of a byte offset; a UTF-8 BOM is not counted.
TextPos position_of_offset(std::string_view text, size_t offset);

class PositionMap {
 public:
  struct DuplicateKey { std::string pointer; TextPos pos; };

  // A map that knows no positions: every query answers {0, 0}.
  PositionMap() = default;

  // `text` must be valid JSON (parse it first). Builds the full map now, from memory.
  static PositionMap build(std::string_view text);

  // `text` must be valid JSON. One cheap pass finds duplicate keys (nlohmann silently
  // collapses them) and object positions; the full map is built lazily on the first other
  // query, by re-reading `source` (an absolute path). If the file no longer has the text
  // it was parsed from, those queries answer {0, 0} rather than a wrong position. With an
  // empty `source` (fuzzers, tests) a copy of `text` is kept instead.
  static PositionMap scan(std::string_view text, const std::filesystem::path& source);

  // What scan() knew of the text it was parsed from, so that a map can be made again
  // without the text (a restored snapshot, load/snapshot.h): its file, size and hash.
  struct Source { std::filesystem::path file; uint64_t size = 0, hash = 0; };
  Source source() const;
  // A map for a file that is not parsed now: every query builds the full map from the
  // file, if it still has that size and hash. No duplicate keys (they were reported when
  // the file was parsed).
  static PositionMap deferred(const Source& source);

  // Position of the value at `pointer`; falls back to the nearest ancestor that exists.
  // Safe to call from several threads at once.
  TextPos value(const std::string& pointer) const;
  // Position of the member's key (for unknown-field warnings); falls back to value().
  TextPos key(const std::string& pointer) const;
  const std::vector<DuplicateKey>& duplicates() const { return duplicates_; }

  // Whether the full map has been built (for tests: loading good data must not build it).
  bool full_map_built() const;

  // Internal: what the cheap pass records per object (see json_positions.cpp).
  struct ObjectStart { uint64_t pointer_hash; TextPos pos; };
  struct Lazy;

 private:
  std::vector<DuplicateKey> duplicates_;
  std::vector<ObjectStart> objects_;  // sorted by pointer_hash
  std::shared_ptr<Lazy> lazy_;        // shared by copies; the full map is immutable once built
};

// RFC 6901 escaping of one reference token (~ → ~0, / → ~1).
std::string pointer_escape(std::string_view token);

}  // namespace vitrina
