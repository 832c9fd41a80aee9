// A compiled mcpguard.v1.PrincipalMatcher tree.
#ifndef MCPGUARD_POLICY_PRINCIPAL_MATCHER_H_
#define MCPGUARD_POLICY_PRINCIPAL_MATCHER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "mcpguard/principal.h"
#include "mcpguard/v1/policy.pb.h"
#include "policy/string_matcher.h"

namespace mcpguard::internal {

// Nesting limit for principal and condition trees: bounds recursion depth at
// evaluation time, so a policy cannot exhaust the stack.
inline constexpr int kMaxMatcherNesting = 32;

// Immutable. Thread-safe. A principal is fixed per session, so sessions
// evaluate each rule's matcher once per policy snapshot and cache the answer.
class PrincipalMatcher {
 public:
  // Errors name the offending sub-field relative to the matcher, e.g.
  // "all.matchers[1].subject: invalid regex ...". `depth` is for recursion.
  static absl::StatusOr<std::unique_ptr<PrincipalMatcher>> Compile(
      const mcpguard::v1::PrincipalMatcher& proto, int depth = 0);

  bool Matches(const Principal& principal) const;

 private:
  using Kind = mcpguard::v1::PrincipalMatcher::KindCase;
  PrincipalMatcher() = default;

  Kind kind_ = Kind::KIND_NOT_SET;
  std::string name_;  // role, scope or claim name
  std::unique_ptr<StringMatcher> subject_;  // subject, or the claim's value
  std::vector<std::unique_ptr<PrincipalMatcher>> children_;  // all/any/not
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_PRINCIPAL_MATCHER_H_
