// Compiles Policy.scope_requirements.
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "policy/policy_compiler.h"
#include "policy/scope_token.h"

namespace mcpguard::internal {

void PolicyCompiler::CompileScopeRequirements(PolicyProgram* program) {
  const auto& requirements = loaded_.policy.scope_requirements();
  absl::flat_hash_set<std::string> ids;
  for (int i = 0; i < requirements.size(); ++i) {
    const pb::ScopeRequirement& proto = requirements[i];
    const std::string field = absl::StrCat("scope_requirements[", i, "]");
    int errors_before = errors_;
    CompiledScopeRequirement out;
    out.id = proto.id();
    if (proto.id().empty()) {
      Error(field, "scope requirement has no id");
    } else if (!ids.insert(proto.id()).second) {
      Error(field + ".id", absl::StrCat("duplicate scope requirement id \"", proto.id(), "\""));
    }
    if (!proto.has_target()) {
      Error(field, "scope requirement has no target: name a method, tool, resource or prompt");
    } else {
      CompileTarget(proto.target(), field + ".target", &out.target);
    }
    if (proto.scopes().empty()) {
      Error(field, "scope requirement names no scope");
    }
    for (int s = 0; s < proto.scopes_size(); ++s) {
      if (!ValidScopeToken(proto.scopes(s))) {
        Error(absl::StrCat(field, ".scopes[", s, "]"),
              "an OAuth scope is one or more printable ASCII characters without space, '\"' "
              "or '\\' (RFC 6749 section 3.3)");
      }
      out.scopes.push_back(proto.scopes(s));
    }
    if (errors_ == errors_before) program->scope_requirements_.push_back(std::move(out));
  }
}

}  // namespace mcpguard::internal
