#include "mcpguard/verdict.h"

#include <memory>

namespace mcpguard {

const Verdict::Details& Verdict::NoDetails() {
  static const Details* const none = new Details();
  return *none;
}

Verdict& Verdict::operator=(const Verdict& other) {
  if (this == &other) return *this;
  decision_ = other.decision_;
  policy_decision_ = other.policy_decision_;
  audit_only_ = other.audit_only_;
  kind_ = other.kind_;
  direction_ = other.direction_;
  approval_ = other.approval_;
  error_code_ = other.error_code_;
  retry_after_ms_ = other.retry_after_ms_;
  ask_ticket_ = other.ask_ticket_;
  rule_id_ = other.rule_id_;
  reason_static_ = other.reason_static_;
  details_ = other.details_ == nullptr ? nullptr : std::make_unique<Details>(*other.details_);
  policy_ = other.policy_;
  return *this;
}

}  // namespace mcpguard
