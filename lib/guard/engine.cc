#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "audit/audit_log_state.h"
#include "guard/engine_state.h"
#include "guard/session_state.h"
#include "mcpguard/guard.h"
#include "policy/loader.h"

namespace mcpguard {
namespace {

// A policy load, reload or failed reload for the audit trail (never
// refused: a full queue only counts it as dropped).
void AuditPolicyEvent(const internal::EngineState& state, internal::AuditKind kind,
                      const CompiledPolicy& policy, std::string_view previous_hash,
                      const std::vector<Diagnostic>* diagnostics) {
  if (state.options.audit == nullptr) return;
  internal::AuditRecord r;
  r.kind = kind;
  r.time_unix_ns = absl::GetCurrentTimeNanos();
  r.policy_name = std::string(policy.name());
  r.policy_hash = std::string(policy.hash());
  r.previous_policy_hash = std::string(previous_hash);
  if (diagnostics != nullptr) {
    for (const Diagnostic& diagnostic : *diagnostics) {
      r.diagnostics.push_back(diagnostic.ToString());
    }
  }
  state.options.audit->state().SubmitRecord(false, r);
}

// True when `text` holds nothing but whitespace.
bool Blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// Reads and compiles the file for a reload. A blank file is refused: it is
// far more likely a policy caught while being rewritten in place (truncated,
// not yet written) than one meant to deny everything (found by an
// adversarial review of the proxy's SIGHUP: it loaded as a policy of
// defaults).
absl::StatusOr<std::shared_ptr<const CompiledPolicy>> LoadForReload(
    const std::string& path, std::vector<Diagnostic>* diagnostics) {
  absl::StatusOr<std::string> text = internal::ReadPolicyFile(path);
  if (!text.ok()) return text.status();
  if (Blank(*text)) {
    Diagnostic blank;
    blank.file = path;
    blank.message =
        "the file is empty: not put in force, since a policy rewritten in place is empty "
        "for a moment (write the new policy to another file, then rename it over this one)";
    diagnostics->push_back(blank);
    return absl::FailedPreconditionError(blank.ToString());
  }
  PolicyLoadOptions options;
  options.source_name = path;
  options.format = internal::PolicyFormatForPath(path);
  return CompilePolicy(*text, options, diagnostics);
}

}  // namespace

Engine::Engine(std::shared_ptr<internal::EngineState> state) : state_(std::move(state)) {}
Engine::~Engine() = default;

absl::StatusOr<std::unique_ptr<Engine>> Engine::Create(
    std::shared_ptr<const CompiledPolicy> policy, EngineOptions options) {
  if (policy == nullptr) return absl::InvalidArgumentError("Engine::Create: policy is null");
  auto state = std::make_shared<internal::EngineState>();
  state->options = std::move(options);
  if (state->options.pin_store == nullptr) state->options.pin_store = NewMemoryPinStore();
  AuditPolicyEvent(*state, internal::AuditKind::kPolicyLoad, *policy, {}, nullptr);
  state->Store(std::move(policy));
  return std::unique_ptr<Engine>(new Engine(std::move(state)));
}

absl::Status Engine::SetPolicy(std::shared_ptr<const CompiledPolicy> policy) {
  if (policy == nullptr) return absl::InvalidArgumentError("Engine::SetPolicy: policy is null");
  std::lock_guard<std::mutex> lock(state_->change_mu);
  AuditPolicyEvent(*state_, internal::AuditKind::kPolicyReload, *policy, state_->Load()->hash(),
                   nullptr);
  state_->Store(std::move(policy));
  return absl::OkStatus();
}

absl::Status Engine::Reload(const std::string& path, std::vector<Diagnostic>* diagnostics) {
  std::vector<Diagnostic> found;
  absl::StatusOr<std::shared_ptr<const CompiledPolicy>> policy = LoadForReload(path, &found);
  if (diagnostics != nullptr) diagnostics->insert(diagnostics->end(), found.begin(), found.end());
  std::lock_guard<std::mutex> lock(state_->change_mu);
  const std::shared_ptr<const CompiledPolicy> in_force = state_->Load();
  AuditPolicyEvent(*state_,
                   policy.ok() ? internal::AuditKind::kPolicyReload
                               : internal::AuditKind::kPolicyReloadFailed,
                   policy.ok() ? **policy : *in_force, in_force->hash(), &found);
  if (!policy.ok()) {
    return absl::Status(policy.status().code(),
                        absl::StrCat("reload of ", path, " failed; the policy in force (",
                                     std::string(state_->Load()->hash().substr(0, 12)),
                                     ") stays: ", policy.status().message()));
  }
  state_->Store(*std::move(policy));
  return absl::OkStatus();
}

std::shared_ptr<const CompiledPolicy> Engine::policy() const { return state_->Load(); }

std::unique_ptr<Session> Engine::NewSession(SessionOptions options) const {
  return std::unique_ptr<Session>(
      new Session(std::make_unique<internal::SessionState>(state_, std::move(options))));
}

}  // namespace mcpguard
