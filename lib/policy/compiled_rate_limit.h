// One compiled mcpguard.v1.RateLimit.
#ifndef MCPGUARD_POLICY_COMPILED_RATE_LIMIT_H_
#define MCPGUARD_POLICY_COMPILED_RATE_LIMIT_H_

#include <cstdint>
#include <memory>
#include <string>

#include "mcpguard/v1/policy.pb.h"
#include "policy/compiled_rule.h"
#include "policy/principal_matcher.h"

namespace mcpguard::internal {

struct CompiledRateLimit {
  std::string id;
  CompiledTarget target;
  std::unique_ptr<PrincipalMatcher> principal;  // Null: every principal.
  uint32_t requests = 0;        // Refill: `requests` tokens ...
  uint32_t period_seconds = 0;  // ... per `period_seconds`.
  uint32_t burst = 0;           // Capacity (never 0 once compiled).
  mcpguard::v1::RateLimit::Key key = mcpguard::v1::RateLimit::PRINCIPAL_AND_TOOL;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_COMPILED_RATE_LIMIT_H_
