// One MCP connection's guard.
#ifndef MCPGUARD_SESSION_H_
#define MCPGUARD_SESSION_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "mcpguard/approval.h"
#include "mcpguard/direction.h"
#include "mcpguard/principal.h"
#include "mcpguard/verdict.h"

namespace mcpguard {

namespace internal {
struct EngineState;
class SessionState;
}  // namespace internal

struct SessionOptions {
  // Who is calling. Matched by rules' `principal`.
  Principal principal;
  // Which server this connection talks to. Matched by rules' `target.servers`.
  std::string server_id;
  // For logs and audit; the host's own id for the connection. May be empty.
  std::string session_id;
};

// Per-call options of Session::Check.
struct CheckOptions {
  // Fill Verdict::trace() with every rule considered and why it did or did
  // not match. Costs time; for `mcpguard eval --explain`, debugging and
  // audit of denials.
  bool explain = false;
};

// The guard for one MCP connection (create it with Engine::NewSession).
//
// It remembers the requests in flight in each direction, so that a response is
// checked as the response to its request's method and tool; memory is
// bounded by the policy's `limits.max_in_flight_requests` per direction (the
// oldest is evicted, with a note in the verdict). An allowed
// notifications/cancelled forgets the request it names: a late response to
// it is denied.
//
// Thread-safety: Check may be called from several threads (say, one pumping
// each direction); calls on one session are serialized by an internal mutex.
// Different sessions never contend. A session may outlive its Engine.
class Session {
 public:
  ~Session();
  Session(const Session&) = delete;  // Owns per-connection state.
  Session& operator=(const Session&) = delete;

  // Checks one complete JSON-RPC message travelling in `direction` against the
  // engine's current policy (pinned for the whole call). Never throws; bad
  // input yields a deny with the right JSON-RPC error (fail closed). `message`
  // is only read during the call.
  Verdict Check(std::string_view message, Direction direction);
  Verdict Check(std::string_view message, Direction direction, const CheckOptions& options);

  // Settles an ASK verdict `asked` that Check returned, when the engine has
  // no approver and the host asks a human itself (awaiting_answer() is
  // true). Returns the verdict to act on instead: when approved, what the
  // check makes of the message once approved, as with an approver (kAllow,
  // or kRewrite: secrets redacted, a tools/list filtered); when refused,
  // kDeny with error_response() to send in place of the message (empty for
  // a notification). approval() says kApproved or kRefused. A yes given
  // after the engine's policy was replaced (SetPolicy, Reload) by another
  // (another hash()) is kDeny too, with approval() kApproved: the policy in
  // force may deny the call, and the client's resend is judged by it.
  //
  // Settling matters even for a refusal: a refused request leaves the
  // in-flight table (its id may be used again, and a response to it is
  // denied), and with `answer.remember` later messages of the session that
  // the same rule asks about for the same tool (resource, prompt; else
  // method) get the answer without an ASK, as with an approver, unless the
  // policy sets approval.never_remember or changed since the ASK. With an
  // audit log, an APPROVAL event records the answer; under audit.overflow
  // FAIL_CLOSED an approval that cannot be recorded is a deny (-32603),
  // not remembered.
  //
  // InvalidArgument when `asked` is not an ASK left to the host (another
  // decision, settled by the approver, AUDIT mode). FailedPrecondition when
  // it is not pending in this session: settled already (through it or a
  // copy), another session's, or older than the last 1024 unsettled ASKs
  // (which hold at most 32 MiB: what an approval gives is kept until then).
  absl::StatusOr<Verdict> Settle(const Verdict& asked, const ApprovalAnswer& answer);

  // Requests seen in `direction` whose response has not come back yet.
  size_t in_flight(Direction direction) const;

  const SessionOptions& options() const;

 private:
  friend class Engine;
  explicit Session(std::unique_ptr<internal::SessionState> state);
  std::unique_ptr<internal::SessionState> state_;
};

}  // namespace mcpguard

#endif  // MCPGUARD_SESSION_H_
