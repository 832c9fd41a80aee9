// Personal data: shapes that are cheap to match and, where a checksum
// exists, confirmed by it (detect/match_checks.h), so that order numbers and
// timestamps are not taken for cards or bank accounts.
#include <algorithm>

#include "detect/pattern_spec.h"

namespace mcpguard::internal {
namespace {

// Gates (gate.h). Addresses meet at their "@"; numbers are clusters of
// digits and separators (kDigitClusterBytes) with enough digits, or dotted
// quads; a "(?:^|[^0-9])" before or after a number costs a byte of reach.
constexpr GateLiteral kAt[] = {Literal("@")};
constexpr GateLiteral kPlus[] = {Literal("+")};
constexpr GateLiteral kColon[] = {Literal(":")};

// Seven colons ((?:h:){7}h) or a "::" ((?:h:){1,6}:...).
bool Ipv6Shaped(absl::string_view text, const GateSpot& spot) {
  const char* const end = text.data() + spot.end;
  int colons = 0;
  for (const char* p = text.data() + spot.begin; p < end; ++p) {
    if (*p != ':') continue;
    if (++colons >= 7 || (p + 1 < end && p[1] == ':')) return true;
  }
  return false;
}

constexpr ByteClass kHexColonBytes{"0-9A-Fa-f:"};

constexpr Gate kEmailGate =
    LiteralGate(kAt, Reach{ByteClass("-A-Za-z0-9._%+"), 0}, Reach{ByteClass("-A-Za-z0-9."), 0});
// "+44 20 ..." from its "+"; "(555) 555-0123" as a cluster of ten digits.
constexpr Gate kPhoneGate = [] {
  Gate gate = RunGate(RunTrigger::kDigitCluster, 10, Reach{ByteClass(), 1},
                      Reach{ByteClass("-0-9 .()"), 0});
  gate.literals = kPlus;
  return gate;
}();
constexpr Gate kCardGate =
    RunGate(RunTrigger::kDigitCluster, 13, Reach{ByteClass(), 1}, Reach{ByteClass(), 1});
constexpr Gate kIbanGate =
    RunGate(RunTrigger::kCapitalsDigits, 0, Reach{}, Reach{ByteClass("A-Z0-9 "), 0});
constexpr Gate kSsnGate =
    RunGate(RunTrigger::kDigitCluster, 9, Reach{ByteClass(), 1}, Reach{ByteClass(), 1});
// "1.2.3.4." with the dot and the byte after it.
constexpr Gate kIpv4Gate =
    RunGate(RunTrigger::kDottedDigits, 0, Reach{ByteClass(), 1}, Reach{ByteClass(), 2});
// Every ":" of a match follows a hex digit or another ":" ("h:" comes
// first in both forms), so most colons of prose ("https:", "Note:") are
// turned down before their window is measured. And some ":" of every match
// is either half of its "::" or, in the seven-colon form, the first one,
// which has two more within the next ten bytes ("h{1,4}:" twice); the
// colons of times ("05:00:00") are neither.
bool MayBeIpv6Colon(absl::string_view text, size_t at, size_t /*at_end*/) {
  if (at == 0 || !kHexColonBytes.Has(static_cast<unsigned char>(text[at - 1]))) return false;
  if (text[at - 1] == ':' || (at + 1 < text.size() && text[at + 1] == ':')) return true;
  int colons = 0;
  const size_t stop = std::min(text.size(), at + 11);
  for (size_t i = at + 1; i < stop; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (!kHexColonBytes.Has(c)) break;
    if (c == ':' && ++colons == 2) return true;
  }
  return false;
}
constexpr Gate kIpv6Gate = LiteralGate(kColon, Reach{kHexColonBytes, 1},
                                       Reach{kHexColonBytes, 1}, Ipv6Shaped, MayBeIpv6Colon);

constexpr PatternSpec kPiiPatterns[] = {
    {"email", "pii",
     R"(\b([A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,24})\b)",
     MatchCheck::kNone, 1.0f, {}, &kEmailGate},
    // E.164 with a "+", or a North American number written with separators.
    {"phone_number", "pii",
     R"((?:^|[^\w+])(\+[1-9][0-9]{0,2}[ .\-]?(?:\(?[0-9]{1,4}\)?[ .\-]?){2,4}[0-9]{2,4}|\(?[2-9][0-9]{2}\)?[ .\-][2-9][0-9]{2}[ .\-][0-9]{4})\b)",
     MatchCheck::kNone, 1.0f, {}, &kPhoneGate},
    {"payment_card", "pii", R"((?:^|[^0-9])([0-9](?:[ \-]?[0-9]){12,18})(?:$|[^0-9]))",
     MatchCheck::kLuhn, 1.0f, {}, &kCardGate},
    {"iban", "pii", R"(\b([A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30})\b)",
     MatchCheck::kIban, 1.0f, {}, &kIbanGate},
    {"us_ssn", "pii", R"((?:^|[^0-9\-])([0-9]{3}-[0-9]{2}-[0-9]{4})(?:$|[^0-9\-]))",
     MatchCheck::kUsSsn, 1.0f, {}, &kSsnGate},
    {"ipv4_address", "pii",
     R"((?:^|[^0-9.])((?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3})(?:$|[^0-9.]|\.(?:$|[^0-9])))",
     MatchCheck::kIpv4Host, 1.0f, {}, &kIpv4Gate},
    {"ipv6_address", "pii",
     R"((?:^|[^0-9A-Fa-f:])((?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}:){0,5}[0-9A-Fa-f]{1,4})(?:$|[^0-9A-Fa-f:]))",
     MatchCheck::kNone, 1.0f, {}, &kIpv6Gate},
};

}  // namespace

absl::Span<const PatternSpec> PiiPatterns() { return kPiiPatterns; }

}  // namespace mcpguard::internal
