// OAuth scopes as RFC 6749 section 3.3 spells them: a scope token is one or
// more printable ASCII characters but space, '"' and '\'; a token's scopes
// travel as one string, the tokens apart by spaces.
#ifndef MCPGUARD_POLICY_SCOPE_TOKEN_H_
#define MCPGUARD_POLICY_SCOPE_TOKEN_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace mcpguard::internal {

// Whether `scope` is one scope token.
bool ValidScopeToken(absl::string_view scope);

// `scopes` with each element split at ASCII blanks (empty pieces dropped),
// repeats kept once, in order: a host may hand over a token's `scope` claim
// as it came, "files:read files:write", which as one element would match no
// rule's scope (found by an adversarial review: a DENY keyed on a scope
// never fired, fail-open).
std::vector<std::string> SplitScopeLists(const std::vector<std::string>& scopes);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_SCOPE_TOKEN_H_
