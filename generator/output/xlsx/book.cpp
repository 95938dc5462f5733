#include "output/xlsx/book.h"

#include <dlfcn.h>
#include <linux/magic.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cerrno>
#include <cstdint>
#include <limits>
#include <memory>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string_view>
#include <utility>
#include <vector>

#include <libdeflate.h>
#include <xlsxwriter/third_party/zip.h>

#include "output/xlsx/sheet.h"
#include "util/xml_chars.h"
#include "text/messages.h"

// How workbook parts are deflated. libxlsxwriter 1.1.4 zips every part through minizip: one
// zipOpenNewFileInZip4_64 at zlib's default level 6 (no option chooses it), the part's bytes in
// 16 KiB zipWriteInFileInZip calls, one zipCloseFileInZip. zlib, even at level 1, was the largest
// single cost of board.xlsx, on the critical path of a one-value rebuild. These three definitions
// take the place of minizip's (the dynamic linker binds libxlsxwriter's calls to the executable's
// symbols first; minizip's own are found with dlsym(RTLD_NEXT, …)): they collect a part's bytes,
// deflate the whole part with libdeflate at level 1 (about twice as fast as zlib's level 1, and
// smaller) and hand minizip the compressed bytes as a raw entry with their CRC and size. The zip's
// headers are minizip's, as before: the same level-1 flag bits, and the «text» attribute that zlib
// would have set (looks_like_text). The unzipped parts are the same bytes (HACKING.md, «Workbooks»).
namespace {

std::atomic<bool> own_deflate{true};

template <class Function>
Function minizip(const char* name) {
  return reinterpret_cast<Function>(dlsym(RTLD_NEXT, name));
}

constexpr int kDefaultLevel = -1, kBestSpeed = 1;  // zlib's Z_DEFAULT_COMPRESSION, Z_BEST_SPEED
constexpr int kInternalError = -104;               // minizip's ZIP_INTERNALERROR

// A part libxlsxwriter is zipping on this thread: what it opened, and its bytes so far (libdeflate
// deflates a whole buffer at once). `zip` is null while no part is collected.
struct Part {
  zipFile zip = nullptr;
  std::string name;
  zip_fileinfo info{};
  uLong version_made_by = 0, flag_base = 0;
  int zip64 = 0;
  std::string bytes;
};
thread_local Part part;

// Whether a byte below 0x20 for which `test` holds is in `s`. It reads eight bytes at a time and
// looks closer only at the words holding a byte below 0x20: workbook texts and parts are megabytes
// with few or none.
template <class Test>
bool has_low_byte(std::string_view s, Test test) {
  constexpr uint64_t kEach = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  auto low = [&](size_t from, size_t to) {
    return std::any_of(s.begin() + static_cast<std::ptrdiff_t>(from), s.begin() + static_cast<std::ptrdiff_t>(to),
                       [&](char ch) { return static_cast<unsigned char>(ch) < 0x20 && test(static_cast<unsigned char>(ch)); });
  };
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t x = 0;
    std::memcpy(&x, s.data() + i, 8);
    // Non-zero exactly when a byte is below 0x20 (a borrow starts at the lowest such byte and sets
    // its high bit, which ~x keeps, since that byte is below 0x80).
    if (((x - kEach * 0x20) & ~x & kHigh) != 0 && low(i, i + 8)) return true;
  }
  return low(i, s.size());
}

// zlib's guess of a text (deflate's detect_data_type, which minizip writes into the central
// directory): none of the bytes 0–6, 14–25, 28–31, and at least one tab, line feed, carriage
// return or byte from 32 up. zlib looks at the first block only; a part is XML, which cannot hold
// those bytes anywhere, so the whole part gives the same answer.
bool looks_like_text(std::string_view s) {
  const bool blocked = has_low_byte(s, [](unsigned char b) { return b <= 6 || (b >= 14 && b <= 25) || b >= 28; });
  return !blocked && std::any_of(s.begin(), s.end(), [](char ch) {
    return static_cast<unsigned char>(ch) >= 32 || ch == '\t' || ch == '\n' || ch == '\r';
  });
}

struct CompressorFree {
  void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};

