// An audit record as the JSON form of audit.proto's AuditEvent (without the
// chain members, which the JSON Lines sink adds).
#ifndef MCPGUARD_AUDIT_EVENT_JSON_H_
#define MCPGUARD_AUDIT_EVENT_JSON_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "audit/audit_record.h"

namespace mcpguard::internal {

// Replaces *out with the event's JSON object (no newline). Every text that
// came from a message or a verdict goes through the AuditRedactor, so no
// secret the built-in patterns know reaches the event; arguments are
// recorded as record.arguments says.
void WriteEventJson(const AuditRecord& record, absl::string_view event_id,
                    uint64_t dropped_events, std::string* out);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_AUDIT_EVENT_JSON_H_
