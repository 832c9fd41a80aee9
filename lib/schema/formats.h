// The "format" values mcpguard asserts when SchemaOptions::assert_formats is
// set. Each check takes the whole string and never allocates.
#ifndef MCPGUARD_SCHEMA_FORMATS_H_
#define MCPGUARD_SCHEMA_FORMATS_H_

#include <cstdint>

#include "absl/strings/string_view.h"

namespace mcpguard::internal {

enum class StringFormat : uint8_t {
  kNone,      // Not asserted: unknown or unsupported formats are annotations.
  kDateTime,  // RFC 3339 date-time, leap seconds only at 23:59:60 UTC.
  kDate,      // RFC 3339 full-date.
  kEmail,     // RFC 5321 Mailbox: dot-atom or quoted local part; host name
              // or [IPv4] / [IPv6:...] literal.
  kUri,       // RFC 3986 absolute URI (scheme required).
  kUuid,      // RFC 4122 8-4-4-4-12 hex, any version, either case.
  kIpv4,      // Dotted quad, 0-255, no leading zeros.
  kIpv6,      // RFC 4291 text form, "::" and a trailing IPv4 allowed, no zone.
  kHostname,  // RFC 1123: labels of 1-63 letters, digits and inner hyphens,
              // at most 253 characters.
};

StringFormat StringFormatFromName(absl::string_view name);

// The format's name as a schema writes it ("date-time"), "" for kNone.
absl::string_view StringFormatName(StringFormat format);

// True when `text` is valid for `format` (always for kNone).
bool MatchesFormat(StringFormat format, absl::string_view text);

// Pieces shared by the format checks (format_*.cc).
bool IsValidDateTime(absl::string_view text);
bool IsValidDate(absl::string_view text);
bool IsValidIpv4(absl::string_view text);
bool IsValidIpv6(absl::string_view text);
bool IsValidHostname(absl::string_view text);
bool IsValidEmail(absl::string_view text);
bool IsValidUri(absl::string_view text);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_SCHEMA_FORMATS_H_