// The part deflated by libdeflate and written as minizip's raw entry.
int zip_part(Part& p) {
  thread_local std::unique_ptr<libdeflate_compressor, CompressorFree> compressor(libdeflate_alloc_compressor(kBestSpeed));
  static const auto open = minizip<decltype(&zipOpenNewFileInZip4_64)>("zipOpenNewFileInZip4_64");
  static const auto write = minizip<decltype(&zipWriteInFileInZip)>("zipWriteInFileInZip");
  static const auto close = minizip<decltype(&zipCloseFileInZipRaw64)>("zipCloseFileInZipRaw64");
  if (!compressor || !open || !write || !close) return kInternalError;
  const size_t bound = libdeflate_deflate_compress_bound(compressor.get(), p.bytes.size());
  const auto deflated = std::make_unique_for_overwrite<char[]>(bound);
  const size_t size = libdeflate_deflate_compress(compressor.get(), p.bytes.data(), p.bytes.size(), deflated.get(), bound);
  if (size == 0 || size > std::numeric_limits<unsigned>::max()) return kInternalError;
  zip_fileinfo info = p.info;
  if (looks_like_text(p.bytes)) info.internal_fa = Z_TEXT;
  int err = open(p.zip, p.name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, kBestSpeed, 1, -MAX_WBITS,
                 DEF_MEM_LEVEL, Z_DEFAULT_STRATEGY, nullptr, 0, p.version_made_by, p.flag_base, p.zip64);
  if (err == ZIP_OK) err = write(p.zip, deflated.get(), static_cast<unsigned>(size));
  if (err == ZIP_OK) err = close(p.zip, p.bytes.size(), libdeflate_crc32(0, p.bytes.data(), p.bytes.size()));
  return err;
}

}  // namespace

extern "C" int zipOpenNewFileInZip4_64(zipFile file, const char* filename, const zip_fileinfo* zipfi,
                                       const void* extrafield_local, uInt size_extrafield_local,
                                       const void* extrafield_global, uInt size_extrafield_global, const char* comment,
                                       int method, int level, int raw, int windowBits, int memLevel, int strategy,
                                       const char* password, uLong crcForCrypting, uLong versionMadeBy, uLong flagBase,
                                       int zip64) {
  if (method == Z_DEFLATED && level == kDefaultLevel) level = kBestSpeed;
  // A part still open is closed first, as minizip does; one of a zip abandoned after an error is dropped.
  if (part.zip == file) zipCloseFileInZip(file);
  part.zip = nullptr;
  const bool collect = own_deflate.load(std::memory_order_relaxed) && method == Z_DEFLATED && !raw && !password &&
                       !extrafield_local && !extrafield_global && !comment && zipfi;
  if (!collect) {
    static const auto real = minizip<decltype(&zipOpenNewFileInZip4_64)>("zipOpenNewFileInZip4_64");
    if (!real) return kInternalError;  // cannot happen while libxlsxwriter links minizip: its call would fail too
    return real(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
                size_extrafield_global, comment, method, level, raw, windowBits, memLevel, strategy, password,
                crcForCrypting, versionMadeBy, flagBase, zip64);
  }
  part.zip = file;
  part.name = filename;
  part.info = *zipfi;
  part.version_made_by = versionMadeBy;
  part.flag_base = flagBase;
  part.zip64 = zip64;
  part.bytes.clear();
  return ZIP_OK;
}

extern "C" int zipWriteInFileInZip(zipFile file, const void* buf, unsigned len) {
  if (file != part.zip) {
    static const auto real = minizip<decltype(&zipWriteInFileInZip)>("zipWriteInFileInZip");
    return real ? real(file, buf, len) : kInternalError;
  }
  try {
    part.bytes.append(static_cast<const char*>(buf), len);
  } catch (const std::bad_alloc&) {
    return kInternalError;
  }
  return ZIP_OK;
}

extern "C" int zipCloseFileInZip(zipFile file) {
  if (file != part.zip) {
    static const auto real = minizip<decltype(&zipCloseFileInZip)>("zipCloseFileInZip");
    return real ? real(file) : kInternalError;
  }
  const int err = zip_part(part);
  part.zip = nullptr;
  std::string().swap(part.bytes);  // the next part may be small: do not keep the largest one's room
  return err;
}

