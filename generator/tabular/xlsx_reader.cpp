// Reads .xlsx workbooks: libzip opens the package, expat streams each XML part in 64 KiB
// chunks, so memory is bounded by the cells kept, never by the size a part claims to have.
// Documents with a DTD are refused outright (OOXML has none): no entity, internal or external,
// is ever expanded.
#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>
#include <unordered_map>

#include "tabular/table.h"
#include "text/messages.h"

namespace vitrina::tabular {

namespace {

// The local part of an expat name expanded as "namespace|local".
std::string_view local_name(const char* name) {
  const char* bar = std::strrchr(name, '|');
  return bar ? bar + 1 : name;
}

const char* attribute(const char** attrs, std::string_view local) {
  for (size_t i = 0; attrs[i]; i += 2)
    if (local_name(attrs[i]) == local) return attrs[i + 1];
  return nullptr;
}

// One XML part's reader; set `error` to stop the parse.
struct XmlHandler {
  virtual ~XmlHandler() = default;
  virtual void start(std::string_view name, const char** attrs) = 0;
  virtual void end(std::string_view) {}
  virtual void text(std::string_view) {}
  std::string error;
};

void XMLCALL on_start(void* h, const char* name, const char** attrs) {
  static_cast<XmlHandler*>(h)->start(local_name(name), attrs);
}
void XMLCALL on_end(void* h, const char* name) { static_cast<XmlHandler*>(h)->end(local_name(name)); }
void XMLCALL on_text(void* h, const char* s, int len) {
  static_cast<XmlHandler*>(h)->text(std::string_view(s, static_cast<size_t>(len)));
}

struct Parser {
  XML_Parser p;
  XmlHandler* handler;
  Parser(XmlHandler* h) : p(XML_ParserCreateNS(nullptr, '|')), handler(h) {
    XML_SetUserData(p, this);
    XML_SetElementHandler(p, [](void* u, const char* n, const char** a) {
      auto* self = static_cast<Parser*>(u);
      on_start(self->handler, n, a);
      if (!self->handler->error.empty()) XML_StopParser(self->p, XML_FALSE);
    }, [](void* u, const char* n) {
      auto* self = static_cast<Parser*>(u);
      on_end(self->handler, n);
      if (!self->handler->error.empty()) XML_StopParser(self->p, XML_FALSE);
    });
    XML_SetCharacterDataHandler(p, [](void* u, const char* s, int len) {
      auto* self = static_cast<Parser*>(u);
      on_text(self->handler, s, len);
      if (!self->handler->error.empty()) XML_StopParser(self->p, XML_FALSE);
    });
    // A DTD could declare entities (billion laughs, external files): OOXML never has one.
    XML_SetStartDoctypeDeclHandler(p, [](void* u, const XML_Char*, const XML_Char*, const XML_Char*, int) {
      auto* self = static_cast<Parser*>(u);
      self->handler->error = tr("xlsx.dtd");
      XML_StopParser(self->p, XML_FALSE);
    });
  }
  ~Parser() { XML_ParserFree(p); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;
};

struct ZipCloser { void operator()(zip_t* z) const { zip_discard(z); } };
struct FileCloser { void operator()(zip_file_t* f) const { zip_fclose(f); } };

class Package {
 public:
  Package(std::string_view bytes, const ReadLimits& limits, std::string& error) : limits_(limits), error_(error) {
    if (bytes.size() > limits.max_file_bytes) {
      error = tr("file.too_large", {std::to_string(bytes.size()), std::to_string(limits.max_file_bytes)});
      return;
    }
    if (bytes.size() >= 4 && std::memcmp(bytes.data(), "\xD0\xCF\x11\xE0", 4) == 0) {
      error = tr("xlsx.ole");  // an .xls, or an .xlsx with a password (both are OLE files)
      return;
    }
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &ze);
    if (src) {
      zip_.reset(zip_open_from_source(src, ZIP_RDONLY, &ze));
      if (!zip_) zip_source_free(src);
    }
    zip_error_fini(&ze);
    if (!zip_) {
      error = tr("xlsx.not_zip");
      return;
    }
    if (static_cast<size_t>(zip_get_num_entries(zip_.get(), 0)) > limits.max_parts) {
      error = tr("xlsx.too_many_parts", {std::to_string(limits.max_parts)});
      zip_.reset();
    }
  }
  bool ok() const { return zip_ != nullptr; }
  bool has(const std::string& part) const { return zip_name_locate(zip_.get(), part.c_str(), 0) >= 0; }

