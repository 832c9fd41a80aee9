// Finds the few rules that can apply to a message without looking at the rest.
//
// Design note: rules are bucketed by (direction, kind) slot, then by literal
// method name, then by literal name (tool, resource URI or prompt). Each bucket is precomputed at
// compile time to hold every rule that can match a message with that key,
// including rules whose method or tool is a glob that matches the key, sorted
// deny, ask, allow and then by policy order, so the evaluator can stop at the
// first rule that matches. A message whose method or tool is not a key falls
// back to a list of the glob rules only, checked at run time. The cost of a
// check therefore grows with the rules that share its key, not with the size
// of the policy.
#ifndef MCPGUARD_POLICY_RULE_INDEX_H_
#define MCPGUARD_POLICY_RULE_INDEX_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "policy/compiled_rule.h"

namespace mcpguard::internal {

// The rules to try for one message, in decision order.
struct Candidates {
  absl::Span<const uint32_t> rules;
  bool check_method = false;  // Rules' method globs still need checking.
  bool check_name = false;    // Rules' name globs still need checking.
};

// Immutable after Build. Thread-safe.
class RuleIndex {
 public:
  void Build(const std::vector<std::unique_ptr<CompiledRule>>& rules);

  // Never allocates.
  Candidates Lookup(Direction direction, MessageKind kind, absl::string_view method,
                    bool has_name, absl::string_view name) const;

 private:
  struct MethodBucket {
    std::vector<uint32_t> without_name;   // Messages that carry no name.
    std::vector<uint32_t> name_fallback;  // Names that are not a key; check name.
    absl::flat_hash_map<std::string, std::vector<uint32_t>> by_name;
  };
  struct Slot {
    absl::flat_hash_map<std::string, MethodBucket> by_method;
    std::vector<uint32_t> method_fallback;  // Methods that are not a key.
  };
  std::array<Slot, kSlotCount> slots_;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_RULE_INDEX_H_
