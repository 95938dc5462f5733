// Snapshots of what the validate and compute stages found for each programme on its own: the
// diagnostics of its checks (validate/validate.h, ChecksStore) and its computed figures
// (compute/metrics.h, ProgrammeFigures). Both are pure functions of the programme's own inputs,
// of everything site-wide (site.json's report year and methodology among it) and of the program
// — the figures also of the report (year, period, as-of) — and after a one-value change they
// were most of these stages' time, spent on programmes that did not change. So a build keeps
// them per programme in binary files beside the output, keyed by a hash of all of that, and the
// next build decodes those of unchanged programmes instead of finding them again. A snapshot
// that is missing, stale or damaged is not used.
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "compute/metrics.h"
#include "util/atomic_file.h"
#include "validate/validate.h"

namespace vitrina {

// The bytes of a snapshot of `figures` (or of a programme's check diagnostics) under `key`, and
// back (false for another key, a damaged file or another format; `out` is then unspecified).
std::string encode_figures(const ProgrammeFigures& figures, uint64_t key);
bool decode_figures(std::string_view bytes, uint64_t key, ProgrammeFigures& out);
std::string encode_checks(const Diagnostics& found, uint64_t key);
bool decode_checks(std::string_view bytes, uint64_t key, Diagnostics& out);

class ResultsCache : public ChecksStore, public FiguresStore {
 public:
  // `dir`: where the snapshots are, two files per programme. `inputs`: programme id → hash of
  // everything its results depend on but the report (its own input files, the site-wide ones
  // and the program's settings: incremental/fingerprint.h); a programme not listed is neither
  // restored nor kept. `restore` false (--no-cache): find everything again, still keep it.
  ResultsCache(std::filesystem::path dir, std::map<std::string, uint64_t> inputs, bool restore);

  bool restore(const Programme& p, Diagnostics& out) override;
  void save(const Programme& p, const Diagnostics& found) override;
  bool restore(const Programme& p, const ReportDate& report, ProgrammeFigures& out) override;
  void save(const Programme& p, const ReportDate& report, const ProgrammeFigures& figures) override;
  // Puts the snapshots `save` wrote in place (once they are on disk) and removes those of
  // programmes no longer listed (and temporary files of killed builds).
  void commit();

 private:
  bool key(const Programme& p, const ReportDate* report, uint64_t& out) const;
  std::filesystem::path file(const Programme& p, const char* suffix) const;

  std::filesystem::path dir_;
  std::map<std::string, uint64_t> inputs_;
  bool restore_;
  FileBatch batch_;
};

}  // namespace vitrina
