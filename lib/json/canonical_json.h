// Canonical JSON text of a parsed value, for hashing: two values that mean
// the same JSON get the same bytes, whatever their key order, whitespace,
// escapes or number spelling.
//
// Design note: the form follows RFC 8785 (JCS) in spirit and is fixed here
// because digests persist in pin stores: no whitespace; object members
// sorted by their UTF-8 bytes (code point order; JCS sorts by UTF-16 code
// units, which differs only between supplementary characters and
// U+E000-U+FFFF); strings with only `"`, `\` and control characters escaped
// (\b \f \n \r \t, others as \u00xx), everything else as raw UTF-8; numbers
// with an integral value below 2^63 in magnitude as integers ("1.0", "1e0"
// and "10e-1" are all "1"; -0 is "0"), other numbers in the shortest form
// that reads back as the same double ("0.5", "1e+300"). Duplicate keys
// cannot occur: the parser refuses them.
#ifndef MCPGUARD_JSON_CANONICAL_JSON_H_
#define MCPGUARD_JSON_CANONICAL_JSON_H_

#include <string>

#include "rapidjson/document.h"

namespace mcpguard::internal {

// Appends the canonical text of `value` to *out. Recursion is bounded by the
// parser's depth limit.
void AppendCanonicalJson(const rapidjson::Value& value, std::string* out);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_JSON_CANONICAL_JSON_H_
