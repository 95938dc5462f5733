// CSV for open data, in the dialect documented in docs/annexes.md:
// UTF-8 with a byte-order mark (so Excel reads Cyrillic), separator ';' (Excel in the
// Russian locale splits on it; ',' is the decimal comma there), CRLF line ends, RFC 4180
// quoting (a field holding ; " CR or LF is quoted, quotes doubled), numbers with '.' and
// text fields starting with = + - @ TAB or CR prefixed with ' so that no spreadsheet runs
// them as formulas.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vitrina::csv {

inline constexpr char kSeparator = ';';
inline constexpr std::string_view kBom = "\xEF\xBB\xBF";

// One text field, neutralised and quoted as needed.
std::string text_field(std::string_view s);
// One number field: shortest round-trip decimal with '.', "" when absent.
std::string number_field(std::optional<double> v);

class Writer {
 public:
  Writer();  // starts with the BOM
  Writer& text(std::string_view s);
  Writer& number(std::optional<double> v);
  Writer& integer(std::optional<long long> v);
  void end_row();
  // Appends whole rows (ended by end_row) that another Writer wrote after its header.
  void rows(std::string_view rows) { out_ += rows; }
  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void sep();
  std::string out_;
  bool first_ = true;
};

}  // namespace vitrina::csv
