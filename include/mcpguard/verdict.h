// What a check decided about one message.
#ifndef MCPGUARD_VERDICT_H_
#define MCPGUARD_VERDICT_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mcpguard/direction.h"

namespace mcpguard {

class CompiledPolicy;

enum class Decision {
  kAllow,  // Forward the message unchanged.
  kDeny,   // Do not forward it; see Verdict::error_response().
  kAsk,    // A human must approve first; if they refuse (or nobody answers
           // in time), treat it exactly as kDeny. Hand the answer to
           // Session::Settle, which returns the verdict to act on. With an
           // approver on the Engine, Check settles it and returns kAllow or
           // kDeny instead.
  kRewrite,  // Forward Verdict::replacement() instead of the message (e.g.
             // a tools/list result without the tools the principal may not
             // call).
};

const char* DecisionName(Decision decision);  // "allow", "deny", "ask", "rewrite"

// The documented JSON-RPC error codes a verdict can carry.
enum ErrorCode : int {
  kParseError = -32700,      // Not JSON, or over a hard limit.
  kInvalidRequest = -32600,  // Not a valid JSON-RPC 2.0 message.
  kMethodNotFound = -32601,
  kInvalidParams = -32602,   // Params the method cannot have (e.g. no tool name).
  kInternalError = -32603,   // The guard could not decide (fails closed).
  // A policy denied the message; `data.rule` names the rule. One code in the
  // implementation-defined server-error range, documented in docs/policy.md.
  kPolicyDenied = -32030,
};

// One step of an explanation (CheckOptions::explain): what one rule, scope
// requirement or rate limit made of the message, in the order they were
// considered.
struct TraceStep {
  enum class Outcome {
    kNotApplicable,   // Its principal or server does not match the session.
    kConditionFalse,  // Its condition is false for this message.
    kUndecidable,     // Its condition could not be decided (see detail).
    kMatched,         // It decided the message.
    kRecorded,        // A RECORD rule matched; evaluation went on.
    kDefault,         // No rule matched: the default effect (rule is empty).
    kScopeMissing,    // A scope requirement the principal does not meet.
    kRateLimited,     // A rate limit with no token left.
    kApproval,        // The approver's answer to an ASK (see detail).
    kListFiltered,    // A tools/list result lost tools the principal can never call.
  };
  std::string rule;  // The rule, scope requirement or rate limit id.
  Outcome outcome = Outcome::kNotApplicable;
  std::string detail;  // Human-readable: which field, which condition, why.
};

const char* TraceOutcomeName(TraceStep::Outcome outcome);  // "matched", ...

// Something the integrity check or a detector found in the message. It
// never holds the offending text itself (which may be a secret), only where
// it is and why it matters.
struct Finding {
  std::string category;  // What was found: "rug_pull", "unpinned_tool", ...
  std::string detector;  // Who found it: "integrity", ...
  // Where: a JSON Pointer into the message ("/result/tools/3"), and for a
  // finding inside a string the byte span within it (length 0: the whole
  // value).
  std::string pointer;
  size_t offset = 0;
  size_t length = 0;
  std::string reason;    // One short sentence.
  // How sure the finding is, 0 to 1: 1 for a definition that differs from
  // its pin or a credential's documented shape, lower for phrasing benign
  // text may also use.
  double score = 1.0;
};

// How the engine's approver settled an ASK (Decision::kAsk without one).
enum class ApprovalOutcome {
  kNone,        // Nobody was asked (or not yet: an ASK awaiting an answer).
  kApproved,
  kRefused,
  kTimedOut,    // No answer within the policy's approval.timeout_ms.
  kRemembered,  // An earlier answer in this session, remembered.
};

// The result of Session::Check. A value type; cheap to move. The string views
// it returns stay valid until the Verdict is destroyed, assigned to or moved
// from (it keeps the policy snapshot that decided it). They are not
// NUL-terminated.
class Verdict {
 public:
  Verdict() = default;
  Verdict(const Verdict& other) { *this = other; }
  Verdict& operator=(const Verdict& other);
  Verdict(Verdict&&) noexcept = default;
  Verdict& operator=(Verdict&&) noexcept = default;

  // What the host must do with the message. In AUDIT mode this is always
  // kAllow; policy_decision() then says what enforcement would have done.
  Decision decision() const { return decision_; }
  // What the policy decided, whatever the mode.
  Decision policy_decision() const { return policy_decision_; }
  // True when the policy is in AUDIT mode (the decision was not enforced).
  bool audit_only() const { return audit_only_; }
  bool allowed() const { return decision_ == Decision::kAllow; }

