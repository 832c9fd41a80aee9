#include "policy/target_coverage.h"

namespace mcpguard::internal {
namespace {

bool MatchesEverything(const Glob& glob) {
  return glob.pattern().find_first_not_of('*') == std::string::npos;
}

}  // namespace

bool GlobCovers(const Glob& outer, const Glob& inner) {
  if (inner.is_literal()) return outer.Matches(inner.literal());
  return MatchesEverything(outer) || outer.pattern() == inner.pattern();
}

bool GlobListCovers(const std::vector<Glob>& outer, const std::vector<Glob>& inner) {
  if (outer.empty()) return true;
  if (inner.empty()) return false;
  for (const Glob& glob : inner) {
    bool covered = false;
    for (const Glob& candidate : outer) covered = covered || GlobCovers(candidate, glob);
    if (!covered) return false;
  }
  return true;
}

bool TargetCovers(const CompiledTarget& outer, const CompiledTarget& inner, uint8_t inner_slots) {
  if ((inner_slots & ~outer.slots) != 0) return false;
  if (!outer.names.empty()) {
    if (inner.names.empty() || inner.name_kind != outer.name_kind) return false;
    if (!GlobListCovers(outer.names, inner.names)) return false;
  }
  if (!inner.names.empty()) {
    // Only messages carrying a name of inner's kind match it: a short, known
    // list of methods.
    for (absl::string_view method : MethodsNaming(inner.name_kind)) {
      if (inner.MatchesMethod(method) && !outer.MatchesMethod(method)) return false;
    }
  } else if (outer.methods.empty() || !GlobListCovers(outer.methods, inner.methods)) {
    // inner names methods only (a target names at least one method or
    // name); outer without methods names names, and inner does not.
    return false;
  }
  return GlobListCovers(outer.servers, inner.servers);
}

}  // namespace mcpguard::internal
