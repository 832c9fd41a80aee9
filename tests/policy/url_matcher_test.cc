#include "policy/url_matcher.h"

#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "policy/resolved_fields.h"
#include "policy/url_memo.h"
#include "support/heap_counter.h"

namespace mcpguard::internal {
namespace {

mcpguard::v1::UrlMatcher Parse(const std::string& text) {
  mcpguard::v1::UrlMatcher proto;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &proto)) << text;
  return proto;
}

std::unique_ptr<UrlMatcher> MustCompile(const std::string& text) {
  auto m = UrlMatcher::Compile(Parse(text));
  EXPECT_TRUE(m.ok()) << m.status();
  return m.ok() ? *std::move(m) : nullptr;
}

std::string Name(UrlProblem problem) { return std::string(UrlProblemText(problem)); }

enum class Kind { kName, kIpv4, kIpv6 };

struct ParseCase {
  const char* name;
  std::string url;
  UrlProblem problem;
  const char* scheme = "";
  const char* host = "";
  Kind kind = Kind::kName;
};

class UrlParseTest : public testing::TestWithParam<ParseCase> {};

TEST_P(UrlParseTest, ReadsSchemeAndHost) {
  const ParseCase& c = GetParam();
  std::vector<char> buffer(kMaxUrlBytes);
  UrlHost host;
  ASSERT_EQ(Name(ParseUrlHost(c.url, buffer.data(), &host)), Name(c.problem));
  if (c.problem != UrlProblem::kNone) return;
  EXPECT_EQ(host.scheme, c.scheme);
  EXPECT_EQ(host.host, c.host);
  EXPECT_EQ(host.is_ipv4, c.kind == Kind::kIpv4);
  EXPECT_EQ(host.is_ipv6, c.kind == Kind::kIpv6);
}

constexpr UrlProblem kOk = UrlProblem::kNone;
constexpr UrlProblem kBad = UrlProblem::kMalformed;

