// Decides one message against a compiled policy.
#ifndef MCPGUARD_POLICY_EVALUATOR_H_
#define MCPGUARD_POLICY_EVALUATOR_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "mcpguard/direction.h"
#include "mcpguard/principal.h"
#include "policy/condition.h"
#include "policy/program.h"
#include "policy/resolved_fields.h"
#include "rapidjson/document.h"

namespace mcpguard::internal {

// What the evaluator needs to know about a message. Views into the parsed
// message; valid for the evaluation only.
struct MessageFacts {
  Direction direction = Direction::kToServer;
  MessageKind kind = MessageKind::kRequest;
  absl::string_view method;   // For a response: its request's method.
  // The tool, resource URI or prompt the method names; name_kind is
  // NameKindOf(method), worked out once per message.
  bool has_name = false;
  absl::string_view name;
  NameKind name_kind = NameKind::kNone;
  const rapidjson::Value* scope = nullptr;  // params, or result; may be null.
};

// Which rules apply to one session's principal and server. Both are fixed for
// a session, so each rule's answer is computed once per policy snapshot and
// cached. Also remembers, per (direction, kind) slot, the rule index's last
// few answers: a session calls the same few tools again and again, often in
// turn, and comparing the method and name with a handful of recent ones costs
// a fraction of two hash lookups. Per session; not thread-safe.
class RuleApplicability {
 public:
  RuleApplicability(Principal principal, std::string server_id)
      : principal_(std::move(principal)), server_id_(std::move(server_id)) {}

  // Forgets cached answers; call when the policy snapshot changes.
  void Reset(const PolicyProgram& program) {
    cache_.assign(program.rules().size(), kUnknown);
    for (RecentLookups& recent : last_lookups_) {
      for (LastLookup& last : recent.entries) last.valid = false;
    }
  }

  // program.index().Lookup for the message, from one of the slot's recent
  // answers when the method and name are the same. Valid until the next
  // call for the same slot or Reset.
  const Candidates& CandidatesFor(const PolicyProgram& program, const MessageFacts& facts);

  bool Applies(const CompiledRule& rule) {
    uint8_t& cached = cache_[rule.index];
    if (cached == kUnknown) {
      bool applies = rule.target.MatchesServer(server_id_) &&
                     (rule.principal == nullptr || rule.principal->Matches(principal_));
      cached = applies ? kYes : kNo;
    }
    return cached == kYes;
  }

  const Principal& principal() const { return principal_; }
  const std::string& server_id() const { return server_id_; }

 private:
  enum : uint8_t { kUnknown, kYes, kNo };
  struct LastLookup {
    bool valid = false;
    bool has_name = false;
    std::string method;
    std::string name;
    Candidates candidates;
  };
  // Enough for a session that takes turns among a few tools; a miss replaces
  // the entries in turn, reusing their strings' capacity.
  static constexpr size_t kRecentLookups = 4;
  struct RecentLookups {
    std::array<LastLookup, kRecentLookups> entries;
    uint8_t next = 0;  // The entry the next miss replaces.
  };
  Principal principal_;
  std::string server_id_;
  std::vector<uint8_t> cache_;
  std::array<RecentLookups, kSlotCount> last_lookups_;
};

struct Evaluation {
  const CompiledRule* rule = nullptr;  // Null: no rule matched.
  Decision decision = Decision::kDeny;
  // The rule matched only because its condition was undecidable (it fails
  // closed); `undecided` says which field.
  bool undecidable = false;
  Undecided undecided;
};

// What an evaluation may report besides its decision; each sink optional.
struct EvaluationSinks {
  // RECORD rules that matched, in policy order.
  std::vector<const CompiledRule*>* recorded = nullptr;
  // Every rule considered and its outcome (slow: explanations only).
  std::vector<TraceStep>* trace = nullptr;
};

// Deny-overrides evaluation. With no matching rule: the policy's default
// effect for requests and notifications, allow for responses (a response
// inherits its request's decision). `fields` is the session's cache, Reset
// for `program`. Never allocates unless a sink receives something.
Evaluation Evaluate(const PolicyProgram& program, const MessageFacts& facts,
                    RuleApplicability* applicability, ResolvedFields* fields,
                    const EvaluationSinks& sinks = {});

// The rules after `first` in evaluation order that have its effect and match
// the message too (an undecidable condition counts, failing closed): the
// other ASK rules an approval must answer. Call right after Evaluate, with
// the same arguments; allocates (the ASK path only).
std::vector<const CompiledRule*> OtherMatchingRules(const PolicyProgram& program,
                                                    const MessageFacts& facts,
                                                    RuleApplicability* applicability,
                                                    ResolvedFields* fields,
                                                    const CompiledRule& first);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_EVALUATOR_H_
