// A compiled mcpguard.v1.UrlMatcher: may a tool fetch this URL? (SSRF.)
//
// Design note: the URL is read the way the server's URL library will read
// it (the WHATWG URL Standard, which Node's URL and browsers follow), so that
// what the guard checks is what gets fetched: leading/trailing C0 controls
// and spaces trimmed, tabs and newlines removed, "\" as "/" for special
// schemes, userinfo before the last "@" ignored, the host percent-decoded
// and lowercased, IPv4 in any form the standard accepts (1 to 4 parts, each
// decimal, octal with a leading 0 or hex with 0x: "2130706433",
// "0177.0.0.1", "0x7f.1"), IPv6 in brackets (with "::" and an embedded
// dotted IPv4), a trailing "." of a name dropped. Then the address is
// classified: loopback, private, link-local, unspecified, shared (CGNAT),
// multicast, reserved and cloud metadata ranges, for IPv4 and for IPv6,
// including IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d),
// NAT64 (64:ff9b::/96) and 6to4 (2002::/16) forms of an internal IPv4.
// Names: "localhost" and "*.localhost", any name without a dot (hosts files
// and resolver search domains), the special-use suffixes and the metadata
// names listed in net/url_host.cc are internal. A name that resolves to an
// internal address (DNS rebinding) is beyond a lexical check;
// docs/policy.md says so. Where readers disagree (non-ASCII hosts, which
// would need IDNA; several "@"; "\" before "@"), the URL is kMalformed.
#ifndef MCPGUARD_POLICY_URL_MATCHER_H_
#define MCPGUARD_POLICY_URL_MATCHER_H_

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "mcpguard/v1/policy.pb.h"
#include "net/url_host.h"
#include "policy/glob.h"
#include "policy/url_memo.h"

namespace mcpguard::internal {

absl::string_view UrlProblemText(UrlProblem problem);

// Immutable. Thread-safe.
class UrlMatcher {
 public:
  // InvalidArgument naming the field for a bad scheme or host glob, every
  // issue in one message joined by "; ". A host glob that can never match a
  // normalized host ("https://x.com", "*.x.com.") is an error; a literal
  // one is normalized like a URL's host ("127.1" is "127.0.0.1").
  static absl::StatusOr<std::unique_ptr<UrlMatcher>> Compile(
      const mcpguard::v1::UrlMatcher& proto);

  // kNone when `url` is acceptable. Never allocates. With a `memo`, a URL
  // another matcher read in the same message is not read again.
  UrlProblem Check(absl::string_view url, UrlMemo* memo = nullptr) const;

  // For explanations: `url with scheme https, host in "api.example.com",
  // no internal addresses`.
  std::string Describe() const;

 private:
  UrlMatcher() = default;
  std::vector<std::string> schemes_;
  std::vector<Glob> allow_hosts_, deny_hosts_;
  bool allow_internal_ = false;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_URL_MATCHER_H_