INSTANTIATE_TEST_SUITE_P(
    All, UrlParseTest,
    testing::Values(
        ParseCase{"Simple", "https://example.com/x", kOk, "https", "example.com"},
        ParseCase{"CaseAndTrailingDot", "HTTP://Example.COM./x", kOk, "http", "example.com"},
        ParseCase{"PortQueryFragment", "http://a.example:8080?q#f", kOk, "http", "a.example"},
        ParseCase{"EmptyPort", "http://example.com:/", kOk, "http", "example.com"},
        ParseCase{"MaxPort", "http://example.com:065535", kOk, "http", "example.com"},
        ParseCase{"UserinfoIgnored", "http://u:p@example.com/", kOk, "http", "example.com"},
        ParseCase{"EncodedSlashInUserinfo", "http://127.0.0.1%2f@evil.com", kOk, "http",
                  "evil.com"},
        ParseCase{"FragmentBeforeAt", "http://127.0.0.1#@evil.com", kOk, "http", "127.0.0.1",
                  Kind::kIpv4},
        ParseCase{"LeadingControlsTrimmed", std::string("\x01  http://a.example \x1f"), kOk,
                  "http", "a.example"},
        ParseCase{"TabsAndNewlinesRemoved", "h\tt\ntp://ex\ra\tmple.com:8\t0", kOk, "http",
                  "example.com"},
        ParseCase{"BackslashesAsSlashes", "http:\\\\127.0.0.1", kOk, "http", "127.0.0.1",
                  Kind::kIpv4},
        ParseCase{"OneSlash", "http:/127.0.0.1", kOk, "http", "127.0.0.1", Kind::kIpv4},
        ParseCase{"NoSlash", "http:127.0.0.1", kOk, "http", "127.0.0.1", Kind::kIpv4},
        ParseCase{"ThreeSlashes", "http:///x/y", kOk, "http", "x"},
        ParseCase{"ManySlashes", "https:////\\/example.com", kOk, "https", "example.com"},
        // The standard decodes "%31" in a host; request and needle stop the
        // host at the "%": refused, as any byte no DNS name has.
        ParseCase{"PercentEncodedHost", "http://%31%32%37.0.0.1", kBad},
        ParseCase{"EncodedDot", "http://example%2ECOM", kBad},
        ParseCase{"SemicolonInName", "http://169.254.169.254;.example.org/", kBad},
        ParseCase{"EncodedSemicolonInName", "http://169.254.169.254%3b.example.org/", kBad},
        ParseCase{"BacktickInName", "http://2130706433`.example.org/x", kBad},
        ParseCase{"QuoteInName", "http://10.0.0.1'.example.org/", kBad},
        ParseCase{"BraceInName", "http://127.0.0.1{.example.org/", kBad},
        ParseCase{"UnderscoreInName", "http://my_host.example.com/", kOk, "http",
                  "my_host.example.com"},
        // WHATWG ends the host at "\"; urllib and aiohttp read on to "/".
        ParseCase{"BackslashEndsAuthority", "http://allowed.example.com\\x.evil.com/", kBad},
        ParseCase{"NonSpecialBackslashStaysInPath", "foo://example.com/a\\b", kOk, "foo",
                  "example.com"},
        ParseCase{"ShortIpv4", "http://0x7f.1", kOk, "http", "127.0.0.1", Kind::kIpv4},
        ParseCase{"ZeroIpv4", "http://0/", kOk, "http", "0.0.0.0", Kind::kIpv4},
        ParseCase{"Ipv4TrailingDot", "http://127.0.0.1./", kOk, "http", "127.0.0.1",
                  Kind::kIpv4},
        ParseCase{"Ipv6Canonical", "http://[0:0:0:0:0:FFFF:127.0.0.1]:80/", kOk, "http",
                  "::ffff:7f00:1", Kind::kIpv6},
        ParseCase{"NonSpecialHost", "redis://0x7f000001:6379/", kOk, "redis", "127.0.0.1",
                  Kind::kIpv4},
        ParseCase{"NonSpecialBackslashInUserinfo", "foo://evil.com\\@example.com/", kOk, "foo",
                  "example.com"},
        ParseCase{"NonSpecialNoAuthority", "mailto:a@example.com", kOk, "mailto", ""},
        ParseCase{"NonSpecialOneSlash", "foo:/example.com", kOk, "foo", ""},
        ParseCase{"FileNoHost", "file:///etc/passwd", kOk, "file", ""},
        ParseCase{"FileHost", "file://LocalHost/etc/passwd", kOk, "file", "localhost"},
        ParseCase{"PlusDotDashScheme", "a+b.c-d://example.com", kOk, "a+b.c-d", "example.com"},
        ParseCase{"AsteriskInName", "http://a*b.example", kBad},
        ParseCase{"Empty", "", kBad},
        ParseCase{"NoScheme", "example.com/x", kBad},
        ParseCase{"SchemeRelative", "//example.com", kBad},
        ParseCase{"SchemeStartsWithDigit", "1http://example.com", kBad},
        ParseCase{"SchemeBadChar", "ht_tp://example.com", kBad},
        ParseCase{"SchemeTooLong", std::string(65, 'a') + "://example.com", kBad},
        // A C-string reader (libcurl) would stop at the NUL and fetch
        // 127.0.0.1 (found by an adversarial review; it was example.com).
        ParseCase{"NulInUserinfo", std::string("http://127.0.0.1:8765\0@example.com/", 35), kBad},
        ParseCase{"NulInPath", std::string("http://example.com/a\0b", 22), kBad},
        ParseCase{"NoHost", "http://", kBad},
        ParseCase{"NoHostBeforeQuery", "http:///?q", kBad},
        ParseCase{"UserinfoNoHost", "http://user@/x", kBad},
        ParseCase{"PortNoHost", "http://:80/", kBad},
        ParseCase{"NonSpecialUserinfoNoHost", "foo://user@/x", kBad},
        ParseCase{"PortTooBig", "http://example.com:65536", kBad},
        ParseCase{"PortWayTooBig", "http://example.com:99999999999999999999", kBad},
        ParseCase{"PortNotDigits", "http://example.com:8o", kBad},
        ParseCase{"TwoPorts", "http://example.com:1:2", kBad},
        ParseCase{"TwoAts", "http://a@b@127.0.0.1/", kBad},
        ParseCase{"BackslashThenAt", "http://evil.com\\@127.0.0.1/", kBad},
        ParseCase{"BackslashThenAtAfterPort", "http://127.0.0.1:80\\@evil.com/", kBad},
        ParseCase{"FileUserinfo", "file://u@host/x", kBad},
        ParseCase{"FilePort", "file://host:80/x", kBad},
        ParseCase{"Space", "http://exa mple.com", kBad},
        ParseCase{"EncodedSpace", "http://exa%20mple.com", kBad},
        ParseCase{"EncodedNul", "http://a%00.example.com", kBad},
        ParseCase{"EncodedTab", "http://a%09.example.com", kBad},
        ParseCase{"Del", "http://a\x7f.example.com", kBad},
        ParseCase{"BadPercent", "http://a%zz.example.com", kBad},
        ParseCase{"TruncatedPercent", "http://example.com%2", kBad},
        ParseCase{"DoubleEncodedPercent", "http://%2531%2532%2537.0.0.1", kBad},
        ParseCase{"ForbiddenChar", "http://exa<mple.com", kBad},
        ParseCase{"Caret", "http://exa^mple.com", kBad},
        ParseCase{"Pipe", "http://exa|mple.com", kBad},
        ParseCase{"NonAscii", "http://\xef\xbc\x91\xef\xbc\x92\xef\xbc\x97.0.0.1", kBad},
        ParseCase{"EncodedNonAscii", "http://%ef%bc%91%ef%bc%92%ef%bc%97.0.0.1", kBad},
        ParseCase{"EmptyLabel", "http://a..example.com", kBad},
        ParseCase{"LeadingDot", "http://.example.com", kBad},
        ParseCase{"TwoTrailingDots", "http://example.com..", kBad},
        ParseCase{"OnlyDot", "http://./", kBad},
        ParseCase{"Ipv4PartTooBig", "http://256.0.0.1", kBad},
        ParseCase{"Ipv4FiveParts", "http://1.2.3.4.5", kBad},
        ParseCase{"Ipv4Overflow", "http://0x100000000", kBad},
        ParseCase{"EndsInNumberButName", "http://example.1", kBad},
        ParseCase{"Ipv6Unbracketed", "http://::1/", kBad},
        ParseCase{"Ipv6Unclosed", "http://[::1/", kBad},
        ParseCase{"Ipv6TextAfterBracket", "http://[::1]x/", kBad},
        ParseCase{"Ipv6ZoneId", "http://[::1%25eth0]", kBad},
        ParseCase{"Ipv6Encoded", "http://[%3a%3a1]", kBad},
        ParseCase{"BracketInName", "http://a[b].com", kBad},
        ParseCase{"TooLong", "http://example.com/" + std::string(kMaxUrlBytes, 'a'),
                  UrlProblem::kTooLong},
        ParseCase{"LongestAccepted", "http://0/" + std::string(kMaxUrlBytes - 9, 'a'), kOk,
                  "http", "0.0.0.0", Kind::kIpv4}),
    [](const testing::TestParamInfo<ParseCase>& param_info) { return std::string(param_info.param.name); });

