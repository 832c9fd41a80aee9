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

// What a method's messages name: a tool (tools/call: params.name), a
// resource (resources/read, /subscribe, /unsubscribe: params.uri) or a
// prompt (prompts/get: params.name). Targets match those names by glob.
enum class NameKind : uint8_t { kNone, kTool, kResource, kPrompt };

// The kind of name `method` carries, and the member holding it.
NameKind NameKindOf(absl::string_view method);
absl::string_view NameMember(NameKind kind);  // "name", "uri" or "".
// The methods a name kind implies when a target names no method.
const std::vector<absl::string_view>& MethodsNaming(NameKind kind);
// "tool", "resource", "prompt" (for messages).
const char* NameKindLabel(NameKind kind);

struct CompiledTarget {
  uint8_t slots = 0;           // Bit SlotOf(...) set: the rule looks at that slot.
  // Empty: any method; with names, the methods that carry their kind.
  std::vector<Glob> methods;
  // Tool, resource or prompt globs (Target.tools/resources/prompts; one
  // kind per target). Empty: no name constraint.
  std::vector<Glob> names;
  NameKind name_kind = NameKind::kNone;
  std::vector<Glob> servers;   // Empty: any server.

  bool MatchesMethod(absl::string_view method) const;  // Names' kind too.
  // With a name constraint, only a message that names a matching name of
  // the same kind.
  bool MatchesName(NameKind kind, absl::string_view name) const;
  bool MatchesServer(absl::string_view server_id) const;
  // Methods and names together, for a message with that method and name
  // (kind from the method). For the lists that are not indexed.
  bool MatchesMessage(absl::string_view method, bool has_name, absl::string_view name) const {
    return MatchesMethod(method) &&
           (names.empty() || (has_name && MatchesName(NameKindOf(method), name)));
  }
};

struct CompiledRule {
  uint32_t index = 0;  // Position in the policy.
  std::string id;
  std::string description;
  Decision effect = Decision::kDeny;
  // Effect RECORD: a match is recorded and evaluation goes on (`effect` is
  // then kAllow, which it never decides).
  bool record_only = false;
  CompiledTarget target;
  std::unique_ptr<PrincipalMatcher> principal;  // Null: anyone.
  std::unique_ptr<Condition> condition;         // Null: always true.
};

// RECORD rules first (every match is recorded), then deny overrides ask
// overrides allow: lower sorts first.
inline int EffectPriority(const CompiledRule& rule) {
  if (rule.record_only) return 0;
  return rule.effect == Decision::kDeny ? 1 : rule.effect == Decision::kAsk ? 2 : 3;
}

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_COMPILED_RULE_H_
