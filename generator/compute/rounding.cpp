// round_decimal: half-up rounding on the decimal digits of a double's shortest representation.
// Rounding the binary value (std::round(x * 100) / 100) turns 2.675 into 2.67 because the double
// is 2.67499999…; the shortest representation "2.675" is what the data file printed, so rounding
// its digits gives the 2.68 a methodologist computes by hand.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

#include "compute/metrics.h"

namespace vitrina {

namespace {

// The digits are worked on in fixed buffers: the compute stage rounds every plan, fact, degree
// and deviation of every indicator (and the pages round them again for display), and the
// strings this took were a third of the compute stage's time. The longest digit string is the
// integer part of DBL_MAX (309 digits) plus 12 decimals.
constexpr size_t kMaxDigits = 330;

// Adds one to the `n` decimal digits at `d` ("199" → "200"); true when it carries out of the
// first digit ("99" → "00", the caller prepends the 1).
bool increment(char* d, size_t n) {
  for (size_t i = n; i-- > 0;) {
    if (d[i] != '9') {
      ++d[i];
      return false;
    }
    d[i] = '0';
  }
  return true;
}

}  // namespace

Rounded round_decimal(double x, int precision) {
  Rounded r;
  r.precision = precision < 0 ? 0 : (precision > 12 ? 12 : precision);
  if (!std::isfinite(x)) return r;  // callers never pass these; stay a number, not NaN
  const bool negative = std::signbit(x);
  // Shortest round-trip form in scientific notation: "d.ddde±XX".
  char sci[64];
  const char* sci_end = std::to_chars(sci, sci + sizeof sci, std::fabs(x), std::chars_format::scientific).ptr;
  const char* e = std::find(static_cast<const char*>(sci), sci_end, 'e');
  int exp10 = 0;
  std::from_chars(e + (e[1] == '+' ? 2 : 1), sci_end, exp10);
  char mantissa[32];
  size_t mantissa_n = 0;
  for (const char* c = sci; c < e; ++c)
    if (*c != '.') mantissa[mantissa_n++] = *c;
  // |x| = 0.mantissa × 10^(exp10 + 1); keep `keep` digits for the integer |x| × 10^precision.
  const long keep = static_cast<long>(exp10) + 1 + r.precision;
  // digits of round(|x| × 10^precision), after room for a carry and for leading zeros
  char buf[kMaxDigits + 16];
  char* scaled = buf + 16;
  size_t n = 0;
  if (keep <= 0) {
    scaled[n++] = keep == 0 && mantissa[0] >= '5' ? '1' : '0';
  } else if (static_cast<size_t>(keep) >= mantissa_n) {
    std::copy(mantissa, mantissa + mantissa_n, scaled);
    std::fill(scaled + mantissa_n, scaled + keep, '0');
    n = keep;
  } else {
    std::copy(mantissa, mantissa + keep, scaled);
    n = keep;
    if (mantissa[keep] >= '5' && increment(scaled, n)) {  // half up (away from zero)
      *--scaled = '1';
      ++n;
    }
  }
  const size_t width = static_cast<size_t>(r.precision) + 1;  // at least "0" before the decimals
  if (n < width) {
    scaled -= width - n;
    std::fill(scaled, scaled + (width - n), '0');
    n = width;
  }
  const bool zero = std::all_of(scaled, scaled + n, [](char c) { return c == '0'; });
  const char* integer = scaled;
  const char* decimals = scaled + n - r.precision;
  while (decimals - integer > 1 && *integer == '0') ++integer;
  std::string& text = r.text;
  text.reserve((negative && !zero) + (decimals - integer) + (r.precision ? 1 + r.precision : 0));
  if (negative && !zero) text += '-';  // never "-0.0"
  text.append(integer, decimals - integer);
  if (r.precision > 0) {
    text += '.';
    text.append(decimals, r.precision);
  }
  std::from_chars(text.data(), text.data() + text.size(), r.value);  // locale-independent
  return r;
}

std::optional<double> rounded(const std::optional<double>& x, int precision) {
  if (!x || !std::isfinite(*x)) return x;  // an overflow stays one, to be reported (not 0)
  return round_decimal(*x, precision).value;
}

}  // namespace vitrina
