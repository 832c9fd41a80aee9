// Reading a URL's scheme and host (the WHATWG URL Standard's basic URL
// parser, without a base URL, reduced to what the host needs) and matching
// them. IP literals are parsed and classified in net/ip_address.h.
//
// Where this departs from the standard, it refuses (kMalformed) what the
// standard accepts, never the reverse:
// - Non-ASCII hosts, raw or percent-encoded: no IDNA here, and IDNA maps
//   e.g. fullwidth digits to an IPv4 address.
// - Empty labels ("a..b", ".a", "a.."): DNS cannot resolve them.
// - More than one "@" in the authority, or a special URL whose authority
//   ends at "\": RFC 3986 readers (Python's urllib, aiohttp; curl) read on
//   to the next "/", "?" or "#" and take a different host
//   ("http://a.example.com\x.evil.com/" is "a.example.com" to WHATWG and
//   "a.example.com\x.evil.com", so "a.example.comx.evil.com", to them).
// - Names with a byte other than a-z, 0-9, "-", "_" and ".", and any
//   percent-encoded byte: the standard allows ";", "'", "{" and such in a
//   host, but older clients (node-fetch 2, request, needle) stop the host
//   there, or at a "%", and connect to "169.254.169.254" for
//   "169.254.169.254;.example.org". No DNS name needs them.
// - A scheme longer than kMaxSchemeBytes.
// - A NUL byte anywhere: a tool that hands the URL on as a C string
//   (libcurl) cuts it there, so "http://127.0.0.1\0@example.com/" is
//   example.com to the standard and 127.0.0.1 to the fetch.
// And it is stricter in what it calls internal: hosts of non-special
// schemes ("redis://0x7f000001") are read like http hosts, not as opaque
// text, and "file://localhost" keeps "localhost".
#include <cstdint>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "net/ip_address.h"
#include "net/url_bytes.h"
#include "net/url_host.h"

