#include "policy/field_error.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace mcpguard::internal {
namespace {

// A field path: names, dots and bracketed indexes only (no spaces), so a
// sentence that happens to contain ": " is never taken for one.
bool IsFieldPath(absl::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!(absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' ||
          c == '[' || c == ']')) {
      return false;
    }
  }
  return true;
}

}  // namespace

absl::Status WithField(absl::string_view field, const absl::Status& status) {
  return absl::Status(status.code(), absl::StrCat(field, ": ", status.message()));
}

absl::string_view TakeFieldPrefixes(absl::string_view message, std::string* field_path) {
  while (true) {
    size_t colon = message.find(": ");
    if (colon == absl::string_view::npos || !IsFieldPath(message.substr(0, colon))) break;
    absl::StrAppend(field_path, ".", message.substr(0, colon));
    message.remove_prefix(colon + 2);
  }
  return message;
}

}  // namespace mcpguard::internal
