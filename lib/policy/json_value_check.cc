#include "policy/json_value_check.h"

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/strings/string_view.h"

namespace mcpguard::internal {
namespace {

using google::protobuf::FieldDescriptor;

constexpr size_t kMaxQuoted = 64;

// JSON's number grammar, which protobuf's parser accepts inside strings for
// floating-point fields (it also takes forms such as "0x1" and ".5"; those
// are refused here, which is only stricter).
bool IsJsonNumber(absl::string_view s) {
  size_t i = 0;
  auto digits = [&] {
    const size_t start = i;
    while (i < s.size() && absl::ascii_isdigit(s[i])) ++i;
    return i > start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

// Whether `v` (a number, or a string of digits) is a whole number that fits
// the integer type `type` (an enum is an int32).
bool FitsInteger(const JsonValue& v, FieldDescriptor::CppType type) {
  uint64_t max_negative = 0;  // Largest magnitude allowed below zero.
  uint64_t max_positive = UINT64_MAX;
  switch (type) {
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_ENUM:
      max_negative = uint64_t{1} << 31;
      max_positive = (uint64_t{1} << 31) - 1;
      break;
    case FieldDescriptor::CPPTYPE_INT64:
      max_negative = uint64_t{1} << 63;
      max_positive = (uint64_t{1} << 63) - 1;
      break;
    case FieldDescriptor::CPPTYPE_UINT32:
      max_positive = UINT32_MAX;
      break;
    default:  // CPPTYPE_UINT64.
      break;
  }
  bool negative = false;
  uint64_t magnitude = 0;
  if (v.kind == JsonValue::Kind::kString) {
    // Protobuf takes "-5" for signed fields but not "-0" for unsigned ones;
    // plain digits with an optional '-' for signed types are safe for both.
    absl::string_view s = v.string;
    negative = absl::ConsumePrefix(&s, "-");
    if (negative && max_negative == 0) return false;
    if (s.empty()) return false;
    for (char c : s) {
      if (!absl::ascii_isdigit(c)) return false;
    }
    if (!absl::SimpleAtoi(s, &magnitude)) return false;  // Overflow.
  } else if (v.kind != JsonValue::Kind::kNumber) {
    return false;
  } else if (v.is_integer) {
    negative = v.negative;
    magnitude = v.magnitude;
  } else {
    // 1.0 and 1e3 are whole numbers; protobuf accepts them.
    const double d = v.number;
    if (!std::isfinite(d) || d != std::trunc(d)) return false;
    if (std::fabs(d) >= 18446744073709551616.0) return false;  // 2^64.
    negative = d < 0;
    magnitude = static_cast<uint64_t>(std::fabs(d));
  }
  return negative ? magnitude <= max_negative : magnitude <= max_positive;
}

bool IsFloatingValue(const JsonValue& v, bool is_float) {
  double d;
  if (v.kind == JsonValue::Kind::kNumber) {
    d = v.number;
  } else if (v.kind == JsonValue::Kind::kString) {
    if (v.string == "NaN" || v.string == "Infinity" ||
        v.string == "-Infinity") {
      return true;
    }
    if (!IsJsonNumber(v.string) || !absl::SimpleAtod(v.string, &d)) {
      return false;
    }
    if (!std::isfinite(d)) return false;  // "1e400".
  } else {
    return false;
  }
  return !is_float || std::fabs(d) <= FLT_MAX;
}

}  // namespace

std::string Quote(absl::string_view s) {
  if (s.size() <= kMaxQuoted) return absl::StrCat("\"", absl::CHexEscape(s), "\"");
  return absl::StrCat("\"", absl::CHexEscape(s.substr(0, kMaxQuoted)), "...\"");
}

std::string Expected(absl::string_view what, const JsonValue& v) {
  absl::string_view got;
  std::string quoted;
  switch (v.kind) {
    case JsonValue::Kind::kObject:
      got = "an object";
      break;
    case JsonValue::Kind::kArray:
      got = "an array";
      break;
    case JsonValue::Kind::kString:
      quoted = Quote(v.string);
      got = quoted;
      break;
    default:  // null, true, false and numbers as written.
      got = v.text.size() <= kMaxQuoted ? v.text : v.text.substr(0, kMaxQuoted);
      break;
  }
  return absl::StrCat("expected ", what, ", got ", got);
}

std::string CheckScalarValue(const FieldDescriptor* field, const JsonValue& v) {
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      if (v.kind == JsonValue::Kind::kString) return "";
      return Expected("a string", v);
    case FieldDescriptor::CPPTYPE_BOOL:
      if (v.kind == JsonValue::Kind::kBool) return "";
      return Expected("true or false", v);
    case FieldDescriptor::CPPTYPE_ENUM: {
      const google::protobuf::EnumDescriptor* e = field->enum_type();
      if (v.kind == JsonValue::Kind::kString) {
        if (e->FindValueByName(std::string(v.string)) != nullptr) return "";
        return absl::StrCat("unknown ", e->full_name(), " value ",
                            Quote(v.string));
      }
      if (FitsInteger(v, FieldDescriptor::CPPTYPE_ENUM)) return "";
      return Expected(absl::StrCat("a ", e->full_name(), " name or number"), v);
    }
    case FieldDescriptor::CPPTYPE_INT32:
    case FieldDescriptor::CPPTYPE_INT64:
    case FieldDescriptor::CPPTYPE_UINT32:
    case FieldDescriptor::CPPTYPE_UINT64:
      if (FitsInteger(v, field->cpp_type())) return "";
      return Expected(absl::StrCat("an integer in the ", field->cpp_type_name(),
                                   " range"),
                      v);
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT: {
      const bool is_float =
          field->cpp_type() == FieldDescriptor::CPPTYPE_FLOAT;
      if (IsFloatingValue(v, is_float)) return "";
      return Expected(is_float ? "a float" : "a number", v);
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
  return Expected("a scalar", v);  // Messages are the caller's.
}

const FieldDescriptor* FindJsonField(const google::protobuf::Descriptor* message,
                                     absl::string_view key) {
  for (int i = 0; i < message->field_count(); ++i) {
    const FieldDescriptor* field = message->field(i);
    if (field->json_name() == key || field->name() == key) return field;
  }
  return nullptr;
}

}  // namespace mcpguard::internal
