// One thing a content detector looks for: a named RE2 pattern and the check
// a match must also pass.
#ifndef MCPGUARD_DETECT_PATTERN_SPEC_H_
#define MCPGUARD_DETECT_PATTERN_SPEC_H_

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "detect/gate.h"

namespace mcpguard::internal {

// What a match must also satisfy (detect/match_checks.h).
enum class MatchCheck {
  kNone,
  kLuhn,          // Payment card: 13-19 digits, Luhn checksum, a known IIN range.
  kIban,          // Known country length and ISO 13616 mod-97 checksum.
  kUsSsn,         // Not area 000, 666 or 9xx, group 00, serial 0000.
  kIpv4Host,      // A dotted quad that can be a host's: not 0.x.x.x, 255.x.x.x, x.x.x.0 or x.x.x.255.
  kHighEntropy,   // A generic secret: long and random-looking, no placeholder.
  kEncodedText,   // Base64 or hex that decodes to mostly printable text.
  kInternalUrl,   // A URL whose host is internal (net/url_host.h IsInternalHost).
  kNotEmojiZwj,   // Zero-width characters that are not an emoji ZWJ sequence.
  kNotFlagTags,   // Tag characters that are not a subdivision flag's (🏴 + "gbeng").
};

struct PatternSpec {
  absl::string_view id;        // In findings and in "[REDACTED:<id>]".
  absl::string_view category;  // "secret", "pii", "instruction", "exfiltration", "attack".
  // RE2 syntax, unanchored. If it has a capturing group, group 1 is what is
  // reported and redacted (the rest is context such as a keyword).
  absl::string_view regex;
  MatchCheck check = MatchCheck::kNone;
  // How sure a match is of being what the id says, 0 to 1: 1 for a
  // credential's documented shape, lower for phrasing that benign text
  // may also use.
  float score = 1.0f;
  absl::string_view reason = {};  // One short sentence for findings; empty: the id.
  // Where the pattern can match (gate.h); null: anywhere, so a scanner with
  // this pattern reads every byte with RE2.
  const Gate* gate = nullptr;
  // Whether a documentation placeholder ("EXAMPLE", "xxxx", a run of one
  // byte: IsPlaceholderSecret) can have this shape, so that such a match is
  // no finding. False for private key blocks: real OpenSSH keys hold runs of
  // "A", and a block is worth hiding even when it is an example.
  bool may_be_placeholder = true;
};

// The built-in patterns (secret_patterns.cc, pii_patterns.cc).
absl::Span<const PatternSpec> SecretPatterns();
absl::Span<const PatternSpec> PiiPatterns();
// Hidden instructions aimed at the model (category "instruction"), for tool
// definitions (poisoning) and tool results (injection), and links that
// carry data out (category "exfiltration"), for results
// (instruction_patterns.cc).
absl::Span<const PatternSpec> InstructionPatterns();
absl::Span<const PatternSpec> ExfiltrationPatterns();
// Shell, path traversal, SQL and SSRF attacks in tools/call arguments
// (category "attack", attack_patterns.cc).
absl::Span<const PatternSpec> AttackPatterns();

}  // namespace mcpguard::internal

#endif  // MCPGUARD_DETECT_PATTERN_SPEC_H_
