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
#include <deque>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "rapidjson/document.h"
#include "re2/re2.h"
#include "schema/compiled_schema.h"
#include "schema/formats.h"
#include "schema/json_number.h"

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
};

struct StringKeywords {
  uint32_t min_length = 0;
  uint32_t max_length = kNoIndex;  // kNoIndex: no maximum.
  const RE2* pattern = nullptr;    // Owned by SchemaProgram::regexes.
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

// FNV-1a over a member name: the hash of the "properties" lookup table.
inline uint64_t PropertyNameHash(absl::string_view name) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  return h;
}

// One "properties" member. Sorted by (name length, name bytes).
struct PropertyEntry {
  absl::string_view name;     // Into SchemaProgram::strings.
  uint32_t node = kNoIndex;
  uint8_t required_bit = 0xFF;  // Bit in ObjectKeywords::required_mask, or 0xFF.
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

  // Storage the views above point into; never reallocated after use
  // (std::deque keeps element addresses on push_back).
  std::deque<std::string> strings;
  std::vector<std::unique_ptr<const RE2>> regexes;
  rapidjson::Document values_document;  // Allocator of the copies in `values`.
  std::deque<rapidjson::Value> values;  // enum and const values, deep copies.
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_SCHEMA_SCHEMA_PROGRAM_H_
