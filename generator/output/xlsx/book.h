// A workbook written to a private temporary folder and read back as bytes
// (libxlsxwriter 1.1.4 writes to a path only), with deterministic properties and the
// shared print setup of every sheet.
#pragma once
#include <xlsxwriter.h>

#include <ctime>
#include <functional>
#include <string>

#include "diag/diagnostics.h"
#include "model/model.h"

namespace vitrina::xlsx {

struct DocInfo {
  std::string title, subject, keywords, author, company, comments;
  std::time_t created = 0;
};

// The date written into workbooks: Site::build_date, else 1 January of the report year,
// else 2000-01-01 — never the clock, so two builds give the same bytes.
std::time_t document_time(const Site& site);

// Runs `fill` on a fresh workbook and returns the .xlsx bytes ("" on failure, with an error
// in `diags` naming `what`).
std::string render_workbook(const DocInfo& info, const std::string& what, Diagnostics& diags,
                            const std::function<void(lxw_workbook*)>& fill);

// Whether streamed rows are written by book.cpp's writer or by libxlsxwriter's own, which gives the
// same bytes slower: for the test that compares them. The writer reads the library's structs and
// writes the bytes of its _write_row, so it is the default only with the version it was checked
// against (kOwnRowWriterByDefault: 1.1.4, Debian 12); with another, the library's writer is used.
inline constexpr bool kOwnRowWriterByDefault = LXW_VERSION_ID == 114;
void use_own_row_writer(bool own);
// Whether libxlsxwriter's temporary files are book.cpp's buffers in memory (the default) or its own
// files: for the test that compares their bytes.
void use_memory_tmpfiles(bool memory);
// Whether parts are deflated by libdeflate as raw zip entries (the default) or by minizip through zlib
// (level 1): for the test that compares their unzipped parts.
void use_own_deflate(bool own);

// A4 in points, and the left and right margins of every printed sheet in inches.
constexpr double kA4LongSide = 841.89, kA4ShortSide = 595.28, kSideMargin = 0.4;

// A4 landscape (portrait for a two-column sheet), one page wide, rows `repeat_first`…`repeat_last` repeated on every page
// (-1: none), footer «<title>   стр. N из M». `fit_width` false prints at 100 % instead: a sheet whose
// manual page breaks must hold (Excel ignores them when it fits a sheet to the page).
void print_setup(lxw_worksheet* ws, int repeat_first, int repeat_last, const std::string& footer_title,
                 bool portrait = false, bool fit_width = true);

// `text` at the top right of every printed page (site.json print.annex_line).
void set_header_right(lxw_worksheet* ws, const std::string& text);

}  // namespace vitrina::xlsx
