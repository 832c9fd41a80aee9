// Conditions and principal matchers that can never hold, found in the
// policy's source for the lint. Only simple, certain cases: two field
// matchers of one `all` that no value satisfies together, a principal
// matcher `all` that holds a matcher and its negation, `not { anyone }`.
// Missing a contradiction is fine; reporting one that is not is not.
#ifndef MCPGUARD_POLICY_CONTRADICTION_H_
#define MCPGUARD_POLICY_CONTRADICTION_H_

#include <optional>
#include <string>

#include "mcpguard/v1/policy.pb.h"

namespace mcpguard::internal {

struct Contradiction {
  // Where, relative to the condition or principal: "all.conditions[1].field".
  std::string field;
  // What cannot hold at once, naming the parts by their relative fields.
  std::string message;
  // Conditions only. True when the parts are false only for a value of the
  // type they expect (a number range, a string's length or exact value): a
  // field of another type makes them undecidable, and an undecidable DENY,
  // ASK or RECORD rule still matches (fail closed). False when the condition
  // is false whatever the message holds.
  bool only_for_expected_type = false;
  std::string pointer;  // The field's JSON Pointer, for messages.
};

// The first contradiction among the field matchers that must all hold for
// `condition` to be true (the condition itself, or the members of its `all`,
// nested `all`s included). Pairs on the same pointer (compared as written).
std::optional<Contradiction> FindConditionContradiction(const mcpguard::v1::Condition& condition);

// A reason `principal` matches nobody. Principal matchers are two-valued, so
// such a rule never applies.
std::optional<Contradiction> FindPrincipalContradiction(
    const mcpguard::v1::PrincipalMatcher& principal);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_CONTRADICTION_H_
