#include "schema/json_number.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>

#include "rapidjson/document.h"

namespace mcpguard::internal {
namespace {

constexpr double kTwo63 = 9223372036854775808.0;
constexpr double kTwo64 = 18446744073709551616.0;

int Sign(bool less, bool greater) { return less ? -1 : (greater ? 1 : 0); }

int CompareIntDouble(int64_t i, double d) {
  if (d >= kTwo63) return -1;
  if (d < -kTwo63) return 1;
  const double whole = std::floor(d);
  const int64_t w = static_cast<int64_t>(whole);
  if (i != w) return Sign(i < w, i > w);
  return d > whole ? -1 : 0;
}

int CompareUintDouble(uint64_t u, double d) {
  if (d >= kTwo64) return -1;
  if (d < 0) return 1;
  const double whole = std::floor(d);
  const uint64_t w = static_cast<uint64_t>(whole);
  if (u != w) return Sign(u < w, u > w);
  return d > whole ? -1 : 0;
}

// |n| of an integer kind.
uint64_t Magnitude(const JsonNumber& n) {
  if (n.kind == JsonNumber::Kind::kUint) return n.u;
  return n.i < 0 ? 0 - static_cast<uint64_t>(n.i) : static_cast<uint64_t>(n.i);
}

// A non-negative number as mantissa * 10^exponent.
struct Decimal {
  uint64_t mantissa = 0;
  int exponent = 0;
};

Decimal ToDecimal(const JsonNumber& n) {
  Decimal out;
  switch (n.kind) {
    case JsonNumber::Kind::kInt:
    case JsonNumber::Kind::kUint:
      out.mantissa = Magnitude(n);
      break;
    case JsonNumber::Kind::kDouble: {
      // Shortest round-trip scientific form: at most 17 significant digits.
      char buffer[64];
      const auto result = std::to_chars(buffer, buffer + sizeof(buffer), std::fabs(n.d),
                                        std::chars_format::scientific);
      const char* p = buffer;
      int fraction_digits = 0;
      bool in_fraction = false;
      for (; p < result.ptr && *p != 'e'; ++p) {
        if (*p == '.') {
          in_fraction = true;
          continue;
        }
        out.mantissa = out.mantissa * 10 + static_cast<uint64_t>(*p - '0');
        if (in_fraction) ++fraction_digits;
      }
      int exponent = 0;
      if (p < result.ptr) std::from_chars(p + (p[1] == '+' ? 2 : 1), result.ptr, exponent);
      out.exponent = exponent - fraction_digits;
      break;
    }
  }
  while (out.mantissa != 0 && out.mantissa % 10 == 0) {
    out.mantissa /= 10;
    ++out.exponent;
  }
  return out;
}

}  // namespace

JsonNumber JsonNumber::From(const rapidjson::Value& value) {
  JsonNumber n;
  if (value.IsInt64()) {
    n.kind = Kind::kInt;
    n.i = value.GetInt64();
  } else if (value.IsUint64()) {
    n.kind = Kind::kUint;
    n.u = value.GetUint64();
  } else {
    n.kind = Kind::kDouble;
    n.d = value.GetDouble();
  }
  return n;
}

int CompareNumbers(const JsonNumber& a, const JsonNumber& b) {
  using Kind = JsonNumber::Kind;
  if (a.kind == Kind::kDouble && b.kind == Kind::kDouble) return Sign(a.d < b.d, a.d > b.d);
  if (a.kind == Kind::kDouble) return -CompareNumbers(b, a);
  // a is an integer from here on.
  if (b.kind == Kind::kDouble) {
    return a.kind == Kind::kInt ? CompareIntDouble(a.i, b.d) : CompareUintDouble(a.u, b.d);
  }
  if (a.kind == Kind::kInt && b.kind == Kind::kInt) return Sign(a.i < b.i, a.i > b.i);
  if (a.kind == Kind::kUint && b.kind == Kind::kUint) return Sign(a.u < b.u, a.u > b.u);
  // One int64 and one uint64 above INT64_MAX: the uint64 is larger.
  return a.kind == Kind::kInt ? -1 : 1;
}

bool IsIntegral(const JsonNumber& n) {
  if (n.kind != JsonNumber::Kind::kDouble) return true;
  return std::isfinite(n.d) && std::floor(n.d) == n.d;
}

bool IsMultipleOf(const JsonNumber& x, const JsonNumber& divisor) {
  using Kind = JsonNumber::Kind;
  if (x.kind == Kind::kDouble && !std::isfinite(x.d)) return false;
  if (x.kind != Kind::kDouble && divisor.kind != Kind::kDouble) {
    const uint64_t b = Magnitude(divisor);
    return b != 0 && Magnitude(x) % b == 0;  // The sign is irrelevant.
  }
  const Decimal a = ToDecimal(x);
  const Decimal b = ToDecimal(divisor);
  if (b.mantissa == 0) return false;
  if (a.mantissa == 0) return true;
  // x / divisor = (a.m / b.m) * 10^k.
  const int k = a.exponent - b.exponent;
  if (k >= 0) {
    unsigned __int128 remainder = a.mantissa % b.mantissa;
    for (int e = 0; e < k && remainder != 0; ++e) remainder = (remainder * 10) % b.mantissa;
    return remainder == 0;
  }
  // Needs b.m * 10^-k to divide a.m; a.m < 2^64 < 10^20.
  if (-k > 19) return false;
  unsigned __int128 denominator = b.mantissa;
  for (int e = 0; e < -k; ++e) denominator *= 10;
  return static_cast<unsigned __int128>(a.mantissa) % denominator == 0;
}

std::string FormatNumber(const JsonNumber& n) {
  switch (n.kind) {
    case JsonNumber::Kind::kInt:
      return std::to_string(n.i);
    case JsonNumber::Kind::kUint:
      return std::to_string(n.u);
    case JsonNumber::Kind::kDouble:
      break;
  }
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), n.d);
  return std::string(buffer, result.ptr);
}

}  // namespace mcpguard::internal
