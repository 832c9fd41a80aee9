#include <string>

#include "absl/strings/str_cat.h"
#include "mcpguard/policy.h"

namespace mcpguard {

std::string Diagnostic::ToString() const {
  // "file:line:column: " as compilers print it, so editors can jump there.
  // Unknown parts (0) are left out rather than printed as a misleading 0.
  std::string out = file;
  if (line > 0) {
    absl::StrAppend(&out, ":", line);
    if (column > 0) absl::StrAppend(&out, ":", column);
  }
  if (!out.empty()) out += ": ";
  switch (severity) {
    case Severity::kError: out += "error: "; break;
    case Severity::kWarning: out += "warning: "; break;
    case Severity::kNote: out += "note: "; break;
  }
  out += message;
  if (!field.empty()) absl::StrAppend(&out, " [", field, "]");
  return out;
}

}  // namespace mcpguard