namespace mcpguard::internal {
namespace {

// Host names that reach the machine itself, its cloud's metadata service or
// the local network, whatever DNS says. Any name without a dot is internal
// too (hosts files and resolver search domains: "metadata", "kubernetes",
// "db"), so the one-label names here document known targets.
constexpr absl::string_view kInternalNames[] = {
    // Loopback, with the /etc/hosts names of Debian and Red Hat.
    "localhost", "localhost.localdomain", "localhost6", "localhost6.localdomain6",
    "ip6-localhost", "ip6-loopback",
    // Cloud metadata services: GCP, AWS, Tencent Cloud, Equinix Metal.
    "metadata", "metadata.goog", "metadata.google.internal",
    "instance-data", "instance-data.ec2.internal",
    "metadata.tencentyun.com", "metadata.platformequinix.com",
    // The Kubernetes API server as a pod reaches it through its search
    // domains (any short name may be a service there: see docs/policy.md).
    "kubernetes.default",
};
constexpr absl::string_view kInternalSuffixes[] = {
    ".localhost",    // RFC 6761: always loopback.
    ".local",        // mDNS (RFC 6762).
    ".internal",     // ICANN's private-use TLD; GCP and AWS internal names.
    ".localdomain",  // Common /etc/hosts domain.
    ".home.arpa",    // Home networks (RFC 8375).
    ".svc",          // Kubernetes services ("kubernetes.default.svc").
};

enum class SchemeKind { kSpecial, kFile, kOther };

SchemeKind KindOf(absl::string_view scheme) {
  if (scheme == "file") return SchemeKind::kFile;
  for (absl::string_view special : {"http", "https", "ws", "wss", "ftp"}) {
    if (scheme == special) return SchemeKind::kSpecial;
  }
  return SchemeKind::kOther;
}

bool IsSlash(char c, bool special) { return c == '/' || (special && c == '\\'); }

// What a host name may hold (lowercase): letters, digits, "-", "_", ".".
struct NameByteTable {
  bool ok[256] = {};
  constexpr NameByteTable() {
    for (unsigned c = 'a'; c <= 'z'; ++c) ok[c] = true;
    for (unsigned c = '0'; c <= '9'; ++c) ok[c] = true;
    ok[static_cast<unsigned char>('-')] = true;
    ok[static_cast<unsigned char>('_')] = true;
    ok[static_cast<unsigned char>('.')] = true;
  }
};
constexpr NameByteTable kNameBytes;

// What the authority scan needs to know of each byte. kEnd and kEndSpecial
// end the authority (the latter for special schemes only); kColon starts a
// port; kSlow marks every byte the plain path cannot take as it is: tabs
// and newlines (removed), uppercase (lowercased), bytes no host name has
// (refused), and "@" and "[" (userinfo, IPv6).
enum AuthorityByte : uint8_t { kEnd = 1, kEndSpecial = 2, kColon = 4, kSlow = 8 };

struct AuthorityTable {
  uint8_t bits[256] = {};
  constexpr AuthorityTable() {
    for (unsigned c = 0; c < 256; ++c) {
      // Anything but a lowercase name byte: uppercase is lowercased, the
      // rest is refused or read by the general path.
      if (!kNameBytes.ok[c]) bits[c] = kSlow;
    }
    bits[static_cast<unsigned char>('/')] = kEnd;
    bits[static_cast<unsigned char>('?')] = kEnd;
    bits[static_cast<unsigned char>('#')] = kEnd;
    bits[static_cast<unsigned char>('\\')] = kEndSpecial | kSlow;
    bits[static_cast<unsigned char>(':')] = kColon;
  }
};
constexpr AuthorityTable kAuthorityBytes;

size_t SkipTabs(absl::string_view s, size_t i) {
  while (i < s.size() && IsUrlTabOrNewline(s[i])) ++i;
  return i;
}

// Digits only (tabs and newlines removed), at most 65535; empty is fine.
bool IsValidPort(absl::string_view port) {
  uint32_t value = 0;
  for (char c : port) {
    if (IsUrlTabOrNewline(c)) continue;
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
    value = value * 10 + static_cast<uint32_t>(c - '0');
    if (value > 65535) return false;
  }
  return true;
}

// A lowercase domain `name` of name bytes only (kNameBytes): drop one
// trailing dot, check the labels, then read it as IPv4 if it ends in a
// number, writing the canonical IPv4 text to `scratch`
// (which may be where `name` is).
UrlProblem FinishDomain(absl::string_view name, char* scratch, UrlHost* out) {
  if (absl::EndsWith(name, ".")) name.remove_suffix(1);
  if (name.empty() || name.front() == '.' || name.back() == '.') return UrlProblem::kMalformed;
  for (size_t k = 1; k < name.size(); ++k) {  // An empty label: "a..b".
    if (name[k] == '.' && name[k - 1] == '.') return UrlProblem::kMalformed;
  }
  switch (ParseIpv4(name, &out->ipv4)) {
    case Ipv4Parse::kInvalid:
      return UrlProblem::kMalformed;
    case Ipv4Parse::kIpv4:
      out->is_ipv4 = true;
      out->host = absl::string_view(scratch, FormatIpv4(out->ipv4, scratch));
      return UrlProblem::kNone;
    case Ipv4Parse::kNotIpv4:
      break;
  }
  out->host = name;
  return UrlProblem::kNone;
}

// A domain (not bracketed) of `length` raw bytes at `host`: check,
// lowercase, then FinishDomain in place. A "%" is refused (see above).
UrlProblem ParseDomain(char* host, size_t length, UrlHost* out) {
  for (size_t k = 0; k < length; ++k) {
    const unsigned char c = absl::ascii_tolower(static_cast<unsigned char>(host[k]));
    if (!kNameBytes.ok[c]) return UrlProblem::kMalformed;
    host[k] = static_cast<char>(c);
  }
  return FinishDomain(absl::string_view(host, length), host, out);
}

}  // namespace

UrlProblem ParseUrlHost(absl::string_view url, char* buffer, UrlHost* out) {
  *out = UrlHost();
  if (url.size() > kMaxUrlBytes) return UrlProblem::kTooLong;
  if (url.find('\0') != absl::string_view::npos) return UrlProblem::kMalformed;
  while (!url.empty() && IsUrlC0OrSpace(url.front())) url.remove_prefix(1);
  while (!url.empty() && IsUrlC0OrSpace(url.back())) url.remove_suffix(1);

  // Scheme: a letter, then letters, digits, "+", "-" and ".", up to ":".
  size_t i = 0;
  size_t scheme_length = 0;
  for (; i < url.size() && url[i] != ':'; ++i) {
    const unsigned char c = static_cast<unsigned char>(url[i]);
    if (IsUrlTabOrNewline(url[i])) continue;
    const bool later = absl::ascii_isdigit(c) || c == '+' || c == '-' || c == '.';
    const bool ok = absl::ascii_isalpha(c) || (scheme_length > 0 && later);
    if (!ok || scheme_length == kMaxSchemeBytes) return UrlProblem::kMalformed;
    buffer[scheme_length++] = absl::ascii_tolower(c);
  }
  if (i == url.size() || scheme_length == 0) return UrlProblem::kMalformed;
  out->scheme = absl::string_view(buffer, scheme_length);
  ++i;

  // Special schemes skip any run of "/" and "\" (even none); "file" and the
  // others have an authority only after exactly two slashes.
  const SchemeKind kind = KindOf(out->scheme);
  const bool special = kind != SchemeKind::kOther;
  if (kind == SchemeKind::kSpecial) {
    while (i < url.size() && (IsSlash(url[i], true) || IsUrlTabOrNewline(url[i]))) ++i;
  } else {
    const size_t first = SkipTabs(url, i);
    const size_t second = SkipTabs(url, first + 1);
    if (second >= url.size() || !IsSlash(url[first], special) || !IsSlash(url[second], special)) {
      return UrlProblem::kNone;  // No authority: the host is empty.
    }
    i = second + 1;
  }
  // One scan finds the end of the authority, its first ":" and whether any
  // byte needs the general path below; most authorities ("api.example.com",
  // "host:8080") do not, and are read in place.
  const uint8_t ends = special ? (kEnd | kEndSpecial) : kEnd;
  size_t end = i;
  size_t first_colon = absl::string_view::npos;
  uint8_t seen = 0;
  for (; end < url.size(); ++end) {
    const uint8_t bits = kAuthorityBytes.bits[static_cast<unsigned char>(url[end])];
    if ((bits & ends) != 0) break;
    seen |= bits;
    if ((bits & kColon) != 0 && first_colon == absl::string_view::npos) first_colon = end - i;
  }
  absl::string_view authority = url.substr(i, end - i);
  if (special && end < url.size() && url[end] == '\\') return UrlProblem::kMalformed;
  if ((seen & kSlow) == 0 && !(kind == SchemeKind::kFile && first_colon != absl::string_view::npos)) {
    if (first_colon != absl::string_view::npos &&
        !IsValidPort(authority.substr(first_colon + 1))) {
      return UrlProblem::kMalformed;
    }
    const absl::string_view name = authority.substr(0, first_colon);
    if (name.empty()) {
      // As below: "file:///etc" has an empty host; http, or a port, needs one.
      const bool needs_host =
          kind == SchemeKind::kSpecial || first_colon != absl::string_view::npos;
      return needs_host ? UrlProblem::kMalformed : UrlProblem::kNone;
    }
    return FinishDomain(name, buffer + scheme_length, out);
  }

  // Userinfo ends at the "@"; readers disagree on which one if there are
  // several, or if a "\" (WHATWG's end of the authority, not RFC 3986's)
  // comes before it.
  const size_t at = authority.find('@');
  if (at != absl::string_view::npos) {
    if (authority.find('@', at + 1) != absl::string_view::npos || kind == SchemeKind::kFile) {
      return UrlProblem::kMalformed;
    }
    authority.remove_prefix(at + 1);
  }

  // The port follows the first ":" outside brackets.
  size_t colon = absl::string_view::npos;
  bool in_brackets = false;
  for (size_t k = 0; k < authority.size() && colon == absl::string_view::npos; ++k) {
    if (authority[k] == '[') in_brackets = true;
    if (authority[k] == ']') in_brackets = false;
    if (authority[k] == ':' && !in_brackets) colon = k;
  }
  if (colon != absl::string_view::npos &&
      (kind == SchemeKind::kFile || !IsValidPort(authority.substr(colon + 1)))) {
    return UrlProblem::kMalformed;
  }

  char* const host = buffer + scheme_length;
  size_t length = 0;
  for (char c : authority.substr(0, colon)) {
    if (!IsUrlTabOrNewline(c)) host[length++] = c;
  }
  if (length == 0) {
    // "file:///etc" and "foo:///x" have an empty host; http needs one, and
    // userinfo or a port needs one.
    const bool needs_host = kind == SchemeKind::kSpecial || at != absl::string_view::npos ||
                            colon != absl::string_view::npos;
    return needs_host ? UrlProblem::kMalformed : UrlProblem::kNone;
  }
  if (host[0] != '[') return ParseDomain(host, length, out);
  if (length < 2 || host[length - 1] != ']' ||
      !ParseIpv6(absl::string_view(host + 1, length - 2), out->ipv6)) {
    return UrlProblem::kMalformed;
  }
  out->is_ipv6 = true;
  out->host = absl::string_view(host, FormatIpv6(out->ipv6, host));
  return UrlProblem::kNone;
}

bool IsInternalHost(const UrlHost& host) {
  if (host.is_ipv4) return IsInternalIpv4(host.ipv4);
  if (host.is_ipv6) return IsInternalIpv6(host.ipv6);
  const absl::string_view name = host.host;
  if (name.empty()) return false;
  if (!absl::StrContains(name, '.')) return true;
  // `name` is lowercase (ParseUrlHost), as are the lists.
  for (absl::string_view internal : kInternalNames) {
    if (name == internal) return true;
  }
  for (absl::string_view suffix : kInternalSuffixes) {
    if (absl::EndsWith(name, suffix)) return true;
  }
  return false;
}

}  // namespace mcpguard::internal