// Whether a text holds a control character that libxlsxwriter writes as _xHHHH_. 1.1.4's own loop
// tests the pointer instead of the character (`while (string)`, fixed upstream in 1.1.9, issue
// #459), so it stops only at the terminating NUL, which it takes for a control character: every
// text of every workbook was copied through lxw_escape_control_characters (a zeroed buffer seven
// times its length, filled byte by byte). This definition takes the place of libxlsxwriter's (its
// calls go through the PLT, as minizip's above) and is the fixed one; the bytes do not change:
// escaping a text without control characters copies it unchanged, one with them is escaped as
// before.
extern "C" uint8_t lxw_has_control_characters(const char* string) {
  return has_low_byte(string, [](unsigned char b) { return b != '\n' && b != '\t'; }) ? 1 : 0;
}

// The rows of a streamed sheet (libxlsxwriter's constant_memory mode, Rows::Streamed). 1.1.4
// writes each row, when a later one is started and for the last at workbook_close, through
// lxw_worksheet_write_single_row: an fprintf per cell plus a malloc'ed attribute list and an escaped
// copy of each text, ~40 % of board.xlsx's time (the critical path of a one-value rebuild) for its
// 12 MB of sheet XML. No option makes it cheaper, and the library has no other writer for a row.
// This definition takes the place of libxlsxwriter's (its calls go through the PLT, as minizip's
// above) and writes the same bytes — the elements and attributes of 1.1.4's _write_row and
// _write_cell in their order and form, numbers through the same "%.16G" — into one buffer per row.
// A row holding a cell kind it does not write (a boolean, a rich string, an array formula, a
// comment) goes to the library's own writer whole. tests/unit/xlsx_test.cpp compares the two. Built
// against another libxlsxwriter, the library's writer is used for every row (book.h).
namespace {

std::atomic<bool> own_row_writer{vitrina::xlsx::kOwnRowWriterByDefault};

using RowWriter = void (*)(lxw_worksheet*);
RowWriter library_row_writer() {
  static const auto real = reinterpret_cast<RowWriter>(dlsym(RTLD_NEXT, "lxw_worksheet_write_single_row"));
  return real;
}

bool writes_cell(const lxw_cell* c) {
  return !c->comment && (c->type == NUMBER_CELL || c->type == INLINE_STRING_CELL || c->type == FORMULA_CELL ||
                         c->type == BLANK_CELL);
}

void put_uint(std::string& out, uint64_t v) {
  char buf[24];
  out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

// As printf's "%.16G" (libxlsxwriter's form of every double), with whole numbers below 10¹⁵ —
// nearly all of the board's — printed without it (the same digits: no exponent, no point). Others go
// through std::to_chars with a precision, which the standard defines as printf's "%.16g" (and is
// several times faster than snprintf): only its letters are lower case.
void put_double(std::string& out, double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15 && !(v == 0 && std::signbit(v))) {
    if (v < 0) out += '-';
    put_uint(out, static_cast<uint64_t>(std::fabs(v)));
    return;
  }
  char buf[40];
  char* end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 16).ptr;
  std::transform(buf, end, buf, [](char ch) { return ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 'a' + 'A') : ch; });
  out.append(buf, end);
}

// lxw_escape_data's escaping: &, < and > only (a double quote stays, as Excel writes it).
void put_escaped(std::string& out, std::string_view s) {
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char ch = s[i];
    if (ch != '&' && ch != '<' && ch != '>') continue;
    out.append(s.substr(start, i - start));
    out += ch == '&' ? "&amp;" : ch == '<' ? "&lt;" : "&gt;";
    start = i + 1;
  }
  out.append(s.substr(start));
}

void put_cell_ref(std::string& out, lxw_row_t row, lxw_col_t col) {
  char letters[4];
  int n = 0;
  for (unsigned c = col + 1u; c > 0; c = (c - 1) / 26) letters[n++] = static_cast<char>('A' + (c - 1) % 26);
  while (n > 0) out += letters[--n];
  put_uint(out, uint64_t{row} + 1);
}

void put_row_tag(std::string& out, const lxw_worksheet* ws, const lxw_row* row) {
  const double height = row->height_changed ? row->height : ws->default_row_height;
  const bool custom_height = height != LXW_DEF_ROW_HEIGHT;
  out += "<row r=\"";
  put_uint(out, uint64_t{row->row_num} + 1);
  out += '"';
  if (row->format) {
    if (const int32_t xf = lxw_format_get_xf_index(row->format)) {
      out += " s=\"";
      put_uint(out, static_cast<uint32_t>(xf));
      out += '"';
    }
    out += " customFormat=\"1\"";
  }
  if (custom_height) {
    out += " ht=\"";
    put_double(out, height);
    out += '"';
  }
  if (row->hidden) out += " hidden=\"1\"";
  if (custom_height) out += " customHeight=\"1\"";
  if (row->level) {
    out += " outlineLevel=\"";
    put_uint(out, row->level);
    out += '"';
  }
  if (row->collapsed) out += " collapsed=\"1\"";
  if (ws->excel_version == 2010) out += " x14ac:dyDescent=\"0.25\"";
  out += row->data_changed ? ">" : "/>";
}

