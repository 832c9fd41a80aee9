// Matching a URL against a compiled mcpguard.v1.UrlMatcher: scheme, host
// allow and deny globs, internal addresses. Reading the URL is url_host.cc.
#include "policy/url_matcher.h"

#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "net/ip_address.h"

namespace mcpguard::internal {
namespace {

using Proto = mcpguard::v1::UrlMatcher;

constexpr const char* kDefaultSchemes[] = {"https", "http"};

// Checks a host glob and returns it compiled; the error names no field. A
// literal is normalized like a URL's host ("LOCALHOST." is "localhost",
// "[::FFFF:127.0.0.1]" and "::ffff:127.0.0.1" are "::ffff:7f00:1", "127.1"
// is "127.0.0.1"), so that it compares equal to what Check sees. Patterns
// that can never match a normalized host are errors: a deny glob that
// silently matches nothing is a hole in the policy.
absl::StatusOr<Glob> CompileHostGlob(absl::string_view pattern) {
  absl::StatusOr<Glob> glob = Glob::Compile(pattern, /*ignore_case=*/true);
  if (!glob.ok()) return glob.status();
  const bool literal = glob->is_literal();
  for (size_t k = 0; k < pattern.size(); ++k) {
    if (!literal && (pattern[k] == '*' || pattern[k] == '?')) continue;
    if (pattern[k] == '\\') ++k;
    const unsigned char c = static_cast<unsigned char>(pattern[k]);
    // Hosts hold letters, digits, "-", "_" and "." (url_host.cc), and ":"
    // in IPv6 addresses; brackets may appear in a literal, which is
    // normalized below.
    const bool allowed = absl::ascii_isalnum(c) || c == '-' || c == '_' || c == '.' ||
                         c == ':' || (literal && (c == '[' || c == ']'));
    if (!allowed) {
      return absl::InvalidArgumentError(
          absl::StrCat("\"", absl::CEscape(pattern), "\" can never match: a host has no \"",
                       absl::CEscape(absl::string_view(&pattern[k], 1)), "\""));
    }
  }
  if (!literal) {
    if (absl::EndsWith(pattern, ".")) {
      return absl::InvalidArgumentError(absl::StrCat(
          "\"", absl::CEscape(pattern), "\" can never match: hosts lose their trailing \".\""));
    }
    return glob;
  }
  const std::string& text = glob->literal();
  const bool bare_ipv6 = absl::StrContains(text, ':') && !absl::StartsWith(text, "[");
  const std::string url = absl::StrCat("http://", bare_ipv6 ? "[" : "", text, bare_ipv6 ? "]" : "");
  std::string buffer(kMaxUrlBytes, '\0');
  UrlHost host;
  if (ParseUrlHost(url, &buffer[0], &host) != UrlProblem::kNone || host.host.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", absl::CEscape(pattern), "\" is not a valid host name or IP address"));
  }
  // No byte of a normalized host is one a glob reads.
  return Glob::Compile(host.host, /*ignore_case=*/true);
}

std::string QuotedPatterns(const std::vector<Glob>& globs) {
  return absl::StrJoin(globs, ", ", [](std::string* out, const Glob& glob) {
    absl::StrAppend(out, "\"", absl::CEscape(glob.pattern()), "\"");
  });
}

}  // namespace

absl::string_view UrlProblemText(UrlProblem problem) {
  static_assert(kMaxUrlBytes == 8192, "update kTooLong's text");
  switch (problem) {
    case UrlProblem::kNone: return "is acceptable";
    case UrlProblem::kTooLong: return "is longer than 8192 bytes";
    case UrlProblem::kMalformed: return "is not a well-formed URL with a host";
    case UrlProblem::kScheme: return "uses a scheme that is not allowed";
    case UrlProblem::kInternalAddress: return "names an internal address";
    case UrlProblem::kHostDenied: return "names a denied host";
    case UrlProblem::kHostNotAllowed: return "names a host that is not allowed";
  }
  return "is not acceptable";
}

