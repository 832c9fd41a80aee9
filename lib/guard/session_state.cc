// A session's state and its Check: the policy snapshot it reads, the
// message parsed and its envelope read, then the request or response path
// (session_request.cc, session_response.cc).
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
#include "policy/program.h"
#include "policy/scope_token.h"

namespace mcpguard::internal {
namespace {

SessionOptions WithScopesSplit(SessionOptions options) {
  options.principal.scopes = SplitScopeLists(options.principal.scopes);
  return options;
}

}  // namespace

SessionState::SessionState(std::shared_ptr<EngineState> engine, SessionOptions options)
    : engine_(std::move(engine)),
      options_(WithScopesSplit(std::move(options))),
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
  std::shared_ptr<const CompiledPolicy> previous = std::move(policy_);
  policy_ = engine_->Load();
  policy_version_ = version;
  const PolicyProgram& program = policy_->program();
  applicability_.Reset(program);
  fields_.Reset(program.field_count());
  to_server_.set_capacity(program.max_in_flight());
  to_client_.set_capacity(program.max_in_flight());
  // Answers are for the policy they were given under: the same policy
  // loaded again (its hash) keeps them.
  if (previous == nullptr || previous->hash() != policy_->hash()) remembered_.clear();
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
  // null, or a number no request id can be (IsIntegerId): never in flight.
  if (!id.IsNumber() || (id.IsDouble() && !IsIntegerId(id))) {
    id_buffer_[0] = '0';
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
          evaluation.undecided.field->DescribeUndecided(evaluation.undecided)));
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
