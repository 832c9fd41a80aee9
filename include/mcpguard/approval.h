// Settling ASK verdicts: the engine asks an approver the host provides.
#ifndef MCPGUARD_APPROVAL_H_
#define MCPGUARD_APPROVAL_H_

#include <functional>
#include <string>

#include "mcpguard/direction.h"
#include "mcpguard/principal.h"

namespace mcpguard {

// What a human is asked to approve: one message an ASK rule matched.
struct ApprovalRequest {
  std::string session_id;
  Principal principal;
  std::string server_id;
  Direction direction = Direction::kToServer;
  std::string method;
  // The tool, resource URI or prompt name the message targets; may be empty.
  std::string name;
  std::string rule_id;      // The ASK rule (or default effect: empty).
  std::string reason;       // The verdict's reason so far.
  std::string message;      // The message itself, as received.
};

struct ApprovalAnswer {
  bool approved = false;
  // Apply this answer, without asking, to later messages of the session
  // that the same rule asks about for the same name. Ignored when the
  // policy sets approval.never_remember.
  bool remember = false;
};

// Called with the answer; may be called from any thread, at most once
// counts. Calling it after the policy's approval timeout has no effect.
using ApprovalCallback = std::function<void(ApprovalAnswer)>;

// Asked on the checking thread, with that session's Check waiting for the
// answer (other sessions are not held up). It must not call into the same
// Session. It may answer before returning, or later from another thread;
// an answer that does not come within the policy's approval.timeout_ms is a
// deny. An approver that throws is a deny.
using Approver = std::function<void(const ApprovalRequest& request, ApprovalCallback answer)>;

}  // namespace mcpguard

#endif  // MCPGUARD_APPROVAL_H_