  // Streams `part` through `handler`. False (with error_ set) on any problem.
  bool parse(const std::string& part, XmlHandler& handler) {
    zip_stat_t st;
    if (zip_stat(zip_.get(), part.c_str(), 0, &st) != 0) return fail(tr("xlsx.missing_part", {part}));
    if ((st.valid & ZIP_STAT_SIZE) && st.size > limits_.max_part_bytes)
      return fail(tr("xlsx.part_too_large", {part, std::to_string(limits_.max_part_bytes >> 20)}));
    std::unique_ptr<zip_file_t, FileCloser> f(zip_fopen(zip_.get(), part.c_str(), 0));
    if (!f) return fail(tr("xlsx.bad_part", {part}));
    Parser parser(&handler);
    std::vector<char> buf(64 * 1024);
    size_t read = 0;
    for (;;) {
      zip_int64_t n = zip_fread(f.get(), buf.data(), buf.size());
      if (n < 0) return fail(tr("xlsx.bad_part", {part}));
      read += static_cast<size_t>(n);
      total_ += static_cast<size_t>(n);
      if (read > limits_.max_part_bytes)  // the size in the directory can lie
        return fail(tr("xlsx.part_too_large", {part, std::to_string(limits_.max_part_bytes >> 20)}));
      if (total_ > limits_.max_total_bytes)
        return fail(tr("xlsx.total_too_large", {std::to_string(limits_.max_total_bytes >> 20)}));
      const bool last = n == 0;
      if (XML_Parse(parser.p, buf.data(), static_cast<int>(n), last) == XML_STATUS_ERROR) {
        if (!handler.error.empty()) return fail(part + ": " + handler.error);
        return fail(tr("xlsx.xml", {part, std::to_string(XML_GetCurrentLineNumber(parser.p)),
                                    XML_ErrorString(XML_GetErrorCode(parser.p))}));
      }
      if (!handler.error.empty()) return fail(part + ": " + handler.error);
      if (last) return true;
    }
  }

