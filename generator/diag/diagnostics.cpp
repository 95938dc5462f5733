#include "diag/diagnostics.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace vitrina {

void Diagnostics::error(std::string file, int line, int col, std::string msg, std::string ptr) {
  items_.push_back({Severity::Error, std::move(file), line, col, std::move(msg), std::move(ptr), {}, false});
}
void Diagnostics::warning(std::string file, int line, int col, std::string msg, std::string ptr) {
  items_.push_back({Severity::Warning, std::move(file), line, col, std::move(msg), std::move(ptr), {}, false});
}
void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}
void Diagnostics::downgrade(const std::string& code) {
  for (auto& d : items_)
    if (d.code == code) d.severity = Severity::Warning;
}
size_t Diagnostics::error_count() const {
  return std::count_if(items_.begin(), items_.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::Error; });
}
size_t Diagnostics::warning_count() const { return items_.size() - error_count(); }
size_t Diagnostics::acknowledged_count() const {
  return std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) { return d.acknowledged; });
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.file != b.file) return a.file < b.file;
    if (a.line != b.line) return a.line < b.line;
    return a.column < b.column;
  });
}

namespace {
// Control characters from data (a field name, a file name) are shown, never sent: a newline
// would start a line that GitHub Actions runs as a workflow command ("::add-mask::…"), ESC
// or a C1 control (U+009B) a terminal escape sequence.
std::string visible(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  char buf[8];
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned char>(s[++i]));
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// GitHub workflow commands need %, CR and LF escaped in the message and also : and , in properties.
std::string gh_escape(const std::string& s, bool property) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c;
    }
  }
  return out;
}
}  // namespace

std::string format_diagnostic(const Diagnostic& raw, DiagFormat fmt) {
  Diagnostic d = raw;
  d.file = visible(raw.file);
  d.message = visible(raw.message);
  d.pointer = visible(raw.pointer);
  // A text line starting with "::" would be a workflow command in GitHub Actions.
  if (fmt == DiagFormat::Text && d.file.compare(0, 1, ":") == 0) d.file = "./" + d.file;
  const bool err = d.severity == Severity::Error;
  switch (fmt) {
    case DiagFormat::Github: {
      std::string s = err ? "::error " : "::warning ";
      s += "file=" + gh_escape(d.file, true);
      if (d.line > 0) s += ",line=" + std::to_string(d.line);
      if (d.column > 0) s += ",col=" + std::to_string(d.column);
      s += "::" + gh_escape(d.message + (d.pointer.empty() ? "" : " (" + d.pointer + ")"), false);
      return s;
    }
    case DiagFormat::Json: {
      nlohmann::ordered_json j;
      j["severity"] = err ? "error" : "warning";
      j["file"] = d.file;
      j["line"] = d.line;
      j["column"] = d.column;
      j["message"] = d.message;
      j["pointer"] = d.pointer;
      return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    case DiagFormat::Text:
    default: {
      std::string s = d.file;
      if (d.line > 0) s += ":" + std::to_string(d.line) + ":" + std::to_string(d.column);
      s += err ? ": error: " : ": warning: ";
      s += d.message;
      if (!d.pointer.empty()) s += " (at " + d.pointer + ")";
      return s;
    }
  }
}

std::string format_all(const Diagnostics& diags, DiagFormat fmt) {
  std::string out;
  if (fmt == DiagFormat::Json) {
    out = "[";
    bool first = true;
    for (const auto& d : diags.items()) {
      out += first ? "\n  " : ",\n  ";
      first = false;
      out += format_diagnostic(d, fmt);
    }
    out += diags.items().empty() ? "]\n" : "\n]\n";
    return out;
  }
  for (const auto& d : diags.items()) out += format_diagnostic(d, fmt) + "\n";
  return out;
}

}  // namespace vitrina
