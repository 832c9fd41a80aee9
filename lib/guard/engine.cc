#include <utility>

#include "guard/engine_state.h"
#include "guard/session_state.h"
#include "mcpguard/guard.h"

namespace mcpguard {

Engine::Engine(std::shared_ptr<internal::EngineState> state) : state_(std::move(state)) {}
Engine::~Engine() = default;

absl::StatusOr<std::unique_ptr<Engine>> Engine::Create(
    std::shared_ptr<const CompiledPolicy> policy) {
  if (policy == nullptr) return absl::InvalidArgumentError("Engine::Create: policy is null");
  auto state = std::make_shared<internal::EngineState>();
  state->Store(std::move(policy));
  return std::unique_ptr<Engine>(new Engine(std::move(state)));
}

absl::Status Engine::SetPolicy(std::shared_ptr<const CompiledPolicy> policy) {
  if (policy == nullptr) return absl::InvalidArgumentError("Engine::SetPolicy: policy is null");
  state_->Store(std::move(policy));
  return absl::OkStatus();
}

std::shared_ptr<const CompiledPolicy> Engine::policy() const { return state_->Load(); }

std::unique_ptr<Session> Engine::NewSession(SessionOptions options) const {
  return std::unique_ptr<Session>(
      new Session(std::make_unique<internal::SessionState>(state_, std::move(options))));
}

}  // namespace mcpguard
