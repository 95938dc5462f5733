#include "output/xlsx/book.h"

#include <dlfcn.h>
#include <linux/magic.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <vector>

#include "output/xlsx/sheet.h"
#include "util/xml_chars.h"
#include "text/messages.h"

// The deflate level of workbooks. libxlsxwriter 1.1.4 zips every part through minizip's
// zipOpenNewFileInZip4_64 with Z_DEFAULT_COMPRESSION (level 6) and has no option for it; zlib
// then took ~11 % of a full build. This definition takes the place of minizip's (the dynamic
// linker binds libxlsxwriter's call to the executable's symbol first) and forwards every argument
// unchanged except that level: Z_BEST_SPEED deflates about three times faster for workbooks ~20 %
// larger, and their unzipped parts are the same bytes (HACKING.md, «Workbooks»).
extern "C" int zipOpenNewFileInZip4_64(void* file, const char* filename, const void* zipfi, const void* extra_local,
                                       unsigned size_extra_local, const void* extra_global, unsigned size_extra_global,
                                       const char* comment, int method, int level, int raw, int window_bits,
                                       int mem_level, int strategy, const char* password, unsigned long crc_for_crypting,
                                       unsigned long version_made_by, unsigned long flag_base, int zip64) {
  using Open = decltype(&zipOpenNewFileInZip4_64);
  // minizip's own definition: the next one after ours in the lookup order (libminizip.so.1).
  static const Open real = reinterpret_cast<Open>(dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64"));
  constexpr int kDeflated = 8, kDefaultLevel = -1, kBestSpeed = 1;  // zlib's Z_DEFLATED, levels
  constexpr int kInternalError = -104;                               // minizip's ZIP_INTERNALERROR
  if (!real) return kInternalError;  // cannot happen while libxlsxwriter links minizip: its call would fail too
  if (method == kDeflated && level == kDefaultLevel) level = kBestSpeed;
  return real(file, filename, zipfi, extra_local, size_extra_local, extra_global, size_extra_global, comment, method,
              level, raw, window_bits, mem_level, strategy, password, crc_for_crypting, version_made_by, flag_base,
              zip64);
}

// Whether a text holds a control character that libxlsxwriter writes as _xHHHH_. 1.1.4's own loop
// tests the pointer instead of the character (`while (string)`, fixed upstream in 1.1.9, issue
// #459), so it stops only at the terminating NUL, which it takes for a control character: every
// text of every workbook was copied through lxw_escape_control_characters (a zeroed buffer seven
// times its length, filled byte by byte). This definition takes the place of libxlsxwriter's (its
// calls go through the PLT, as minizip's above) and is the fixed one; the bytes do not change:
// escaping a text without control characters copies it unchanged, one with them is escaped as
// before. It reads eight bytes at a time: board.xlsx passes it megabytes of text.
extern "C" uint8_t lxw_has_control_characters(const char* string) {
  const std::string_view s(string);
  auto control = [](char ch) { return static_cast<unsigned char>(ch) < 0x20 && ch != '\n' && ch != '\t'; };
  constexpr uint64_t kEach = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t x = 0;
    std::memcpy(&x, s.data() + i, 8);
    // Non-zero exactly when a byte is below 0x20 (a borrow starts at the lowest such byte and sets
    // its high bit, which ~x keeps, since that byte is below 0x80).
    if (((x - kEach * 0x20) & ~x & kHigh) == 0) continue;
    if (std::any_of(s.begin() + static_cast<std::ptrdiff_t>(i), s.begin() + static_cast<std::ptrdiff_t>(i + 8), control)) return 1;
  }
  return std::any_of(s.begin() + static_cast<std::ptrdiff_t>(i), s.end(), control) ? 1 : 0;
}

namespace vitrina::xlsx {

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

// Where the workbooks' folders go: TMPDIR when it is set; else /dev/shm when it is a tmpfs we may
// write with room to spare (the parts live for milliseconds; at N = 300 a full build spent ~0.4 s
// less in the kernel than with them on /tmp's ext4); else the system's temporary folder.
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
