#include "policy/policy_lint.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/message_differencer.h"
#include "policy/contradiction.h"
#include "policy/method_slots.h"
#include "policy/target_coverage.h"
#include "validate/mcp_version.h"

namespace mcpguard::internal {
namespace {

namespace pb = ::mcpguard::v1;
using google::protobuf::util::MessageDifferencer;

// What the lint knows about one rule.
struct RuleFacts {
  const CompiledRule* rule = nullptr;
  const pb::Rule* proto = nullptr;
  // The slots where a message the target matches can reach the rules.
  uint8_t slots = 0;
  // The rule can never match (reported): it takes no part in the checks
  // between rules.
  bool never = false;
  // Reported as never deciding: no note about it either.
  bool shadowed = false;
};

bool IsKnownMethod(absl::string_view method) {
  const std::vector<absl::string_view>& known = KnownMcpMethods();
  return std::binary_search(known.begin(), known.end(), method);
}

// No principal, or `anyone`: the rule applies to every session's principal.
bool AnyPrincipal(const pb::Rule& rule) {
  return !rule.has_principal() || rule.principal().has_anyone();
}

// True when `wide` applies to at least every principal `narrow` applies to.
bool PrincipalCovers(const pb::Rule& wide, const pb::Rule& narrow) {
  return AnyPrincipal(wide) ||
         (narrow.has_principal() &&
          MessageDifferencer::Equals(wide.principal(), narrow.principal()));
}

const char* EffectVerb(const CompiledRule& rule) {
  switch (rule.effect) {
    case Decision::kDeny: return "denies";
    case Decision::kAsk: return "asks about";
    default: return "allows";
  }
}

const char* EffectNoun(const CompiledRule& rule) {
  switch (rule.effect) {
    case Decision::kDeny: return "a deny";
    case Decision::kAsk: return "an ask";
    default: return "an allow";
  }
}

class Linter {
 public:
  Linter(const pb::Policy& policy, const PolicyProgram& program, const SourceMap& locations)
      : policy_(policy), program_(program), locations_(locations) {}

  std::vector<LintFinding> Run() {
    const auto& rules = program_.rules();
    facts_.resize(rules.size());
    for (size_t i = 0; i < rules.size(); ++i) {
      facts_[i].rule = rules[i].get();
      facts_[i].proto = &policy_.rules(static_cast<int>(i));
      facts_[i].never = NeverMatches(i);
      const bool unconditional = !facts_[i].never && !facts_[i].rule->record_only &&
                                 !facts_[i].proto->has_condition();
      if (unconditional) unconditional_.push_back(i);
    }
    for (size_t i = 0; i < rules.size(); ++i) CheckShadowed(i);
    for (size_t i = 0; i < rules.size(); ++i) CheckWideAllow(i);
    for (size_t i = 0; i < rules.size(); ++i) {
      if (facts_[i].proto->has_condition()) {
        CheckPointers(i, facts_[i].proto->condition(), absl::StrCat("rules[", i, "].condition"));
      }
    }
    const auto& requirements = program_.scope_requirements();
    for (size_t i = 0; i < requirements.size(); ++i) {
      const std::string field = absl::StrCat("scope_requirements[", i, "].target");
      uint8_t slots = 0;
      CheckTarget(requirements[i].target, field, &slots);
    }
    // Rules first, then scope requirements: back into policy order by rule.
    std::stable_sort(findings_.begin(), findings_.end(),
                     [](const Ordered& a, const Ordered& b) { return a.rule < b.rule; });
    std::vector<LintFinding> out;
    out.reserve(findings_.size());
    for (Ordered& f : findings_) out.push_back(std::move(f.finding));
    return out;
  }

 private:
  struct Ordered {
    size_t rule;  // Rule index; scope requirements sort last.
    LintFinding finding;
  };

  void Add(size_t rule, std::string field, std::string message,
           Diagnostic::Severity severity = Diagnostic::Severity::kWarning) {
    LintFinding f;
    f.severity = severity;
    f.field = std::move(field);
    f.message = std::move(message);
    findings_.push_back({rule, std::move(f)});
  }

  // `rule "id" (line N)`, the way messages name another rule.
  std::string RuleRef(size_t index) const {
    const int line = locations_.Find(absl::StrCat("rules[", index, "]")).first;
    std::string ref = absl::StrCat("rule \"", facts_[index].rule->id, "\"");
    if (line > 0) absl::StrAppend(&ref, " (line ", line, ")");
    return ref;
  }

