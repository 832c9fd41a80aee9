// The canonical textproto of a policy, for `mcpguard fmt`: what protobuf's
// TextFormat::Printer writes (fields in schema order, two-space indents,
// one field per line, UTF-8 kept as is). Comments are not part of the
// message, so the canonical form has none.
#ifndef MCPGUARD_TOOLS_POLICY_FORMAT_H_
#define MCPGUARD_TOOLS_POLICY_FORMAT_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "mcpguard/policy.h"

namespace mcpguard::cli {

struct FormattedPolicy {
  std::string text;  // The canonical textproto; "" for an empty policy.
  PolicyFormat source_format = PolicyFormat::kTextproto;  // Never kAuto.
  // The source is textproto with comments, which `text` lacks.
  bool dropped_comments = false;
};

// Parses `bytes` (the file `path`; its name picks the format as
// LoadPolicyFile does) and prints it. Only parsing: a policy that does not
// compile still formats. Parse errors go to *diagnostics; returns false then.
bool FormatPolicy(absl::string_view bytes, const std::string& path, FormattedPolicy* out,
                  std::vector<Diagnostic>* diagnostics);

// True when textproto `text` holds a `#` comment outside string literals.
bool HasTextprotoComment(absl::string_view text);

}  // namespace mcpguard::cli

#endif  // MCPGUARD_TOOLS_POLICY_FORMAT_H_
