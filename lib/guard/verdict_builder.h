// Fills a Verdict (the only code allowed to write its private fields).
#ifndef MCPGUARD_GUARD_VERDICT_BUILDER_H_
#define MCPGUARD_GUARD_VERDICT_BUILDER_H_

#include <memory>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
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
  void set_reason(std::string reason) { v_.reason_owned_ = std::move(reason); }
  void set_error(int code, std::string response) {
    v_.error_code_ = code;
    if (!v_.audit_only_) v_.error_response_ = std::move(response);
  }
  void add_note(std::string note) { v_.notes_.push_back(std::move(note)); }
  // The bytes to forward on Decision::kRewrite (kept only when enforced).
  void set_rewritten(std::string bytes) {
    if (!v_.audit_only_) v_.rewritten_ = std::move(bytes);
  }
  void set_required_scopes(std::vector<std::string> scopes) {
    v_.required_scopes_ = std::move(scopes);
  }
  void set_retry_after_ms(uint64_t ms) { v_.retry_after_ms_ = ms; }
  // `rule_id` must live in the policy snapshot the verdict holds.
  void add_recorded_rule(absl::string_view rule_id) {
    v_.recorded_rules_.emplace_back(rule_id.data(), rule_id.size());
  }
  void set_approval(ApprovalOutcome outcome) { v_.approval_ = outcome; }
  std::vector<TraceStep>* trace() { return &v_.trace_; }
  void add_finding(Finding finding) { v_.findings_.push_back(std::move(finding)); }

  // Replaces whatever was decided with a deny of the guard's own (fail
  // closed): no rule, no rewrite; the findings and notes stay.
  void Overrule(int code, std::string reason, std::string response) {
    Decide(Decision::kDeny);
    v_.rule_id_ = {};
    v_.reason_static_ = {};
    v_.reason_owned_ = std::move(reason);
    v_.rewritten_.clear();
    v_.error_code_ = code;
    v_.error_response_ = v_.audit_only_ ? std::string() : std::move(response);
  }

  const Verdict& verdict() const { return v_; }

 private:
  Verdict& v_;
};

}  // namespace mcpguard

#endif  // MCPGUARD_GUARD_VERDICT_BUILDER_H_
