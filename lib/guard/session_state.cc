#include "guard/session_state.h"

#include <cstring>
#include <utility>

#include "absl/base/optimization.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "audit/audit_log_state.h"
#include "guard/jsonrpc_error.h"
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

Direction Opposite(Direction d) {
  return d == Direction::kToServer ? Direction::kToClient : Direction::kToServer;
}

}  // namespace

SessionState::SessionState(std::shared_ptr<EngineState> engine, SessionOptions options)
    : engine_(std::move(engine)),
      options_(std::move(options)),
      applicability_(options_.principal, options_.server_id),
      to_server_(kDefaultMaxInFlight),
      to_client_(kDefaultMaxInFlight) {
  std::lock_guard<std::mutex> lock(mu_);
  RefreshPolicy();
}

SessionState::~SessionState() {
  std::lock_guard<std::mutex> lock(mu_);
  if (audit_context_ != nullptr) {
    engine_->options.audit->state().Retire(std::move(audit_context_));
  }
}

void SessionState::RefreshPolicy() {
  uint64_t version = engine_->version.load(std::memory_order_acquire);
  if (version == policy_version_ && policy_ != nullptr) return;
  policy_ = engine_->Load();
  policy_version_ = version;
  const PolicyProgram& program = policy_->program();
  applicability_.Reset(program);
  fields_.Reset(program.field_count());
  to_server_.set_capacity(program.max_in_flight());
  to_client_.set_capacity(program.max_in_flight());
  remembered_.clear();
  callable_.clear();
  for (auto& names : clean_names_) names.clear();
  if (engine_->options.audit != nullptr) RefreshAuditContext();
}

Evaluation SessionState::EvaluateRules(const MessageFacts& facts, VerdictBuilder& out) {
  const PolicyProgram& program = policy_->program();
  EvaluationSinks sinks;
  if (program.has_record_rules()) {
    recorded_.clear();
    sinks.recorded = &recorded_;
  }
  if (check_options_->explain) sinks.trace = out.trace();
  Evaluation evaluation = Evaluate(program, facts, &applicability_, &fields_, sinks);
  if (sinks.recorded != nullptr) {
    for (const CompiledRule* rule : recorded_) out.add_recorded_rule(rule->id);
  }
  return evaluation;
}

size_t SessionState::in_flight(Direction direction) const {
  std::lock_guard<std::mutex> lock(mu_);
  return direction == Direction::kToServer ? to_server_.size() : to_client_.size();
}

void SessionState::MakeIdKey(const rapidjson::Value& id) {
  // Strings and integers never collide: the first byte says which. An
  // integral double (1.0) keys like the integer it equals.
  if (id.IsString()) {
    const size_t size = id.GetStringLength();
    char* key = id_buffer_;
    if (size + 1 > sizeof(id_buffer_)) {
      id_long_.resize(size + 1);
      key = id_long_.data();
    }
    key[0] = 's';
    std::memcpy(key + 1, id.GetString(), size);
    id_key_ = absl::string_view(key, size + 1);
    return;
  }
  if (!id.IsNumber()) {
    id_buffer_[0] = '0';  // null: never in flight.
    id_key_ = absl::string_view(id_buffer_, 1);
    return;
  }
  id_buffer_[0] = 'n';
  char* digits = id_buffer_ + 1;
  char* end = id.IsUint64() ? absl::numbers_internal::FastIntToBuffer(id.GetUint64(), digits)
              : id.IsInt64()
                  ? absl::numbers_internal::FastIntToBuffer(id.GetInt64(), digits)
                  : absl::numbers_internal::FastIntToBuffer(
                        static_cast<int64_t>(id.GetDouble()), digits);
  id_key_ = absl::string_view(id_buffer_, static_cast<size_t>(end - id_buffer_));
}

void SessionState::Reject(VerdictBuilder& out, int code, std::string reason,
                          absl::string_view id_json, absl::string_view pointer, int64_t offset,
                          absl::string_view schema, absl::string_view schema_pointer) {
  out.Decide(Decision::kDeny);
  ErrorData data;
  data.reason = reason;
  data.pointer = pointer;
  data.offset = offset;
  data.schema = schema;
  data.schema_pointer = schema_pointer;
  out.set_error(code, BuildErrorResponse(id_json, code, data));
  out.set_reason(std::move(reason));
}

void SessionState::Apply(const Evaluation& evaluation, const Envelope& envelope,
                         VerdictBuilder& out) {
  out.Decide(evaluation.decision);
  bool response = envelope.kind == MessageKind::kResponse;
  if (evaluation.rule == nullptr) {
    out.set_static_reason(response ? "response to a forwarded request"
                                   : "no rule matched: the policy's default effect");
  } else {
    out.set_rule_id(evaluation.rule->id);
    if (evaluation.undecidable) {
      out.set_reason(absl::StrCat(
          "condition could not be decided, so the rule applies (fail closed): ",
          evaluation.undecided.field->DescribeUndecided(evaluation.undecided.value,
                                                         evaluation.undecided.element)));
    } else {
      switch (evaluation.decision) {
        case Decision::kAllow: out.set_static_reason("allowed by rule"); break;
        case Decision::kDeny: out.set_static_reason("denied by rule"); break;
        case Decision::kAsk: out.set_static_reason("approval required by rule"); break;
        case Decision::kRewrite: out.set_static_reason("rewritten by rule"); break;
      }
    }
  }
  if (evaluation.decision == Decision::kAllow) return;
  SetPolicyError(evaluation.rule, envelope, out);
}