 private:
  bool fail(std::string msg) {
    error_ = std::move(msg);
    return false;
  }
  std::unique_ptr<zip_t, ZipCloser> zip_;
  const ReadLimits& limits_;
  std::string& error_;
  size_t total_ = 0;
};

// "xl/worksheets/sheet1.xml" from the folder of the part that names it and its Target.
std::string resolve(const std::string& dir, const std::string& target) {
  std::string path = target.starts_with('/') ? target.substr(1) : (dir.empty() ? target : dir + "/" + target);
  std::vector<std::string> parts;
  size_t at = 0;
  while (at <= path.size()) {
    size_t slash = path.find('/', at);
    if (slash == std::string::npos) slash = path.size();
    std::string seg = path.substr(at, slash - at);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    at = slash + 1;
  }
  std::string out;
  for (const auto& s : parts) out += (out.empty() ? "" : "/") + s;
  return out;
}

std::string folder_of(const std::string& part) {
  size_t slash = part.rfind('/');
  return slash == std::string::npos ? "" : part.substr(0, slash);
}

struct Relationship { std::string type, target; };

struct RelsHandler : XmlHandler {
  std::unordered_map<std::string, Relationship> by_id;
  void start(std::string_view name, const char** a) override {
    if (name != "Relationship" || by_id.size() > 10000) return;
    const char *id = attribute(a, "Id"), *type = attribute(a, "Type"), *target = attribute(a, "Target");
    if (id && target) by_id[id] = {type ? type : "", target};
  }
};

struct WorkbookHandler : XmlHandler {
  struct Entry { std::string name, rel; bool hidden; };
  std::vector<Entry> sheets;
  bool date1904 = false;
  void start(std::string_view name, const char** a) override {
    if (name == "sheet" && sheets.size() < 1000) {
      const char *n = attribute(a, "name"), *id = attribute(a, "id"), *state = attribute(a, "state");
      if (n && id) sheets.push_back({n, id, state && std::strcmp(state, "visible") != 0});
    } else if (name == "workbookPr") {
      const char* d = attribute(a, "date1904");
      date1904 = d && (std::strcmp(d, "1") == 0 || std::strcmp(d, "true") == 0);
    }
  }
};

// Text of <t> elements, without phonetic runs (<rPh>); bounded.
struct TextCollector {
  std::string value;
  bool in_t = false, truncated = false;
  int in_rph = 0;
  void start(std::string_view name) {
    if (name == "t") in_t = true;
    else if (name == "rPh") ++in_rph;
  }
  void end(std::string_view name) {
    if (name == "t") in_t = false;
    else if (name == "rPh") --in_rph;
  }
  void text(std::string_view s, size_t limit) {
    if (!in_t || in_rph > 0) return;
    if (value.size() + s.size() > limit * 4) truncated = true;  // UTF-8: up to 4 bytes a character
    else value += s;
  }
};

struct SharedStringsHandler : XmlHandler {
  const ReadLimits& limits;
  std::vector<std::string> strings;
  TextCollector t;
  explicit SharedStringsHandler(const ReadLimits& l) : limits(l) {}
  void start(std::string_view name, const char**) override {
    if (name == "si") t = {};
    else t.start(name);
  }
  void end(std::string_view name) override {
    if (name != "si") return t.end(name);
    if (strings.size() >= limits.max_cells * 2) error = tr("xlsx.too_many_cells", {std::to_string(limits.max_cells)});
    else strings.push_back(std::move(t.value));
  }
  void text(std::string_view s) override { t.text(s, limits.max_text); }
};

// Number formats: which cell styles (the `s` of a cell) show dates and which percents.
struct StylesHandler : XmlHandler {
  std::unordered_map<int, std::string> custom;
  std::vector<int> xf_formats;
  bool in_cell_xfs = false;
  void start(std::string_view name, const char** a) override {
    if (name == "numFmt" && custom.size() < 10000) {
      const char *id = attribute(a, "numFmtId"), *code = attribute(a, "formatCode");
      if (id && code) custom[std::atoi(id)] = code;
    } else if (name == "cellXfs") {
      in_cell_xfs = true;
    } else if (name == "xf" && in_cell_xfs && xf_formats.size() < 100000) {
      const char* id = attribute(a, "numFmtId");
      xf_formats.push_back(id ? std::atoi(id) : 0);
    }
  }
  void end(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs = false;
  }
  // Format code without quoted text, [colours/locales] and escaped characters.
  static std::string bare(const std::string& code) {
    std::string out;
    bool quoted = false;
    int bracket = 0;
    for (size_t i = 0; i < code.size(); ++i) {
      char c = code[i];
      if (c == '"') quoted = !quoted;
      else if (quoted) continue;
      else if (c == '\\' || c == '_' || c == '*') ++i;
      else if (c == '[') ++bracket;
      else if (c == ']') bracket = std::max(0, bracket - 1);
      else if (!bracket) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
  }
  void classify(size_t style, Cell& c) const {
    if (style >= xf_formats.size()) return;
    const int id = xf_formats[style];
    if (id == 9 || id == 10) c.percent = true;
    if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58))
      c.date = true;
    auto it = custom.find(id);
    if (it == custom.end()) return;
    const std::string b = bare(it->second);
    if (b.find('%') != std::string::npos) c.percent = true;
    else if (b.find_first_of("dmyhs") != std::string::npos && b != "general") c.date = true;
  }
};

// "G12" → row 11, column 6; false when it is not a cell reference within the limits.
bool parse_ref(std::string_view ref, uint32_t& row, uint32_t& col, const ReadLimits& l) {
  size_t i = 0;
  uint64_t c = 0, r = 0;
  for (; i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i])) && i < 3; ++i)
    c = c * 26 + static_cast<uint64_t>(std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
  if (i == 0) return false;
  size_t digits = i;
  for (; i < ref.size() && std::isdigit(static_cast<unsigned char>(ref[i])) && i - digits < 8; ++i)
    r = r * 10 + static_cast<uint64_t>(ref[i] - '0');
  if (i != ref.size() || i == digits || r == 0 || c > l.max_columns || r > l.max_rows) return false;
  row = static_cast<uint32_t>(r - 1);
  col = static_cast<uint32_t>(c - 1);
  return true;
}