  // Warns about methods no MCP version defines, when validation keeps them
  // from the rules, and about directions and kinds the target's methods
  // never travel in. Sets *slots to the slots where the target can match.
  // Returns false when the target can never match (warned here, or by the
  // compiler for names its methods cannot carry).
  bool CheckTarget(const CompiledTarget& target, const std::string& field, uint8_t* slots,
                   size_t rule = SIZE_MAX) {
    const ValidationSettings& validation = program_.validation();
    const bool strict = validation.mcp_messages && !validation.allow_unknown_methods;
    if (strict) {
      for (size_t j = 0; j < target.methods.size(); ++j) {
        const Glob& glob = target.methods[j];
        const std::string method_field = absl::StrCat(field, ".methods[", j, "]");
        if (glob.is_literal() && !IsKnownMethod(glob.literal())) {
          Add(rule, method_field,
              absl::StrCat("\"", absl::CHexEscape(glob.literal()),
                           "\" is not a method of any MCP version (", McpVersionList(),
                           "): validation rejects it before any rule (set "
                           "validation.allow_unknown_methods to pass such methods to the rules)"));
        } else if (!glob.is_literal() &&
                   std::none_of(KnownMcpMethods().begin(), KnownMcpMethods().end(),
                                [&](absl::string_view m) { return glob.Matches(m); })) {
          Add(rule, method_field,
              absl::StrCat("\"", absl::CHexEscape(glob.pattern()),
                           "\" matches no method of any MCP version (", McpVersionList(),
                           "): validation rejects other methods before any rule (set "
                           "validation.allow_unknown_methods to pass them to the rules)"));
        }
      }
    }
    const uint8_t reachable = ReachableSlots(target, validation);
    *slots = target.slots & reachable;
    if (reachable == 0) return false;  // Every method reported, here or by the compiler.
    if (*slots == 0) {
      Add(rule, field,
          absl::StrCat("can never match: under MCP validation the messages of the methods it "
                       "names travel only as ",
                       DescribeSlots(reachable), ", and the target looks only at ",
                       DescribeSlots(target.slots), " (see its directions and kinds)"));
      return false;
    }
    return true;
  }

  // Warns when rule i can never match; returns true then.
  bool NeverMatches(size_t i) {
    RuleFacts& facts = facts_[i];
    const std::string field = absl::StrCat("rules[", i, "]");
    if (!CheckTarget(facts.rule->target, field + ".target", &facts.slots, i)) return true;
    const pb::Rule& proto = *facts.proto;
    if (proto.has_principal()) {
      if (std::optional<Contradiction> c = FindPrincipalContradiction(proto.principal())) {
        const std::string at = c->field.empty() ? field + ".principal"
                                                : absl::StrCat(field, ".principal.", c->field);
        Add(i, at,
            absl::StrCat("can never match: the principal matcher matches nobody: ", c->message));
        return true;
      }
    }
    if (proto.has_condition()) {
      if (std::optional<Contradiction> c = FindConditionContradiction(proto.condition())) {
        const std::string at = absl::StrCat(field, ".condition.", c->field);
        // An undecidable ALLOW does not match; an undecidable DENY, ASK or
        // RECORD does, and a field of another type makes these undecidable.
        const bool allow = facts.rule->effect == Decision::kAllow && !facts.rule->record_only;
        if (!c->only_for_expected_type || allow) {
          Add(i, at, absl::StrCat("can never match: the condition is never true: ", c->message));
        } else {
          Add(i, at,
              absl::StrCat("the condition is never true: ", c->message,
                           "; the rule matches only when ", c->pointer,
                           " has another type (undecidable, so the rule applies: fail closed)"));
        }
        return true;
      }
    }
    return false;
  }

  // Rule i never decides when a rule that wins over it (a stronger effect,
  // or the same effect written earlier) matches, unconditionally, every
  // message it matches. RECORD rules never decide and are always recorded.
  void CheckShadowed(size_t i) {
    RuleFacts& r = facts_[i];
    if (r.never || r.rule->record_only) return;
    // A shadowed `d` still matches: whatever decides then wins over `r` too.
    for (size_t k : unconditional_) {
      const RuleFacts& d = facts_[k];
      if (k == i) continue;
      const int dp = EffectPriority(*d.rule), rp = EffectPriority(*r.rule);
      if (dp > rp || (dp == rp && k > i)) continue;
      if (!PrincipalCovers(*d.proto, *r.proto)) continue;
      if (!TargetCovers(d.rule->target, r.rule->target, r.slots)) continue;
      std::string message;
      if (dp == rp) {
        message = absl::StrCat("never decides: ", RuleRef(k), ", written before it, already ",
                               EffectVerb(*d.rule),
                               ", unconditionally, every message this rule matches");
      } else {
        message = absl::StrCat("never decides: ", RuleRef(k), " ", EffectVerb(*d.rule),
                               ", unconditionally, every message this rule matches, and ",
                               EffectNoun(*d.rule), " overrides ", EffectNoun(*r.rule));
      }
      Add(i, absl::StrCat("rules[", i, "]"), std::move(message));
      r.shadowed = true;
      return;
    }
  }

