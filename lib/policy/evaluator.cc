#include "policy/evaluator.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "base/bytes_equal.h"

namespace mcpguard::internal {
namespace {

// Only called with a trace: building `detail` allocates.
void AddStep(std::vector<TraceStep>* trace, const CompiledRule* rule, TraceStep::Outcome outcome,
             std::string detail) {
  TraceStep step;
  if (rule != nullptr) step.rule = rule->id;
  step.outcome = outcome;
  step.detail = std::move(detail);
  trace->push_back(std::move(step));
}

}  // namespace

const Candidates& RuleApplicability::CandidatesFor(const PolicyProgram& program,
                                                  const MessageFacts& facts) {
  RecentLookups& recent = last_lookups_[SlotOf(facts.direction, facts.kind)];
  for (const LastLookup& last : recent.entries) {
    if (last.valid && last.has_name == facts.has_name &&
        (!facts.has_name || BytesEqual(last.name, facts.name)) &&
        BytesEqual(last.method, facts.method)) {
      return last.candidates;
    }
  }
  LastLookup& last = recent.entries[recent.next];
  recent.next = static_cast<uint8_t>((recent.next + 1) % kRecentLookups);
  last.candidates = program.index().Lookup(facts.direction, facts.kind, facts.method,
                                           facts.has_name, facts.name);
  last.method.assign(facts.method.data(), facts.method.size());
  last.has_name = facts.has_name;
  if (facts.has_name) last.name.assign(facts.name.data(), facts.name.size());
  last.valid = true;
  return last.candidates;
}

namespace {

// Whether candidate `rule` targets the message: the index answers for method
// and name unless it asks for these checks.
inline bool TargetsMessage(const Candidates& candidates, const CompiledRule& rule,
                           const MessageFacts& facts) {
  if (candidates.check_method && !rule.target.MatchesMethod(facts.method)) return false;
  return !candidates.check_name || rule.target.names.empty() ||
         (facts.has_name && rule.target.MatchesName(facts.name_kind, facts.name));
}

}  // namespace

Evaluation Evaluate(const PolicyProgram& program, const MessageFacts& facts,
                    RuleApplicability* applicability, ResolvedFields* fields,
                    const EvaluationSinks& sinks) {
  const Candidates& candidates = applicability->CandidatesFor(program, facts);
  const auto& rules = program.rules();
  fields->Begin(facts.scope);
  std::vector<TraceStep>* trace = sinks.trace;
  // Every path returns this one object, so it is built in the caller's
  // place (a second named result was copied out through the stack, with a
  // store-forwarding stall on every check).
  Evaluation result;
  // Candidates come sorted RECORD, deny, ask, allow, each in policy order:
  // RECORD matches are collected in policy order, then the first deciding
  // rule that matches decides.
  for (uint32_t index : candidates.rules) {
    const CompiledRule& rule = *rules[index];
    if (!TargetsMessage(candidates, rule, facts)) continue;
    if (!applicability->Applies(rule)) {
      if (trace != nullptr) {
        AddStep(trace, &rule, TraceStep::Outcome::kNotApplicable,
                "its principal or servers do not match this session");
      }
      continue;
    }
    result.undecided = Undecided();
    result.undecidable = false;
    if (rule.condition != nullptr) {
      Truth truth = rule.condition->Evaluate(fields, &result.undecided);
      if (truth == Truth::kFalse) {
        if (trace != nullptr) {
          AddStep(trace, &rule, TraceStep::Outcome::kConditionFalse,
                  rule.condition->Explain(fields));
        }
        continue;
      }
      if (truth == Truth::kUndecidable) {
        // Fail closed: an undecidable allow is no allow; an undecidable deny
        // or ask still stands, and an undecidable RECORD is recorded.
        const bool applies = rule.effect != Decision::kAllow || rule.record_only;
        if (trace != nullptr) {
          AddStep(trace, &rule, TraceStep::Outcome::kUndecidable,
                  absl::StrCat(result.undecided.field->DescribeUndecided(result.undecided),
                               applies ? "; the rule applies (fail closed)"
                                       : "; an undecidable ALLOW does not allow"));
        }
        if (!applies) continue;
        result.undecidable = true;
      }
    }
    if (rule.record_only) {
      if (sinks.recorded != nullptr) sinks.recorded->push_back(&rule);
      if (trace != nullptr) AddStep(trace, &rule, TraceStep::Outcome::kRecorded, "recorded");
      continue;
    }
    result.rule = &rule;
    result.decision = rule.effect;
    if (trace != nullptr) {
      AddStep(trace, &rule, TraceStep::Outcome::kMatched, DecisionName(rule.effect));
    }
    return result;
  }
  result.undecided = Undecided();
  result.undecidable = false;
  result.decision =
      facts.kind == MessageKind::kResponse ? Decision::kAllow : program.default_effect();
  if (trace != nullptr) {
    AddStep(trace, nullptr, TraceStep::Outcome::kDefault,
            facts.kind == MessageKind::kResponse
                ? std::string("no rule matched: a response inherits its request's decision")
                : absl::StrCat("no rule matched: the default effect, ",
                               DecisionName(program.default_effect())));
  }
  return result;
}

std::vector<const CompiledRule*> OtherMatchingRules(const PolicyProgram& program,
                                                    const MessageFacts& facts,
                                                    RuleApplicability* applicability,
                                                    ResolvedFields* fields,
                                                    const CompiledRule& first) {
  std::vector<const CompiledRule*> matching;
  const Candidates& candidates = applicability->CandidatesFor(program, facts);
  const auto& rules = program.rules();
  bool after = false;
  for (uint32_t index : candidates.rules) {
    const CompiledRule& rule = *rules[index];
    if (&rule == &first) {
      after = true;
      continue;
    }
    if (!after || rule.record_only || rule.effect != first.effect) continue;
    if (!TargetsMessage(candidates, rule, facts)) continue;
    if (!applicability->Applies(rule)) continue;
    Undecided ignored;
    if (rule.condition != nullptr && rule.condition->Evaluate(fields, &ignored) == Truth::kFalse) {
      continue;
    }
    matching.push_back(&rule);
  }
  return matching;
}

}  // namespace mcpguard::internal
