// Reading a URL's scheme and host as the WHATWG URL Standard does, and
// whether the host is internal (loopback, private, link-local, cloud
// metadata, names without a dot, special-use suffixes): what UrlMatcher
// (policy/url_matcher.h) and the ssrf_target detector build on. The rules
// and where they are stricter than the standard: url_host.cc.
#ifndef MCPGUARD_NET_URL_HOST_H_
#define MCPGUARD_NET_URL_HOST_H_

#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"

namespace mcpguard::internal {

// Longest URL read; longer is kTooLong.
inline constexpr size_t kMaxUrlBytes = 8192;

// Longest scheme read. With it, scheme, host and the canonical text of an
// IP literal (kMaxIpv6TextBytes) always fit in the kMaxUrlBytes buffer.
inline constexpr size_t kMaxSchemeBytes = 64;

enum class UrlProblem {
  kNone,             // Acceptable.
  kTooLong,
  kMalformed,        // No scheme, no host where one is needed, bad port,
                     // bad percent-encoding, bad IPv4/IPv6 literal, ...
  kScheme,           // Scheme not allowed.
  kInternalAddress,  // Loopback, private, link-local, metadata, ...
  kHostDenied,       // Matches a deny_hosts glob.
  kHostNotAllowed,   // allow_hosts set and none matches.
};

// What the parser read, for tests and explanations. Views point into the
// URL or the caller's buffer (see ParseUrlHost).
struct UrlHost {
  absl::string_view scheme;  // Lowercase.
  // Lowercased, without a trailing "."; for an IP literal
  // its canonical text ("127.0.0.1", "::ffff:7f00:1": IPv6 without
  // brackets). Empty when the URL has no authority ("mailto:a@b",
  // "file:///etc").
  absl::string_view host;
  bool is_ipv4 = false;
  bool is_ipv6 = false;
  uint32_t ipv4 = 0;         // When is_ipv4.
  uint8_t ipv6[16] = {};     // When is_ipv6.
};

// Parses `url`'s scheme and host into `out`, using `buffer` (kMaxUrlBytes
// bytes) for decoded text; out's views stay valid while `url` and `buffer`
// are neither freed nor reused (a plain host is viewed in `url` itself).
// kNone, kTooLong (url.size() > kMaxUrlBytes, before trimming) or
// kMalformed. Never allocates.
UrlProblem ParseUrlHost(absl::string_view url, char* buffer, UrlHost* out);

// True for an internal address (ip_address.h) or name: "localhost" and
// "*.localhost", any name without a dot (hosts files and resolver search
// domains), the special-use suffixes and cloud metadata names listed in
// url_host.cc. `host.host` is lowercase, as ParseUrlHost leaves it.
bool IsInternalHost(const UrlHost& host);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_NET_URL_HOST_H_