struct CheckCase {
  const char* name;
  const char* matcher;  // Text format of mcpguard.v1.UrlMatcher.
  std::string url;
  UrlProblem problem;
};

class UrlCheckTest : public testing::TestWithParam<CheckCase> {};

TEST_P(UrlCheckTest, Checks) {
  const CheckCase& c = GetParam();
  std::unique_ptr<UrlMatcher> m = MustCompile(c.matcher);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(Name(m->Check(c.url)), Name(c.problem)) << c.url;
}

constexpr UrlProblem kInternal = UrlProblem::kInternalAddress;
constexpr UrlProblem kScheme = UrlProblem::kScheme;
constexpr char kDefault[] = "";
constexpr char kHosts[] =
    "allow_hosts: \"*.example.com\" allow_hosts: \"example.com\" "
    "deny_hosts: \"*.evil.example.com\"";

INSTANTIATE_TEST_SUITE_P(
    Ssrf, UrlCheckTest,
    testing::Values(
        CheckCase{"Loopback", kDefault, "http://127.0.0.1", kInternal},
        CheckCase{"LoopbackShort", kDefault, "http://127.1", kInternal},
        CheckCase{"LoopbackDecimal", kDefault, "http://2130706433", kInternal},
        CheckCase{"LoopbackHex", kDefault, "http://0x7f000001", kInternal},
        CheckCase{"LoopbackOctal", kDefault, "http://0177.0.0.1", kInternal},
        CheckCase{"LoopbackHexPart", kDefault, "http://0x7f.0.0.1", kInternal},
        CheckCase{"Ipv6Loopback", kDefault, "http://[::1]", kInternal},
        CheckCase{"Ipv6Unspecified", kDefault, "http://[::]:80/", kInternal},
        CheckCase{"Mapped", kDefault, "http://[::ffff:127.0.0.1]", kInternal},
        CheckCase{"MappedHex", kDefault, "http://[::ffff:7f00:1]", kInternal},
        CheckCase{"MappedLong", kDefault, "http://[0:0:0:0:0:ffff:127.0.0.1]", kInternal},
        CheckCase{"Translated", kDefault, "http://[::ffff:0:127.0.0.1]", kInternal},
        CheckCase{"Nat64", kDefault, "http://[64:ff9b::7f00:1]", kInternal},
        CheckCase{"SixToFour", kDefault, "http://[2002:7f00:1::]", kInternal},
        CheckCase{"Teredo", kDefault, "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]", kInternal},
        CheckCase{"LinkLocalV6", kDefault, "http://[fe80::1]", kInternal},
        CheckCase{"Metadata", kDefault, "http://169.254.169.254/latest/meta-data", kInternal},
        CheckCase{"MetadataAws6", kDefault, "http://[fd00:ec2::254]", kInternal},
        CheckCase{"MetadataAlibaba", kDefault, "http://100.100.100.200/", kInternal},
        CheckCase{"MetadataTencent", kDefault, "http://metadata.tencentyun.com/", kInternal},
        CheckCase{"MetadataEquinix", kDefault, "http://metadata.platformequinix.com/", kInternal},
        CheckCase{"AzureWireServer", kDefault, "http://168.63.129.16/machine?comp=goalstate",
                  kInternal},
        CheckCase{"AzureWireServerMapped", kDefault, "http://[::ffff:a83f:8110]/", kInternal},
        CheckCase{"AzureNeighbourIsPublic", kDefault, "http://168.63.129.17/", kOk},
        CheckCase{"KubernetesApi", kDefault, "https://kubernetes.default/api", kInternal},
        CheckCase{"KubernetesApiSvc", kDefault, "https://kubernetes.default.svc/api", kInternal},
        CheckCase{"MetadataGoogle", kDefault, "http://metadata.google.internal", kInternal},
        CheckCase{"MetadataGoog", kDefault, "http://metadata.goog/", kInternal},
        CheckCase{"MetadataShort", kDefault, "http://metadata/", kInternal},
        CheckCase{"InstanceData", kDefault, "http://instance-data.ec2.internal/", kInternal},
        CheckCase{"LocalhostDot", kDefault, "http://localhost.", kInternal},
        CheckCase{"LocalhostUpper", kDefault, "http://LOCALHOST", kInternal},
        CheckCase{"LocalhostSubdomain", kDefault, "http://app.localhost:3000/", kInternal},
        CheckCase{"Mdns", kDefault, "http://printer.local/", kInternal},
        CheckCase{"Kubernetes", kDefault, "https://kubernetes.default.svc/api", kInternal},
        CheckCase{"SingleLabel", kDefault, "http://db:5432/", kInternal},
        CheckCase{"UserinfoThenInternal", kDefault, "http://evil.com@127.0.0.1/", kInternal},
        CheckCase{"FragmentHidesAt", kDefault, "http://127.0.0.1#@evil.com", kInternal},
        // The WHATWG reading (and Python's, Go's): "127.0.0.1%2f" is userinfo.
        CheckCase{"EncodedSlashUserinfo", kDefault, "http://127.0.0.1%2f@evil.com", kOk},
        CheckCase{"EncodedSlashUserinfoNotAllowed", kHosts, "http://127.0.0.1%2f@evil.com",
                  UrlProblem::kHostNotAllowed},
        CheckCase{"TwoAts", kDefault, "http://a@evil.com@127.0.0.1/", kBad},
        CheckCase{"BackslashAt", kDefault, "http://evil.com\\@127.0.0.1/", kBad},
        CheckCase{"PercentEncoded", kDefault, "http://%31%32%37.0.0.1", kBad},
        CheckCase{"PunctuationBeforeAllowedSuffix", kHosts, "https://10.0.0.5;.example.com/",
                  kBad},
        CheckCase{"OtherHostBeforeAllowedSuffix", kHosts, "https://evil.com;.example.com/", kBad},
        CheckCase{"BackslashBeforeOtherZone", kHosts, "http://example.com\\x.evil.com/", kBad},
        CheckCase{"LeadingSpaces", kDefault, "  http://127.0.0.1", kInternal},
        CheckCase{"TabInScheme", kDefault, "ht\ttp://127.0.0.1", kInternal},
        CheckCase{"Backslashes", kDefault, "http:\\\\127.0.0.1", kInternal},
        CheckCase{"OneSlash", kDefault, "http:/127.0.0.1", kInternal},
        CheckCase{"Fullwidth", kDefault, "http://\xef\xbc\x91\xef\xbc\x92\xef\xbc\x97.0.0.1", kBad},
        CheckCase{"Private10", kDefault, "http://10.0.0.1", kInternal},
        CheckCase{"Private172Top", kDefault, "http://172.31.255.255", kInternal},
        CheckCase{"Public172", kDefault, "http://172.32.0.1", kOk},
        CheckCase{"Cgnat", kDefault, "http://100.64.0.1", kInternal},
        CheckCase{"Public", kDefault, "http://8.8.8.8", kOk},
        CheckCase{"PublicMapped", kDefault, "http://[::ffff:8.8.8.8]", kOk},
        CheckCase{"PublicIpv6", kDefault, "https://[2606:4700:4700::1111]/", kOk},
        CheckCase{"Ipv4PartTooBig", kDefault, "http://256.0.0.1", kBad},
        CheckCase{"Ipv4FiveParts", kDefault, "http://1.2.3.4.5", kBad},
        CheckCase{"Ipv4Overflow", kDefault, "http://0x100000000", kBad},
        CheckCase{"ZoneId", kDefault, "http://[::1%25eth0]", kBad},
        CheckCase{"PortTooBig", kDefault, "http://host:99999", kBad},
        CheckCase{"TooLong", kDefault, "https://example.com/" + std::string(kMaxUrlBytes, 'a'),
                  UrlProblem::kTooLong}),
    [](const testing::TestParamInfo<CheckCase>& param_info) { return std::string(param_info.param.name); });

