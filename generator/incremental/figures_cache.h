// Snapshots of each programme's computed figures (compute/metrics.h, ProgrammeFigures).
// Computing them is a pure function of the programme's own inputs, of everything site-wide
// (site.json's methodology among it), of the program and of the report (year, period, as-of),
// and after a one-value change it was the largest step of the compute stage for programmes that
// did not change. So a build keeps each programme's figures in a binary file beside the output,
// keyed by a hash of all of that, and the next build decodes those of unchanged programmes
// instead of computing them again. A snapshot that is missing, stale or damaged is not used.
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "compute/metrics.h"
#include "util/atomic_file.h"

namespace vitrina {

// The bytes of a snapshot of `figures` under `key`, and back (false for another key, a damaged
// file or another format; `out` is then unspecified).
std::string encode_figures(const ProgrammeFigures& figures, uint64_t key);
bool decode_figures(std::string_view bytes, uint64_t key, ProgrammeFigures& out);

class FiguresCache : public FiguresStore {
 public:
  // `dir`: where the snapshots are, one file per programme. `inputs`: programme id → hash of
  // everything its figures depend on but the report (its own input files, the site-wide ones
  // and the program's settings: incremental/fingerprint.h); a programme not listed is neither
  // restored nor kept. `restore` false (--no-cache): compute every programme, still keep them.
  FiguresCache(std::filesystem::path dir, std::map<std::string, uint64_t> inputs, bool restore);

  bool restore(const Programme& p, const ReportDate& report, ProgrammeFigures& out) override;
  void save(const Programme& p, const ReportDate& report, const ProgrammeFigures& figures) override;
  // Puts the snapshots `save` wrote in place (once they are on disk) and removes those of
  // programmes no longer listed (and temporary files of killed builds).
  void commit();

 private:
  bool key(const Programme& p, const ReportDate& report, uint64_t& out) const;
  std::filesystem::path file(const Programme& p) const;

  std::filesystem::path dir_;
  std::map<std::string, uint64_t> inputs_;
  bool restore_;
  FileBatch batch_;
};

}  // namespace vitrina
