// Fuzzes URL host parsing and UrlMatcher::Check. The input is a URL.
// Properties (a violation aborts, which libFuzzer reports as a crash):
// - ParseUrlHost returns kNone, kTooLong or kMalformed, and its views lie in
//   the buffer or the input;
// - a parsed host is a fixed point: "http://" + host (bracketed for IPv6)
//   parses to the same host, address and kind, and an IP's canonical text
//   reparses to the same address;
// - Check agrees with ParseUrlHost on kTooLong and kMalformed, and a URL it
//   accepts without allow_internal names no internal host.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/text_format.h"
#include "net/ip_address.h"
#include "policy/url_matcher.h"

namespace {

using mcpguard::internal::UrlHost;
using mcpguard::internal::UrlMatcher;
using mcpguard::internal::UrlProblem;

void Fail(const char* what) {
  std::fprintf(stderr, "url_matcher_fuzz: %s\n", what);
  std::abort();
}

bool Within(absl::string_view view, const char* begin, size_t size) {
  return view.empty() || (view.data() >= begin && view.data() + view.size() <= begin + size);
}

struct Matchers {
  std::unique_ptr<UrlMatcher> strict, lenient, hosts;
};

const Matchers& GetMatchers() {
  static const Matchers* const matchers = [] {
    auto compile = [](const char* text) {
      mcpguard::v1::UrlMatcher proto;
      if (!google::protobuf::TextFormat::ParseFromString(text, &proto)) Fail("bad matcher text");
      auto m = UrlMatcher::Compile(proto);
      if (!m.ok()) Fail("matcher does not compile");
      return *std::move(m);
    };
    auto* m = new Matchers;
    m->strict = compile(R"pb(schemes: "http" schemes: "https" schemes: "redis" schemes: "file")pb");
    m->lenient = compile("allow_internal: true");
    m->hosts = compile(R"pb(allow_hosts: "*.example.com" deny_hosts: "*.evil.example.com")pb");
    return m;
  }();
  return *matchers;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > mcpguard::internal::kMaxUrlBytes + 64) return 0;
  const absl::string_view url(reinterpret_cast<const char*>(data), size);
  static char buffer[mcpguard::internal::kMaxUrlBytes];
  UrlHost host;
  const UrlProblem parsed = mcpguard::internal::ParseUrlHost(url, buffer, &host);
  if (parsed != UrlProblem::kNone && parsed != UrlProblem::kTooLong &&
      parsed != UrlProblem::kMalformed) {
    Fail("ParseUrlHost returned a matcher's problem");
  }
  if (parsed == UrlProblem::kNone) {
    for (absl::string_view view : {host.scheme, host.host}) {
      if (!Within(view, buffer, sizeof(buffer)) && !Within(view, url.data(), url.size())) {
        Fail("a view lies outside the buffer and the input");
      }
    }
    if (host.scheme.empty()) Fail("parsed without a scheme");
    if (host.is_ipv4) {
      char text[mcpguard::internal::kMaxIpv4TextBytes];
      const absl::string_view canonical(text, mcpguard::internal::FormatIpv4(host.ipv4, text));
      uint32_t again = 0;
      if (mcpguard::internal::ParseIpv4(canonical, &again) !=
              mcpguard::internal::Ipv4Parse::kIpv4 ||
          again != host.ipv4 || canonical != host.host) {
        Fail("canonical IPv4 text does not reparse to the same address");
      }
    }
    if (host.is_ipv6) {
      char text[mcpguard::internal::kMaxIpv6TextBytes];
      const absl::string_view canonical(text, mcpguard::internal::FormatIpv6(host.ipv6, text));
      uint8_t again[16];
      if (!mcpguard::internal::ParseIpv6(canonical, again) ||
          std::memcmp(again, host.ipv6, 16) != 0 || canonical != host.host) {
        Fail("canonical IPv6 text does not reparse to the same address");
      }
    }
    if (!host.host.empty()) {
      const std::string rebuilt = host.is_ipv6 ? "http://[" + std::string(host.host) + "]/"
                                               : "http://" + std::string(host.host) + "/";
      static char buffer2[mcpguard::internal::kMaxUrlBytes];
      UrlHost reparsed;
      if (mcpguard::internal::ParseUrlHost(rebuilt, buffer2, &reparsed) != UrlProblem::kNone ||
          reparsed.host != host.host || reparsed.is_ipv4 != host.is_ipv4 ||
          reparsed.is_ipv6 != host.is_ipv6 || reparsed.ipv4 != host.ipv4 ||
          std::memcmp(reparsed.ipv6, host.ipv6, 16) != 0) {
        Fail("a parsed host does not reparse to itself");
      }
    }
  }
  const Matchers& matchers = GetMatchers();
  for (const UrlMatcher* m :
       {matchers.strict.get(), matchers.lenient.get(), matchers.hosts.get()}) {
    const UrlProblem checked = m->Check(url);
    if (parsed != UrlProblem::kNone && checked != parsed) Fail("Check disagrees with ParseUrlHost");
    if (checked == UrlProblem::kNone && parsed != UrlProblem::kNone) Fail("accepted unparsed");
    if (checked == UrlProblem::kNone && host.host.empty()) Fail("accepted without a host");
    if (checked == UrlProblem::kNone && m != matchers.lenient.get() &&
        mcpguard::internal::IsInternalHost(host)) {
      Fail("accepted an internal host");
    }
  }
  return 0;
}
