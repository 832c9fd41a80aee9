// Who is on the other end of a session.
#ifndef MCPGUARD_PRINCIPAL_H_
#define MCPGUARD_PRINCIPAL_H_

#include <map>
#include <string>
#include <vector>

namespace mcpguard {

// The authenticated identity of a session, as the host established it (for
// example from an OAuth access token). mcpguard does not authenticate; it
// authorizes what this principal may do. Fixed for the life of a session.
struct Principal {
  std::string subject;              // Stable user or client id; may be empty.
  std::vector<std::string> roles;   // Roles or groups.
  // OAuth scopes granted to the token. An element may be a token's `scope`
  // claim as it came, scopes apart by spaces ("files:read files:write"):
  // the session reads each scope on its own.
  std::vector<std::string> scopes;
  // Other claims of the token, by name ("tenant", "groups", "acr", ...).
  // A string claim has one value; a list claim one per element. Matched by
  // rules' `principal.claim`.
  std::map<std::string, std::vector<std::string>> claims = {};
};

}  // namespace mcpguard

#endif  // MCPGUARD_PRINCIPAL_H_
