// The state behind one mcpguard::Session and the Check pipeline:
// parse -> envelope -> correlate -> evaluate -> verdict.
#ifndef MCPGUARD_GUARD_SESSION_STATE_H_
#define MCPGUARD_GUARD_SESSION_STATE_H_

#include <cstdint>
#include <memory>
#include <string>

#include <mutex>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "guard/engine_state.h"
#include "json/parser.h"
#include "mcpguard/session.h"
#include "policy/evaluator.h"
#include "session/in_flight_table.h"
#include "validate/envelope.h"

namespace mcpguard {
class VerdictBuilder;

namespace internal {

class SessionState {
 public:
  SessionState(std::shared_ptr<EngineState> engine, SessionOptions options);

  Verdict Check(absl::string_view message, Direction direction);
  size_t in_flight(Direction direction) const;
  const SessionOptions& options() const { return options_; }

 private:
  // Picks up a new policy snapshot if the engine has one.
  void RefreshPolicy() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void CheckRequest(const Envelope& envelope, Direction direction, VerdictBuilder& out)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void CheckResponse(const Envelope& envelope, Direction direction, VerdictBuilder& out)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Denies with a JSON-RPC error answering `id_json`.
  void Reject(VerdictBuilder& out, int code, std::string reason, absl::string_view id_json,
              absl::string_view pointer, int64_t offset) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Applies an evaluation's decision, reason and error response.
  void Apply(const Evaluation& evaluation, const Envelope& envelope, VerdictBuilder& out)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Writes the in-flight key of a request or response id to id_key_.
  void MakeIdKey(const rapidjson::Value& id) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  InFlightTable& table(Direction request_direction) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return request_direction == Direction::kToServer ? to_server_ : to_client_;
  }

  const std::shared_ptr<EngineState> engine_;
  const SessionOptions options_;

  // std::mutex, not absl::Mutex: Debian's Abseil is not built with TSan
  // annotations, and ThreadSanitizer must see this lock to check the code.
  mutable std::mutex mu_;
  std::shared_ptr<const CompiledPolicy> policy_ ABSL_GUARDED_BY(mu_);
  uint64_t policy_version_ ABSL_GUARDED_BY(mu_) = 0;
  RuleApplicability applicability_ ABSL_GUARDED_BY(mu_);
  ResolvedFields fields_ ABSL_GUARDED_BY(mu_);  // Per-message field cache.
  JsonParser parser_ ABSL_GUARDED_BY(mu_);
  // Requests by the direction they travelled; a response looks in the
  // table of the opposite direction.
  InFlightTable to_server_ ABSL_GUARDED_BY(mu_);
  InFlightTable to_client_ ABSL_GUARDED_BY(mu_);
  // Scratch reused by every Check (no allocation in steady state).
  std::string id_key_ ABSL_GUARDED_BY(mu_);
  InFlightTable::Entry taken_ ABSL_GUARDED_BY(mu_);
};

}  // namespace internal
}  // namespace mcpguard

#endif  // MCPGUARD_GUARD_SESSION_STATE_H_
