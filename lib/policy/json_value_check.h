// Type checks for one JSON value against one protobuf field, as the proto3
// JSON mapping (and protobuf 3.21's parser, where stricter) defines them.
// Used by the JSON policy loader to report mistyped values with a location.
#ifndef MCPGUARD_POLICY_JSON_VALUE_CHECK_H_
#define MCPGUARD_POLICY_JSON_VALUE_CHECK_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"

namespace mcpguard::internal {

// One JSON value as a SAX reader delivers it. Views point into the input or
// the reader's buffers and are valid only during the callback.
struct JsonValue {
  enum class Kind { kNull, kBool, kNumber, kString, kObject, kArray };
  Kind kind = Kind::kNull;
  bool boolean = false;
  // kNumber: exact when is_integer (sign and magnitude), else only `number`.
  bool is_integer = false;
  bool negative = false;
  uint64_t magnitude = 0;
  double number = 0;
  absl::string_view string;  // kString: the decoded contents.
  size_t begin = 0;          // Byte offset where the value starts.
  absl::string_view text;    // Scalars: the value as written.
};

// "" when `v` is a valid value for a scalar or enum `field` (one element of
// it, if repeated; never null). Else a message such as
// "expected an integer in the uint32 range, got 1.5".
std::string CheckScalarValue(const google::protobuf::FieldDescriptor* field,
                             const JsonValue& v);

// "expected <what>, got <v as written, or its kind>".
std::string Expected(absl::string_view what, const JsonValue& v);

// `s` in double quotes, C-escaped, cut to a readable length.
std::string Quote(absl::string_view s);

// The field whose JSON name or proto name is `key` (protobuf accepts both:
// "maxDepth" and "max_depth"), or null.
const google::protobuf::FieldDescriptor* FindJsonField(
    const google::protobuf::Descriptor* message, absl::string_view key);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_JSON_VALUE_CHECK_H_
