// One thing a content detector looks for: a named RE2 pattern and the check
// a match must also pass.
#ifndef MCPGUARD_DETECT_PATTERN_SPEC_H_
#define MCPGUARD_DETECT_PATTERN_SPEC_H_

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace mcpguard::internal {

// What a match must also satisfy (detect/match_checks.h).
enum class MatchCheck {
  kNone,
  kLuhn,          // Payment card: 13-19 digits, Luhn checksum, a known IIN range.
  kIban,          // Known country length and ISO 13616 mod-97 checksum.
  kUsSsn,         // Not area 000, 666 or 9xx, group 00, serial 0000.
  kHighEntropy,   // A generic secret: long and random-looking, no placeholder.
};

struct PatternSpec {
  absl::string_view id;        // In findings and in "[REDACTED:<id>]".
  absl::string_view category;  // "secret" or "pii".
  // RE2 syntax, unanchored. If it has a capturing group, group 1 is what is
  // reported and redacted (the rest is context such as a keyword).
  absl::string_view regex;
  MatchCheck check = MatchCheck::kNone;
};

// The built-in patterns (secret_patterns.cc, pii_patterns.cc).
absl::Span<const PatternSpec> SecretPatterns();
absl::Span<const PatternSpec> PiiPatterns();

}  // namespace mcpguard::internal

#endif  // MCPGUARD_DETECT_PATTERN_SPEC_H_
