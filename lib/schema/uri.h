// The slice of RFC 3986 that $id and $ref need: splitting a URI reference,
// resolving it against a base (section 5.2) and percent-decoding fragments.
#ifndef MCPGUARD_SCHEMA_URI_H_
#define MCPGUARD_SCHEMA_URI_H_

#include <string>

#include "absl/strings/string_view.h"

namespace mcpguard::internal {

// `reference` resolved against the absolute URI `base` (RFC 3986 section
// 5.2.2, with dot segments removed). The fragment of the result is the
// reference's, or none. Tolerant: any string is accepted.
std::string ResolveUri(absl::string_view base, absl::string_view reference);

// The URI without its fragment ("#..." removed).
absl::string_view StripFragment(absl::string_view uri);

// The fragment after '#', or "" when there is none.
absl::string_view UriFragment(absl::string_view uri);

// Decodes %XX escapes. False for a '%' not followed by two hex digits.
bool PercentDecode(absl::string_view text, std::string* out);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_SCHEMA_URI_H_
