// Scope requirements: a message whose target needs scopes the principal's
// token lacks is denied with the step-up hint of the MCP authorization
// specification (RFC 6750 insufficient_scope + the scopes needed).
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "guard/jsonrpc_error.h"
#include "guard/session_state.h"
#include "guard/verdict_builder.h"
#include "policy/program.h"

namespace mcpguard::internal {
namespace {

bool Holds(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

}  // namespace

bool SessionState::CheckScopes(const MessageFacts& facts, const Envelope& envelope,
                               VerdictBuilder& out) {
  const auto& requirements = policy_->program().scope_requirements();
  if (requirements.empty()) return true;
  const Principal& principal = options_.principal;
  const uint8_t slot = static_cast<uint8_t>(1u << SlotOf(facts.direction, facts.kind));
  auto applies = [&](const CompiledScopeRequirement& requirement) {
    return (requirement.target.slots & slot) &&
           requirement.target.MatchesMessage(facts.method, facts.has_name, facts.name) &&
           requirement.target.MatchesServer(options_.server_id);
  };
  auto met = [&](const CompiledScopeRequirement& requirement) {
    for (const std::string& scope : requirement.scopes) {
      if (!Holds(principal.scopes, scope)) return false;
    }
    return true;
  };
  // The common case, every requirement met, allocates nothing; the lists of
  // scopes are built only for a deny (or a trace).
  const CompiledScopeRequirement* failed = nullptr;
  for (const CompiledScopeRequirement& requirement : requirements) {
    if (!applies(requirement)) continue;
    const bool ok = met(requirement);
    if (!ok && failed == nullptr) failed = &requirement;
    if (check_options_->explain) {
      out.trace()->push_back(TraceStep{
          requirement.id, ok ? TraceStep::Outcome::kMatched : TraceStep::Outcome::kScopeMissing,
          ok ? absl::StrCat("the token holds ", absl::StrJoin(requirement.scopes, " "))
             : absl::StrCat("needs ", absl::StrJoin(requirement.scopes, " "))});
    }
  }
  if (failed == nullptr) return true;
  std::vector<std::string> needed;   // Every scope the message needs.
  std::vector<std::string> missing;  // Those the token lacks.
  for (const CompiledScopeRequirement& requirement : requirements) {
    if (!applies(requirement)) continue;
    for (const std::string& scope : requirement.scopes) {
      if (!Holds(needed, scope)) needed.push_back(scope);
      if (!Holds(principal.scopes, scope) && !Holds(missing, scope)) missing.push_back(scope);
    }
  }
  out.Decide(Decision::kDeny);
  out.set_rule_id(failed->id);
  out.set_reason(absl::StrCat("insufficient_scope: ", facts.method,
                              facts.has_name ? absl::StrCat(" of \"", facts.name, "\"") : "",
                              " needs scope ", absl::StrJoin(needed, " "), " (missing ",
                              absl::StrJoin(missing, " "), ")"));
  const std::string scope = absl::StrJoin(needed, " ");
  out.set_required_scopes(std::move(needed));
  if (envelope.kind == MessageKind::kNotification) return false;
  ErrorData data;
  data.rule = failed->id;
  std::string_view reason = out.verdict().reason();
  data.reason = absl::string_view(reason.data(), reason.size());
  data.error = "insufficient_scope";
  data.scope = scope;
  out.set_error(kPolicyDenied, BuildErrorResponse(IdToJson(*envelope.id), kPolicyDenied, data));
  return false;
}

}  // namespace mcpguard::internal
