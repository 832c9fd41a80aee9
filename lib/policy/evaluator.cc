#include "policy/evaluator.h"

namespace mcpguard::internal {

Evaluation Evaluate(const PolicyProgram& program, const MessageFacts& facts,
                    RuleApplicability* applicability, ResolvedFields* fields) {
  Candidates candidates = program.index().Lookup(facts.direction, facts.kind, facts.method,
                                                 facts.has_tool, facts.tool);
  const auto& rules = program.rules();
  fields->Begin(facts.scope);
  // Candidates come sorted deny, ask, allow, then policy order: the first
  // rule that matches decides.
  for (uint32_t index : candidates.rules) {
    const CompiledRule& rule = *rules[index];
    if (candidates.check_method && !rule.target.MatchesMethod(facts.method)) continue;
    if (candidates.check_tool && !rule.target.MatchesTool(facts.has_tool, facts.tool)) continue;
    if (!applicability->Applies(rule)) continue;
    Evaluation result;
    if (rule.condition != nullptr) {
      Truth truth = rule.condition->Evaluate(fields, &result.undecided);
      if (truth == Truth::kFalse) continue;
      if (truth == Truth::kUndecidable) {
        // Fail closed: an undecidable allow is no allow; an undecidable deny
        // or ask still stands.
        if (rule.effect == Decision::kAllow) continue;
        result.undecidable = true;
      }
    }
    result.rule = &rule;
    result.decision = rule.effect;
    return result;
  }
  Evaluation none;
  none.decision =
      facts.kind == MessageKind::kResponse ? Decision::kAllow : program.default_effect();
  return none;
}

}  // namespace mcpguard::internal
