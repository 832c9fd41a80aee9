// Keeps secrets and personal data out of audit events: the built-in secrets
// and PII patterns, whatever the policy enables.
#ifndef MCPGUARD_AUDIT_AUDIT_REDACTOR_H_
#define MCPGUARD_AUDIT_AUDIT_REDACTOR_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "detect/text_scanner.h"

namespace mcpguard::internal {

class AuditRedactor {
 public:
  // Built once, shared. Thread-safe.
  static const AuditRedactor& Get();

  // `text` with every match replaced by "[REDACTED:<id>]". Should the
  // patterns ever fail to build, all of it is replaced ("[REDACTED]"):
  // fail closed.
  std::string Redact(absl::string_view text) const;

 private:
  AuditRedactor();
  std::unique_ptr<TextScanner> scanner_;  // Null if the patterns failed to build.
};

// The SHA-256 of the canonical "arguments" of a tools/call (already
// checked, so parseable), and with `redacted` not null, the arguments as
// JSON with every string (keys too) passed through the redactor. `source`
// is the whole message, or with `arguments_only` just the arguments value.
// False when there is no arguments object.
bool RecordArguments(absl::string_view source, bool arguments_only, std::string* sha256,
                     std::string* redacted);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_AUDIT_AUDIT_REDACTOR_H_
