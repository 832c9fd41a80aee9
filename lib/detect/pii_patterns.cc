// Personal data: shapes that are cheap to match and, where a checksum
// exists, confirmed by it (detect/match_checks.h), so that order numbers and
// timestamps are not taken for cards or bank accounts.
#include "detect/pattern_spec.h"

namespace mcpguard::internal {
namespace {

constexpr PatternSpec kPiiPatterns[] = {
    {"email", "pii",
     R"(\b([A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,24})\b)"},
    // E.164 with a "+", or a North American number written with separators.
    {"phone_number", "pii",
     R"((?:^|[^\w+])(\+[1-9][0-9]{0,2}[ .\-]?(?:\(?[0-9]{1,4}\)?[ .\-]?){2,4}[0-9]{2,4}|\(?[2-9][0-9]{2}\)?[ .\-][2-9][0-9]{2}[ .\-][0-9]{4})\b)"},
    {"payment_card", "pii", R"((?:^|[^0-9])([0-9](?:[ \-]?[0-9]){12,18})(?:$|[^0-9]))",
     MatchCheck::kLuhn},
    {"iban", "pii", R"(\b([A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30})\b)", MatchCheck::kIban},
    {"us_ssn", "pii", R"((?:^|[^0-9\-])([0-9]{3}-[0-9]{2}-[0-9]{4})(?:$|[^0-9\-]))", MatchCheck::kUsSsn},
    {"ipv4_address", "pii",
     R"((?:^|[^0-9.])((?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3})(?:$|[^0-9.]|\.(?:$|[^0-9])))"},
    {"ipv6_address", "pii",
     R"((?:^|[^0-9A-Fa-f:])((?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}:){0,5}[0-9A-Fa-f]{1,4})(?:$|[^0-9A-Fa-f:]))"},
};

}  // namespace

absl::Span<const PatternSpec> PiiPatterns() { return kPiiPatterns; }

}  // namespace mcpguard::internal
