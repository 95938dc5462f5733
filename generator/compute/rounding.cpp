// round_decimal: half-up rounding on the decimal digits of a double's shortest representation.
// Rounding the binary value (std::round(x * 100) / 100) turns 2.675 into 2.67 because the double
// is 2.67499999…; the shortest representation "2.675" is what the data file printed, so rounding
// its digits gives the 2.68 a methodologist computes by hand.
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

#include "compute/metrics.h"

namespace vitrina {

namespace {

// Adds one to a string of decimal digits ("199" → "200", "99" → "100").
void increment(std::string& digits) {
  for (size_t i = digits.size(); i-- > 0;) {
    if (digits[i] != '9') {
      ++digits[i];
      return;
    }
    digits[i] = '0';
  }
  digits.insert(digits.begin(), '1');
}

}  // namespace

Rounded round_decimal(double x, int precision) {
  Rounded r;
  r.precision = precision < 0 ? 0 : (precision > 12 ? 12 : precision);
  if (!std::isfinite(x)) return r;  // callers never pass these; stay a number, not NaN
  const bool negative = std::signbit(x);
  // Shortest round-trip form in scientific notation: "d.ddde±XX".
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, std::fabs(x), std::chars_format::scientific);
  std::string s(buf, res.ptr);
  const size_t e = s.find('e');
  const int exp10 = std::atoi(s.c_str() + e + 1);
  std::string mantissa;
  for (size_t i = 0; i < e; ++i)
    if (s[i] != '.') mantissa += s[i];
  // |x| = 0.mantissa × 10^(exp10 + 1); keep `keep` digits for the integer |x| × 10^precision.
  const long keep = static_cast<long>(exp10) + 1 + r.precision;
  std::string scaled;  // digits of round(|x| × 10^precision)
  if (keep <= 0) {
    scaled.assign(1, keep == 0 && mantissa[0] >= '5' ? '1' : '0');
  } else if (static_cast<size_t>(keep) >= mantissa.size()) {
    scaled = mantissa + std::string(keep - mantissa.size(), '0');
  } else {
    scaled = mantissa.substr(0, keep);
    if (mantissa[keep] >= '5') increment(scaled);  // half up (away from zero)
  }
  if (scaled.size() < static_cast<size_t>(r.precision) + 1)
    scaled.insert(0, r.precision + 1 - scaled.size(), '0');
  std::string text = scaled.substr(0, scaled.size() - r.precision);
  while (text.size() > 1 && text[0] == '0') text.erase(0, 1);
  // Appended piece by piece: GCC 12 at -O3 reports a false -Wrestrict for `"." + string`.
  if (r.precision > 0) {
    text += '.';
    text.append(scaled, scaled.size() - r.precision, std::string::npos);
  }
  const bool zero = scaled.find_first_not_of('0') == std::string::npos;
  if (negative && !zero) {  // never "-0.0"
    std::string sign(1, '-');
    sign += text;
    text.swap(sign);
  }
  r.text = text;
  std::from_chars(text.data(), text.data() + text.size(), r.value);  // locale-independent
  return r;
}

std::optional<double> rounded(const std::optional<double>& x, int precision) {
  if (!x || !std::isfinite(*x)) return x;  // an overflow stays one, to be reported (not 0)
  return round_decimal(*x, precision).value;
}

}  // namespace vitrina
