// The policy lint: warnings about a policy that compiles but does not do
// what it seems to say. Run by the compiler on every policy that compiled
// without errors, so every CompilePolicy caller gets them (`mcpguard check`
// prints them). The checks are listed in docs/policy.md ("Warnings").
//
// Design note: each check must be certain. A warning that is wrong teaches
// people to ignore warnings, so when a case cannot be decided cheaply
// (two wildcard globs, conditions beyond simple pairs), the lint says
// nothing.
#ifndef MCPGUARD_POLICY_POLICY_LINT_H_
#define MCPGUARD_POLICY_POLICY_LINT_H_

#include <string>
#include <vector>

#include "mcpguard/policy.h"
#include "mcpguard/v1/policy.pb.h"
#include "policy/loader.h"
#include "policy/program.h"

namespace mcpguard::internal {

struct LintFinding {
  Diagnostic::Severity severity = Diagnostic::Severity::kWarning;
  std::string field;  // Field path in the policy: "rules[3].target.methods[0]".
  std::string message;
};

// Precondition: `program` is `policy` compiled without errors (so it holds
// every rule and scope requirement, in order). `locations` places the other
// rules that messages name ("rule \"deny-all\" (line 3)"). Findings come in
// policy order.
std::vector<LintFinding> LintPolicy(const mcpguard::v1::Policy& policy,
                                    const PolicyProgram& program, const SourceMap& locations);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_POLICY_LINT_H_
