// MakeLeafCheck: what a member's or item's schema accepts without a full
// dispatch (LeafCheck in schema_program.h), read off its compiled keywords.
#include "schema/leaf_check.h"

#include <cstdint>
#include <limits>

#include "absl/strings/string_view.h"
#include "rapidjson/document.h"
#include "schema/json_number.h"
#include "schema/schema_program.h"

namespace mcpguard::internal {
namespace {

// `bound` as an exact double, or false.
bool ExactDouble(const JsonNumber& bound, double* out) {
  constexpr int64_t kExact = int64_t{1} << 53;
  switch (bound.kind) {
    case JsonNumber::Kind::kInt:
      if (bound.i < -kExact || bound.i > kExact) return false;
      *out = static_cast<double>(bound.i);
      return true;
    case JsonNumber::Kind::kDouble:
      *out = bound.d;
      return true;
    default:
      return false;
  }
}

// The number keywords as LeafCheck double bounds, when they are only bounds
// exact as doubles.
bool DoubleBounds(const NumberKeywords& k, LeafCheck* leaf) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  if (k.present & NumberKeywords::kMultipleOf) return false;
  leaf->minimum = leaf->exclusive_minimum = -kInf;
  leaf->maximum = leaf->exclusive_maximum = kInf;
  if ((k.present & NumberKeywords::kMinimum) && !ExactDouble(k.minimum, &leaf->minimum)) {
    return false;
  }
  if ((k.present & NumberKeywords::kExclusiveMinimum) &&
      !ExactDouble(k.exclusive_minimum, &leaf->exclusive_minimum)) {
    return false;
  }
  if ((k.present & NumberKeywords::kMaximum) && !ExactDouble(k.maximum, &leaf->maximum)) {
    return false;
  }
  if ((k.present & NumberKeywords::kExclusiveMaximum) &&
      !ExactDouble(k.exclusive_maximum, &leaf->exclusive_maximum)) {
    return false;
  }
  return true;
}

}  // namespace

LeafCheck MakeLeafCheck(const SchemaNode& n, SchemaProgram* p) {
  LeafCheck leaf;
  auto bit = [](rapidjson::Type type) { return static_cast<uint8_t>(1u << type); };
  if (n.flags & SchemaNode::kEmpty) {
    leaf.direct_types = 0x7F;
    return leaf;
  }
  if (!(n.flags & SchemaNode::kPlain)) return leaf;
  const bool has_value = n.const_value != kNoIndex || n.has_enum;
  // The string keywords, unless one needs RE2.
  bool strings_ok = (n.types & kTypeString) != 0;
  if (strings_ok && n.string != kNoIndex) {
    const StringKeywords& k = p->strings_keywords[n.string];
    // At most 4 bytes per code point: n bytes hold at least ceil(n / 4).
    const uint64_t min_bytes = k.min_length == 0 ? 0 : uint64_t{4} * k.min_length - 3;
    if ((k.pattern != nullptr && k.simple_pattern == nullptr) ||
        min_bytes > std::numeric_limits<uint32_t>::max()) {
      strings_ok = false;
    } else {
      leaf.min_bytes = static_cast<uint32_t>(min_bytes);
      leaf.max_bytes = k.max_length;
      leaf.min_length = k.min_length;
      leaf.max_length = k.max_length;
      leaf.pattern = k.simple_pattern;
      leaf.format = k.format;
    }
  }
  if (has_value) {
    // Only a list of strings (enum or const, not both).
    if (!strings_ok || (n.const_value != kNoIndex && n.has_enum)) return LeafCheck();
    const Range values = n.has_enum ? n.enum_values : Range{n.const_value, 1};
    const uint32_t begin = static_cast<uint32_t>(p->enum_strings.size());
    for (uint32_t i = 0; i < values.count; ++i) {
      const rapidjson::Value& value = p->values[values.begin + i];
      if (!value.IsString()) {
        p->enum_strings.resize(begin);
        return LeafCheck();
      }
      p->enum_strings.emplace_back(value.GetString(), value.GetStringLength());
    }
    leaf.strings = true;
    leaf.string_enum = true;
    leaf.enum_strings = {begin, values.count};
    return leaf;
  }
  if (n.types & kTypeNull) leaf.direct_types |= bit(rapidjson::kNullType);
  if (n.types & kTypeBoolean) {
    leaf.direct_types |= bit(rapidjson::kFalseType) | bit(rapidjson::kTrueType);
  }
  if (n.types & kTypeObject) {
    (n.object == kNoIndex ? leaf.direct_types : leaf.containers) |= bit(rapidjson::kObjectType);
  }
  if (n.types & kTypeArray) {
    (n.array == kNoIndex ? leaf.direct_types : leaf.containers) |= bit(rapidjson::kArrayType);
  }
  if (strings_ok) {
    if (n.string == kNoIndex) {
      leaf.direct_types |= bit(rapidjson::kStringType);
    } else {
      leaf.strings = true;
    }
  }
  if ((n.types & kTypeNumber) && n.number != kNoIndex) {
    leaf.doubles = DoubleBounds(p->numbers[n.number], &leaf);
  }
  if ((n.types & kTypeNumber) && n.number == kNoIndex) {
    leaf.direct_types |= bit(rapidjson::kNumberType);
  } else if (n.types & kTypeInteger) {
    leaf.int_low = std::numeric_limits<int64_t>::min();
    leaf.int_high = std::numeric_limits<int64_t>::max();
    if (n.number == kNoIndex) {
      leaf.ints = true;
    } else if (p->numbers[n.number].int_bounds) {
      leaf.ints = true;
      leaf.int_low = p->numbers[n.number].int_low;
      leaf.int_high = p->numbers[n.number].int_high;
    }
  }
  return leaf;
}

}  // namespace mcpguard::internal
