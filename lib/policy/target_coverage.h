// Whether one target matches every message another target matches, for the
// policy lint (rules shadowed by a wider one). Decided conservatively: false
// whenever coverage cannot be shown cheaply, never true when it is not so.
#ifndef MCPGUARD_POLICY_TARGET_COVERAGE_H_
#define MCPGUARD_POLICY_TARGET_COVERAGE_H_

#include <cstdint>
#include <vector>

#include "policy/compiled_rule.h"
#include "policy/glob.h"

namespace mcpguard::internal {

// True when `outer` matches every string `inner` matches: `inner` is a
// literal `outer` matches, the two patterns are the same, or `outer` is "*".
// (Other pairs of wildcard patterns are not compared.)
bool GlobCovers(const Glob& outer, const Glob& inner);

// True when every glob of `inner` is covered by one of `outer`. An empty
// `outer` matches anything and covers anything; a non-empty `outer` never
// covers an empty `inner` (which also means anything).
bool GlobListCovers(const std::vector<Glob>& outer, const std::vector<Glob>& inner);

// True when `outer` matches every message `inner` matches in `inner_slots`
// (inner.slots, or fewer when MCP validation rules some out: see
// ReachableSlots): its slots, methods, names and servers.
bool TargetCovers(const CompiledTarget& outer, const CompiledTarget& inner, uint8_t inner_slots);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_TARGET_COVERAGE_H_
