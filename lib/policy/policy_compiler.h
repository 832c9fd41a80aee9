// The policy compiler's internals, shared by the files that compile each part
// of a policy (compiler.cc: rules, limits, validation; scope_requirement_
// compiler.cc; rate_limit_compiler.cc; integrity_compiler.cc;
// detector_compiler.cc).
#ifndef MCPGUARD_POLICY_POLICY_COMPILER_H_
#define MCPGUARD_POLICY_POLICY_COMPILER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "mcpguard/policy.h"
#include "mcpguard/v1/policy.pb.h"
#include "policy/compiled_rule.h"
#include "policy/condition.h"
#include "policy/loader.h"
#include "policy/program.h"

namespace mcpguard::internal {

namespace pb = ::mcpguard::v1;

// A rule or rate limit id: 1-128 of [A-Za-z0-9-_.:/] (compiler.cc).
bool ValidRuleId(absl::string_view id);

// Builds a PolicyProgram; one instance per compile. Errors accumulate.
class PolicyCompiler {
 public:
  PolicyCompiler(const LoadedPolicy& loaded, absl::string_view source_name,
                 std::vector<Diagnostic>* diagnostics)
      : loaded_(loaded), source_name_(source_name), diagnostics_(diagnostics) {}

  std::unique_ptr<const PolicyProgram> Compile();

 private:
  void Report(Diagnostic::Severity severity, const std::string& field, std::string message);
  void Error(const std::string& field, std::string message) {
    Report(Diagnostic::Severity::kError, field, std::move(message));
    ++errors_;
  }
  void Warning(const std::string& field, std::string message) {
    Report(Diagnostic::Severity::kWarning, field, std::move(message));
  }
  // Reports a matcher's error at the deepest field it names (field_error.h).
  void ErrorFromStatus(const std::string& field, const absl::Status& status);

  void CompileLimits(PolicyProgram* program);
  void CompileValidation(PolicyProgram* program);
  // scope_requirement_compiler.cc
  void CompileScopeRequirements(PolicyProgram* program);
  // rate_limit_compiler.cc
  void CompileRateLimits(PolicyProgram* program);
  // approval and list filtering
  void CompileApproval(PolicyProgram* program);
  // audit: what events record, and the overflow policy.
  void CompileAudit(PolicyProgram* program);
  // integrity_compiler.cc
  void CompileIntegrity(PolicyProgram* program);
  // detector_compiler.cc
  void CompileDetectors(PolicyProgram* program);
  std::unique_ptr<CompiledRule> CompileRule(const pb::Rule& proto, uint32_t index,
                                            const std::string& field);
  bool CompileTarget(const pb::Target& proto, const std::string& field, CompiledTarget* out);
  void CompileGlobs(const google::protobuf::RepeatedPtrField<std::string>& patterns,
                    const std::string& field, std::vector<Glob>* out);

  const LoadedPolicy& loaded_;
  absl::string_view source_name_;
  std::vector<Diagnostic>* diagnostics_;
  int errors_ = 0;
  FieldNumbering fields_;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_POLICY_COMPILER_H_
