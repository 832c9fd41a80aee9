// The audit record of one Check (SessionState::AuditCheck).
#include "absl/strings/str_cat.h"
#include "audit/audit_log_state.h"
#include "guard/jsonrpc_error.h"
#include "guard/session_state.h"
#include "guard/verdict_builder.h"
#include "policy/program.h"

namespace mcpguard::internal {
namespace {

AuditName AuditNameOf(NameKind kind) {
  switch (kind) {
    case NameKind::kNone: return AuditName::kNone;
    case NameKind::kTool: return AuditName::kTool;
    case NameKind::kResource: return AuditName::kResource;
    case NameKind::kPrompt: return AuditName::kPrompt;
  }
  return AuditName::kNone;
}

AuditArguments AuditArgumentsOf(AuditSettings::Arguments arguments) {
  switch (arguments) {
    case AuditSettings::Arguments::kDigest: return AuditArguments::kDigest;
    case AuditSettings::Arguments::kRedacted: return AuditArguments::kRedacted;
    case AuditSettings::Arguments::kNone: return AuditArguments::kNone;
  }
  return AuditArguments::kNone;
}

// The id as OpenTelemetry's jsonrpc.request.id wants it: a string id as it
// is, a number in decimal.
void WriteId(const rapidjson::Value* id, std::string* out) {
  out->clear();
  if (id == nullptr) return;
  if (id->IsString()) {
    out->assign(id->GetString(), id->GetStringLength());
  } else if (id->IsInt64()) {
    absl::StrAppend(out, id->GetInt64());
  } else if (id->IsUint64()) {
    absl::StrAppend(out, id->GetUint64());
  } else {
    *out = IdToJson(*id);
  }
}

}  // namespace

void SessionState::AuditCheck(absl::string_view message, Direction direction, int64_t start_ns,
                              Verdict& verdict) {
  AuditLogState& log = engine_->options.audit->state();
  const PolicyProgram& program = policy_->program();
  const AuditSettings& settings = program.audit();
  // AUDIT mode never blocks, not even for the audit trail.
  const bool refuse = settings.fail_closed && !program.audit_mode();
  const int64_t end_ns = AuditLogState::SteadyNanos();
  const AuditFacts& facts = audit_facts_;
  const bool queued = log.Submit(refuse, [&](AuditRecord& r) {
    r.kind = AuditKind::kMessage;
    r.fail_closed = settings.fail_closed;
    r.time_unix_ns = log.WallNanosAt(start_ns);
    r.duration_ns = end_ns > start_ns ? static_cast<uint64_t>(end_ns - start_ns) : 0;
    r.session_id = options_.session_id;
    r.subject = options_.principal.subject;
    r.claims.clear();
    for (const std::string& claim : settings.claims) {
      auto it = options_.principal.claims.find(claim);
      if (it != options_.principal.claims.end()) r.claims.emplace_back(claim, it->second);
    }
    r.server_id = options_.server_id;
    r.policy_name = program.name();
    r.policy_hash = program.hash();
    r.has_direction = true;
    r.direction = direction;
    WriteId(facts.id, &r.jsonrpc_id);
    r.method.assign(facts.method.data(), facts.method.size());
    r.name_field = AuditNameOf(facts.name_kind);
    r.name.assign(facts.name.data(), facts.name.size());
    r.decision = verdict.decision();
    r.policy_decision = verdict.policy_decision();
    r.audit_mode = verdict.audit_only();
    r.rule_id = verdict.rule_id();
    r.reason = verdict.reason();
    r.error_code = verdict.error_code();
    r.findings = verdict.findings();
    r.notes = verdict.notes();
    r.retry_after_ms = verdict.retry_after_ms();
    r.evicted = facts.evicted;
    r.message_size = message.size();
    r.arguments = facts.tool_call && direction == Direction::kToServer
                      ? AuditArgumentsOf(settings.arguments)
                      : AuditArguments::kNone;
    if (r.arguments != AuditArguments::kNone) {
      r.message.assign(message.data(), message.size());
    } else {
      r.message.clear();
    }
    r.previous_policy_hash.clear();
    r.diagnostics.clear();
  });
  if (queued || !refuse) return;
  VerdictBuilder out(&verdict, policy_, direction);
  constexpr char kReason[] =
      "the audit trail cannot keep up and the policy's audit.overflow is FAIL_CLOSED: refused "
      "unrecorded";
  std::string response;
  if (facts.id != nullptr && !facts.id->IsNull()) {
    ErrorData data;
    data.reason = kReason;
    response = BuildErrorResponse(IdToJson(*facts.id), kInternalError, data);
  }
  out.Overrule(kInternalError, kReason, std::move(response));
}

}  // namespace mcpguard::internal
