// IP address literals as the WHATWG URL Standard reads them in a URL's
// host, their canonical text, and whether they are internal (for
// UrlMatcher's SSRF check and the ssrf_target detector).
//
// Design note: IPv4 follows the standard's "ends in a number" rule, which is
// also what inet_aton() and so getaddrinfo() accept: a host whose last
// label is a number is an address or nothing, in 1 to 4 parts, each decimal,
// octal (leading 0) or hex (0x), the last part filling the bytes that are
// left ("127.1" is 127.0.0.1, "2130706433" is too). IPv6 is the standard's
// parser: "::" once, an optional dotted IPv4 as the last 32 bits, no zone id.
// Classification covers the special-purpose ranges that a server must not be
// tricked into fetching, and the IPv6 forms that carry an IPv4 address
// (mapped, compatible, translated, NAT64, 6to4, Teredo) by classifying the
// IPv4 they carry. Nothing here allocates.
#ifndef MCPGUARD_NET_IP_ADDRESS_H_
#define MCPGUARD_NET_IP_ADDRESS_H_

#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"

namespace mcpguard::internal {

// Longest canonical text: "255.255.255.255" and eight groups "ffff:".
inline constexpr size_t kMaxIpv4TextBytes = 15;
inline constexpr size_t kMaxIpv6TextBytes = 39;

enum class Ipv4Parse {
  kNotIpv4,  // The last label is not a number: a domain name, not an address.
  kIpv4,     // An address; *address is set.
  kInvalid,  // Ends in a number but is no address ("1.2.3.4.5", "256.1.1.1",
             // "0x100000000", "09"): the URL fails to parse.
};

// Reads `host` (already percent-decoded and lowercased: "0X" is not hex
// here) as an IPv4 address by the WHATWG IPv4 parser, with its "ends in a
// number" test first. One trailing "." is ignored, as the standard does.
// The address is in host byte order: 127.0.0.1 is 0x7f000001.
Ipv4Parse ParseIpv4(absl::string_view host, uint32_t* address);

// Parses the text between an IPv6 literal's brackets into 16 bytes (network
// order). False for anything the WHATWG IPv6 parser rejects, including a
// zone id ("::1%25eth0") and percent-encoding.
bool ParseIpv6(absl::string_view text, uint8_t address[16]);

// Canonical text, written to `out` (at least kMaxIpv4TextBytes /
// kMaxIpv6TextBytes bytes, not NUL-terminated); returns its length. IPv4 is
// dotted decimal. IPv6 is the WHATWG serialization (RFC 5952 form without
// the embedded-IPv4 notation): lowercase hex groups without leading zeros,
// the first longest run of two or more zero groups written "::".
size_t FormatIpv4(uint32_t address, char* out);
size_t FormatIpv6(const uint8_t address[16], char* out);

// True for addresses a server-side fetch must not reach: "this network",
// private, shared (CGNAT), loopback, link-local (and so the cloud metadata
// address 169.254.169.254), IETF protocol assignments, documentation,
// benchmarking, the 6to4 relay anycast, multicast, reserved and broadcast.
bool IsInternalIpv4(uint32_t address);

// True when `address` carries an IPv4 address that its traffic goes to
// (*ipv4 set): IPv4-compatible ::/96, mapped ::ffff:0:0/96, translated
// ::ffff:0:0:0/96 and NAT64 64:ff9b::/96. A dual-stack socket connecting to
// [::ffff:127.0.0.1] reaches 127.0.0.1. (6to4 and Teredo carry the address
// of a relay or a NAT, not of the destination.)
bool Ipv4InIpv6(const uint8_t address[16], uint32_t* ipv4);

// True for the IPv6 unspecified and loopback addresses, unique local (and so
// AWS's fd00:ec2::254), link-local, site-local, multicast, documentation,
// discard-only and local-use NAT64 (64:ff9b:1::/48) ranges, and for the
// forms that carry an IPv4 address when that address is internal:
// IPv4-compatible ::/96, mapped ::ffff:0:0/96, translated ::ffff:0:0:0/96,
// NAT64 64:ff9b::/96, 6to4 2002::/16 and Teredo 2001::/32 (server or
// client address).
bool IsInternalIpv6(const uint8_t address[16]);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_NET_IP_ADDRESS_H_
