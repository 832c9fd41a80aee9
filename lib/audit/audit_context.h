// What every audit event of one session shares: who checked, against which
// server, under which policy. The session builds it once (and again when its
// policy changes) instead of copying these texts into every event.
//
// Lifetime: events in the audit queue point at a context without owning it
// (a reference count would move a cache line between the checking thread and
// the audit thread on every event). The session hands its context to
// AuditLogState::Retire when it is done with it; the audit thread frees it
// once it has read every event queued before that point.
#ifndef MCPGUARD_AUDIT_AUDIT_CONTEXT_H_
#define MCPGUARD_AUDIT_AUDIT_CONTEXT_H_

#include <string>
#include <utility>
#include <vector>

namespace mcpguard::internal {

// Immutable once built.
struct AuditContext {
  std::string session_id;
  std::string subject;
  // Claims the policy names: (name, values) pairs.
  std::vector<std::pair<std::string, std::vector<std::string>>> claims;
  std::string server_id;
  std::string policy_name;
  std::string policy_hash;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_AUDIT_AUDIT_CONTEXT_H_
