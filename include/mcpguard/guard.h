// The entry point: an Engine holds the policy in force; Sessions check messages.
//
//   auto policy = mcpguard::LoadPolicyFile("policy.textproto");
//   if (!policy.ok()) { ...report policy.status()... }
//   auto engine = mcpguard::Engine::Create(*policy);
//   auto session = (*engine)->NewSession({.principal = {"alice", {"dev"}, {}},
//                                         .server_id = "filesystem"});
//   mcpguard::Verdict v = session->Check(bytes, mcpguard::Direction::kToServer);
//   if (!v.allowed()) send_back(v.error_response());
#ifndef MCPGUARD_GUARD_H_
#define MCPGUARD_GUARD_H_

#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "mcpguard/policy.h"
#include "mcpguard/session.h"
#include "mcpguard/verdict.h"

namespace mcpguard {

// Owns the policy in force. Thread-safe: SetPolicy may run while any number of
// sessions check on other threads; each Check uses one snapshot from start to
// end, and readers never wait for a writer.
class Engine {
 public:
  // InvalidArgument if `policy` is null.
  static absl::StatusOr<std::unique_ptr<Engine>> Create(
      std::shared_ptr<const CompiledPolicy> policy);

  ~Engine();
  Engine(const Engine&) = delete;  // Sessions share its state by pointer.
  Engine& operator=(const Engine&) = delete;

  // Atomically puts `policy` in force for every later Check of every session.
  // Checks already running finish with the policy they started with.
  // InvalidArgument (and no change) if `policy` is null.
  absl::Status SetPolicy(std::shared_ptr<const CompiledPolicy> policy);

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
