// The compiled form of a schema document: a flat array of nodes, one per
// subschema, whose keywords are typed data grouped by the instance type they
// check. CompiledSchema::Impl is this program plus its options.
//
// Node indices are positions in `nodes`; every reference between keywords is
// an index (or a [begin, begin + count) range into a side table), so the
// validator never looks anything up by name except instance members.
#ifndef MCPGUARD_SCHEMA_SCHEMA_PROGRAM_H_
#define MCPGUARD_SCHEMA_SCHEMA_PROGRAM_H_

#include <cstdint>
#include <cstring>
#include <deque>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "rapidjson/document.h"
#include "re2/re2.h"
#include "schema/compiled_schema.h"
#include "schema/formats.h"
#include "schema/json_number.h"
#include "schema/schema_regex.h"
#include "schema/utf8_length.h"

namespace mcpguard::internal {

inline constexpr uint32_t kNoIndex = std::numeric_limits<uint32_t>::max();

// Bits of SchemaNode::types.
enum TypeBit : uint8_t {
  kTypeNull = 1 << 0,
  kTypeBoolean = 1 << 1,
  kTypeObject = 1 << 2,
  kTypeArray = 1 << 3,
  kTypeNumber = 1 << 4,
  kTypeString = 1 << 5,
  kTypeInteger = 1 << 6,  // Satisfied by any number with no fractional part.
  kTypeAny = 0x7F,
};

// A [begin, begin + count) slice of one of the program's side tables.
struct Range {
  uint32_t begin = 0;
  uint32_t count = 0;
};

struct NumberKeywords {
  enum Bit : uint8_t { kMinimum = 1, kMaximum = 2, kExclusiveMinimum = 4,
                       kExclusiveMaximum = 8, kMultipleOf = 16 };
  uint8_t present = 0;
  JsonNumber minimum, maximum, exclusive_minimum, exclusive_maximum, multiple_of;
  // When every bound present is an int64 and there is no multipleOf: an
  // int64 instance in [int_low, int_high] passes them all (set by the
  // compiler once the keywords are read).
  bool int_bounds = false;
  int64_t int_low = std::numeric_limits<int64_t>::min();
  int64_t int_high = std::numeric_limits<int64_t>::max();
};

struct StringKeywords {
  uint32_t min_length = 0;
  uint32_t max_length = kNoIndex;  // kNoIndex: no maximum.
  const RE2* pattern = nullptr;    // Owned by SchemaProgram::regexes.
  // The same pattern matched without RE2, when it is that simple. Owned by
  // SchemaProgram::simple_patterns.
  const SimplePattern* simple_pattern = nullptr;
  StringFormat format = StringFormat::kNone;  // Asserted only when set here.
};

struct ArrayKeywords {
  uint32_t min_items = 0;
  uint32_t max_items = kNoIndex;
  bool unique_items = false;
  Range prefix_items;                  // Nodes (node_lists): 2020-12 prefixItems
                                       // or draft-07 array-form items.
  uint32_t items = kNoIndex;           // Items after the prefix (2020-12 items,
                                       // draft-07 schema items or additionalItems).
  bool items_is_additional = false;    // `items` came from draft-07 additionalItems.
  uint32_t contains = kNoIndex;
  uint32_t min_contains = 1;
  uint32_t max_contains = kNoIndex;
  bool has_min_contains = false;
  bool has_max_contains = false;
  uint32_t unevaluated_items = kNoIndex;
  // Compile-time only (draft-07): additionalItems applies after array-form
  // items, and is moved into `items` then.
  bool items_is_tuple = false;
  uint32_t additional_items = kNoIndex;
};

inline uint64_t LoadBytes64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}
inline uint32_t LoadBytes32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