void put_cell(std::string& out, const lxw_worksheet* ws, const lxw_cell* c, lxw_format* row_format) {
  lxw_format* format = c->format           ? c->format
                       : row_format        ? row_format
                       : c->col_num < ws->col_formats_max ? ws->col_formats[c->col_num]
                                                          : nullptr;
  const int32_t xf = format ? lxw_format_get_xf_index(format) : 0;
  if (c->type == BLANK_CELL && !c->format) return;
  out += "<c r=\"";
  put_cell_ref(out, c->row_num, c->col_num);
  out += '"';
  if (xf) {
    out += " s=\"";
    put_uint(out, static_cast<uint32_t>(xf));
    out += '"';
  }
  switch (c->type) {
    case NUMBER_CELL:
      out += "><v>";
      put_double(out, c->u.number);
      out += "</v></c>";
      return;
    case INLINE_STRING_CELL: {
      out += " t=\"inlineStr\"><is><t>";
      const size_t text = out.size();
      put_escaped(out, c->u.string);
      // Whitespace at either end is kept with xml:space (tested on the escaped text, as 1.1.4 does).
      if (std::isspace(static_cast<unsigned char>(out[text])) || std::isspace(static_cast<unsigned char>(out.back())))
        out.replace(text - 1, 1, " xml:space=\"preserve\">");
      out += "</t></is></c>";
      return;
    }
    case FORMULA_CELL:
      out += c->user_data2 ? " t=\"str\"><f>" : "><f>";
      put_escaped(out, c->u.string);
      out += "</f><v>";
      if (c->user_data2) put_escaped(out, c->user_data2);
      else put_double(out, c->formula_result);
      out += "</v></c>";
      return;
    default: out += "/>"; return;  // a blank
  }
}

// libxlsxwriter's _free_cell for the kinds written above (a comment is never among them).
void free_cell(lxw_cell* c) {
  if (c->type == INLINE_STRING_CELL || c->type == FORMULA_CELL) free(c->u.string);
  free(c->user_data1);
  free(c->user_data2);
  free(c);
}

}  // namespace

extern "C" void lxw_worksheet_write_single_row(lxw_worksheet* ws) {
  lxw_row* row = ws->optimize_row;
  if (!(row->row_changed || row->data_changed)) return;
  lxw_cell** cells = ws->array;
  const bool own = own_row_writer.load(std::memory_order_relaxed) &&
                   (!row->data_changed ||
                    std::all_of(cells + ws->dim_colmin, cells + ws->dim_colmax + 1,
                                [](const lxw_cell* c) { return !c || writes_cell(c); }));
  if (!own) {
    if (RowWriter real = library_row_writer()) real(ws);
    return;
  }
  thread_local std::string out;
  out.clear();
  put_row_tag(out, ws, row);
  if (row->data_changed) {
    for (lxw_col_t col = ws->dim_colmin; col <= ws->dim_colmax; ++col)
      if (lxw_cell* c = std::exchange(cells[col], nullptr)) {
        put_cell(out, ws, c, row->format);
        free_cell(c);
      }
    out += "</row>";
  }
  std::fwrite(out.data(), 1, out.size(), ws->file);
  row->height = LXW_DEF_ROW_HEIGHT;
  row->format = nullptr;
  row->hidden = LXW_FALSE;
  row->level = 0;
  row->collapsed = LXW_FALSE;
  row->data_changed = LXW_FALSE;
  row->row_changed = LXW_FALSE;
}