absl::StatusOr<std::unique_ptr<UrlMatcher>> UrlMatcher::Compile(const Proto& proto) {
  std::unique_ptr<UrlMatcher> m(new UrlMatcher());
  std::vector<std::string> errors;
  for (int k = 0; k < proto.schemes_size(); ++k) {
    const std::string& scheme = proto.schemes(k);
    const char* problem = nullptr;
    if (scheme.empty()) {
      problem = "empty";
    } else if (scheme.size() > kMaxSchemeBytes) {
      problem = "longer than 64 bytes";
    } else if (!absl::ascii_islower(static_cast<unsigned char>(scheme[0]))) {
      problem = "must start with a lowercase letter";
    } else {
      for (char c : scheme) {
        if (!absl::ascii_islower(static_cast<unsigned char>(c)) &&
            !absl::ascii_isdigit(static_cast<unsigned char>(c)) && c != '+' && c != '-' &&
            c != '.') {
          problem = "must be lowercase letters, digits, +, - or .";
        }
      }
    }
    if (problem != nullptr) errors.push_back(absl::StrCat("schemes[", k, "]: ", problem));
    m->schemes_.push_back(scheme);
  }
  if (m->schemes_.empty()) {
    m->schemes_.assign(std::begin(kDefaultSchemes), std::end(kDefaultSchemes));
  }

  const auto compile_hosts = [&errors](const auto& patterns, const char* field,
                                       std::vector<Glob>* globs) {
    for (int k = 0; k < patterns.size(); ++k) {
      absl::StatusOr<Glob> glob = CompileHostGlob(patterns.Get(k));
      if (glob.ok()) {
        globs->push_back(*std::move(glob));
      } else {
        errors.push_back(absl::StrCat(field, "[", k, "]: ", glob.status().message()));
      }
    }
  };
  compile_hosts(proto.allow_hosts(), "allow_hosts", &m->allow_hosts_);
  compile_hosts(proto.deny_hosts(), "deny_hosts", &m->deny_hosts_);
  if (!errors.empty()) return absl::InvalidArgumentError(absl::StrJoin(errors, "; "));
  m->allow_internal_ = proto.allow_internal();
  return m;
}

UrlProblem UrlMatcher::Check(absl::string_view url, UrlMemo* memo) const {
  if (url.size() > kMaxUrlBytes) return UrlProblem::kTooLong;
  // `buffer` outlives every use of `host` below; the memo never keeps a
  // view into it.
  char buffer[kMaxUrlBytes];
  UrlHost host;
  UrlProblem parsed = UrlProblem::kNone;
  if (memo == nullptr || !memo->Find(url, &parsed, &host)) {
    parsed = ParseUrlHost(url, buffer, &host);
    if (memo != nullptr) memo->Remember(url, parsed, host);
  }
  if (parsed != UrlProblem::kNone) return parsed;
  if (!absl::c_linear_search(schemes_, host.scheme)) return UrlProblem::kScheme;
  if (host.host.empty()) return UrlProblem::kMalformed;
  if (!allow_internal_ && IsInternalHost(host)) return UrlProblem::kInternalAddress;
  // An IPv6 address that carries an IPv4 one ("[::ffff:169.254.169.254]")
  // reaches that IPv4 address: globs see its dotted text too, so that a
  // deny of "169.254.*" covers it.
  char ipv4_text[kMaxIpv4TextBytes];
  absl::string_view ipv4_host;
  uint32_t ipv4 = 0;
  if (host.is_ipv6 && Ipv4InIpv6(host.ipv6, &ipv4)) {
    ipv4_host = absl::string_view(ipv4_text, FormatIpv4(ipv4, ipv4_text));
  }
  const auto matches = [&](const Glob& glob) {
    return glob.Matches(host.host) || (!ipv4_host.empty() && glob.Matches(ipv4_host));
  };
  for (const Glob& glob : deny_hosts_) {
    if (matches(glob)) return UrlProblem::kHostDenied;
  }
  if (allow_hosts_.empty()) return UrlProblem::kNone;
  for (const Glob& glob : allow_hosts_) {
    if (matches(glob)) return UrlProblem::kNone;
  }
  return UrlProblem::kHostNotAllowed;
}

std::string UrlMatcher::Describe() const {
  std::string out = absl::StrCat("url with scheme ", absl::StrJoin(schemes_, " or "));
  if (!allow_hosts_.empty()) absl::StrAppend(&out, ", host in ", QuotedPatterns(allow_hosts_));
  if (!deny_hosts_.empty()) absl::StrAppend(&out, ", host not in ", QuotedPatterns(deny_hosts_));
  absl::StrAppend(&out,
                  allow_internal_ ? ", internal addresses allowed" : ", no internal addresses");
  return out;
}

}  // namespace mcpguard::internal
