// Loading a policy file on behalf of a command, reporting what went wrong.
#ifndef MCPGUARD_TOOLS_POLICY_REPORT_H_
#define MCPGUARD_TOOLS_POLICY_REPORT_H_

#include <memory>
#include <ostream>
#include <string>

#include "mcpguard/policy.h"

namespace mcpguard::cli {

struct PolicyReport {
  // Null when the policy did not compile (or could not be read).
  std::shared_ptr<const CompiledPolicy> policy;
  int errors = 0;
  int warnings = 0;
  int notes = 0;
};

// Loads and compiles `path` (mcpguard::LoadPolicyFile) and writes every
// diagnostic, errors, warnings and notes, to `err` one per line in
// Diagnostic::ToString() form. A failure without diagnostics (an unreadable
// file) is written as the status message and counts as one error. With
// `bytes`, it receives the file's bytes as read and compiled.
PolicyReport LoadAndReportPolicy(const std::string& path, std::ostream& err,
                                 std::string* bytes = nullptr);

// "ok (12 rules, sha256 4f2a...)", "ok (12 rules, sha256 4f2a..., 1 warning,
// 1 note)" or "2 errors, 1 warning" (notes counted only when there are any).
std::string DescribePolicyReport(const PolicyReport& report);

}  // namespace mcpguard::cli

#endif  // MCPGUARD_TOOLS_POLICY_REPORT_H_
