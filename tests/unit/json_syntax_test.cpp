// load/json_syntax.h: every text nlohmann rejects gets an explanation of its own (never the
// generic fallback), at an offset inside the text.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "load/json_syntax.h"
#include "text/messages.h"

using namespace vitrina;

namespace {

const std::string kSample = R"({
  "programme": "alpha",
  "indicators": [
    {"id": "i1", "name": "Доля «педагогов»", "value": -4.5e2, "ok": true, "none": null,
     "list": [1, 2.0, {"a": []}], "text": "a\"b\\c\u0416\uD83D\uDE00"}
  ]
}
)";

bool rejected(const std::string& text) {
  return !nlohmann::json::accept(text);
}

}  // namespace

TEST_CASE("json syntax: each rejected prefix, deletion and insertion is explained, not by the fallback") {
  set_language("ru");
  const std::string fallback = tr("json.syntax", {tr("json.other")});
  size_t explained = 0;
  auto check = [&](const std::string& text) {
    if (!rejected(text)) return;
    const JsonSyntaxError e = explain_json_error(text, text.size());
    CAPTURE(text);
    CHECK(e.offset <= text.size());
    CHECK(e.message.rfind("синтаксическая ошибка JSON: ", 0) == 0);
    CHECK(e.message != fallback);
    ++explained;
  };
  for (size_t n = 0; n < kSample.size(); ++n) check(kSample.substr(0, n));
  for (size_t i = 0; i < kSample.size(); ++i) check(kSample.substr(0, i) + kSample.substr(i + 1));
  for (const char* extra : {",", "\"", "}", "]", ":", "x", "'", "\xC2\xA0", "\xE2\x80\x9D"})
    for (size_t i = 0; i < kSample.size(); ++i) check(kSample.substr(0, i) + extra + kSample.substr(i));
  CHECK(explained > 500);
}

TEST_CASE("json syntax: a syntactically fine text the parser refused gets the fallback at the parser's offset") {
  const JsonSyntaxError e = explain_json_error(R"({"a": 1e400})", 6);
  CHECK(e.offset == 6);
  CHECK(e.message == tr("json.syntax", {tr("json.other")}));
}