void SessionState::SetPolicyError(const CompiledRule* rule, const Envelope& envelope,
                                  VerdictBuilder& out) {
  if (envelope.kind == MessageKind::kNotification) return;
  ErrorData data;
  if (rule != nullptr) data.rule = rule->id;
  std::string_view reason = out.verdict().reason();
  data.reason = absl::string_view(reason.data(), reason.size());
  out.set_error(kPolicyDenied, BuildErrorResponse(IdToJson(*envelope.id), kPolicyDenied, data));
}

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
  InFlightTable::Entry evicted;
  switch (table(direction).Insert(id_key_, facts.method, facts.has_name, facts.name, &evicted,
                                  static_cast<uint8_t>(version))) {
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
  if (request == envelope.params->MemberEnd() ||
      !(request->value.IsString() || request->value.IsNumber())) {
    return;
  }
  MakeIdKey(request->value);
  InFlightTable::Entry cancelled;
  if (!table(direction).Take(id_key_, &cancelled)) return;
  out.add_note(absl::StrCat("cancelled: forgot request ", cancelled.id_key.substr(1), " (",
                            cancelled.method, "); a late response to it will be denied"));
}

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
  if (!table(Opposite(direction)).TakeInPlace(id_key_, &taken_)) {
    out.Decide(Decision::kDeny);
    out.set_static_reason("response to no request in flight: drop it");
    out.set_error(kInvalidRequest, std::string());
    return;
  }
  // taken_ was just written member by member: read it the same way (a
  // 16-byte copy of a view would load across two fresh 8-byte stores and
  // stall until they retire).
  const absl::string_view method(taken_.method.data(), taken_.method.size());
  const absl::string_view name(taken_.name.data(), taken_.name.size());
  audit_facts_.method = method;
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
  if (!redactions_.empty() && out.verdict().policy_decision() == Decision::kAllow) {
    WriteRedacted(out);
  }
}

Verdict SessionState::Check(absl::string_view message, Direction direction,
                            const CheckOptions& options) {
  if (engine_->options.audit == nullptr) {
    std::lock_guard<std::mutex> lock(mu_);
    Verdict verdict = CheckLocked(message, direction, options);
    if (ABSL_PREDICT_FALSE(host_ask_.active)) HoldForHost(verdict);
    if (ABSL_PREDICT_FALSE(held_.has_value())) KeepAsk(verdict);
    return verdict;
  }
  AuditLogState& log = engine_->options.audit->state();
  log.Prefetch();
  const int64_t start_ns = absl::GetCurrentTimeNanos();
  std::lock_guard<std::mutex> lock(mu_);
  Verdict verdict = CheckLocked(message, direction, options);
  if (ABSL_PREDICT_FALSE(host_ask_.active)) HoldForHost(verdict);
  AuditCheck(message, direction, start_ns, verdict);
  // After the audit record: under FAIL_CLOSED it may have refused the ASK.
  if (ABSL_PREDICT_FALSE(held_.has_value())) KeepAsk(verdict);
  return verdict;
}

Verdict SessionState::CheckLocked(absl::string_view message, Direction direction,
                                  const CheckOptions& options) {
  RefreshPolicy();
  audit_facts_.Clear();
  inserted_in_flight_ = false;
  check_options_ = &options;
  message_ = message;
  redactions_.clear();
  Verdict verdict;
  VerdictBuilder out(&verdict, policy_, direction);
  const PolicyProgram& program = policy_->program();

  if (!parser_.Parse(message, program.json_limits())) {
    const JsonError& error = parser_.error();
    // A message that is JSON but broke a limit can still be answered with
    // its own id; one that is not JSON is answered with null, as JSON-RPC
    // requires.
    std::string id_json = "null";
    if (error.kind != JsonErrorKind::kSyntax && error.kind != JsonErrorKind::kTooLarge &&
        !RecoverTopLevelId(message, &id_json)) {
      id_json = "null";
    }
    Reject(out, kParseError, error.message, id_json, "",
           static_cast<int64_t>(error.offset));
    return verdict;
  }

  Envelope envelope;
  EnvelopeError envelope_error;
  if (!ParseEnvelope(parser_.root(), &envelope, &envelope_error)) {
    std::string id_json = envelope.id != nullptr ? IdToJson(*envelope.id) : "null";
    Reject(out, envelope_error.code, std::move(envelope_error.message), id_json,
           envelope_error.pointer, -1);
    return verdict;
  }
  out.set_kind(envelope.kind);
  audit_facts_.id = envelope.id;
  audit_facts_.params = envelope.params;
  if (envelope.kind == MessageKind::kResponse) {
    CheckResponse(envelope, direction, out);
  } else {
    CheckRequest(envelope, direction, out);
  }
  return verdict;
}

}  // namespace mcpguard::internal
