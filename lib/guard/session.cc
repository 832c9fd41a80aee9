#include "mcpguard/session.h"

#include <utility>

#include "guard/session_state.h"

namespace mcpguard {

Session::Session(std::unique_ptr<internal::SessionState> state) : state_(std::move(state)) {}
Session::~Session() = default;

Verdict Session::Check(std::string_view message, Direction direction) {
  return state_->Check(absl::string_view(message.data(), message.size()), direction,
                       CheckOptions());
}

Verdict Session::Check(std::string_view message, Direction direction,
                       const CheckOptions& options) {
  return state_->Check(absl::string_view(message.data(), message.size()), direction, options);
}

absl::StatusOr<Verdict> Session::Settle(const Verdict& asked, const ApprovalAnswer& answer) {
  return state_->Settle(asked, answer);
}

size_t Session::in_flight(Direction direction) const { return state_->in_flight(direction); }

const SessionOptions& Session::options() const { return state_->options(); }

}  // namespace mcpguard
