// DecisionName and TraceOutcomeName (declared in mcpguard/verdict.h) lives in the policy layer,
// the lowest one that speaks of decisions.
#include "mcpguard/verdict.h"

namespace mcpguard {

const char* DecisionName(Decision decision) {
  switch (decision) {
    case Decision::kAllow: return "allow";
    case Decision::kDeny: return "deny";
    case Decision::kAsk: return "ask";
    case Decision::kRewrite: return "rewrite";
  }
  return "deny";
}

const char* TraceOutcomeName(TraceStep::Outcome outcome) {
  switch (outcome) {
    case TraceStep::Outcome::kNotApplicable: return "not applicable";
    case TraceStep::Outcome::kConditionFalse: return "condition false";
    case TraceStep::Outcome::kUndecidable: return "undecidable";
    case TraceStep::Outcome::kMatched: return "matched";
    case TraceStep::Outcome::kRecorded: return "recorded";
    case TraceStep::Outcome::kDefault: return "default";
    case TraceStep::Outcome::kScopeMissing: return "scope missing";
    case TraceStep::Outcome::kRateLimited: return "rate limited";
    case TraceStep::Outcome::kApproval: return "approval";
    case TraceStep::Outcome::kListFiltered: return "list filtered";
  }
  return "unknown";
}

}  // namespace mcpguard
