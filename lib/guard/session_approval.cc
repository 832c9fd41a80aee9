// ASK verdicts settled by the engine's approver (include/mcpguard/approval.h),
// or by an answer remembered from an earlier one (the approver's or the
// host's, session_settle.cc).
//
// Design note: the approver may answer on its own thread, late, twice or
// never. The answer lands in a small shared box that outlives this Check
// (the callback holds it), so a late answer writes into the box after the
// Check gave up and does no harm; only the first answer counts.
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "guard/session_state.h"
#include "guard/verdict_builder.h"
#include "policy/program.h"

namespace mcpguard::internal {
namespace {

struct AnswerBox {
  std::mutex mu;
  std::condition_variable answered_cv;
  bool answered = false;
  ApprovalAnswer answer;
};

enum class Outcome { kApproved, kRefused, kTimedOut };

// Asks and waits up to `timeout`. An approver that throws has refused.
Outcome Ask(const Approver& approver, const ApprovalRequest& request,
            std::chrono::milliseconds timeout, ApprovalAnswer* answer) {
  auto box = std::make_shared<AnswerBox>();
  ApprovalCallback callback = [box](ApprovalAnswer a) {
    std::lock_guard<std::mutex> lock(box->mu);
    if (box->answered) return;
    box->answered = true;
    box->answer = a;
    box->answered_cv.notify_all();
  };
  try {
    approver(request, std::move(callback));
  } catch (...) {
    return Outcome::kRefused;
  }
  std::unique_lock<std::mutex> lock(box->mu);
  if (!box->answered_cv.wait_for(lock, timeout, [&box] { return box->answered; })) {
    box->answered = true;  // A late answer is ignored.
    return Outcome::kTimedOut;
  }
  *answer = box->answer;
  return answer->approved ? Outcome::kApproved : Outcome::kRefused;
}

}  // namespace

void SessionState::SettleAsk(const Evaluation& evaluation, const MessageFacts& facts,
                             const Envelope& envelope, absl::string_view message,
                             VerdictBuilder& out, absl::string_view subject) {
  // In AUDIT mode nothing waits.
  if (policy_->audit_mode()) return;
  const Approver& approver = engine_->options.approver;
  const ApprovalSettings& settings = policy_->program().approval();
  const absl::string_view rule_id =
      evaluation.rule != nullptr ? absl::string_view(evaluation.rule->id) : absl::string_view();
  // Which way, what kind and which method, besides the name: a tool named
  // "sampling/createMessage" is not the server's sampling request, nor tool
  // "deploy" prompt "deploy" (found by an adversarial review).
  const absl::string_view nul("\0", 1);
  auto key_for = [&](absl::string_view asker) {
    return absl::StrCat(asker, nul, facts.direction == Direction::kToServer ? "s" : "c",
                        facts.kind == MessageKind::kResponse ? "r" : "m", nul, facts.method, nul,
                        facts.has_name ? facts.name : absl::string_view());
  };
  // One key per ASK rule that matches, not only the first: an approval
  // remembered for a general rule must not answer a more specific one the
  // human never saw (found by an adversarial review: approving
  // write_file /tmp/notes.txt under "ask-writes" also approved /etc/sudoers
  // under "ask-system-writes", but only when "ask-writes" came first).
  std::vector<std::string> keys;
  keys.push_back(key_for(subject.empty() ? rule_id : subject));
  if (subject.empty() && evaluation.rule != nullptr) {
    for (const CompiledRule* other : OtherMatchingRules(policy_->program(), facts,
                                                        &applicability_, &fields_,
                                                        *evaluation.rule)) {
      keys.push_back(key_for(other->id));
    }
  }
  bool approved = false;
  std::string detail;
  // Remembered: refused if any of them was, approved if all were.
  bool known = true;
  bool refused_before = false;
  for (const std::string& key : keys) {
    auto it = remembered_.find(key);
    known = known && it != remembered_.end();
    refused_before = refused_before || (it != remembered_.end() && !it->second);
  }
  if (!settings.never_remember && (known || refused_before)) {
    approved = !refused_before;
    out.set_approval(ApprovalOutcome::kRemembered);
    detail = absl::StrCat(approved ? "approved" : "refused", " earlier in this session");
  } else if (!approver) {
    // The host settles it (Session::Settle). The rest of the check runs as
    // if approved, so that Settle returns what an approver's yes gives (a
    // rewrite, or a later step's deny, which then needs no answer at all);
    // HoldForHost keeps that outcome and returns the ASK (found by an
    // adversarial review: an approval through Settle skipped redaction,
    // list filtering and, for a changed tool, the rules).
    if (!host_ask_.active) {
      host_ask_.active = true;
      host_ask_.rule_id = rule_id;
      host_ask_.reason = std::string(out.verdict().reason());
      host_ask_.error_code = out.verdict().error_code();
      host_ask_.error_response = std::string(out.verdict().error_response());
    }
    for (std::string& key : keys) host_ask_.remember_keys.push_back(std::move(key));
    if (check_options_->explain) {
      out.trace()->push_back(TraceStep{std::string(rule_id), TraceStep::Outcome::kApproval,
                                       "left to the host (Session::Settle)"});
    }
    out.set_reason(absl::StrCat(host_ask_.reason, ": approved by the host"));
    out.Decide(Decision::kAllow);
    out.set_error(0, std::string());
    return;
  } else {
    ApprovalRequest request;
    request.session_id = options_.session_id;
    request.principal = options_.principal;
    request.server_id = options_.server_id;
    request.direction = out.verdict().direction();
    request.method = std::string(facts.method);
    if (facts.has_name) request.name = std::string(facts.name);
    request.rule_id = std::string(rule_id);
    request.reason = std::string(out.verdict().reason());
    request.message = std::string(message);
    ApprovalAnswer answer;
    switch (Ask(approver, request, std::chrono::milliseconds(settings.timeout_ms), &answer)) {
      case Outcome::kApproved:
        approved = true;
        out.set_approval(ApprovalOutcome::kApproved);
        detail = "approved";
        break;
      case Outcome::kRefused:
        out.set_approval(ApprovalOutcome::kRefused);
        detail = "refused";
        break;
      case Outcome::kTimedOut:
        out.set_approval(ApprovalOutcome::kTimedOut);
        detail = absl::StrCat("no answer within ", settings.timeout_ms, " ms");
        break;
    }
    // A yes given under a policy that has since been replaced is not acted
    // on: the policy in force may deny the call (found by an adversarial
    // review: a capability revoked while its approval was open was still
    // granted). The client sends the request again and the policy in force
    // judges it.
    const bool policy_replaced = !PolicyStillInForce(policy_version_, *policy_);
    if (approved && policy_replaced) {
      approved = false;
      detail = "approved, but the policy changed while the approver was asked; send the "
               "request again";
    }
    if (answer.remember && !settings.never_remember && !policy_replaced &&
        out.verdict().approval() != ApprovalOutcome::kTimedOut) {
      for (const std::string& key : keys) remembered_[key] = approved;
      absl::StrAppend(&detail, "; remembered for this session");
    }
  }
  if (check_options_->explain) {
    out.trace()->push_back(TraceStep{std::string(rule_id), TraceStep::Outcome::kApproval, detail});
  }
  const absl::string_view asked_by = !subject.empty()    ? " for a changed tool definition"
                                     : !rule_id.empty() ? " by rule"
                                                        : "";
  out.set_reason(absl::StrCat("approval required", asked_by, ": ", detail));
  if (approved) {
    out.Decide(Decision::kAllow);
    out.set_error(0, std::string());
    return;
  }
  out.Decide(Decision::kDeny);
  SetPolicyError(evaluation.rule, envelope, out);  // With the approver's outcome.
}

}  // namespace mcpguard::internal
