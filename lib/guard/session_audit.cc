// The audit record of one Check (SessionState::AuditCheck).
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "audit/audit_log_state.h"
#include "audit/packed_record.h"
#include "json/member_span.h"
#include "guard/jsonrpc_error.h"
#include "guard/session_state.h"
#include "guard/verdict_builder.h"
#include "policy/program.h"

namespace mcpguard::internal {

AuditName AuditNameOf(NameKind kind) {
  switch (kind) {
    case NameKind::kNone: return AuditName::kNone;
    case NameKind::kTool: return AuditName::kTool;
    case NameKind::kResource: return AuditName::kResource;
    case NameKind::kPrompt: return AuditName::kPrompt;
  }
  return AuditName::kNone;
}

namespace {

AuditArguments AuditArgumentsOf(AuditSettings::Arguments arguments) {
  switch (arguments) {
    case AuditSettings::Arguments::kDigest: return AuditArguments::kDigest;
    case AuditSettings::Arguments::kRedacted: return AuditArguments::kRedacted;
    case AuditSettings::Arguments::kNone: return AuditArguments::kNone;
  }
  return AuditArguments::kNone;
}

}  // namespace

absl::string_view AuditIdText(const rapidjson::Value* id, char (&buffer)[32],
                              std::string* scratch) {
  if (id == nullptr) return {};
  if (id->IsString()) return absl::string_view(id->GetString(), id->GetStringLength());
  if (id->IsInt64()) {
    return absl::string_view(buffer, static_cast<size_t>(absl::numbers_internal::FastIntToBuffer(
                                                             id->GetInt64(), buffer) -
                                                         buffer));
  }
  if (id->IsUint64()) {
    return absl::string_view(buffer, static_cast<size_t>(absl::numbers_internal::FastIntToBuffer(
                                                             id->GetUint64(), buffer) -
                                                         buffer));
  }
  *scratch = IdToJson(*id);
  return *scratch;
}

void SessionState::AuditCheck(absl::string_view message, Direction direction, int64_t start_ns,
                              Verdict& verdict) {
  AuditLogState& log = engine_->options.audit->state();
  const PolicyProgram& program = policy_->program();
  const AuditSettings& settings = program.audit();
  // AUDIT mode never blocks, not even for the audit trail.
  const bool refuse = settings.fail_closed && !program.audit_mode();
  const int64_t end_ns = absl::GetCurrentTimeNanos();
  const AuditFacts& facts = audit_facts_;
  const AuditArguments arguments = facts.tool_call && direction == Direction::kToServer
                                       ? AuditArgumentsOf(settings.arguments)
                                       : AuditArguments::kNone;
  bool arguments_only = false;
  const absl::string_view arguments_text =
      arguments != AuditArguments::kNone ? AuditedArguments(message, &arguments_only)
                                         : absl::string_view();
  char id_buffer[32];
  std::string id_scratch;
  const absl::string_view id = AuditIdText(facts.id, id_buffer, &id_scratch);
  const bool queued = log.Submit(refuse, [&](PackedRecord& r) {
    PackedRecord::Header& h = r.header;
    h.kind = AuditKind::kMessage;
    h.fail_closed = settings.fail_closed;
    h.has_direction = true;
    h.direction = direction;
    h.name_field = AuditNameOf(facts.name_kind);
    h.decision = verdict.decision();
    h.policy_decision = verdict.policy_decision();
    h.audit_mode = verdict.audit_only();
    h.evicted = facts.evicted;
    h.arguments = arguments;
    h.arguments_only = arguments_only;
    h.error_code = verdict.error_code();
    h.time_unix_ns = start_ns;
    h.duration_ns = end_ns > start_ns ? static_cast<uint64_t>(end_ns - start_ns) : 0;
    h.message_size = message.size();
    h.retry_after_ms = verdict.retry_after_ms();
    h.findings = static_cast<uint32_t>(verdict.findings().size());
    h.notes = static_cast<uint32_t>(verdict.notes().size());
    h.diagnostics = 0;
    r.context = audit_context_.get();
    PackedRecordWriter w(&r);
    w.Text(id);
    w.Text(facts.method);
    w.Text(facts.name);
    w.Text(absl::string_view(verdict.rule_id().data(), verdict.rule_id().size()));
    w.Text(absl::string_view(verdict.reason().data(), verdict.reason().size()));
    w.Text(arguments_text);
    w.Text({});  // No previous policy hash.
    for (const Finding& finding : verdict.findings()) w.Finding(finding);
    for (const std::string& note : verdict.notes()) w.Text(note);
  });
  if (queued || !refuse) return;
  // Refused, so never forwarded: a request is no longer in flight (found by
  // an adversarial review: its retry was refused as a duplicate id, and a
  // response to it passed).
  if (inserted_in_flight_ && facts.id != nullptr) {
    MakeIdKey(*facts.id);
    InFlightTable& in_flight = table(direction);
    InFlightTable::Entry forgotten;
    in_flight.Take(id_key_, &forgotten);
    // And the request it pushed out comes back (as the newest).
    if (facts.evicted) in_flight.PutBack(evicted_in_flight_);
  }
  VerdictBuilder out(&verdict, policy_, direction);
  const char* const reason =
      log.closed()
          ? "the audit trail is closed (its engine was freed or closed) and the policy's "
            "audit.overflow is FAIL_CLOSED: refused unrecorded"
          : "the audit trail cannot keep up and the policy's audit.overflow is FAIL_CLOSED: "
            "refused unrecorded";
  std::string response;
  if (facts.id != nullptr && !facts.id->IsNull()) {
    ErrorData data;
    data.reason = reason;
    response = BuildErrorResponse(IdToJson(*facts.id), kInternalError, data);
  }
  out.Overrule(kInternalError, reason, std::move(response));
}

absl::string_view SessionState::AuditedArguments(absl::string_view message,
                                                bool* arguments_only) const {
  *arguments_only = false;
  const AuditFacts& facts = audit_facts_;
  // No arguments object: nothing to record.
  if (!facts.has_arguments || !facts.arguments->value.IsObject()) return {};
  const rapidjson::Value& root = parser_.root();
  // The envelope found params already; find its member by address.
  auto params = root.MemberBegin();
  while (params != root.MemberEnd() && &params->value != facts.params) ++params;
  if (params == root.MemberEnd()) return message;
  const MemberStep path[] = {{&root, params}, {facts.params, facts.arguments}};
  absl::string_view span;
  if (!MemberValueSpan(message, parser_.buffer(), path, &span)) return message;
  *arguments_only = true;
  return span;
}

void SessionState::RefreshAuditContext() {
  const PolicyProgram& program = policy_->program();
  auto context = std::make_shared<AuditContext>();
  context->session_id = options_.session_id;
  context->subject = options_.principal.subject;
  for (const std::string& claim : program.audit().claims) {
    auto it = options_.principal.claims.find(claim);
    if (it != options_.principal.claims.end()) context->claims.emplace_back(claim, it->second);
  }
  context->server_id = options_.server_id;
  context->policy_name = std::string(program.name());
  context->policy_hash = std::string(program.hash());
  if (audit_context_ != nullptr) {
    engine_->options.audit->state().Retire(std::move(audit_context_));
  }
  audit_context_ = std::move(context);
}

}  // namespace mcpguard::internal
