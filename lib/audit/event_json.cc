#include "audit/event_json.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "audit/audit_redactor.h"
#include "json/json_appender.h"

namespace mcpguard::internal {
namespace {

const char* DecisionEnumName(Decision decision) {
  switch (decision) {
    case Decision::kAllow: return "ALLOW";
    case Decision::kDeny: return "DENY";
    case Decision::kAsk: return "ASK";
    case Decision::kRewrite: return "REWRITE";
  }
  return "DECISION_UNSPECIFIED";
}

// A member with a string value; omitted when empty (the proto3 default).
void Member(JsonAppender& w, absl::string_view key, absl::string_view value) {
  if (value.empty()) return;
  w.Key(key);
  w.String(value);
}

// `text` through the redactor. Most texts of an event (method, tool,
// session, subject, reason) repeat from event to event, so the audit
// thread remembers the redacted form of the texts it has seen (a bounded
// cache, emptied when full) and scans each only once.
const std::string& Redacted(absl::string_view text) {
  static constexpr size_t kMaxCached = 4096;
  static constexpr size_t kMaxCachedLength = 256;
  thread_local absl::flat_hash_map<std::string, std::string> cache;
  thread_local std::string scratch;
  if (text.size() > kMaxCachedLength) {
    scratch = AuditRedactor::Get().Redact(text);
    return scratch;
  }
  auto it = cache.find(text);
  if (it == cache.end()) {
    if (cache.size() >= kMaxCached) cache.clear();
    it = cache.emplace(std::string(text), AuditRedactor::Get().Redact(text)).first;
  }
  return it->second;
}

// The same for text that may carry a secret.
void RedactedMember(JsonAppender& w, absl::string_view key, absl::string_view value) {
  if (value.empty()) return;
  Member(w, key, Redacted(value));
}

void Member(JsonAppender& w, absl::string_view key, uint64_t value) {
  if (value == 0) return;
  w.Key(key);
  w.Uint64(value);
}

// RFC 3339 in UTC with nanoseconds: "2026-12-06T10:41:52.123456789Z".
// Formatting a time costs about a microsecond, and the part up to the
// seconds changes once a second, so the audit thread keeps that part and
// writes only the nanoseconds.
absl::string_view Rfc3339(int64_t unix_ns, char (&buffer)[40]) {
  constexpr int64_t kNanosPerSecond = 1000000000;
  thread_local int64_t cached_second = std::numeric_limits<int64_t>::min();
  thread_local std::string cached;  // "YYYY-MM-DDTHH:MM:SS"
  int64_t second = unix_ns / kNanosPerSecond;
  int64_t nanos = unix_ns % kNanosPerSecond;
  if (nanos < 0) {  // Before 1970: round the second down.
    --second;
    nanos += kNanosPerSecond;
  }
  if (second != cached_second) {
    cached = absl::FormatTime("%Y-%m-%dT%H:%M:%S", absl::FromUnixSeconds(second),
                              absl::UTCTimeZone());
    cached_second = second;
  }
  const size_t prefix = std::min(cached.size(), sizeof(buffer) - 11);
  std::memcpy(buffer, cached.data(), prefix);
  buffer[prefix] = '.';
  for (int i = 9; i >= 1; --i) {
    buffer[prefix + static_cast<size_t>(i)] = static_cast<char>('0' + nanos % 10);
    nanos /= 10;
  }
  buffer[prefix + 10] = 'Z';
  return absl::string_view(buffer, prefix + 11);
}

void WriteFindings(JsonAppender& w, const AuditRecord& record) {
  if (record.findings.empty()) return;
  w.Key("mcpguard.findings");
  w.StartArray();
  for (const Finding& finding : record.findings) {
    w.StartObject();
    Member(w, "category", finding.category);
    Member(w, "detector", finding.detector);
    Member(w, "pointer", Redacted(finding.pointer));
    Member(w, "offset", static_cast<uint64_t>(finding.offset));
    Member(w, "length", static_cast<uint64_t>(finding.length));
    Member(w, "reason", Redacted(finding.reason));
    w.Key("score");
    w.Double(finding.score);
    w.EndObject();
  }
  w.EndArray();
}

void WriteArguments(JsonAppender& w, const AuditRecord& record) {
  if (record.arguments == AuditArguments::kNone || record.arguments_source.empty()) return;
  std::string sha256;
  std::string redacted;
  const bool with_text = record.arguments == AuditArguments::kRedacted;
  if (!RecordArguments(record.arguments_source, record.arguments_only, &sha256,
                       with_text ? &redacted : nullptr)) {
    return;
  }
  Member(w, "mcpguard.arguments.sha256", sha256);
  if (with_text) {
    w.Key("mcpguard.arguments.redacted");
    w.Raw(redacted);
  }
}

}  // namespace

void WriteEventJson(const AuditRecord& record, absl::string_view event_id,
                    uint64_t dropped_events, std::string* out) {
  out->clear();  // The audit thread reuses it: its capacity stays.
  JsonAppender w(out);
  w.StartObject();
  Member(w, "event.name", AuditKindName(record.kind));
  char time_buffer[40];
  Member(w, "timestamp", Rfc3339(record.time_unix_ns, time_buffer));
  Member(w, "log.record.uid", event_id);
  RedactedMember(w, "mcp.session.id", record.session_id);
  RedactedMember(w, "user.id", record.subject);
  if (!record.claims.empty()) {
    w.Key("mcpguard.principal.claims");
    w.StartArray();
    for (const auto& [name, values] : record.claims) {
      w.StartObject();
      Member(w, "name", name);
      w.Key("values");
      w.StartArray();
      for (const std::string& value : values) w.String(Redacted(value));
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
  }
  Member(w, "mcpguard.server.id", record.server_id);
  if (record.has_direction) {
    Member(w, "mcpguard.direction",
           record.direction == Direction::kToServer ? "TO_SERVER" : "TO_CLIENT");
  }
  RedactedMember(w, "jsonrpc.request.id", record.jsonrpc_id);
  RedactedMember(w, "mcp.method.name", record.method);
  switch (record.name_field) {
    case AuditName::kNone: break;
    case AuditName::kTool: RedactedMember(w, "gen_ai.tool.name", record.name); break;
    case AuditName::kResource: RedactedMember(w, "mcp.resource.uri", record.name); break;
    case AuditName::kPrompt: RedactedMember(w, "gen_ai.prompt.name", record.name); break;
  }
  if (record.kind != AuditKind::kPolicyLoad && record.kind != AuditKind::kPolicyReload &&
      record.kind != AuditKind::kPolicyReloadFailed) {
    Member(w, "mcpguard.decision", DecisionEnumName(record.decision));
    Member(w, "mcpguard.policy_decision", DecisionEnumName(record.policy_decision));
    Member(w, "mcpguard.mode", record.audit_mode ? "AUDIT" : "ENFORCE");
  }
  Member(w, "mcpguard.rule.id", record.rule_id);
  RedactedMember(w, "mcpguard.reason", record.reason);
  if (record.error_code != 0) Member(w, "rpc.response.status_code", absl::StrCat(record.error_code));
  WriteFindings(w, record);
  WriteArguments(w, record);
  Member(w, "mcpguard.message.size", record.message_size);
  Member(w, "mcpguard.check.duration_ns", record.duration_ns);
  Member(w, "mcpguard.policy.name", record.policy_name);
  Member(w, "mcpguard.policy.hash", record.policy_hash);
  Member(w, "mcpguard.policy.previous_hash", record.previous_policy_hash);
  if (!record.diagnostics.empty()) {
    w.Key("mcpguard.policy.diagnostics");
    w.StartArray();
    for (const std::string& line : record.diagnostics) w.String(Redacted(line));
    w.EndArray();
  }
  if (!record.notes.empty()) {
    w.Key("mcpguard.notes");
    w.StartArray();
    for (const std::string& note : record.notes) w.String(Redacted(note));
    w.EndArray();
  }
  Member(w, "mcpguard.retry_after_ms", record.retry_after_ms);
  Member(w, "mcpguard.audit.dropped", dropped_events);
  w.EndObject();
}

const char* AuditKindName(AuditKind kind) {
  switch (kind) {
    case AuditKind::kMessage: return "MESSAGE";
    case AuditKind::kPolicyLoad: return "POLICY_LOAD";
    case AuditKind::kPolicyReload: return "POLICY_RELOAD";
    case AuditKind::kPolicyReloadFailed: return "POLICY_RELOAD_FAILED";
    case AuditKind::kPinChange: return "PIN_CHANGE";
    case AuditKind::kRateLimited: return "RATE_LIMITED";
    case AuditKind::kEviction: return "EVICTION";
    case AuditKind::kInternalError: return "INTERNAL_ERROR";
    case AuditKind::kApproval: return "APPROVAL";
  }
  return "KIND_UNSPECIFIED";
}

}  // namespace mcpguard::internal