INSTANTIATE_TEST_SUITE_P(
    Schemes, UrlCheckTest,
    testing::Values(
        CheckCase{"Https", kDefault, "https://example.com/", kOk},
        CheckCase{"HttpUpper", kDefault, "HTTP://Example.COM./x", kOk},
        CheckCase{"Ftp", kDefault, "ftp://example.com/", kScheme},
        CheckCase{"File", kDefault, "file:///etc/passwd", kScheme},
        CheckCase{"Gopher", kDefault, "gopher://127.0.0.1:6379/_INFO", kScheme},
        CheckCase{"Javascript", kDefault, "javascript:alert(1)", kScheme},
        CheckCase{"Mailto", kDefault, "mailto:a@example.com", kScheme},
        CheckCase{"Ws", kDefault, "ws://example.com/", kScheme},
        CheckCase{"NoScheme", kDefault, "example.com", kBad},
        CheckCase{"Listed", "schemes: \"wss\"", "wss://example.com/", kOk},
        CheckCase{"ListReplacesDefault", "schemes: \"wss\"", "https://example.com/", kScheme},
        CheckCase{"NonSpecialHostParsed", "schemes: \"redis\"", "redis://0x7f000001:6379/",
                  kInternal},
        CheckCase{"NonSpecialNoHost", "schemes: \"mailto\"", "mailto:a@example.com", kBad},
        CheckCase{"FileNoHost", "schemes: \"file\"", "file:///etc/passwd", kBad},
        CheckCase{"FileLocalhost", "schemes: \"file\"", "file://localhost/etc/passwd",
                  kInternal}),
    [](const testing::TestParamInfo<CheckCase>& param_info) { return std::string(param_info.param.name); });

