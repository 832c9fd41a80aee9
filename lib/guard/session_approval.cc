// ASK verdicts settled by the engine's approver.
#include "guard/session_state.h"
#include "guard/verdict_builder.h"

namespace mcpguard::internal {

void SessionState::SettleAsk(const Evaluation& evaluation, const MessageFacts& facts,
                             const Envelope& envelope, absl::string_view message,
                             VerdictBuilder& out) {
  (void)evaluation;
  (void)facts;
  (void)envelope;
  (void)message;
  (void)out;
}

}  // namespace mcpguard::internal
