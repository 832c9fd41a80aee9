#include <utility>

#include "absl/strings/str_cat.h"
#include "guard/engine_state.h"
#include "guard/session_state.h"
#include "mcpguard/guard.h"

namespace mcpguard {

Engine::Engine(std::shared_ptr<internal::EngineState> state) : state_(std::move(state)) {}
Engine::~Engine() = default;

absl::StatusOr<std::unique_ptr<Engine>> Engine::Create(
    std::shared_ptr<const CompiledPolicy> policy, EngineOptions options) {
  if (policy == nullptr) return absl::InvalidArgumentError("Engine::Create: policy is null");
  auto state = std::make_shared<internal::EngineState>();
  state->options = std::move(options);
  if (state->options.pin_store == nullptr) state->options.pin_store = NewMemoryPinStore();
  state->Store(std::move(policy));
  return std::unique_ptr<Engine>(new Engine(std::move(state)));
}

absl::Status Engine::SetPolicy(std::shared_ptr<const CompiledPolicy> policy) {
  if (policy == nullptr) return absl::InvalidArgumentError("Engine::SetPolicy: policy is null");
  state_->Store(std::move(policy));
  return absl::OkStatus();
}

absl::Status Engine::Reload(const std::string& path, std::vector<Diagnostic>* diagnostics) {
  absl::StatusOr<std::shared_ptr<const CompiledPolicy>> policy =
      LoadPolicyFile(path, diagnostics);
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
