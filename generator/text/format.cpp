#include "text/format.h"

#include <unicode/locid.h>
#include <unicode/numfmt.h>
#include <unicode/plurrule.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <unordered_map>
#include <vector>

namespace vitrina {

namespace {

icu::Locale locale_of(const std::string& l) { return icu::Locale(l == "en" ? "en" : "ru"); }

std::string to_utf8(const icu::UnicodeString& u) {
  std::string s;
  u.toUTF8String(s);
  return s;
}

// ICU formatters are expensive to create and not thread-safe to share: one per thread
// and locale/precision.
icu::NumberFormat& number_formatter(const std::string& locale, int precision) {
  thread_local std::map<std::pair<std::string, int>, std::unique_ptr<icu::NumberFormat>> cache;
  auto& f = cache[{locale, precision}];
  if (!f) {
    UErrorCode st = U_ZERO_ERROR;
    f.reset(icu::NumberFormat::createInstance(locale_of(locale), st));
    f->setMinimumFractionDigits(precision);
    f->setMaximumFractionDigits(precision);
    f->setRoundingMode(icu::NumberFormat::kRoundHalfUp);
  }
  return *f;
}


// A page formats the same figures again and again (chart axes, a plan in its table and its
// chart): ICU's formatting is a pure function of these three, so each thread keeps what it
// formatted. Cleared when large, so a site of many distinct figures cannot grow it unbounded.
struct NumberKey {
  double value;
  int precision;
  std::string locale;
  bool operator==(const NumberKey& o) const {
    return std::memcmp(&value, &o.value, sizeof value) == 0 && precision == o.precision && locale == o.locale;
  }
};
struct NumberKeyHash {
  size_t operator()(const NumberKey& k) const {
    uint64_t bits;
    std::memcpy(&bits, &k.value, sizeof bits);
    return std::hash<uint64_t>()(bits * 31 + static_cast<uint64_t>(k.precision)) ^ std::hash<std::string>()(k.locale);
  }
};

std::string icu_format_number(double value, int precision, const std::string& locale) {
  icu::UnicodeString out;
  number_formatter(locale, precision).format(value == 0 ? 0.0 : value, out);
  // ICU uses U+00A0 for Russian grouping; keep it (a no-break space is what we want).
  return to_utf8(out);
}

}  // namespace

std::string format_number(double value, int precision, const std::string& locale) {
  if (!std::isfinite(value)) return "—";
  thread_local std::unordered_map<NumberKey, std::string, NumberKeyHash> formatted;
  NumberKey key{value, precision, locale};
  auto it = formatted.find(key);
  if (it != formatted.end()) return it->second;
  if (formatted.size() >= 1 << 16) formatted.clear();
  return formatted.emplace(std::move(key), icu_format_number(value, precision, locale)).first->second;
}

std::string format_value(std::optional<double> value, int precision, const std::string& unit,
                         const std::string& locale) {
  if (!value) return "—";
  std::string n = format_number(*value, precision, locale);
  if (unit.empty()) return n;
  if (unit == "%" && locale == "en") return n + "%";
  return n + "\xC2\xA0" + unit;  // no-break space: «55 %»
}

std::string plural_category(long long n, const std::string& locale) {
  thread_local std::map<std::string, std::unique_ptr<icu::PluralRules>> cache;
  auto& r = cache[locale];
  if (!r) {
    UErrorCode st = U_ZERO_ERROR;
    r.reset(icu::PluralRules::forLocale(locale_of(locale), st));
  }
  return to_utf8(r->select(static_cast<int32_t>(n % 1000000)));
}

std::string plural(long long n, const std::string& forms, const std::string& locale) {
  std::vector<std::string> f;
  std::stringstream ss(forms);
  for (std::string part; std::getline(ss, part, '|');) f.push_back(part);
  while (f.size() < 4) f.push_back(f.empty() ? "" : f.back());
  const std::string cat = plural_category(n, locale);
  const std::string& word = cat == "one" ? f[0] : cat == "few" ? f[1] : cat == "many" ? f[2] : f[3];
  return format_number(static_cast<double>(n), 0, locale) + "\xC2\xA0" + word;
}

std::string format_date(const std::string& iso, const std::string& locale) {
  static const char* ru_gen[] = {"января", "февраля", "марта",    "апреля",  "мая",    "июня",
                                 "июля",   "августа", "сентября", "октября", "ноября", "декабря"};
  static const char* ru_nom[] = {"январь", "февраль", "март",    "апрель",  "май",    "июнь",
                                 "июль",   "август",  "сентябрь", "октябрь", "ноябрь", "декабрь"};
  static const char* en[] = {"January", "February", "March",     "April",   "May",      "June",
                             "July",    "August",   "September", "October", "November", "December"};
  if (iso.size() < 4) return iso;
  int y = std::atoi(iso.substr(0, 4).c_str());
  int m = iso.size() >= 7 ? std::atoi(iso.substr(5, 2).c_str()) : 0;
  int d = iso.size() >= 10 ? std::atoi(iso.substr(8, 2).c_str()) : 0;
  if (m < 1 || m > 12) return locale == "en" ? std::to_string(y) : std::to_string(y) + "\xC2\xA0г.";
  // Month names come from a table rather than ICU's DateFormat so that the output does
  // not depend on the ICU data version (ICU 72 would print «27 янв. 2022 г.» in medium).
  if (locale == "en") return (d ? std::string(en[m - 1]) + " " + std::to_string(d) + ", " : std::string(en[m - 1]) + " ") + std::to_string(y);
  if (d) return std::to_string(d) + " " + ru_gen[m - 1] + " " + std::to_string(y) + "\xC2\xA0г.";
  return std::string(ru_nom[m - 1]) + " " + std::to_string(y) + "\xC2\xA0г.";
}

std::string numeric_date(const std::string& iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return iso;
  return iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4);
}

std::string slugify(const std::string& text) {
  static std::once_flag once;
  static std::unique_ptr<icu::Transliterator> tr;
  static std::mutex mu;
  std::call_once(once, [] {
    UErrorCode st = U_ZERO_ERROR;
    tr.reset(icu::Transliterator::createInstance("Russian-Latin/BGN; Latin-ASCII; Lower", UTRANS_FORWARD, st));
  });
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  {
    std::lock_guard<std::mutex> lock(mu);  // Transliterator::transliterate is not thread-safe
    if (tr) tr->transliterate(u);
  }
  std::string ascii = to_utf8(u), out;
  for (char c : ascii) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
    else if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.size() > 80) out.resize(80);
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "page" : out;
}

}  // namespace vitrina
