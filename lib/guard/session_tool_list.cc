// tools/list filtering.
#include "guard/session_state.h"
#include "guard/verdict_builder.h"

namespace mcpguard::internal {

void SessionState::FilterToolList(const Envelope& envelope, Direction direction,
                                  VerdictBuilder& out) {
  (void)envelope;
  (void)direction;
  (void)out;
}

}  // namespace mcpguard::internal
