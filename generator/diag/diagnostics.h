// Diagnostics are values: every stage appends to one list instead of throwing,
// so a single run can report every problem in every file.
#pragma once
#include <string>
#include <vector>

namespace vitrina {

enum class Severity { Warning, Error };

// The code of an unknown field's diagnostic: an error, a warning where the object acknowledges
// the code or where site.json says "strict": false (docs/data-format.md).
inline constexpr const char* kUnknownFieldCode = "unknown-field";
// The code of a share outside 0–100 %: an error unless the indicator acknowledges it.
inline constexpr const char* kShareRangeCode = "share-range";

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string file;     // path as the user gave it (relative to the site folder when possible)
  int line = 0;         // 1-based; 0 = whole file
  int column = 0;       // 1-based, in code points
  std::string message;  // already translated into the site language
  std::string pointer;  // JSON pointer of the offending value, "" when not JSON
  std::string code;     // stable id of a reviewable warning ("ratio-mismatch" …), "" otherwise
  bool acknowledged = false;  // the data lists `code` in the object's "acknowledged"
};

class Diagnostics {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void error(std::string file, int line, int col, std::string msg, std::string ptr = {});
  void warning(std::string file, int line, int col, std::string msg, std::string ptr = {});
  void append(const Diagnostics& other);
  // Errors with this code become warnings ("strict": false).
  void downgrade(const std::string& code);

  const std::vector<Diagnostic>& items() const { return items_; }
  size_t error_count() const;
  size_t warning_count() const;       // including acknowledged ones
  size_t acknowledged_count() const;
  bool has_errors() const { return error_count() > 0; }
  // Stable order for output: by file, line, column, then insertion order.
  void sort();

 private:
  std::vector<Diagnostic> items_;
};

enum class DiagFormat { Text, Github, Json };

// Text: `file:line:col: error|warning: message (at /pointer)`; the keywords stay English
// in every language so that editors' and CI problem matchers can parse the line.
std::string format_diagnostic(const Diagnostic& d, DiagFormat fmt);
std::string format_all(const Diagnostics& diags, DiagFormat fmt);

}  // namespace vitrina
