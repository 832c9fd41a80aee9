// Substring search for matchers and regex prefilters: exact, or ignoring
// ASCII case against lowercased needles.
#ifndef MCPGUARD_POLICY_ASCII_SEARCH_H_
#define MCPGUARD_POLICY_ASCII_SEARCH_H_

#include "absl/strings/string_view.h"

namespace mcpguard::internal {

// True when `haystack` holds `lowered_needle` with ASCII letters compared
// case-insensitively. `lowered_needle` must already be ASCII-lowercased;
// bytes >= 0x80 compare exactly. An empty needle is always found.
//
// Cost: O(haystack × needle) in the worst case, like std::string_view::find;
// needles come from the policy (trusted and short), haystacks from messages.
bool ContainsIgnoringAsciiCase(absl::string_view haystack, absl::string_view lowered_needle);

// True when `haystack` holds `needle` byte for byte (an empty needle is
// always found). memchr for the first byte, then memcmp: the same answer as
// absl::StrContains, from library routines a check already keeps in the
// instruction cache rather than Abseil's out-of-line search.
bool ContainsBytes(absl::string_view haystack, absl::string_view needle);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_ASCII_SEARCH_H_
