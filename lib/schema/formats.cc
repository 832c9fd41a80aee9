#include "schema/formats.h"

#include "absl/strings/string_view.h"

namespace mcpguard::internal {
namespace {

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool IsValidUuid(absl::string_view text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !IsHex(text[i])) return false;
  }
  return true;
}

}  // namespace

StringFormat StringFormatFromName(absl::string_view name) {
  if (name == "date-time") return StringFormat::kDateTime;
  if (name == "date") return StringFormat::kDate;
  if (name == "email") return StringFormat::kEmail;
  if (name == "uri") return StringFormat::kUri;
  if (name == "uuid") return StringFormat::kUuid;
  if (name == "ipv4") return StringFormat::kIpv4;
  if (name == "ipv6") return StringFormat::kIpv6;
  if (name == "hostname") return StringFormat::kHostname;
  return StringFormat::kNone;
}

absl::string_view StringFormatName(StringFormat format) {
  switch (format) {
    case StringFormat::kNone: return "";
    case StringFormat::kDateTime: return "date-time";
    case StringFormat::kDate: return "date";
    case StringFormat::kEmail: return "email";
    case StringFormat::kUri: return "uri";
    case StringFormat::kUuid: return "uuid";
    case StringFormat::kIpv4: return "ipv4";
    case StringFormat::kIpv6: return "ipv6";
    case StringFormat::kHostname: return "hostname";
  }
  return "";
}

bool MatchesFormat(StringFormat format, absl::string_view text) {
  switch (format) {
    case StringFormat::kNone:
      return true;
    case StringFormat::kDateTime:
      return IsValidDateTime(text);
    case StringFormat::kDate:
      return IsValidDate(text);
    case StringFormat::kEmail:
      return IsValidEmail(text);
    case StringFormat::kUri:
      return IsValidUri(text);
    case StringFormat::kUuid:
      return IsValidUuid(text);
    case StringFormat::kIpv4:
      return IsValidIpv4(text);
    case StringFormat::kIpv6:
      return IsValidIpv6(text);
    case StringFormat::kHostname:
      return IsValidHostname(text);
  }
  return true;
}

}  // namespace mcpguard::internal
