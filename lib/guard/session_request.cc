// A request or notification in one Check (SessionState::CheckRequest): the
// rules, the target's checks, and the in-flight record its answer is matched
// by.
#include <cstring>
#include <string>
#include <utility>

#include "absl/base/optimization.h"
#include "absl/strings/str_cat.h"
#include "guard/jsonrpc_error.h"
#include "guard/session_state.h"
#include "guard/verdict_builder.h"
#include "net/uri_spelling.h"
#include "policy/program.h"

namespace mcpguard::internal {
namespace {

// The "arguments" member of tools/call params (an object), or its end. A
// length check before the bytes: cheaper than FindMember's strlen and
// comparisons, on a path every tools/call takes.
rapidjson::Value::ConstMemberIterator ArgumentsMember(const rapidjson::Value& params) {
  constexpr absl::string_view kArguments = "arguments";
  auto it = params.MemberBegin();
  for (; it != params.MemberEnd(); ++it) {
    if (it->name.GetStringLength() == kArguments.size() &&
        std::memcmp(it->name.GetString(), kArguments.data(), kArguments.size()) == 0) {
      break;
    }
  }
  return it;
}

}  // namespace

void SessionState::CheckRequest(const Envelope& envelope, Direction direction,
                                VerdictBuilder& out) {
  MessageFacts facts;
  facts.direction = direction;
  facts.kind = envelope.kind;
  facts.method = envelope.method;
  facts.scope = envelope.params;
  audit_facts_.method = facts.method;
  absl::string_view id_json_for_errors = "null";
  std::string id_json;
  auto reject = [&](int code, std::string reason, absl::string_view pointer,
                    absl::string_view schema = {}, absl::string_view schema_pointer = {}) {
    if (envelope.id != nullptr) {
      id_json = IdToJson(*envelope.id);
      id_json_for_errors = id_json;
    }
    Reject(out, code, std::move(reason), id_json_for_errors, pointer, -1, schema,
           schema_pointer);
    // A notification gets no answer, whatever was wrong with it.
    if (envelope.kind == MessageKind::kNotification) out.set_error(code, std::string());
  };
  const ValidationSettings& settings = policy_->program().validation();
  McpVersion version = settings.default_version;
  MessageProblem problem;
  if (settings.mcp_messages) {
    if (!RequestVersion(envelope, &version, &problem) ||
        !ValidateRequest(envelope, direction, version, out, &problem)) {
      return reject(problem.code, std::move(problem.reason), problem.pointer, problem.schema,
                    problem.schema_pointer);
    }
  }
  // tools/call, resources/read, prompts/get...: rules match the name they
  // carry, so a message without one cannot be judged.
  facts.name_kind = NameKindOf(facts.method);
  if (const NameKind name_kind = facts.name_kind; name_kind != NameKind::kNone) {
    const absl::string_view member = NameMember(name_kind);
    const rapidjson::Value* params = envelope.params;
    if (params == nullptr || !params->IsObject()) {
      return reject(kInvalidParams,
                    absl::StrCat(facts.method, " needs \"params\" with the ",
                                 NameKindLabel(name_kind), "'s \"", member, "\""),
                    "/params");
    }
    auto name = params->FindMember(rapidjson::StringRef(member.data(), member.size()));
    if (name == params->MemberEnd() || !name->value.IsString() ||
        name->value.GetStringLength() == 0) {
      return reject(kInvalidParams,
                    absl::StrCat(facts.method, " needs a non-empty string \"params.", member,
                                 "\""),
                    absl::StrCat("/params/", member));
    }
    if (name->value.GetStringLength() > kMaxNameBytes) {
      return reject(kInvalidParams,
                    absl::StrCat(facts.method, " \"params.", member, "\" is longer than ",
                                 kMaxNameBytes, " bytes"),
                    absl::StrCat("/params/", member));
    }
    facts.has_name = true;
    facts.name = absl::string_view(name->value.GetString(), name->value.GetStringLength());
    // Rules (and rate-limit buckets) match the URI by its spelling: one a
    // server reads as another is refused, equivalent spellings are made
    // one (net/uri_spelling.h).
    if (name_kind == NameKind::kResource) {
      if (const absl::string_view wrong = AmbiguousUriSpelling(facts.name); !wrong.empty()) {
        return reject(kInvalidParams,
                      absl::StrCat(facts.method, " \"params.uri\" ", wrong,
                                   ", which servers read as another URI"),
                      "/params/uri");
      }
      // Rules, rate limits, approvals and the audit trail see one spelling.
      if (CanonicalUriSpelling(facts.name, &canonical_uri_)) facts.name = canonical_uri_;
    }
    if (name_kind == NameKind::kTool) {
      audit_facts_.arguments = ArgumentsMember(*params);
      audit_facts_.has_arguments = audit_facts_.arguments != params->MemberEnd();
    }
    audit_facts_.name_kind = name_kind;
    audit_facts_.name = facts.name;
    audit_facts_.tool_call = name_kind == NameKind::kTool && envelope.kind == MessageKind::kRequest;
    if (name_kind == NameKind::kTool && settings.tool_schemas &&
        direction == Direction::kToServer &&
        !ValidateToolArguments(*params, facts.name, out, &problem)) {
      return reject(problem.code, std::move(problem.reason), problem.pointer, problem.schema,
                    problem.schema_pointer);
    }
  }
  // tasks/result: its answer is the result of the request that created the
  // task, and is checked as that request's (session_tasks.cc).
  const TaskOrigin* task_origin = nullptr;
  if (envelope.kind == MessageKind::kRequest && facts.method == "tasks/result") {
    std::string why;
    task_origin = TaskOf(envelope.params, direction, &why);
    if (task_origin == nullptr) return reject(kInvalidParams, std::move(why), "/params/taskId");
  }

  // A scope failure decides; in AUDIT mode the request is still forwarded,
  // so it still goes in flight below. The steps a policy does not use are
  // skipped here, not inside them: a call that returns at once still costs
  // its code's place in the instruction cache, which a check fills.
  const PolicyProgram& program = policy_->program();
  if (CheckCallIntegrity(facts, envelope, out) &&
      (program.scope_requirements().empty() || CheckScopes(facts, envelope, out))) {
    Evaluation evaluation = EvaluateRules(facts, out);
    Apply(evaluation, envelope, out);
    if (evaluation.decision == Decision::kAsk) {
      SettleAsk(evaluation, facts, envelope, message_, out);
    }
    // Content detectors on the arguments of a call the rules let through,
    // and on the params of what a server sends the client (log
    // notifications, sampling and elicitation requests), which reach the
    // client's model as a result does; a DENY finding decides before any
    // rate-limit token is taken.
    const bool not_denied = out.verdict().policy_decision() != Decision::kDeny;
    const rapidjson::Value* arguments =
        audit_facts_.has_arguments && program.detectors().arguments_scanner != nullptr &&
                not_denied
            ? &audit_facts_.arguments->value
            : nullptr;
    bool detectors_pass =
        arguments == nullptr ||
        ApplyDetectors(*arguments, "/params/arguments", ScanPlace::kArguments, envelope, out);
    if (arguments == nullptr && direction == Direction::kToClient && envelope.params != nullptr &&
        program.detectors().results_scanner != nullptr && not_denied) {
      detectors_pass =
          ApplyDetectors(*envelope.params, "/params", ScanPlace::kResults, envelope, out);
    }
    // What else a client sends a server carries data out as a tool's
    // arguments do (a resource URI, a prompt's arguments, a completion's
    // value, _meta, a cancellation's reason): the arguments detectors read
    // the params of every request and notification to the server but
    // initialize's, and a tools/call's _meta (found by an adversarial
    // review: a key in each passed a DENY the same key in arguments met).
    if (detectors_pass && direction == Direction::kToServer && envelope.params != nullptr &&
        program.detectors().arguments_scanner != nullptr && not_denied &&
        facts.method != "initialize") {
      detectors_pass = ScanOtherParams(envelope, facts, out);
    }
    // A 2026-07-28 retry's answers to its server's asks: what the user
    // typed, what the model wrote (session_input_requests.cc).
    if (detectors_pass && direction == Direction::kToServer &&
        envelope.kind == MessageKind::kRequest && program.detectors().results_scanner != nullptr &&
        not_denied) {
      detectors_pass = ScanInputResponses(envelope, out);
    }
    if (detectors_pass && envelope.kind == MessageKind::kRequest &&
        out.verdict().policy_decision() != Decision::kDeny && !program.rate_limits().empty() &&
        !ApplyRateLimits(facts, envelope, out)) {
      return;
    }
    if (!redactions_.empty() && out.verdict().policy_decision() == Decision::kAllow) {
      WriteRedacted(out);
    }
  }
  if (envelope.kind == MessageKind::kNotification && facts.method == "notifications/cancelled" &&
      (out.verdict().decision() == Decision::kAllow ||
       out.verdict().decision() == Decision::kRewrite)) {
    return ForgetCancelled(envelope, direction, out);
  }
  // Remember the request unless it will certainly not be forwarded, so its
  // response can be matched to it.
  if (envelope.kind != MessageKind::kRequest || out.verdict().decision() == Decision::kDeny) {
    return;
  }
  MakeIdKey(*envelope.id);
  absl::string_view method = facts.method;
  bool has_name = facts.has_name;
  absl::string_view name = facts.name;
  uint8_t tag = static_cast<uint8_t>(version);
  if (ABSL_PREDICT_FALSE(task_origin != nullptr)) {
    method = task_origin->method;
    has_name = task_origin->has_name;
    name = task_origin->name;
    out.add_note(absl::StrCat("its answer is checked as the result of the ", method,
                              has_name ? absl::StrCat(" of \"", name, "\"") : std::string(),
                              " that created the task"));
  } else if (ABSL_PREDICT_FALSE(IsTaskAugmented(facts.method, envelope.params))) {
    tag |= kTaskAugmentedTag;
  }
  InFlightTable::Entry evicted;
  switch (table(direction).Insert(id_key_, method, has_name, name, &evicted, tag)) {
    case InFlightTable::InsertResult::kInserted:
      inserted_in_flight_ = true;
      break;
    case InFlightTable::InsertResult::kInsertedWithEviction:
      inserted_in_flight_ = true;
      audit_facts_.evicted = true;
      evicted_in_flight_ = evicted;
      out.add_note(absl::StrCat("in-flight cap reached: forgot request ", evicted.id_key.substr(1),
                                " (", evicted.method, "); a late response to it will be denied"));
      break;
    case InFlightTable::InsertResult::kRetired:
      // Its answer may still come, and would be taken for this request's.
      out.set_rule_id("");
      return reject(kInvalidRequest,
                    "this id was used by a request that was cancelled or pushed out of flight, "
                    "whose answer may still come: request ids must not be reused within a "
                    "session",
                    "/id");
    case InFlightTable::InsertResult::kDuplicate:
      // Two requests with one id would make the response ambiguous: which
      // request's tool did it answer? Refuse the second.
      out.set_rule_id("");
      return reject(kInvalidRequest, "a request with this id is already in flight", "/id");
  }
}

void SessionState::ForgetCancelled(const Envelope& envelope, Direction direction,
                                   VerdictBuilder& out) {
  // From 2025-11-25 a cancellation may name no request (tasks are
  // cancelled with tasks/cancel).
  if (envelope.params == nullptr || !envelope.params->IsObject()) return;
  auto request = envelope.params->FindMember("requestId");
  // An id no request can have (1e300, 1.5) names none (and 1e300 must not
  // be keyed as the integer it overflows to).
  if (request == envelope.params->MemberEnd() ||
      !(request->value.IsString() || IsIntegerId(request->value))) {
    return;
  }
  MakeIdKey(request->value);
  InFlightTable& requests = table(direction);
  // Retired ids are kept so many at most: a session that cancelled that
  // many whose answers never came is refused the next cancellation, whose
  // request then stays in flight (its answer matched, its id not free),
  // rather than forgetting the oldest retired id (found by a review: 4096
  // pings cancelled flushed a cancelled get_secret's id, and its answer
  // passed as a new request's).
  if (requests.retired_full() && requests.Contains(id_key_)) {
    out.Decide(Decision::kDeny);
    out.set_static_reason(
        "this session has as many cancelled requests whose answers may still come as it keeps "
        "(4096): the cancellation is not forwarded, and its request stays in flight");
    return;
  }
  InFlightTable::Entry cancelled;
  if (!requests.Take(id_key_, &cancelled)) return;
  // The peer need not honour a cancellation: until a late answer comes, the
  // id is not free again.
  requests.Retire(id_key_);
  out.add_note(absl::StrCat("cancelled: forgot request ", cancelled.id_key.substr(1), " (",
                            cancelled.method, "); a late response to it will be denied"));
}

}  // namespace mcpguard::internal
