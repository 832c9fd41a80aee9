// Writing a JSON string: the text between quotes with `"`, `\` and the
// control characters escaped (\b \f \n \r \t, the others as \u00XX), every
// other byte as it is (UTF-8 is passed through; the caller's text is
// already valid).
//
// Design note: audit events and canonical JSON write hundreds of short
// texts per event, nearly none of which needs an escape. The scan looks at
// 16 bytes at a time for a byte to escape and copies whole runs; RapidJSON's
// Writer tests every byte against its escape table and vectorizes only
// strings of 16 bytes or more.
#ifndef MCPGUARD_JSON_JSON_STRING_ESCAPE_H_
#define MCPGUARD_JSON_JSON_STRING_ESCAPE_H_

#include <string>

#include "absl/strings/string_view.h"

namespace mcpguard::internal {

// The case of the hex digits in \u00XX. RapidJSON's Writer writes upper
// case; RFC 8785 (canonical JSON) wants lower case.
enum class HexCase { kUpper, kLower };

// Appends `"` + `text` escaped + `"` to *out.
void AppendJsonString(absl::string_view text, HexCase hex, std::string* out);

// The offset of the first byte of `text` that must be escaped, or
// text.size() when there is none.
size_t FirstByteToEscape(absl::string_view text);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_JSON_JSON_STRING_ESCAPE_H_
