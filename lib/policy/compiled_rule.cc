#include "policy/compiled_rule.h"

namespace mcpguard::internal {
namespace {

bool AnyMatches(const std::vector<Glob>& globs, absl::string_view text) {
  for (const Glob& g : globs) {
    if (g.Matches(text)) return true;
  }
  return false;
}

}  // namespace

bool CompiledTarget::MatchesMethod(absl::string_view method) const {
  return methods.empty() || AnyMatches(methods, method);
}

bool CompiledTarget::MatchesTool(bool has_tool, absl::string_view tool) const {
  if (tools.empty()) return true;
  return has_tool && AnyMatches(tools, tool);
}

bool CompiledTarget::MatchesServer(absl::string_view server_id) const {
  return servers.empty() || AnyMatches(servers, server_id);
}

}  // namespace mcpguard::internal