INSTANTIATE_TEST_SUITE_P(
    Hosts, UrlCheckTest,
    testing::Values(
        CheckCase{"AllowInternalLoopback", "allow_internal: true", "http://127.0.0.1", kOk},
        CheckCase{"AllowInternalName", "allow_internal: true", "http://localhost:8080/", kOk},
        CheckCase{"AllowInternalStillParses", "allow_internal: true", "http://1.2.3.4.5", kBad},
        CheckCase{"AllowInternalStillSchemes", "allow_internal: true", "file://localhost/x",
                  kScheme},
        CheckCase{"AllowedSubdomain", kHosts, "https://api.example.com/v1", kOk},
        CheckCase{"AllowedApex", kHosts, "https://example.com/", kOk},
        CheckCase{"AllowedNormalized", kHosts, "https://API.Example.COM./", kOk},
        CheckCase{"AllowedViaUserinfo", kHosts, "https://evil.com@api.example.com/", kOk},
        CheckCase{"NotAllowed", kHosts, "https://evil.com/", UrlProblem::kHostNotAllowed},
        CheckCase{"SuffixTrick", kHosts, "https://example.com.evil.com/",
                  UrlProblem::kHostNotAllowed},
        CheckCase{"NoDotTrick", kHosts, "https://evilexample.com/", UrlProblem::kHostNotAllowed},
        CheckCase{"Denied", kHosts, "https://a.evil.example.com/", UrlProblem::kHostDenied},
        CheckCase{"InternalBeforeAllow", kHosts, "https://x.example.com.localhost/", kInternal},
        CheckCase{"DenyOnly", "deny_hosts: \"*.tracker.net\"", "https://a.tracker.net/",
                  UrlProblem::kHostDenied},
        CheckCase{"DenyOnlyOthersPass", "deny_hosts: \"*.tracker.net\"",
                  "https://tracker.net.example/", kOk},
        CheckCase{"DenyIpv4Literal", "deny_hosts: \"0x5db8d822\"", "http://93.184.216.34/",
                  UrlProblem::kHostDenied},
        CheckCase{"DenyIpv4AnyForm", "deny_hosts: \"93.184.216.34\"", "http://1572395042/",
                  UrlProblem::kHostDenied},
        CheckCase{"DenyIpv6Literal", "deny_hosts: \"[2606:4700::1111]\"",
                  "http://[2606:4700:0:0:0:0:0:1111]/", UrlProblem::kHostDenied},
        CheckCase{"DenyIpv6Bare", "deny_hosts: \"2606:4700::1111\"", "http://[2606:4700::1111]/",
                  UrlProblem::kHostDenied},
        CheckCase{"DenyIpv6Glob", "deny_hosts: \"2606:4700:*\"", "http://[2606:4700::1111]/",
                  UrlProblem::kHostDenied},
        CheckCase{"DenyNameNormalized", "deny_hosts: \"Tracker.NET.\"", "http://tracker.net/",
                  UrlProblem::kHostDenied},
        CheckCase{"AllowInternalWithHosts",
                  "allow_internal: true allow_hosts: \"10.*\"", "http://10.1.2.3/", kOk},
        CheckCase{"AllowInternalWithHostsMiss",
                  "allow_internal: true allow_hosts: \"10.*\"", "http://127.0.0.1/",
                  UrlProblem::kHostNotAllowed}),
    [](const testing::TestParamInfo<CheckCase>& param_info) { return std::string(param_info.param.name); });

struct ErrorCase {
  const char* name;
  const char* matcher;
  const char* message;
};

class UrlCompileErrorTest : public testing::TestWithParam<ErrorCase> {};

