// Hard limits applied while parsing one message.
#ifndef MCPGUARD_JSON_LIMITS_H_
#define MCPGUARD_JSON_LIMITS_H_

#include <cstddef>
#include <cstdint>

namespace mcpguard::internal {

struct JsonLimits {
  size_t max_bytes = 4u << 20;          // Whole message.
  uint32_t max_depth = 64;              // Nested arrays and objects; root is 1.
  size_t max_string_length = 1u << 20;  // Bytes of one decoded string or key.
  uint32_t max_array_items = 10000;     // Elements of one array.
  uint32_t max_object_members = 1000;   // Members of one object.
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_JSON_LIMITS_H_
