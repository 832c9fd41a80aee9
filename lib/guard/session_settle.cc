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

}  // namespace

bool SessionState::PolicyStillInForce(uint64_t version, const CompiledPolicy& policy) const {
  if (version == engine_->version.load(std::memory_order_acquire)) return true;
  // The same policy loaded again (a file touched, or renamed over with the
  // same bytes) is the same answer's policy (found by a review: a yes
  // turned into a deny).
  const std::shared_ptr<const CompiledPolicy> now = engine_->Load();
  return now != nullptr && now->hash() == policy.hash();
}

void SessionState::HoldForHost(Verdict& verdict) {
  HostAsk host = std::move(host_ask_);
  host_ask_ = HostAsk();
  held_.reset();
  // Denied even if approved (a rule after a changed tool's ASK, a detector,
  // a rate limit): nothing to ask.
  if (verdict.policy_decision() == Decision::kDeny) return;
  PendingAsk& ask = held_.emplace();
  ask.remember_keys = std::move(host.remember_keys);
  ask.policy_version = policy_version_;
  ask.direction = verdict.direction();
  const rapidjson::Value* id = audit_facts_.id;
  if (id != nullptr && !id->IsNull()) {
    ask.id_json = IdToJson(*id);
    char buffer[32];
    std::string scratch;
    ask.audit_id = std::string(AuditIdText(id, buffer, &scratch));
  }
  ask.method = std::string(audit_facts_.method);
  ask.name_kind = audit_facts_.name_kind;
  ask.name = std::string(audit_facts_.name);
  if (inserted_in_flight_) {
    ask.in_flight = true;
    ask.id_key = std::string(id_key_);
    ask.serial = table(verdict.direction()).last_serial();
    if (audit_facts_.evicted) ask.evicted = evicted_in_flight_;
  }
  ask.bytes = sizeof(PendingAsk) + ask.id_json.size() + ask.audit_id.size() + ask.method.size() +
              ask.name.size() + ask.id_key.size() + verdict.replacement().size() +
              verdict.reason().size() + 256 * verdict.findings().size();
  for (const std::string& key : ask.remember_keys) ask.bytes += key.size();
  if (ask.evicted) {
    ask.bytes += ask.evicted->id_key.size() + ask.evicted->method.size() + ask.evicted->name.size();
  }

  ask.approved = verdict;
  VerdictBuilder out(&verdict);
  out.Decide(Decision::kAsk);
  out.set_rule_id(host.rule_id);
  out.set_reason(std::move(host.reason));
  out.set_error(host.error_code, std::move(host.error_response));
  out.set_rewritten(std::string());
  out.set_approval(ApprovalOutcome::kNone);
}

void SessionState::KeepAsk(Verdict& verdict) {
  PendingAsk ask = *std::move(held_);
  held_.reset();
  if (verdict.decision() != Decision::kAsk) return;  // Refused for the audit trail.
  // The oldest are forgotten first.
  while (!pending_asks_.empty() && (pending_asks_.size() >= kMaxPendingAsks ||
                                    pending_ask_bytes_ + ask.bytes > kMaxPendingAskBytes)) {
    ForgetAsk(pending_asks_.begin());
  }
  pending_ask_bytes_ += ask.bytes;
  const uint64_t ticket = next_ask_ticket.fetch_add(1, std::memory_order_relaxed) + 1;
  pending_asks_.emplace(ticket, std::move(ask));
  VerdictBuilder(&verdict).set_ask_ticket(ticket);
}

void SessionState::ForgetAsk(std::map<uint64_t, PendingAsk>::iterator it) {
  pending_ask_bytes_ -= it->second.bytes;
  pending_asks_.erase(it);
}

