// Compiles Policy.rate_limits.
#include "absl/strings/str_cat.h"
#include "policy/policy_compiler.h"

namespace mcpguard::internal {

void PolicyCompiler::CompileRateLimits(PolicyProgram* program) {
  (void)program;
  if (!loaded_.policy.rate_limits().empty()) {
    Error("rate_limits[0]", "rate limits are not implemented yet");
  }
}

}  // namespace mcpguard::internal