// The hash of the "properties" lookup table: the length and the first and
// last (up to) 8 bytes of the name, mixed. Cheap for the short member names
// of tool arguments; names differing only in the middle just probe further.
inline uint64_t PropertyNameHash(absl::string_view name) {
  const char* s = name.data();
  const size_t n = name.size();
  uint64_t a = 0, b = 0;
  if (n >= 8) {
    a = LoadBytes64(s);
    b = LoadBytes64(s + n - 8);
  } else if (n >= 4) {
    a = LoadBytes32(s);
    b = LoadBytes32(s + n - 4);
  } else if (n > 0) {
    a = static_cast<unsigned char>(s[0]) | static_cast<unsigned char>(s[n / 2]) << 8 |
        static_cast<uint32_t>(static_cast<unsigned char>(s[n - 1])) << 16;
  }
  uint64_t h = (a ^ (b * 0x9E3779B97F4A7C15ull) ^ n) * 0xFF51AFD7ED558CCDull;
  return h ^ (h >> 29);
}

// Byte equality of two names of length `n`, inlined for short ones.
inline bool SameNameBytes(const char* a, const char* b, size_t n) {
  if (n >= 8) {
    if (n > 16) return std::memcmp(a, b, n) == 0;
    return LoadBytes64(a) == LoadBytes64(b) && LoadBytes64(a + n - 8) == LoadBytes64(b + n - 8);
  }
  if (n >= 4) {
    return LoadBytes32(a) == LoadBytes32(b) && LoadBytes32(a + n - 4) == LoadBytes32(b + n - 4);
  }
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// One "properties" member, in the schema's order (instances usually list
// their members in that order too, which the validator tries first).
struct PropertyEntry {
  absl::string_view name;     // Into SchemaProgram::strings.
  uint32_t node = kNoIndex;
  uint8_t required_bit = 0xFF;  // Bit in ObjectKeywords::required_mask, or 0xFF.
  uint64_t required_flag = 0;   // 1 << required_bit, or 0.
};

struct PatternEntry {
  const RE2* regex = nullptr;
  uint32_t node = kNoIndex;
};

// A dependentRequired (or draft-07 dependencies array) entry.
struct DependentRequired {
  absl::string_view name;
  Range required;             // Into SchemaProgram::names.
  absl::string_view keyword;  // "dependentRequired" or "dependencies".
};

struct DependentSchema {
  absl::string_view name;
  uint32_t node = kNoIndex;
  absl::string_view keyword;  // "dependentSchemas" or "dependencies".
};

struct ObjectKeywords {
  Range properties;          // PropertyEntry table.
  // Open-addressing table over `properties`: property_slots[begin + (hash &
  // mask)], probing linearly; each slot holds an index into `properties`
  // (relative to properties.begin) or kNoIndex. At most half full.
  uint32_t slots_begin = 0;
  uint32_t slots_mask = 0;
  Range pattern_properties;  // PatternEntry table.
  uint32_t additional_properties = kNoIndex;
  uint32_t property_names = kNoIndex;
  uint32_t unevaluated_properties = kNoIndex;
  Range required;            // names table, in the schema's order.
  // Bits of the required names that are also "properties" entries (the first
  // 64), found during the member pass; the others are looked up.
  uint64_t required_mask = 0;
  bool required_all_bits = true;  // Every required name has a bit.
  uint32_t min_properties = 0;
  uint32_t max_properties = kNoIndex;
  Range dependent_required;  // DependentRequired table.
  Range dependent_schemas;   // DependentSchema table.
  bool closed = false;       // CompiledSchema::kClosedKeyword.
};

struct Applicators {
  Range all_of, any_of, one_of;  // node_lists.
  uint32_t not_node = kNoIndex;
  uint32_t if_node = kNoIndex, then_node = kNoIndex, else_node = kNoIndex;
};

// Candidates for one $dynamicRef: resources that define the dynamic anchor.
struct DynamicTarget {
  uint32_t resource = kNoIndex;  // Node of the resource root.
  uint32_t node = kNoIndex;
};

struct SchemaNode {
  enum Flag : uint16_t {
    kFalseSchema = 1,       // false: nothing is valid.
    kEmpty = 2,             // true or {} (no assertion): everything is valid.
    kRefOnly = 4,           // draft-07: $ref overrides every sibling keyword.
    kUsesUnevaluated = 8,   // Has unevaluatedProperties or unevaluatedItems.
    // Only type, enum/const and type-specific keywords (no $ref,
    // $dynamicRef, applicators, unevaluated*, no dynamic scope in the
    // program): validated without the general path's bookkeeping.
    kPlain = 16,
  };
  uint16_t flags = 0;
  uint8_t types = kTypeAny;
  uint32_t pointer = 0;          // Index into SchemaProgram::pointers.
  uint32_t resource = 0;         // Node of the enclosing resource root.
  uint32_t ref = kNoIndex;       // $ref target.
  uint32_t dynamic_ref = kNoIndex;      // $dynamicRef initial target.
  Range dynamic_targets;         // DynamicTarget table; empty: plain $ref.
  uint32_t const_value = kNoIndex;      // Index into SchemaProgram::values.
  Range enum_values;             // Into SchemaProgram::values.
  bool has_enum = false;
  uint32_t number = kNoIndex;    // Index into SchemaProgram::numbers, etc.
  uint32_t string = kNoIndex;
  uint32_t array = kNoIndex;
  uint32_t object = kNoIndex;
  uint32_t applicators = kNoIndex;
};

// What a plain (or empty) node accepts without a full dispatch, checked
// inline by the member and item loops: a "yes" here means Validate would
// pass; a "no" means run Validate (which reports the failure, if any).
struct LeafCheck {
  // Bits 1 << rapidjson::Type of the instance types that pass on type alone.
  uint8_t direct_types = 0;
  // Bits 1 << rapidjson::Type of the container types (object, array) that
  // need only the node's object or array keywords: type, enum, const and
  // every other keyword are settled, so the validator may go straight to
  // them (SchemaValidator::ValidateChild).
  uint8_t containers = 0;
  // An int64 instance in [int_low, int_high] passes.
  bool ints = false;
  // A string instance passes when its byte length is in [min_bytes,
  // max_bytes] (sufficient for minLength/maxLength), it is one of
  // `enum_strings` (when `string_enum`), and matches `pattern` and `format`.
  bool strings = false;
  bool string_enum = false;
  StringFormat format = StringFormat::kNone;
  uint32_t min_bytes = 0;
  uint32_t max_bytes = std::numeric_limits<uint32_t>::max();
  Range enum_strings;  // Into SchemaProgram::enum_strings.
  const SimplePattern* pattern = nullptr;
  int64_t int_low = 0;
  int64_t int_high = 0;
  // A double instance x passes when x >= minimum, x > exclusive_minimum,
  // x <= maximum and x < exclusive_maximum (each bound exact as a double).
  bool doubles = false;
  double minimum = 0, exclusive_minimum = 0, maximum = 0, exclusive_maximum = 0;
  // Code points, checked when the byte length alone does not settle it.
  uint32_t min_length = 0;
  uint32_t max_length = std::numeric_limits<uint32_t>::max();
};

struct SchemaProgram;

// The "properties" entry of `k` named `name` (through the hash table), or
// nullptr.
inline const PropertyEntry* FindPropertyEntry(const SchemaProgram& p, const ObjectKeywords& k,
                                              absl::string_view name);

struct SchemaProgram {
  SchemaDialect dialect = SchemaDialect::kDraft2020_12;
  SchemaOptions options;
  bool uses_dynamic_scope = false;  // Some node has $dynamicRef candidates.

  std::vector<SchemaNode> nodes;
  std::vector<std::string> pointers;  // Schema pointer of each node.
  absl::flat_hash_map<std::string, uint32_t> node_by_pointer;

  std::vector<NumberKeywords> numbers;
  std::vector<StringKeywords> strings_keywords;
  std::vector<ArrayKeywords> arrays;
  std::vector<ObjectKeywords> objects;
  std::vector<Applicators> applicators;

  std::vector<uint32_t> node_lists;
  std::vector<PropertyEntry> properties;
  std::vector<uint32_t> property_slots;
  std::vector<PatternEntry> patterns;
  std::vector<absl::string_view> names;  // Required member names.
  std::vector<uint8_t> name_bits;        // Parallel to names: the bit in
                                         // ObjectKeywords::required_mask, or 0xFF.
  std::vector<DependentRequired> dependent_required;
  std::vector<DependentSchema> dependent_schemas;
  std::vector<DynamicTarget> dynamic_targets;
  std::vector<LeafCheck> leaves;               // Parallel to nodes.
  std::vector<absl::string_view> enum_strings;  // Into `values`.

  // Storage the views above point into; never reallocated after use
  // (std::deque keeps element addresses on push_back).
  std::deque<std::string> strings;
  std::vector<std::unique_ptr<const RE2>> regexes;
  int64_t regex_program_size = 0;  // Their RE2 programs together.
  std::deque<SimplePattern> simple_patterns;
  rapidjson::Document values_document;  // Allocator of the copies in `values`.
  std::deque<rapidjson::Value> values;  // enum and const values, deep copies.
};

inline const PropertyEntry* FindPropertyEntry(const SchemaProgram& p, const ObjectKeywords& k,
                                              absl::string_view name) {
  if (k.properties.count == 0) return nullptr;
  const uint32_t* table = p.property_slots.data() + k.slots_begin;
  const PropertyEntry* entries = p.properties.data() + k.properties.begin;
  for (uint64_t slot = PropertyNameHash(name) & k.slots_mask;; slot = (slot + 1) & k.slots_mask) {
    const uint32_t index = table[slot];
    if (index == kNoIndex) return nullptr;
    const PropertyEntry& entry = entries[index];
    if (entry.name.size() == name.size() &&
        SameNameBytes(entry.name.data(), name.data(), name.size())) {
      return &entry;
    }
  }
}

// True when `v` certainly passes the node whose LeafCheck is `leaf`.
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool LeafPasses(const SchemaProgram& p, const LeafCheck& leaf,
                                                    const rapidjson::Value& v) {
  const rapidjson::Type type = v.GetType();
  if (leaf.direct_types >> type & 1) return true;
  if (type == rapidjson::kNumberType) {
    if (v.IsDouble()) {
      const double x = v.GetDouble();
      return leaf.doubles && x >= leaf.minimum && x > leaf.exclusive_minimum &&
             x <= leaf.maximum && x < leaf.exclusive_maximum;
    }
    if (!leaf.ints || !v.IsInt64()) return false;
    const int64_t i = v.GetInt64();
    return i >= leaf.int_low && i <= leaf.int_high;
  }
  if (type != rapidjson::kStringType || !leaf.strings) return false;
  const uint32_t size = v.GetStringLength();
  const absl::string_view text(v.GetString(), size);
  if (size < leaf.min_bytes || size > leaf.max_bytes) {
    const size_t length = Utf8CodePointCount(text);
    if (length < leaf.min_length || length > leaf.max_length) return false;
  }
  if (leaf.string_enum) {
    const absl::string_view* it = p.enum_strings.data() + leaf.enum_strings.begin;
    const absl::string_view* const end = it + leaf.enum_strings.count;
    for (; it != end; ++it) {
      if (it->size() == size && SameNameBytes(it->data(), text.data(), size)) break;
    }
    if (it == end) return false;
  }
  if (leaf.pattern != nullptr && !leaf.pattern->Matches(text)) return false;
  return leaf.format == StringFormat::kNone || MatchesFormat(leaf.format, text);
}

}  // namespace mcpguard::internal

#endif  // MCPGUARD_SCHEMA_SCHEMA_PROGRAM_H_