TEST_P(UrlCompileErrorTest, NamesTheField) {
  const ErrorCase& c = GetParam();
  auto m = UrlMatcher::Compile(Parse(c.matcher));
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(m.status().message(), c.message);
}

INSTANTIATE_TEST_SUITE_P(
    All, UrlCompileErrorTest,
    testing::Values(
        ErrorCase{"EmptyScheme", "schemes: \"\"", "schemes[0]: empty"},
        ErrorCase{"UppercaseScheme", "schemes: \"https\" schemes: \"HTTP\"",
                  "schemes[1]: must start with a lowercase letter"},
        ErrorCase{"SchemeStartsWithDigit", "schemes: \"9p\"",
                  "schemes[0]: must start with a lowercase letter"},
        ErrorCase{"SchemeWithColon", "schemes: \"https:\"",
                  "schemes[0]: must be lowercase letters, digits, +, - or ."},
        ErrorCase{"SchemeTooLong",
                  "schemes: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"",
                  "schemes[0]: longer than 64 bytes"},
        ErrorCase{"EmptyGlob", "allow_hosts: \"\"", "allow_hosts[0]: empty glob pattern"},
        ErrorCase{"UrlAsHost", "allow_hosts: \"https://example.com\"",
                  "allow_hosts[0]: \"https://example.com\" can never match: a host has no \"/\""},
        ErrorCase{"AtInGlob", "deny_hosts: \"*@evil.com\"",
                  "deny_hosts[0]: \"*@evil.com\" can never match: a host has no \"@\""},
        ErrorCase{"BracketsInGlob", "deny_hosts: \"[::1]*\"",
                  "deny_hosts[0]: \"[::1]*\" can never match: a host has no \"[\""},
        ErrorCase{"SpaceInGlob", "deny_hosts: \"* .com\"",
                  "deny_hosts[0]: \"* .com\" can never match: a host has no \" \""},
        ErrorCase{"NonAsciiGlob", "deny_hosts: \"*.\\303\\251\"",
                  "deny_hosts[0]: \"*.\\303\\251\" can never match: a host has no \"\\303\""},
        ErrorCase{"TrailingDotGlob", "deny_hosts: \"*.evil.com.\"",
                  "deny_hosts[0]: \"*.evil.com.\" can never match: hosts lose their "
                  "trailing \".\""},
        ErrorCase{"BadLiteral", "allow_hosts: \"a..b\"",
                  "allow_hosts[0]: \"a..b\" is not a valid host name or IP address"},
        ErrorCase{"BadIpv4Literal", "deny_hosts: \"256.1.1.1\"",
                  "deny_hosts[0]: \"256.1.1.1\" is not a valid host name or IP address"},
        ErrorCase{"BadIpv6Literal", "deny_hosts: \"fe80::1%eth0\"",
                  "deny_hosts[0]: \"fe80::1%eth0\" can never match: a host has no \"%\""},
        ErrorCase{"AsteriskInLiteral", "deny_hosts: \"a\\\\*b.example\"",
                  "deny_hosts[0]: \"a\\\\*b.example\" can never match: a host has no \"*\""},
        ErrorCase{"UnpairedEscape", "deny_hosts: \"a\\\\\"",
                  "deny_hosts[0]: glob \"a\\\" ends with an unpaired '\\'"},
        ErrorCase{"EveryIssue",
                  "schemes: \"HTTP\" allow_hosts: \"ok.com\" allow_hosts: \"x/y\" "
                  "deny_hosts: \"\"",
                  "schemes[0]: must start with a lowercase letter; allow_hosts[1]: \"x/y\" can "
                  "never match: a host has no \"/\"; deny_hosts[0]: empty glob pattern"}),
    [](const testing::TestParamInfo<ErrorCase>& param_info) { return std::string(param_info.param.name); });

TEST(UrlMatcher, DescribeDefault) {
  EXPECT_EQ(MustCompile("")->Describe(), "url with scheme https or http, no internal addresses");
}

TEST(UrlMatcher, DescribeShowsNormalizedLists) {
  EXPECT_EQ(MustCompile("schemes: \"https\" allow_hosts: \"API.Example.com.\" "
                        "deny_hosts: \"*.evil.com\" deny_hosts: \"[::FFFF:127.0.0.1]\" "
                        "allow_internal: true")
                ->Describe(),
            "url with scheme https, host in \"api.example.com\", host not in \"*.evil.com\", "
            "\"::ffff:7f00:1\", internal addresses allowed");
}

TEST(UrlMatcher, DescribeOneAllowedHost) {
  EXPECT_EQ(MustCompile("schemes: \"https\" allow_hosts: \"api.example.com\"")->Describe(),
            "url with scheme https, host in \"api.example.com\", no internal addresses");
}