bool parse_number(std::string_view s, double& out) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && std::isfinite(out);
}

struct SheetHandler : XmlHandler {
  const ReadLimits& limits;
  const std::vector<std::string>& shared;
  const StylesHandler& styles;
  Sheet& sheet;
  size_t& cell_count;
  uint32_t row = 0, col = 0;
  bool any_row = false, any_col = false, in_v = false, in_is = false, in_f = false;
  std::string type, value;
  size_t style = 0;
  Cell cell;
  TextCollector inline_text;

  SheetHandler(const ReadLimits& l, const std::vector<std::string>& sh, const StylesHandler& st, Sheet& s,
               size_t& count)
      : limits(l), shared(sh), styles(st), sheet(s), cell_count(count) {}

  void start(std::string_view name, const char** a) override {
    if (name == "row") {
      const char* r = attribute(a, "r");
      uint64_t n = r ? std::strtoull(r, nullptr, 10) : (any_row ? row + 2 : 1);
      if (n == 0 || n > limits.max_rows) {
        error = tr("xlsx.bad_ref", {r ? r : "?"});
        return;
      }
      row = static_cast<uint32_t>(n - 1);
      any_row = true;
      any_col = false;
    } else if (name == "c") {
      const char* r = attribute(a, "r");
      uint32_t rr = row, cc = any_col ? col + 1 : 0;
      if (r && !parse_ref(r, rr, cc, limits)) {
        error = tr("xlsx.bad_ref", {r});
        return;
      }
      if (cc >= limits.max_columns) {
        error = tr("xlsx.bad_ref", {"?"});
        return;
      }
      row = rr;
      col = cc;
      any_col = any_row = true;
      const char* t = attribute(a, "t");
      type = t ? t : "n";
      const char* s = attribute(a, "s");
      style = s ? std::strtoul(s, nullptr, 10) : 0;
      cell = {};
      value.clear();
      inline_text = {};
    } else if (name == "v") {
      in_v = true;
    } else if (name == "f") {
      cell.formula = true;
      in_f = true;
    } else if (name == "is") {
      in_is = true;
    } else if (in_is) {
      inline_text.start(name);
    }
  }

  void end(std::string_view name) override {
    if (name == "v") in_v = false;
    else if (name == "f") in_f = false;
    else if (name == "is") in_is = false;
    else if (in_is) inline_text.end(name);
    else if (name == "c") finish_cell();
  }

  void text(std::string_view s) override {
    if (in_v) {
      if (value.size() + s.size() > limits.max_text * 4) error = tr("xlsx.text_too_long", {cell_name(row, col)});
      else value += s;
    } else if (in_is) {
      inline_text.text(s, limits.max_text);
    }
  }

  void finish_cell() {
    using T = Cell::Type;
    if (type == "s") {
      size_t i = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), i);
      if (ec != std::errc() || p != value.data() + value.size() || i >= shared.size()) {
        error = tr("xlsx.bad_value", {cell_name(row, col)});
        return;
      }
      cell.type = T::Text;
      cell.text = shared[i];
    } else if (type == "inlineStr") {
      cell.type = T::Text;
      cell.text = std::move(inline_text.value);
    } else if (type == "str" || type == "d") {
      cell.type = T::Text;
      cell.text = std::move(value);
      cell.date = type == "d";
    } else if (type == "b") {
      cell.type = T::Boolean;
      cell.number = value == "1" || value == "true" ? 1 : 0;
    } else if (type == "e") {
      cell.type = T::Error;
      cell.text = std::move(value);
    } else if (!value.empty()) {
      if (!parse_number(value, cell.number)) {
        error = tr("xlsx.bad_value", {cell_name(row, col)});
        return;
      }
      cell.type = T::Number;
      styles.classify(style, cell);
    }
    if (cell.type == T::Text && cell.text.empty() && !cell.formula) cell.type = T::Empty;
    if (cell.type == T::Empty && !cell.formula) return;
    if (++cell_count > limits.max_cells) {
      error = tr("xlsx.too_many_cells", {std::to_string(limits.max_cells)});
      return;
    }
    sheet.set(row, col, std::move(cell));
  }
};

}  // namespace

