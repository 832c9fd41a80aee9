// Fills a Verdict (the only code allowed to write its private fields).
#ifndef MCPGUARD_GUARD_VERDICT_BUILDER_H_
#define MCPGUARD_GUARD_VERDICT_BUILDER_H_

#include <memory>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "guard/reason_text.h"
#include "mcpguard/policy.h"
#include "mcpguard/verdict.h"

namespace mcpguard {

class VerdictBuilder {
 public:
  VerdictBuilder(Verdict* verdict, std::shared_ptr<const CompiledPolicy> policy,
                 Direction direction)
      : v_(*verdict) {
    v_.audit_only_ = policy->audit_mode();
    v_.policy_ = std::move(policy);
    v_.direction_ = direction;
  }

  // Goes on building a finished verdict, with its policy and direction
  // (Session::Settle).
  explicit VerdictBuilder(Verdict* verdict) : v_(*verdict) {}

  void set_kind(MessageKind kind) { v_.kind_ = kind; }

  // Sets the policy's decision; the enforced one follows from the mode.
  void Decide(Decision decision) {
    v_.policy_decision_ = decision;
    v_.decision_ = v_.audit_only_ ? Decision::kAllow : decision;
  }
  // `rule_id` must live in the policy snapshot the verdict holds.
  void set_rule_id(absl::string_view rule_id) {
    v_.rule_id_ = std::string_view(rule_id.data(), rule_id.size());
  }
  // For string literals: no copy.
  void set_static_reason(absl::string_view reason) {
    v_.reason_static_ = std::string_view(reason.data(), reason.size());
  }
  void set_reason(std::string reason) {
    details().reason_owned = internal::OneLineReason(std::move(reason));
  }
  void set_error(int code, std::string response) {
    v_.error_code_ = code;
    if (v_.audit_only_) return;
    if (!response.empty()) {
      details().error_response = std::move(response);
    } else if (v_.details_ != nullptr) {
      v_.details_->error_response.clear();  // E.g. a notification: no answer.
    }
  }
  void add_note(std::string note) { details().notes.push_back(std::move(note)); }
  // The bytes to forward on Decision::kRewrite (kept only when enforced).
  void set_rewritten(std::string bytes) {
    if (!v_.audit_only_) details().rewritten = std::move(bytes);
  }
  void set_required_scopes(std::vector<std::string> scopes) {
    details().required_scopes = std::move(scopes);
  }
  void set_retry_after_ms(uint64_t ms) { v_.retry_after_ms_ = ms; }
  // `rule_id` must live in the policy snapshot the verdict holds.
  void add_recorded_rule(absl::string_view rule_id) {
    details().recorded_rules.emplace_back(rule_id.data(), rule_id.size());
  }
  void set_approval(ApprovalOutcome outcome) { v_.approval_ = outcome; }
  // The pending ASK of the session the verdict stands for; 0: none.
  void set_ask_ticket(uint64_t ticket) { v_.ask_ticket_.value = ticket; }
  static uint64_t AskTicket(const Verdict& verdict) { return verdict.ask_ticket_.value; }
  std::vector<TraceStep>* trace() { return &details().trace; }
  void add_finding(Finding finding) { details().findings.push_back(std::move(finding)); }

  // Replaces whatever was decided with a deny of the guard's own (fail
  // closed): no rule, no rewrite; the findings and notes stay.
  void Overrule(int code, std::string reason, std::string response) {
    Decide(Decision::kDeny);
    v_.rule_id_ = {};
    v_.reason_static_ = {};
    Verdict::Details& d = details();
    d.reason_owned = internal::OneLineReason(std::move(reason));
    d.rewritten.clear();
    v_.error_code_ = code;
    d.error_response = v_.audit_only_ ? std::string() : std::move(response);
  }

  const Verdict& verdict() const { return v_; }

 private:
  Verdict::Details& details() {
    if (v_.details_ == nullptr) v_.details_ = std::make_unique<Verdict::Details>();
    return *v_.details_;
  }
  Verdict& v_;
};

}  // namespace mcpguard

#endif  // MCPGUARD_GUARD_VERDICT_BUILDER_H_
