#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "audit/audit_log_state.h"
#include "base/sha256.h"
#include "guard/engine_state.h"
#include "guard/session_state.h"
#include "mcpguard/guard.h"

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

// Compiles the file for a reload. A file that sets nothing (empty, blank,
// only comments, `{}`) is refused: it is far more likely a policy caught
// while being rewritten in place (truncated, not yet written) than one
// meant to deny everything (found by adversarial reviews: the proxy's
// SIGHUP loaded an empty file as a policy of defaults, and a watcher
// loaded a file whose writer had written only its header comment).
absl::StatusOr<std::shared_ptr<const CompiledPolicy>> LoadForReload(
    const std::string& path, std::vector<Diagnostic>* diagnostics) {
  absl::StatusOr<std::shared_ptr<const CompiledPolicy>> policy =
      LoadPolicyFile(path, diagnostics);
  // An empty Policy message serializes to no bytes: its hash is that of "".
  static const std::string* const kNothingSet = new std::string(internal::Sha256Hex(""));
  if (!policy.ok() || (*policy)->hash() != *kNothingSet) return policy;
  Diagnostic nothing;
  nothing.file = path;
  nothing.message =
      "the file sets nothing (it is empty, or holds only comments): not put in force, since a "
      "policy rewritten in place is empty for a moment (write the new policy to another file, "
      "then rename it over this one)";
  diagnostics->push_back(nothing);
  return absl::FailedPreconditionError(nothing.ToString());
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
  // Held from the read to the swap: of two reloads at once, the one that
  // read the file last swaps last (found by an adversarial review: a
  // reload that read an older file but compiled slower put it in force
  // after a watcher had loaded the newer one, for good).
  std::lock_guard<std::mutex> lock(state_->change_mu);
  std::vector<Diagnostic> found;
  absl::StatusOr<std::shared_ptr<const CompiledPolicy>> policy = LoadForReload(path, &found);
  if (diagnostics != nullptr) diagnostics->insert(diagnostics->end(), found.begin(), found.end());
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