// An IPv6 address that carries an IPv4 one reaches that IPv4 address:
// IPv4 globs cover it, in deny_hosts and in allow_hosts.
TEST(UrlMatcher, Ipv4GlobsCoverIpv4InIpv6) {
  std::unique_ptr<UrlMatcher> deny = MustCompile(
      "allow_internal: true deny_hosts: \"169.254.*\" deny_hosts: \"127.0.0.1\"");
  ASSERT_NE(deny, nullptr);
  for (const char* url :
       {"http://[::ffff:169.254.169.254]/latest/meta-data/", "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:7f00:1]/", "http://[0:0:0:0:0:ffff:127.0.0.1]/",
        "http://[::127.0.0.1]/", "http://[64:ff9b::7f00:1]/", "http://[::ffff:0:7f00:1]/"}) {
    EXPECT_EQ(Name(deny->Check(url)), Name(UrlProblem::kHostDenied)) << url;
  }
  // 6to4 carries a relay's address, not the destination's.
  EXPECT_EQ(Name(deny->Check("http://[2002:7f00:1::]/")), Name(kOk));
  EXPECT_EQ(Name(deny->Check("http://[::ffff:8.8.8.8]/")), Name(kOk));
  std::unique_ptr<UrlMatcher> allow = MustCompile("allow_hosts: \"1.1.1.1\"");
  ASSERT_NE(allow, nullptr);
  EXPECT_EQ(Name(allow->Check("http://[::ffff:1.1.1.1]/")), Name(kOk));
  EXPECT_EQ(Name(allow->Check("http://[::ffff:1.1.1.2]/")), Name(UrlProblem::kHostNotAllowed));
}

TEST(UrlProblemText, EveryProblemHasText) {
  EXPECT_EQ(UrlProblemText(UrlProblem::kNone), "is acceptable");
  EXPECT_EQ(UrlProblemText(UrlProblem::kTooLong), "is longer than 8192 bytes");
  EXPECT_EQ(UrlProblemText(UrlProblem::kMalformed), "is not a well-formed URL with a host");
  EXPECT_EQ(UrlProblemText(UrlProblem::kScheme), "uses a scheme that is not allowed");
  EXPECT_EQ(UrlProblemText(UrlProblem::kInternalAddress), "names an internal address");
  EXPECT_EQ(UrlProblemText(UrlProblem::kHostDenied), "names a denied host");
  EXPECT_EQ(UrlProblemText(UrlProblem::kHostNotAllowed), "names a host that is not allowed");
}

TEST(IsInternalHost, Names) {
  const struct {
    const char* name;
    bool internal;
  } cases[] = {
      {"localhost", true},
      {"a.b.localhost", true},
      {"localhost.localdomain", true},
      {"ip6-localhost", true},
      {"metadata.goog", true},
      {"metadata.google.internal", true},
      {"x.internal", true},
      {"nas.home.arpa", true},
      {"printer.local", true},
      {"kubernetes.default.svc", true},
      {"intranet", true},
      {"notlocal", true},
      {"Example.COM", false},
      {"localhost.example.com", false},
      {"example.localhost.com", false},
      {"internal.example.com", false},
      {"svc.example.com", false},
      {"", false},
  };
  for (const auto& c : cases) {
    UrlHost host;
    host.host = c.name;
    EXPECT_EQ(IsInternalHost(host), c.internal) << c.name;
  }
}

// A plain authority is read in place; a tab anywhere in it (which the
// standard removes) or an uppercase letter (which it lowercases) sends the
// same URL through the general path. Both must read it alike.
TEST(ParseUrlHost, PlainAuthoritiesReadAsTheGeneralPathReadsThem) {
  const char alphabet[] = {'a', 'b', 'x', '0', '1', '9', '.', '-', '_', ':', '~'};
  const char* const schemes[] = {"http://", "https://", "redis://", "file://", "ws:"};
  const char* const tails[] = {"", "/p", "?q=1", "#f", "\\x@y/"};
  std::mt19937 random(20261124);  // Fixed: a failure reproduces.
  std::uniform_int_distribution<int> length(0, 12);
  std::uniform_int_distribution<int> pick(0, std::size(alphabet) - 1);
  int hosts = 0, ipv4 = 0;
  for (int round = 0; round < 50000; ++round) {
    std::string authority;
    for (int n = length(random); n > 0; --n) authority += alphabet[pick(random)];
    const std::string prefix = schemes[random() % std::size(schemes)];
    const std::string tail = tails[random() % std::size(tails)];
    const size_t cut = authority.empty() ? 0 : random() % (authority.size() + 1);
    std::string with_tab = authority;
    with_tab.insert(cut, "\t");
    std::string with_upper = authority;
    for (char& c : with_upper) c = absl::ascii_toupper(static_cast<unsigned char>(c));

    char plain_buffer[kMaxUrlBytes];
    UrlHost plain;
    const std::string plain_url = prefix + authority + tail;  // `plain` may view it.
    const UrlProblem expected = ParseUrlHost(plain_url, plain_buffer, &plain);
    for (const std::string& variant : {with_tab, with_upper}) {
      const std::string url = prefix + variant + tail;
      SCOPED_TRACE(absl::CEscape(url));
      char buffer[kMaxUrlBytes];
      UrlHost general;
      ASSERT_EQ(ParseUrlHost(url, buffer, &general), expected) << absl::CEscape(authority);
      if (expected != UrlProblem::kNone) continue;
      EXPECT_EQ(general.scheme, plain.scheme);
      EXPECT_EQ(general.host, plain.host);
      EXPECT_EQ(general.is_ipv4, plain.is_ipv4);
      EXPECT_EQ(general.ipv4, plain.ipv4);
    }
    hosts += expected == UrlProblem::kNone && !plain.host.empty();
    ipv4 += expected == UrlProblem::kNone && plain.is_ipv4;
  }
  EXPECT_GT(hosts, 5000);  // Not vacuous: names and addresses were read.
  EXPECT_GT(ipv4, 500);
}

