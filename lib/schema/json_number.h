// Exact arithmetic on JSON numbers as RapidJSON holds them (int64, uint64 or
// double), for the numeric keywords, const/enum equality and messages.
#ifndef MCPGUARD_SCHEMA_JSON_NUMBER_H_
#define MCPGUARD_SCHEMA_JSON_NUMBER_H_

#include <cstdint>
#include <string>

#include "rapidjson/document.h"

namespace mcpguard::internal {

struct JsonNumber {
  enum class Kind : uint8_t { kInt, kUint, kDouble };
  Kind kind = Kind::kInt;
  int64_t i = 0;   // kInt
  uint64_t u = 0;  // kUint (values above INT64_MAX)
  double d = 0;    // kDouble

  // Precondition: value.IsNumber().
  static JsonNumber From(const rapidjson::Value& value);
};

// -1, 0 or 1 as a is less than, equal to or greater than b, compared by
// mathematical value (1 == 1.0, and 2^63 compares exactly against doubles).
int CompareNumbers(const JsonNumber& a, const JsonNumber& b);

// True when the number has no fractional part ("integer" in JSON Schema).
bool IsIntegral(const JsonNumber& n);

// True when x is an integer multiple of `divisor` (> 0). Integers divide
// exactly; a double is taken as its shortest round-trip decimal form, so
// 0.0075 is a multiple of 0.0001 although the binary quotient is not exact.
// A non-finite x is never a multiple.
bool IsMultipleOf(const JsonNumber& x, const JsonNumber& divisor);

// Shortest text that reads back as the same number, e.g. "3", "0.5", "1e+300".
std::string FormatNumber(const JsonNumber& n);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_SCHEMA_JSON_NUMBER_H_
