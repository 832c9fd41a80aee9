#include "json/exact_double.h"

#include <charconv>
#include <cmath>
#include <system_error>

namespace mcpguard::internal {

bool ExactDouble(absl::string_view text, double approx, double* exact) {
  size_t n = 0;
  while (n < text.size()) {
    const char c = text[n];
    if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
      break;
    }
    ++n;
  }
  double value = 0;
  const std::from_chars_result r = std::from_chars(text.data(), text.data() + n, value);
  if (r.ec == std::errc::result_out_of_range) {
    // Too large, or too small: which one, RapidJSON's reading tells (an
    // infinity or more than 1, against 0 or a denormal).
    if (!std::isfinite(approx) || std::fabs(approx) > 1) return false;
    *exact = std::signbit(approx) || (n > 0 && text[0] == '-') ? -0.0 : 0.0;
    return true;
  }
  if (r.ec != std::errc() || r.ptr != text.data() + n) {
    // Not what the grammar allows; RapidJSON read it, so keep its reading.
    *exact = approx;
    return std::isfinite(approx);
  }
  *exact = value;
  return std::isfinite(value);
}

}  // namespace mcpguard::internal
