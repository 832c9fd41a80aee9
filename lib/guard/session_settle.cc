// ASK verdicts the host settles itself (Session::Settle): without an
// approver on the engine, Check returns kAsk and the host asks its human.
//
// Design note: the answer must reach the session's state as an approver's
// would, or a refused request stays in flight (its id refused as a
// duplicate, a response to it taken as its answer) and a remembered answer
// is lost. Check keeps what the answer needs under a ticket the verdict
// carries; tickets come from one process-wide counter, so a verdict of
// another session, a settled one, or a forgotten one finds nothing.
#include <atomic>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "audit/audit_log_state.h"
#include "guard/jsonrpc_error.h"
#include "guard/session_state.h"
#include "guard/verdict_builder.h"
#include "policy/program.h"

namespace mcpguard::internal {
namespace {

std::atomic<uint64_t> next_ask_ticket{0};

absl::string_view View(std::string_view s) { return absl::string_view(s.data(), s.size()); }

// The id as the audit trail records it: a string as it is, else its JSON.
std::string AuditId(const rapidjson::Value& id) {
  if (id.IsString()) return std::string(id.GetString(), id.GetStringLength());
  return IdToJson(id);
}

}  // namespace

void SessionState::KeepAsk(Verdict& verdict) {
  std::string key = std::move(ask_key_);
  ask_key_.clear();
  PendingAsk ask;
  ask.remember_key = std::move(key);
  ask.direction = verdict.direction();
  if (audit_facts_.id != nullptr && !audit_facts_.id->IsNull()) {
    ask.id_json = IdToJson(*audit_facts_.id);
    ask.audit_id = AuditId(*audit_facts_.id);
  }
  ask.method = std::string(audit_facts_.method);
  ask.name_kind = audit_facts_.name_kind;
  ask.name = std::string(audit_facts_.name);
  if (inserted_in_flight_) {
    ask.in_flight = true;
    ask.id_key = std::string(id_key_);
    ask.serial = table(verdict.direction()).last_serial();
  }
  if (pending_asks_.size() >= kMaxPendingAsks) pending_asks_.erase(pending_asks_.begin());
  const uint64_t ticket = next_ask_ticket.fetch_add(1, std::memory_order_relaxed) + 1;
  pending_asks_.emplace(ticket, std::move(ask));
  VerdictBuilder(&verdict).set_ask_ticket(ticket);
}

absl::StatusOr<Verdict> SessionState::Settle(const Verdict& asked, const ApprovalAnswer& answer) {
  const uint64_t ticket = VerdictBuilder::AskTicket(asked);
  if (ticket == 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Settle takes an ASK verdict that Check left to the host; this one is ",
        DecisionName(asked.decision()),
        asked.approval() != ApprovalOutcome::kNone ? ", settled by the engine's approver" : "",
        asked.audit_only() ? " (AUDIT mode: nothing is asked)" : ""));
  }
  std::lock_guard<std::mutex> lock(mu_);
  auto it = pending_asks_.find(ticket);
  if (it == pending_asks_.end()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "this ASK is not pending in this session: settled already, returned by another "
        "session, or forgotten (a session keeps its last ",
        kMaxPendingAsks, " unsettled ASKs)"));
  }
  PendingAsk ask = std::move(it->second);
  pending_asks_.erase(it);

  Verdict settled = asked;
  VerdictBuilder out(&settled);
  out.set_ask_ticket(0);
  const bool approved = answer.approved;
  std::string detail = approved ? "approved by the host" : "refused by the host";
  // Remembered as an approver's answer is; a policy changed since empties
  // remembered_ at the next Check, so it does not outlive its rules.
  const ApprovalSettings& settings = policy_->program().approval();
  if (answer.remember && !settings.never_remember && !ask.remember_key.empty()) {
    remembered_[ask.remember_key] = approved;
    absl::StrAppend(&detail, "; remembered for this session");
  }
  out.set_approval(approved ? ApprovalOutcome::kApproved : ApprovalOutcome::kRefused);
  out.set_reason(absl::StrCat(View(asked.reason()), ": ", detail));
  if (!asked.trace().empty()) {
    out.trace()->push_back(
        TraceStep{std::string(asked.rule_id()), TraceStep::Outcome::kApproval, detail});
  }
  auto refuse = [&](int code) {
    out.Decide(Decision::kDeny);
    if (ask.id_json.empty()) {
      out.set_error(code, std::string());  // A notification: dropped.
    } else {
      ErrorData data;
      data.rule = View(settled.rule_id());
      data.reason = View(settled.reason());
      out.set_error(code, BuildErrorResponse(ask.id_json, code, data));
    }
    // Never forwarded: the request leaves the in-flight table, unless its
    // id already names a later request.
    if (ask.in_flight) table(ask.direction).TakeSerial(ask.id_key, ask.serial);
  };
  if (approved) {
    out.Decide(Decision::kAllow);
    out.set_error(0, std::string());
  } else {
    refuse(asked.error_code() != 0 ? asked.error_code() : kPolicyDenied);
  }

  if (engine_->options.audit == nullptr) return settled;
  AuditLogState& log = engine_->options.audit->state();
  const PolicyProgram& program = policy_->program();
  const bool fail_closed = program.audit().fail_closed;
  AuditRecord record;
  if (audit_context_ != nullptr) static_cast<AuditContext&>(record) = *audit_context_;
  record.kind = AuditKind::kApproval;
  record.fail_closed = fail_closed;
  record.time_unix_ns = absl::GetCurrentTimeNanos();
  record.has_direction = true;
  record.direction = ask.direction;
  record.jsonrpc_id = ask.audit_id;
  record.method = ask.method;
  record.name_field = AuditNameOf(ask.name_kind);
  record.name = ask.name;
  record.decision = settled.decision();
  record.policy_decision = settled.policy_decision();
  record.rule_id = std::string(settled.rule_id());
  record.reason = std::string(settled.reason());
  record.error_code = settled.error_code();
  if (!log.SubmitRecord(fail_closed && approved, record) && fail_closed && approved) {
    // An approval that cannot be recorded is not given (as Check refuses
    // what it cannot record).
    out.set_reason(absl::StrCat(
        View(settled.reason()),
        "; the audit trail cannot record it and the policy's audit.overflow is FAIL_CLOSED"));
    refuse(kInternalError);
  }
  return settled;
}

}  // namespace mcpguard::internal
