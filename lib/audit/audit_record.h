// What the hot path hands the audit thread: the facts of one event, copied
// out of the check that produced it. The audit thread turns it into an
// AuditEvent's JSON (event_json.h).
#ifndef MCPGUARD_AUDIT_AUDIT_RECORD_H_
#define MCPGUARD_AUDIT_AUDIT_RECORD_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "audit/audit_context.h"
#include "mcpguard/direction.h"
#include "mcpguard/verdict.h"

namespace mcpguard::internal {

// audit.proto AuditEvent.Kind, same numbers.
enum class AuditKind : uint8_t {
  kMessage = 1,
  kPolicyLoad = 2,
  kPolicyReload = 3,
  kPolicyReloadFailed = 4,
  kPinChange = 5,
  kRateLimited = 6,
  kEviction = 7,
  kInternalError = 8,
  kApproval = 9,
};

const char* AuditKindName(AuditKind kind);  // "MESSAGE", ... (the proto enum names)

// Which AuditEvent field a message's name goes to.
enum class AuditName : uint8_t { kNone, kTool, kResource, kPrompt };

// Arguments to record (policy audit.arguments), with the message they are in.
enum class AuditArguments : uint8_t { kNone, kDigest, kRedacted };

// The audit thread's working copy of one event (packed_record.h has the
// form the checking threads queue). Reused event by event: assigning keeps
// the strings' capacity.
// Its session's part (session id, subject, claims, server, policy) is an
// AuditContext: events of a session carry their context, others (policy
// loads, engine events) fill it in themselves.
struct AuditRecord : AuditContext {
  AuditKind kind = AuditKind::kMessage;
  // Policy audit.overflow FAIL_CLOSED: a sink that refuses it is retried.
  bool fail_closed = false;
  int64_t time_unix_ns = 0;
  uint64_t duration_ns = 0;
  // The message and the verdict (kMessage).
  bool has_direction = false;
  Direction direction = Direction::kToServer;
  std::string jsonrpc_id;  // The id's JSON text; empty when it has none.
  std::string method;
  AuditName name_field = AuditName::kNone;
  std::string name;
  Decision decision = Decision::kDeny;
  Decision policy_decision = Decision::kDeny;
  bool audit_mode = false;
  std::string rule_id;
  std::string reason;
  int error_code = 0;
  std::vector<Finding> findings;
  std::vector<std::string> notes;
  uint64_t retry_after_ms = 0;
  // The request pushed the oldest one out of the in-flight table (an
  // EVICTION event follows the message's; the verdict's note says which).
  bool evicted = false;
  uint64_t message_size = 0;
  AuditArguments arguments = AuditArguments::kNone;
  // When arguments are recorded: the bytes of the tools/call message, or
  // with arguments_only just those of its params.arguments value.
  std::string arguments_source;
  bool arguments_only = false;
  // Policy load and reload.
  std::string previous_policy_hash;
  std::vector<std::string> diagnostics;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_AUDIT_AUDIT_RECORD_H_
