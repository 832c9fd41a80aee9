// The entry point: an Engine holds the policy in force; Sessions check messages.
//
//   auto policy = mcpguard::LoadPolicyFile("policy.textproto");
//   if (!policy.ok()) { ...report policy.status()... }
//   auto engine = mcpguard::Engine::Create(*policy);
//   auto session = (*engine)->NewSession({.principal = {"alice", {"dev"}, {}},
//                                         .server_id = "filesystem"});
//   mcpguard::Verdict v = session->Check(bytes, mcpguard::Direction::kToServer);
//   if (v.decision() == mcpguard::Decision::kRewrite) forward(v.replacement());
//   else if (!v.allowed()) send_back(v.error_response());
#ifndef MCPGUARD_GUARD_H_
#define MCPGUARD_GUARD_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "mcpguard/approval.h"
#include "mcpguard/audit.h"
#include "mcpguard/pin_store.h"
#include "mcpguard/policy.h"
#include "mcpguard/session.h"
#include "mcpguard/verdict.h"

namespace mcpguard {

struct EngineOptions {
  // Settles ASK verdicts (see approval.h). Unset: Check returns kAsk and
  // the host settles it.
  Approver approver;
  // Monotonic time in nanoseconds, for rate limits. Unset: steady_clock.
  // Tests set it to drive time by hand. Called concurrently by every
  // session whose request a rate limit matches, so it must be thread-safe;
  // a negative value reads as 0.
  std::function<int64_t()> clock;
  // Where trust-on-first-use pins of tool definitions are kept (policy
  // integrity). Unset: in memory, for the engine's lifetime. A host that
  // wants pins to survive restarts passes OpenFilePinStore's.
  std::shared_ptr<PinStore> pin_store;
  // Where audit events go: one per Check, and one per policy load or
  // reload (see audit.h). Unset: no audit trail, no metrics.
  std::shared_ptr<AuditLog> audit;
};

// Owns the policy in force. Thread-safe: SetPolicy may run while any number of
// sessions check on other threads; each Check uses one snapshot from start to
// end, and readers never wait for a writer.
class Engine {
 public:
  // InvalidArgument if `policy` is null.
  static absl::StatusOr<std::unique_ptr<Engine>> Create(
      std::shared_ptr<const CompiledPolicy> policy, EngineOptions options = {});

  ~Engine();
  Engine(const Engine&) = delete;  // Sessions share its state by pointer.
  Engine& operator=(const Engine&) = delete;

  // Atomically puts `policy` in force for every later Check of every session.
  // Checks already running finish with the policy they started with.
  // InvalidArgument (and no change) if `policy` is null.
  absl::Status SetPolicy(std::shared_ptr<const CompiledPolicy> policy);

  // Loads and compiles the policy file at `path` (as LoadPolicyFile) and
  // puts it in force. On any error the policy in force stays as it was and
  // the status says why (every diagnostic, one per line); `diagnostics`,
  // when given, receives them (warnings and notes on success too). A file
  // that sets nothing (empty, blank, only comments) is refused
  // (FailedPrecondition): a policy rewritten in place is empty for a
  // moment, and a reload must not turn that moment into the policy in
  // force. Reloads run one at a time, from the read to the swap, so of two
  // at once the one that read the file last takes effect last.
  absl::Status Reload(const std::string& path, std::vector<Diagnostic>* diagnostics = nullptr);

  // The policy in force now.
  std::shared_ptr<const CompiledPolicy> policy() const;

  // A new session for one MCP connection. The session keeps what it needs of
  // the engine alive, so it may outlive the Engine object.
  std::unique_ptr<Session> NewSession(SessionOptions options) const;

 private:
  explicit Engine(std::shared_ptr<internal::EngineState> state);
  std::shared_ptr<internal::EngineState> state_;
};

}  // namespace mcpguard

#endif  // MCPGUARD_GUARD_H_