const Cell* Sheet::at(uint32_t row, uint32_t column) const {
  auto it = cells.find(static_cast<uint64_t>(row) << 20 | column);
  return it == cells.end() ? nullptr : &it->second;
}

void Sheet::set(uint32_t row, uint32_t column, Cell c) {
  cells[static_cast<uint64_t>(row) << 20 | column] = std::move(c);
  rows = std::max(rows, row + 1);
}

const Sheet* Workbook::find(std::string_view name) const {
  for (const auto& s : sheets)
    if (s.name == name) return &s;
  return nullptr;
}

std::string cell_name(uint32_t row, uint32_t column) {
  std::string letters;
  for (uint32_t c = column + 1; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return letters + std::to_string(row + 1);
}

std::string serial_to_iso_date(double serial, bool date1904) {
  if (!(serial >= 1 && serial < 2958466)) return "";  // 1900-01-01 … 9999-12-31
  // Days since 1970-01-01 (Excel's 1900 system counts a 29 February 1900 that never was).
  long days = static_cast<long>(serial) + (date1904 ? 1462 : 0) - 25569;
  if (!date1904 && serial < 61) ++days;
  // Civil date from days since the epoch (Howard Hinnant's algorithm).
  days += 719468;
  const long era = (days >= 0 ? days : days - 146096) / 146097;
  const long doe = days - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
  const long y = yoe + era * 400 + (m <= 2);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y, m, d);
  return buf;
}

bool read_xlsx(std::string_view bytes, Workbook& out, std::string& error, const ReadLimits& limits,
               const std::vector<std::string>& only) {
  out = {};
  Package pkg(bytes, limits, error);
  if (!pkg.ok()) return false;
  std::string workbook_part = "xl/workbook.xml";
  if (pkg.has("_rels/.rels")) {
    RelsHandler root;
    if (!pkg.parse("_rels/.rels", root)) return false;
    for (const auto& [id, rel] : root.by_id)
      if (rel.type.ends_with("/officeDocument")) workbook_part = resolve("", rel.target);
  }
  if (!pkg.has(workbook_part)) {
    error = tr("xlsx.not_workbook");
    return false;
  }
  WorkbookHandler wb;
  if (!pkg.parse(workbook_part, wb)) return false;
  out.date1904 = wb.date1904;
  const std::string dir = folder_of(workbook_part);
  const std::string rels_part = (dir.empty() ? "" : dir + "/") + "_rels/" + workbook_part.substr(dir.empty() ? 0 : dir.size() + 1) + ".rels";
  RelsHandler rels;
  if (pkg.has(rels_part) && !pkg.parse(rels_part, rels)) return false;
  SharedStringsHandler shared(limits);
  StylesHandler styles;
  for (const auto& [id, rel] : rels.by_id) {
    if (rel.type.ends_with("/sharedStrings") && !pkg.parse(resolve(dir, rel.target), shared)) return false;
    if (rel.type.ends_with("/styles") && !pkg.parse(resolve(dir, rel.target), styles)) return false;
  }
  size_t cells = 0;
  for (const auto& entry : wb.sheets) {
    Sheet& sheet = out.sheets.emplace_back();
    sheet.name = entry.name;
    sheet.hidden = entry.hidden;
    if (!only.empty() && std::find(only.begin(), only.end(), entry.name) == only.end()) continue;
    auto it = rels.by_id.find(entry.rel);
    if (it == rels.by_id.end()) {
      error = tr("xlsx.missing_part", {entry.name});
      return false;
    }
    SheetHandler h(limits, shared.strings, styles, sheet, cells);
    if (!pkg.parse(resolve(dir, it->second.target), h)) return false;
  }
  return true;
}

}  // namespace vitrina::tabular
