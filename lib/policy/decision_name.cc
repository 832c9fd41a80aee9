// DecisionName (declared in mcpguard/verdict.h) lives in the policy layer,
// the lowest one that speaks of decisions.
#include "mcpguard/verdict.h"

namespace mcpguard {

const char* DecisionName(Decision decision) {
  switch (decision) {
    case Decision::kAllow: return "allow";
    case Decision::kDeny: return "deny";
    case Decision::kAsk: return "ask";
  }
  return "deny";
}

}  // namespace mcpguard
