// Text for validation failures, built only when a validation fails: the
// instance pointer of the failing location and short renderings of values.
#ifndef MCPGUARD_SCHEMA_ISSUE_TEXT_H_
#define MCPGUARD_SCHEMA_ISSUE_TEXT_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "rapidjson/document.h"

namespace mcpguard::internal {

// One step from a parent instance value to a child, kept on the C stack
// while the validator descends (so a successful validation builds no
// pointer). The root has parent == nullptr.
struct InstancePath {
  const InstancePath* parent = nullptr;
  absl::string_view member;  // For an object member.
  uint32_t index = 0;        // For an array item.
  bool is_item = false;
};

// Number of steps from the root.
uint32_t PathDepth(const InstancePath* path);

// The RFC 6901 pointer of `path` ("" for the root).
std::string InstancePointer(const InstancePath* path);

// A short rendering for messages: JSON scalars as written (strings quoted,
// escaped and cut to 40 bytes), "an object" / "an array" for containers.
std::string DescribeValue(const rapidjson::Value& value);

// A value of the schema (a const, a one-value enum) for messages: scalars as
// DescribeValue, containers as compact JSON cut to 40 bytes ("..." marks a
// cut). Schema text is the tool author's, not the caller's data.
std::string DescribeSchemaValue(const rapidjson::Value& value);

// "null", "boolean", "object", "array", "number" or "string".
absl::string_view JsonTypeName(const rapidjson::Value& value);

// The names in a type mask (TypeBit), joined with " or ".
std::string TypeMaskNames(uint8_t types);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_SCHEMA_ISSUE_TEXT_H_
