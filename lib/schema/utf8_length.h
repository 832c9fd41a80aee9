// Length of a UTF-8 string in Unicode code points, as minLength and
// maxLength count it (JSON Schema validation, section 6.3.1).
#ifndef MCPGUARD_SCHEMA_UTF8_LENGTH_H_
#define MCPGUARD_SCHEMA_UTF8_LENGTH_H_

#include <cstddef>

#include "absl/strings/string_view.h"

namespace mcpguard::internal {

// Counts the bytes that do not continue a sequence (not 10xxxxxx), which is
// the number of code points of valid UTF-8. For invalid UTF-8 it is still a
// well-defined count and never reads past `text`. Never allocates.
size_t Utf8CodePointCount(absl::string_view text);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_SCHEMA_UTF8_LENGTH_H_