absl::StatusOr<Verdict> SessionState::Settle(const Verdict& asked, const ApprovalAnswer& answer) {
  const uint64_t ticket = VerdictBuilder::AskTicket(asked);
  if (ticket == 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Settle takes an ASK verdict that Check left to the host; this one is ",
        DecisionName(asked.decision()),
        asked.approval() != ApprovalOutcome::kNone ? ", settled already" : "",
        asked.audit_only() ? " (AUDIT mode: nothing is asked)" : ""));
  }
  std::lock_guard<std::mutex> lock(mu_);
  auto it = pending_asks_.find(ticket);
  if (it == pending_asks_.end()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "this ASK is not pending in this session: settled already, returned by another "
        "session, or forgotten (a session keeps its last ",
        kMaxPendingAsks, " unsettled ASKs, up to ", kMaxPendingAskBytes >> 20, " MiB)"));
  }
  PendingAsk ask = std::move(it->second);
  ForgetAsk(it);

  // The policy the ASK was made under decides the audit settings and names
  // the event. A yes is acted on, and an answer remembered, only while that
  // policy is in force: the one in force now may deny the call (found by an
  // adversarial review: a capability revoked while its ASK was pending was
  // still granted), and an answer remembered after a reload outlived the
  // policy it answered (an earlier review).
  const std::shared_ptr<const CompiledPolicy>& policy = asked.policy();
  const bool policy_in_force = policy != nullptr && PolicyStillInForce(ask.policy_version, *policy);
  const bool approved = answer.approved && policy_in_force;
  // Approved: what the check gave as if approved (a rewrite, say).
  Verdict settled = approved ? std::move(ask.approved) : asked;
  VerdictBuilder out(&settled);
  out.set_ask_ticket(0);
  out.set_approval(answer.approved ? ApprovalOutcome::kApproved : ApprovalOutcome::kRefused);
  auto refuse = [&](int code) {
    out.Decide(Decision::kDeny);
    out.set_rewritten(std::string());
    if (ask.id_json.empty()) {
      out.set_error(code, std::string());  // A notification: dropped.
    } else {
      ErrorData data;
      data.rule = View(settled.rule_id());
      data.reason = View(settled.reason());
      out.set_error(code, BuildErrorResponse(ask.id_json, code, data));
    }
    // Never forwarded: the request leaves the in-flight table, unless its
    // id already names a later request; and the request it pushed out
    // comes back (as the newest), where that evicts nothing and its id is
    // free, so that its answer is still matched.
    InFlightTable& in_flight = table(ask.direction);
    if (ask.in_flight && in_flight.TakeSerial(ask.id_key, ask.serial) && ask.evicted &&
        in_flight.size() < in_flight.capacity()) {
      in_flight.PutBack(*ask.evicted);
    }
  };
  if (!approved) {
    const absl::string_view why =
        answer.approved ? "approved by the host, but the policy changed since the ASK; send the "
                          "request again"
                        : "refused by the host";
    out.set_reason(absl::StrCat(View(asked.reason()), ": ", why));
    if (!asked.trace().empty()) {
      out.trace()->push_back(TraceStep{std::string(asked.rule_id()),
                                       TraceStep::Outcome::kApproval, std::string(why)});
    }
    refuse(asked.error_code() != 0 ? asked.error_code() : kPolicyDenied);
  }

  // Remembered only once recorded where the trail must be.
  const bool remember = answer.remember && policy_in_force &&
                        !policy->program().approval().never_remember &&
                        !ask.remember_keys.empty();
  if (remember) {
    out.set_reason(absl::StrCat(View(settled.reason()), "; remembered for this session"));
  }
  if (engine_->options.audit != nullptr && policy != nullptr) {
    AuditLogState& log = engine_->options.audit->state();
    const bool fail_closed = policy->program().audit().fail_closed;
    AuditRecord record;
    if (audit_context_ != nullptr) static_cast<AuditContext&>(record) = *audit_context_;
    record.policy_name = std::string(policy->name());
    record.policy_hash = std::string(policy->hash());
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
    record.rule_id = std::string(asked.rule_id());
    record.reason = std::string(settled.reason());
    record.error_code = settled.error_code();
    if (!log.SubmitRecord(fail_closed && approved, record) && fail_closed && approved) {
      // An approval that cannot be recorded is not given (as Check refuses
      // what it cannot record), nor remembered.
      out.set_reason(absl::StrCat(
          View(asked.reason()),
          ": approved by the host, but the audit trail cannot record it and the policy's "
          "audit.overflow is FAIL_CLOSED"));
      refuse(kInternalError);
      return settled;
    }
  }
  if (remember) {
    for (const std::string& key : ask.remember_keys) remembered_[key] = approved;
  }
  return settled;
}

}  // namespace mcpguard::internal