// Matchers sharing a memo, as the url conditions of one message do, decide
// every URL as they decide it alone, in any order; URLs whose host is
// lowercased or canonicalized into the scratch buffer are read afresh.
TEST(UrlMatcher, MemoAnswersAsAFreshRead) {
  const std::vector<std::unique_ptr<UrlMatcher>> matchers = [] {
    std::vector<std::unique_ptr<UrlMatcher>> out;
    for (const char* text : {kDefault, kHosts, "allow_internal: true schemes: \"ftp\"",
                             "deny_hosts: \"127.0.0.1\" allow_internal: true"}) {
      out.push_back(MustCompile(text));
    }
    return out;
  }();
  const std::vector<std::string> urls = {
      "https://api.example.com/v1?q=1", "http://Example.COM/x",   "http://127.0.0.1/",
      "HTTP://API.EXAMPLE.COM",         "http://0x7f.1",          "ftp://example.com/",
      "https://a.evil.example.com/",    "http://[::ffff:127.0.0.1]:80/",
      "http://1.2.3.4.5",               "mailto:a@example.com",   "http://intranet/",
      "https://example.com/" + std::string(kMaxUrlBytes, 'a'),
  };
  std::mt19937 random(20261206);
  for (int round = 0; round < 200; ++round) {
    UrlMemo memo;
    for (int k = 0; k < 6; ++k) {
      const std::string& url = urls[random() % urls.size()];
      const UrlMatcher& m = *matchers[random() % matchers.size()];
      ASSERT_EQ(Name(m.Check(url, &memo)), Name(m.Check(url))) << url;
    }
  }
  UrlMemo memo;
  UrlProblem parsed;
  UrlHost host;
  matchers[0]->Check(urls[0], &memo);
  EXPECT_TRUE(memo.Find(urls[0], &parsed, &host));
  EXPECT_EQ(host.host, "api.example.com");
  matchers[0]->Check(urls[1], &memo);  // Its host is lowercased in the scratch: not kept.
  EXPECT_FALSE(memo.Find(urls[1], &parsed, &host));
  EXPECT_TRUE(memo.Find(urls[0], &parsed, &host));
  const std::string copy = urls[0];  // Equal bytes elsewhere: another URL.
  EXPECT_FALSE(memo.Find(copy, &parsed, &host));
}

// The memo is keyed by where the URL sits, which is only sound within one
// message: a new message (ResolvedFields::Begin) forgets it.
TEST(UrlMatcher, MemoIsForgottenAtEachMessage) {
  std::unique_ptr<UrlMatcher> m = MustCompile(kDefault);
  std::string url = "http://localhost/";
  ResolvedFields fields;
  fields.Reset(0);
  fields.Begin(nullptr);
  EXPECT_EQ(m->Check(url, fields.url_memo()), kInternal);
  UrlProblem parsed;
  UrlHost host;
  EXPECT_TRUE(fields.url_memo()->Find(url, &parsed, &host));
  url.replace(0, url.size(), "http://a.com/xyz1");  // Same size, same place.
  fields.Begin(nullptr);
  EXPECT_FALSE(fields.url_memo()->Find(url, &parsed, &host));
  EXPECT_EQ(m->Check(url, fields.url_memo()), UrlProblem::kNone);
}

TEST(UrlMatcher, CheckDoesNotAllocate) {
#ifndef MCPGUARD_ALLOC_TEST_COUNTS
  GTEST_SKIP() << "heap calls are not counted in this build";
#else
  std::unique_ptr<UrlMatcher> m = MustCompile(kHosts);
  const std::string urls[] = {
      "https://api.example.com/v1?q=1",  "http://%31%32%37.0.0.1",
      "http://[::ffff:127.0.0.1]:80/",   "https://a.evil.example.com/",
      "ftp://example.com/",              "http://1.2.3.4.5",
      "https://example.com/" + std::string(kMaxUrlBytes, 'a'),
  };
  test_support::AllocationCounter counter;
  for (const std::string& url : urls) m->Check(url);
  EXPECT_EQ(counter.count(), 0);
#endif
}

}  // namespace
}  // namespace mcpguard::internal