  // The id of the rule that decided; empty when no rule matched (the default
  // effect, a response inheriting its request's decision, or an invalid
  // message).
  std::string_view rule_id() const { return rule_id_; }
  // Why, in one line for logs and humans. Text from the message (a tool
  // name, a method) is quoted with its ASCII control characters as \xNN.
  std::string_view reason() const {
    return details_ == nullptr || details_->reason_owned.empty()
               ? reason_static_
               : std::string_view(details_->reason_owned);
  }
  // The JSON-RPC error code for a deny or ask (see ErrorCode); 0 on allow.
  // In AUDIT mode, the code enforcement would have used, though decision()
  // is kAllow.
  int error_code() const { return error_code_; }
  // A complete JSON-RPC error response carrying the message's id, ready to
  // send as it is. For a denied request: send it back to the sender instead of
  // forwarding. For a denied response: deliver it to the receiver in place of
  // the original, so its pending request completes. Empty on allow, and for
  // notifications (they have no id and get no answer: drop them).
  std::string_view error_response() const {
    return details_ == nullptr ? std::string_view() : std::string_view(details_->error_response);
  }
  // The bytes to send instead of the message: the rewritten message on
  // kRewrite, error_response() on kDeny and kAsk; empty on kAllow.
  std::string_view replacement() const {
    if (details_ == nullptr) return {};
    return decision_ == Decision::kRewrite ? std::string_view(details_->rewritten)
                                           : std::string_view(details_->error_response);
  }

  // Step-up authorization: when a scope requirement denied the message,
  // every scope it needs (the `scope` of an RFC 6750 insufficient_scope
  // challenge, which the error response's data also carries). Else empty.
  const std::vector<std::string>& required_scopes() const { return Get().required_scopes; }
  // When a rate limit denied the message: milliseconds until its bucket has
  // a token again (also in the error response's data). Else 0.
  uint64_t retry_after_ms() const { return retry_after_ms_; }
  // Ids of the RECORD rules that matched, in policy order.
  const std::vector<std::string_view>& recorded_rules() const { return Get().recorded_rules; }
  // How an ASK was settled: by the engine's approver, by an answer
  // remembered in the session, or by the host through Session::Settle
  // (kApproved, kRefused); kNone when nobody was asked.
  ApprovalOutcome approval() const { return approval_; }
  // An ASK the host settles itself: true until Session::Settle takes it
  // (on this verdict or a copy). False for every other verdict.
  bool awaiting_answer() const { return ask_ticket_.value != 0; }
  // With CheckOptions::explain: every rule considered and what it made of
  // the message. Empty otherwise.
  const std::vector<TraceStep>& trace() const { return Get().trace; }

  // What the integrity check and the detectors found, whatever the
  // decision (a finding whose policy effect is RECORD leaves it unchanged).
  const std::vector<Finding>& findings() const { return Get().findings; }

  // The message's shape (kUnknown when it could not be read) and the
  // direction it was checked in.
  MessageKind kind() const { return kind_; }
  Direction direction() const { return direction_; }

  // Things the host should record that are not the decision itself, e.g. an
  // in-flight request evicted because the session's cap was reached.
  const std::vector<std::string>& notes() const { return Get().notes; }

  // The policy snapshot that made this decision (its name() and hash() say
  // exactly which policy it was, across reloads). Never null for a verdict
  // returned by Session::Check.
  const std::shared_ptr<const CompiledPolicy>& policy() const { return policy_; }

 private:
  friend class VerdictBuilder;  // lib/guard/verdict_builder.h

  // What most verdicts never carry, allocated only when a verdict does: an
  // allowed message's verdict is a few words to build and to destroy.
  struct Details {
    std::string reason_owned;
    std::string error_response;
    std::string rewritten;
    std::vector<std::string> notes;
    std::vector<std::string> required_scopes;
    std::vector<std::string_view> recorded_rules;  // Into policy_.
    std::vector<TraceStep> trace;
    std::vector<Finding> findings;
  };
  static const Details& NoDetails();
  const Details& Get() const { return details_ != nullptr ? *details_ : NoDetails(); }

  Decision decision_ = Decision::kDeny;
  Decision policy_decision_ = Decision::kDeny;
  bool audit_only_ = false;
  MessageKind kind_ = MessageKind::kUnknown;
  Direction direction_ = Direction::kToServer;
  ApprovalOutcome approval_ = ApprovalOutcome::kNone;
  int error_code_ = 0;
  uint64_t retry_after_ms_ = 0;
  // Which pending ASK of its session (Session::Settle); 0 for none. A
  // moved-from verdict keeps none (found by an adversarial review: both
  // could be settled).
  struct AskTicket {
    uint64_t value = 0;
    AskTicket() = default;
    AskTicket(const AskTicket&) = default;
    AskTicket& operator=(const AskTicket&) = default;
    AskTicket(AskTicket&& other) noexcept : value(other.value) { other.value = 0; }
    AskTicket& operator=(AskTicket&& other) noexcept {
      value = other.value;
      other.value = 0;
      return *this;
    }
  };
  AskTicket ask_ticket_;
  std::string_view rule_id_;
  std::string_view reason_static_;
  std::unique_ptr<Details> details_;
  std::shared_ptr<const CompiledPolicy> policy_;  // Keeps rule_id_ alive.
};

}  // namespace mcpguard

#endif  // MCPGUARD_VERDICT_H_