// libxlsxwriter's temporary files: a streamed sheet's rows until workbook_close, then each part's
// XML until it is zipped. 1.1.4 makes each one a file (tmpfileplus in the workbook's folder) and
// copies every byte through the kernel four times (rows written, read back into the sheet's part,
// the part written, read back to deflate it): ~15 % of board.xlsx's time, most of it in the tmpfs
// (page allocation, copies). No option keeps them in memory (constant_memory is the only other
// mode, and it is the one that writes rows to a file). This definition takes the place of the
// library's (its calls go through the PLT, as minizip's above) and returns a stdio stream over a
// buffer of the process (fopencookie): the same bytes written and read back, never a file; it is
// freed when the library closes the stream (right after the part is zipped). tests/unit/xlsx_test.cpp
// checks that workbooks are the same bytes with the library's files.
namespace {

std::atomic<bool> memory_tmpfiles{true};

struct MemoryFile {
  std::string bytes;
  size_t at = 0;
};

ssize_t memory_read(void* cookie, char* to, size_t n) {
  auto* m = static_cast<MemoryFile*>(cookie);
  n = std::min(n, m->bytes.size() - std::min(m->at, m->bytes.size()));
  std::memcpy(to, m->bytes.data() + m->at, n);
  m->at += n;
  return static_cast<ssize_t>(n);
}

ssize_t memory_write(void* cookie, const char* from, size_t n) {
  auto* m = static_cast<MemoryFile*>(cookie);
  try {
    if (m->at > m->bytes.size()) m->bytes.resize(m->at);
    m->bytes.replace(m->at, std::min(n, m->bytes.size() - m->at), from, n);
  } catch (const std::bad_alloc&) {
    errno = ENOMEM;
    return -1;
  }
  m->at += n;
  return static_cast<ssize_t>(n);
}

int memory_seek(void* cookie, off64_t* offset, int whence) {
  auto* m = static_cast<MemoryFile*>(cookie);
  const off64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? static_cast<off64_t>(m->at)
                                                                  : static_cast<off64_t>(m->bytes.size());
  if (base + *offset < 0) return -1;
  m->at = static_cast<size_t>(base + *offset);
  *offset = static_cast<off64_t>(m->at);
  return 0;
}

int memory_close(void* cookie) {
  delete static_cast<MemoryFile*>(cookie);
  return 0;
}

using TmpFile = FILE* (*)(char*);
TmpFile library_tmpfile() {
  static const auto real = reinterpret_cast<TmpFile>(dlsym(RTLD_NEXT, "lxw_tmpfile"));
  return real;
}

}  // namespace

extern "C" FILE* lxw_tmpfile(char* tmpdir) {
  if (!memory_tmpfiles.load(std::memory_order_relaxed)) {
    TmpFile real = library_tmpfile();
    return real ? real(tmpdir) : nullptr;
  }
  auto* m = new (std::nothrow) MemoryFile;
  if (!m) return nullptr;
  FILE* f = fopencookie(m, "w+", cookie_io_functions_t{memory_read, memory_write, memory_seek, memory_close});
  if (!f) delete m;
  return f;
}

