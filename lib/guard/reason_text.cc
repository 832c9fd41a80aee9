#include "guard/reason_text.h"

#include <algorithm>

#include "absl/strings/str_format.h"

namespace mcpguard::internal {
namespace {

bool IsControl(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7F;
}

}  // namespace

std::string OneLineReason(std::string reason) {
  if (std::none_of(reason.begin(), reason.end(), IsControl)) return reason;
  std::string out;
  out.reserve(reason.size() + 16);
  for (const char c : reason) {
    if (IsControl(c)) {
      absl::StrAppendFormat(&out, "\\x%02x", static_cast<unsigned char>(c));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace mcpguard::internal