  // Warns about a "*" token in a condition's pointers: RFC 6901 has no
  // wildcard, so "/content/*/text" names a member called "*" and, through
  // an array, is undecidable for every message (a DENY then applies to all
  // of them).
  void CheckPointers(size_t rule, const pb::Condition& condition, const std::string& field) {
    auto check = [&](const std::string& pointer, const std::string& at) {
      if (!absl::StrContains(absl::StrCat(pointer, "/"), "/*/")) return;
      Add(rule, at,
          absl::StrCat("JSON Pointers have no wildcard: \"", absl::CHexEscape(pointer),
                       "\" names a member called \"*\" (through an array, every message is "
                       "undecidable); for each element of an array, write `elements: ANY` (or "
                       "ALL) with an `element_pointer`"));
    };
    switch (condition.kind_case()) {
      case pb::Condition::kAll:
      case pb::Condition::kAny: {
        const bool all = condition.kind_case() == pb::Condition::kAll;
        const auto& list = all ? condition.all() : condition.any();
        for (int j = 0; j < list.conditions_size(); ++j) {
          CheckPointers(rule, list.conditions(j),
                        absl::StrCat(field, all ? ".all" : ".any", ".conditions[", j, "]"));
        }
        break;
      }
      case pb::Condition::kNot:
        CheckPointers(rule, condition.not_(), absl::StrCat(field, ".not"));
        break;
      case pb::Condition::kField:
        check(condition.field().pointer(), absl::StrCat(field, ".field.pointer"));
        check(condition.field().element_pointer(),
              absl::StrCat(field, ".field.element_pointer"));
        break;
      case pb::Condition::KIND_NOT_SET:
        break;
    }
  }

  // A DENY whose condition is a blocklist (not under `not`), beside an
  // unconditional ALLOW of a strictly wider target: for the DENY's messages
  // the condition is the only check. A note, not a warning: it is often
  // meant ("allow everything except ..."), but a blocklist misses what its
  // author did not think of.
  void CheckWideAllow(size_t i) {
    const RuleFacts& d = facts_[i];
    if (d.never || d.shadowed || d.rule->record_only || d.rule->effect != Decision::kDeny ||
        !d.proto->has_condition() || d.proto->condition().has_not_()) {
      return;
    }
    for (size_t k : unconditional_) {
      const RuleFacts& a = facts_[k];
      // An ALLOW that never decides lets nothing through.
      if (a.shadowed || a.rule->effect != Decision::kAllow) continue;
      if (!AnyPrincipal(*d.proto) && !MessageDifferencer::Equals(d.proto->principal(),
                                                                  a.proto->principal())) {
        continue;
      }
      if (!TargetCovers(a.rule->target, d.rule->target, d.slots) ||
          TargetCovers(d.rule->target, a.rule->target, a.slots)) {
        continue;
      }
      Add(i, absl::StrCat("rules[", i, "].condition"),
          absl::StrCat(RuleRef(k),
                       " allows, unconditionally, a wider target that includes this rule's, so "
                       "whatever this condition does not catch is allowed: the condition is a "
                       "blocklist and the only check. If that is not meant, give the ALLOW a "
                       "condition that says what is acceptable, or write this condition under "
                       "`not` as one"),
          Diagnostic::Severity::kNote);
      return;
    }
  }

  const pb::Policy& policy_;
  const PolicyProgram& program_;
  const SourceMap& locations_;
  std::vector<RuleFacts> facts_;
  // Rules that can match and have no condition, in policy order: the only
  // ones that can shadow a rule or leave a DENY's condition the only check.
  std::vector<size_t> unconditional_;
  std::vector<Ordered> findings_;
};

}  // namespace

std::vector<LintFinding> LintPolicy(const pb::Policy& policy, const PolicyProgram& program,
                                    const SourceMap& locations) {
  return Linter(policy, program, locations).Run();
}

}  // namespace mcpguard::internal
