// One compiled rule: its target, principal matcher and condition.
#ifndef MCPGUARD_POLICY_COMPILED_RULE_H_
#define MCPGUARD_POLICY_COMPILED_RULE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "mcpguard/direction.h"
#include "mcpguard/verdict.h"
#include "policy/condition.h"
#include "policy/glob.h"
#include "policy/principal_matcher.h"

namespace mcpguard::internal {

// (direction, kind) as one of six slots, so a target's directions and kinds
// are a bitmask and the index is an array.
inline constexpr int kSlotCount = 6;
inline int SlotOf(Direction direction, MessageKind kind) {
  int k = kind == MessageKind::kRequest ? 0 : kind == MessageKind::kNotification ? 1 : 2;
  return (direction == Direction::kToServer ? 0 : 3) + k;
}

// The method whose messages carry a tool name (params.name).
inline constexpr absl::string_view kToolsCallMethod = "tools/call";

struct CompiledTarget {
  uint8_t slots = 0;           // Bit SlotOf(...) set: the rule looks at that slot.
  std::vector<Glob> methods;   // Empty: any method.
  std::vector<Glob> tools;     // Empty: no tool constraint.
  std::vector<Glob> servers;   // Empty: any server.

  bool MatchesMethod(absl::string_view method) const;
  // With a tool constraint, only a message that names a matching tool.
  bool MatchesTool(bool has_tool, absl::string_view tool) const;
  bool MatchesServer(absl::string_view server_id) const;
};

struct CompiledRule {
  uint32_t index = 0;  // Position in the policy.
  std::string id;
  std::string description;
  Decision effect = Decision::kDeny;
  CompiledTarget target;
  std::unique_ptr<PrincipalMatcher> principal;  // Null: anyone.
  std::unique_ptr<Condition> condition;         // Null: always true.
};

// Deny overrides ask overrides allow: lower sorts first.
inline int EffectPriority(Decision effect) {
  return effect == Decision::kDeny ? 0 : effect == Decision::kAsk ? 1 : 2;
}

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_COMPILED_RULE_H_
