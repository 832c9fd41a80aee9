// The checks a pattern match must also pass (PatternSpec::check).
#ifndef MCPGUARD_DETECT_MATCH_CHECKS_H_
#define MCPGUARD_DETECT_MATCH_CHECKS_H_

#include "absl/strings/string_view.h"
#include "detect/pattern_spec.h"

namespace mcpguard::internal {

// True when `text` (the reported part of a match) passes `check`.
bool PassesCheck(MatchCheck check, absl::string_view text);

// The pieces, for tests.
bool PassesLuhn(absl::string_view digits_and_separators);  // Also needs a card IIN.
bool PassesIban(absl::string_view iban);                   // Spaces allowed.
bool PassesUsSsn(absl::string_view ssn);                   // "123-45-6789".
// A dotted quad ("203.0.113.7") that can be one host's address, not "this
// network" (0.0.0.0/8: 0.0.0.0 is a bind address), a netmask (255.x.x.x), or
// a network or broadcast address as written (last octet 0 or 255).
bool IsIpv4HostAddress(absl::string_view dotted_quad);
// Shannon entropy in bits per byte.
double ShannonEntropy(absl::string_view text);
bool LooksLikeGeneratedSecret(absl::string_view value);
// A credential-shaped value that is a documentation placeholder: it contains
// "EXAMPLE", "xxxx" (any case) or a run of eight identical characters.
bool IsPlaceholderSecret(absl::string_view value);
// Base64 or hex whose decoding is at least 20 bytes of mostly printable text.
bool DecodesToText(absl::string_view encoded);
// A URL (trailing sentence punctuation ignored) that parses and whose host
// is internal: loopback, private, link-local, metadata, a name without a
// dot, ... (net/url_host.h). A URL that does not parse is not reported.
bool IsInternalUrl(absl::string_view url);

// Zero-width characters (U+200B-200D, U+2060-2064, U+180E) that are not all
// joiners with emoji between each two (the "👩" of "👨\u200d👩\u200d👧",
// which renders as one picture and hides nothing).
bool IsNotEmojiZwj(absl::string_view text);

// Tag characters (U+E0000-E007F) that are not a subdivision flag's tag
// sequence: three to six tag letters or digits, then CANCEL TAG (the
// "gbeng" of the flag of England).
bool IsNotFlagTags(absl::string_view text);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_DETECT_MATCH_CHECKS_H_