namespace vitrina::xlsx {

void use_own_row_writer(bool own) { own_row_writer = own; }
void use_memory_tmpfiles(bool memory) { memory_tmpfiles = memory; }
void use_own_deflate(bool own) { own_deflate = own; }

namespace fs = std::filesystem;

namespace {

std::time_t utc_time(int y, int m, int d) {
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = m - 1;
  tm.tm_mday = d;
  tm.tm_hour = 12;
  return timegm(&tm);
}

}  // namespace

std::time_t document_time(const Site& site) {
  int y = 0, m = 1, d = 1;
  if (!site.build_date.empty() && std::sscanf(site.build_date.c_str(), "%d-%d-%d", &y, &m, &d) >= 1 && y > 1900)
    return utc_time(y, m, d);
  if (site.report_year > 1900) return utc_time(site.report_year, 1, 1);
  return utc_time(2000, 1, 1);
}

namespace {

// Where the workbooks' folders go (each holds the zip minizip writes; the parts are buffers in
// memory, lxw_tmpfile above): TMPDIR when it is set; else /dev/shm when it is a tmpfs we may write
// with room to spare (the zip lives for milliseconds); else the system's temporary folder.
fs::path temp_root() {
  static const fs::path root = [] {
    constexpr unsigned long long kRoom = 1ull << 30;
    struct statfs st {};
    if (!std::getenv("TMPDIR") && ::statfs("/dev/shm", &st) == 0 && st.f_type == TMPFS_MAGIC &&
        static_cast<unsigned long long>(st.f_bavail) * static_cast<unsigned long long>(st.f_bsize) >= kRoom &&
        ::access("/dev/shm", W_OK | X_OK) == 0)
      return fs::path("/dev/shm");
    return fs::temp_directory_path();
  }();
  return root;
}

// libxlsxwriter needs a folder for each workbook's parts. A build killed meanwhile cannot
// remove its folders, so they carry the process id, and the first workbook of a later
// build removes the folders of processes that no longer exist (never a running build's), in
// both places a build may have put them.
void remove_folders_of_dead_builds() {
  std::error_code ec;
  std::vector<fs::path> roots{temp_root()};
  if (fs::path tmp = fs::temp_directory_path(ec); !ec && tmp != roots[0]) roots.push_back(tmp);
  for (const fs::path& root : roots)
    for (const auto& e : fs::directory_iterator(root, ec)) {
      const std::string name = e.path().filename().string();
      int pid = 0;
      if (name.rfind("vitrina-xlsx-", 0) != 0 || std::sscanf(name.c_str() + 13, "%d-", &pid) != 1 || pid <= 0) continue;
      if (::kill(pid, 0) != 0 && errno == ESRCH && e.is_directory(ec) && !e.is_symlink(ec)) fs::remove_all(e.path(), ec);
    }
}

}  // namespace

std::string render_workbook(const DocInfo& info, const std::string& what, Diagnostics& diags,
                            const std::function<void(lxw_workbook*)>& fill) {
  static std::once_flag cleaned;
  std::call_once(cleaned, remove_folders_of_dead_builds);
  std::string tmpl =
      (temp_root() / ("vitrina-xlsx-" + std::to_string(::getpid()) + "-XXXXXX")).string();
  if (!mkdtemp(tmpl.data())) {
    diags.error(what, 0, 0, tr("workbook.temp_dir_failed"));
    return {};
  }
  fs::path dir = tmpl, file = dir / "book.xlsx";
  std::string dir_s = dir.string(), file_s = file.string();
  lxw_workbook_options opt{};
  opt.constant_memory = LXW_FALSE;
  opt.tmpdir = dir_s.data();
  lxw_workbook* wb = workbook_new_opt(file_s.c_str(), &opt);
  std::string bytes;
  if (wb) {
    DocInfo i = info;
    for (std::string* text : {&i.title, &i.subject, &i.author, &i.company, &i.keywords, &i.comments})
      strip_xml_forbidden(*text);
    lxw_doc_properties p{};
    p.title = i.title.data();
    p.subject = i.subject.data();
    p.author = i.author.data();
    p.company = i.company.data();
    p.keywords = i.keywords.data();
    p.comments = i.comments.data();
    p.created = info.created;
    workbook_set_properties(wb, &p);
    fill(wb);
    lxw_error err = workbook_close(wb);
    if (err == LXW_NO_ERROR) {
      std::ifstream in(file, std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      bytes = ss.str();
    } else {
      diags.error(what, 0, 0, tr("workbook.write_failed", {lxw_strerror(err)}));
    }
  } else {
    diags.error(what, 0, 0, tr("workbook.create_failed"));
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  return bytes;
}

namespace {

// A text for a page header or footer: XML-safe, at most `max` code points, "&" doubled ("&&" prints
// one ampersand; a single one starts a code such as &P).
std::string header_text(const std::string& text, size_t max) {
  std::string t;
  for (char ch : clip_code_points(xml_safe(text), max)) {
    t += ch;
    if (ch == '&') t += '&';
  }
  return t;
}

}  // namespace

void print_setup(lxw_worksheet* ws, int repeat_first, int repeat_last, const std::string& footer_title,
                 bool portrait, bool fit_width) {
  worksheet_set_paper(ws, 9);  // A4
  if (portrait) worksheet_set_portrait(ws);
  else worksheet_set_landscape(ws);
  if (fit_width) worksheet_fit_to_pages(ws, 1, 0);
  worksheet_set_margins(ws, kSideMargin, kSideMargin, 0.5, 0.6);
  if (repeat_first >= 0)
    worksheet_repeat_rows(ws, static_cast<lxw_row_t>(repeat_first), static_cast<lxw_row_t>(repeat_last));
  std::string footer = "&L" + header_text(footer_title, 90) + "&R" + tr_doc("xlsx.footer.page");
  worksheet_set_footer(ws, footer.c_str());
}

void set_header_right(lxw_worksheet* ws, const std::string& text) {
  // Excel allows 255 characters in a header, codes included.
  std::string header = "&R" + header_text(text, 120);
  worksheet_set_header(ws, header.c_str());
}

}  // namespace vitrina::xlsx
