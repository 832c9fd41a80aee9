// SchemaValidator: numbers, strings, enum and const.
#include <cstdint>
#include <string>

#include "absl/base/attributes.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "rapidjson/document.h"
#include "schema/formats.h"
#include "schema/issue_text.h"
#include "schema/json_equality.h"
#include "schema/json_number.h"
#include "schema/schema_program.h"
#include "schema/schema_regex.h"
#include "schema/schema_validator.h"
#include "schema/utf8_length.h"

namespace mcpguard::internal {
namespace {

// JsonNumber::From and CompareNumbers, with the int64 cases inline.
ABSL_ATTRIBUTE_ALWAYS_INLINE inline JsonNumber NumberOf(const rapidjson::Value& v) {
  JsonNumber n;
  if (v.IsInt64()) {
    n.i = v.GetInt64();
    return n;
  }
  return JsonNumber::From(v);
}

ABSL_ATTRIBUTE_ALWAYS_INLINE inline int Compare(const JsonNumber& a, const JsonNumber& b) {
  if (a.kind == JsonNumber::Kind::kInt && b.kind == JsonNumber::Kind::kInt) {
    return (a.i > b.i) - (a.i < b.i);
  }
  return CompareNumbers(a, b);
}

}  // namespace

bool SchemaValidator::ValidateEnumConst(uint32_t node, const InstanceAt& at) {
  const SchemaNode& n = p_.nodes[node];
  const rapidjson::Value& v = *at.value;
  // kTooDeep counts as different: enum and const fail closed.
  if (n.const_value != kNoIndex &&
      JsonEqual(v, p_.values[n.const_value]) != JsonEquality::kEqual) {
    return Fail(at.path, node, "const", [&] {
      return absl::StrCat(DescribeValue(v), " is not the constant ",
                          DescribeSchemaValue(p_.values[n.const_value]));
    }, "", FailureKind::kValue);
  }
  if (n.has_enum) {
    for (uint32_t i = 0; i < n.enum_values.count; ++i) {
      if (JsonEqual(v, p_.values[n.enum_values.begin + i]) == JsonEquality::kEqual) return true;
    }
    return Fail(at.path, node, "enum", [&] {
      if (n.enum_values.count == 1) {
        return absl::StrCat(DescribeValue(v), " is not the allowed value ",
                            DescribeSchemaValue(p_.values[n.enum_values.begin]));
      }
      return absl::StrCat(DescribeValue(v), " is not one of the ", n.enum_values.count,
                          " allowed values");
    }, "", FailureKind::kValue);
  }
  return true;
}

bool SchemaValidator::ValidateNumber(uint32_t node, const InstanceAt& at) {
  const NumberKeywords& k = p_.numbers[p_.nodes[node].number];
  if (k.int_bounds && at.value->IsInt64()) {
    const int64_t i = at.value->GetInt64();
    if (i >= k.int_low && i <= k.int_high) return true;  // Else: the failing keyword below.
  }
  const JsonNumber x = NumberOf(*at.value);
  auto fail = [&](absl::string_view keyword, absl::string_view relation, const JsonNumber& bound) {
    return Fail(at.path, node, keyword, [&] {
      return absl::StrCat(FormatNumber(x), " ", relation, " ", FormatNumber(bound));
    });
  };
  if ((k.present & NumberKeywords::kMinimum) && Compare(x, k.minimum) < 0) {
    return fail("minimum", "is less than the minimum", k.minimum);
  }
  if ((k.present & NumberKeywords::kMaximum) && Compare(x, k.maximum) > 0) {
    return fail("maximum", "is greater than the maximum", k.maximum);
  }
  if ((k.present & NumberKeywords::kExclusiveMinimum) &&
      Compare(x, k.exclusive_minimum) <= 0) {
    return fail("exclusiveMinimum", "is not greater than the exclusive minimum",
                k.exclusive_minimum);
  }
  if ((k.present & NumberKeywords::kExclusiveMaximum) &&
      Compare(x, k.exclusive_maximum) >= 0) {
    return fail("exclusiveMaximum", "is not less than the exclusive maximum",
                k.exclusive_maximum);
  }
  if ((k.present & NumberKeywords::kMultipleOf) && !IsMultipleOf(x, k.multiple_of)) {
    return fail("multipleOf", "is not a multiple of", k.multiple_of);
  }
  return true;
}

bool SchemaValidator::ValidateString(uint32_t node, const InstanceAt& at) {
  const StringKeywords& k = p_.strings_keywords[p_.nodes[node].string];
  const absl::string_view text(at.value->GetString(), at.value->GetStringLength());
  // A code point takes 1 to 4 bytes, so most strings need no count: only
  // one shorter than 4 * minLength bytes or longer than maxLength bytes.
  if ((k.min_length > 0 && text.size() / 4 < k.min_length) ||
      (k.max_length != kNoIndex && text.size() > k.max_length)) {
    const size_t length = Utf8CodePointCount(text);
    if (length < k.min_length) {
      return Fail(at.path, node, "minLength", [&] {
        return absl::StrCat("string of ", length, " characters is shorter than the minimum length ",
                            k.min_length);
      });
    }
    if (k.max_length != kNoIndex && length > k.max_length) {
      return Fail(at.path, node, "maxLength", [&] {
        return absl::StrCat("string of ", length, " characters is longer than the maximum length ",
                            k.max_length);
      });
    }
  }
  bool matches = true;
  if (k.pattern != nullptr) {
    if (k.simple_pattern != nullptr) {
      matches = k.simple_pattern->Matches(text);
    } else if (!PatternSearch(*k.pattern, text, node, "pattern", at, &matches)) {
      return false;
    }
  }
  if (!matches) {
    return Fail(at.path, node, "pattern", [&] {
      rapidjson::Value pattern(rapidjson::StringRef(k.pattern->pattern().data(),
                                                    k.pattern->pattern().size()));
      return absl::StrCat(DescribeValue(*at.value), " does not match the pattern ",
                          DescribeValue(pattern));
    });
  }
  if (k.format != StringFormat::kNone && !MatchesFormat(k.format, text)) {
    return Fail(at.path, node, "format", [&] {
      return absl::StrCat(DescribeValue(*at.value), " is not a valid ", StringFormatName(k.format));
    });
  }
  return true;
}

}  // namespace mcpguard::internal
