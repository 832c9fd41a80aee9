// A response in one Check (SessionState::CheckResponse): matched to the
// request in flight it answers, then its rules, scans and integrity checks,
// and the tools/list filter.
#include <string>
#include <utility>
#include <vector>

#include "absl/base/optimization.h"
#include "guard/jsonrpc_error.h"
#include "guard/session_state.h"
#include "guard/verdict_builder.h"
#include "policy/program.h"

namespace mcpguard::internal {

void SessionState::CheckResponse(const Envelope& envelope, Direction direction,
                                 VerdictBuilder& out) {
  if (envelope.id->IsNull()) {
    // An error response to a message the peer could not read: nothing to
    // correlate and nothing but the error to carry.
    out.Decide(Decision::kAllow);
    out.set_static_reason("error response without an id");
    // Its message and data still reach the peer (and its model).
    if (direction == Direction::kToClient && ScanResponse(envelope, false, out, nullptr) &&
        !redactions_.empty()) {
      WriteRedacted(out);
    }
    return;
  }
  MakeIdKey(*envelope.id);
  InFlightTable& requests = table(OppositeDirection(direction));
  if (!requests.TakeInPlace(id_key_, &taken_)) {
    out.Decide(Decision::kDeny);
    // A cancelled or evicted request's late answer: its id is free now.
    out.set_static_reason(requests.Unretire(id_key_)
                              ? "response to a request that was cancelled or pushed out of "
                                "flight: drop it"
                              : "response to no request in flight: drop it");
    out.set_error(kInvalidRequest, std::string());
    return;
  }
  // taken_ was just written member by member: read it the same way (a
  // 16-byte copy of a view would load across two fresh 8-byte stores and
  // stall until they retire).
  const absl::string_view method(taken_.method.data(), taken_.method.size());
  const absl::string_view name(taken_.name.data(), taken_.name.size());
  audit_facts_.method = method;
  // A CreateTaskResult: its task's result will come as a tasks/result's
  // answer (session_tasks.cc).
  if (ABSL_PREDICT_FALSE(taken_.tag & kTaskAugmentedTag) && envelope.result != nullptr) {
    RememberTask(*envelope.result, OppositeDirection(direction));
  }
  if (taken_.has_name) {
    audit_facts_.name_kind = NameKindOf(method);
    audit_facts_.name = name;
  }
  if (envelope.result != nullptr) {
    MessageProblem problem;
    if (!ValidateResult(envelope, direction, out, &problem)) {
      Reject(out, problem.code, std::move(problem.reason), IdToJson(*envelope.id),
             problem.pointer, -1, problem.schema, problem.schema_pointer);
      return;
    }
  }
  MessageFacts facts;
  facts.direction = direction;
  facts.kind = MessageKind::kResponse;
  facts.method = method;
  facts.has_name = taken_.has_name;
  facts.name = name;
  facts.name_kind = NameKindOf(facts.method);
  facts.scope = envelope.result != nullptr ? envelope.result : envelope.error;

  Evaluation evaluation = EvaluateRules(facts, out);
  Apply(evaluation, envelope, out);
  if (evaluation.decision == Decision::kAsk) SettleAsk(evaluation, facts, envelope, message_, out);
  if (envelope.result != nullptr && out.verdict().policy_decision() != Decision::kDeny &&
      !CheckInputRequests(envelope, direction, out)) {
    return;
  }
  // Tools to leave out of a tools/list result: flagged by a detector (HIDE)
  // or changed since pinned (integrity on_change HIDE).
  std::vector<bool> flagged;
  // A tools/list result, and the server's instructions in an initialize
  // result, are what the model is told about the tools: tool poisoning
  // scans them.
  const bool tool_list = facts.method == "tools/list";
  const bool definitions = tool_list || facts.method == "initialize";
  // A response a rule sends to ASK is inspected as an allowed one: its
  // approver sees the findings, and a tool that changed stays refused if
  // the list is approved (found by an adversarial review: an ASK skipped
  // every check, so an approved list pinned and flagged nothing). Only an
  // allowed response is rewritten.
  const auto inspect = [&] {
    const Decision decided = out.verdict().policy_decision();
    return decided == Decision::kAllow || decided == Decision::kAsk;
  };
  if (inspect() && !ScanResponse(envelope, definitions, out, &flagged)) return;
  if (inspect() && envelope.result != nullptr && facts.method == "initialize" &&
      !CheckInstructionsIntegrity(*envelope.result, envelope, out)) {
    return;
  }
  if (inspect() && envelope.result != nullptr && tool_list) {
    const PolicyProgram& program = policy_->program();
    if (program.integrity().mode != IntegritySettings::Mode::kOff ||
        program.integrity().check_shadowing) {
      if (const rapidjson::Value* tools = ToolsOf(*envelope.result); tools != nullptr) {
        auto cursor = envelope.result->FindMember("nextCursor");
        CheckToolIntegrity(*tools,
                           cursor != envelope.result->MemberEnd() && cursor->value.IsString(),
                           out, &flagged);
      }
    }
    if (out.verdict().policy_decision() == Decision::kAllow &&
        (program.filter_tool_lists() || !flagged.empty())) {
      FilterToolList(envelope, direction, flagged, out);
    }
  }
  if (envelope.result != nullptr && out.verdict().policy_decision() == Decision::kAllow &&
      (facts.method == "prompts/list" || facts.method == "resources/list")) {
    FilterOtherList(facts.method, envelope, direction, out);
  }
  if (!redactions_.empty() && out.verdict().decision() != Decision::kRewrite &&
      out.verdict().policy_decision() == Decision::kAllow) {
    WriteRedacted(out);
  }
}

}  // namespace mcpguard::internal
