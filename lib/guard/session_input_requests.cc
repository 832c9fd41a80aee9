// MCP 2026-07-28 multi-round-trip requests: a server that needs the client
// (sampling, elicitation, roots) answers a request with
// {"resultType": "input_required", "inputRequests": {KEY: {"method": ...,
// "params": ...}}}, and the client retries the request with
// params.inputResponses {KEY: <that method's result>}.
//
// Design note: such an ask is the server's request by another road, so it
// meets what the request would have met (found by an adversarial review: a
// sampling request over a TO_CLIENT maxTokens cap, and an elicitation a
// DENY refused, passed inside a tools/call result; and a token the user
// typed into an elicitation passed in inputResponses, though the secrets
// detector redacts it from a 2025-11-25 elicitation response). The rules
// judge each ask as a request of its method in the direction of the result;
// an ask they do not allow refuses the whole result, since the client
// cannot be handed part of one. The answers are scanned as results.
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "guard/session_state.h"
#include "guard/verdict_builder.h"
#include "policy/evaluator.h"
#include "policy/program.h"

namespace mcpguard::internal {
namespace {

absl::string_view View(const rapidjson::Value& s) {
  return absl::string_view(s.GetString(), s.GetStringLength());
}

// The object member `name` of `object` if it is an object, else null.
const rapidjson::Value* ObjectMember(const rapidjson::Value* object, absl::string_view name) {
  if (object == nullptr || !object->IsObject()) return nullptr;
  auto m = object->FindMember(rapidjson::StringRef(name.data(), name.size()));
  return m != object->MemberEnd() && m->value.IsObject() ? &m->value : nullptr;
}

}  // namespace

bool SessionState::CheckInputRequests(const Envelope& envelope, Direction direction,
                                      VerdictBuilder& out) {
  const rapidjson::Value* asks = ObjectMember(envelope.result, "inputRequests");
  if (asks == nullptr) return true;
  std::vector<std::pair<absl::string_view, MessageFacts>> allowed;  // Key, facts.
  for (auto ask = asks->MemberBegin(); ask != asks->MemberEnd(); ++ask) {
    // An ask of another shape is for validation to refuse; the client can
    // act on none.
    if (!ask->value.IsObject()) continue;
    auto method = ask->value.FindMember("method");
    if (method == ask->value.MemberEnd() || !method->value.IsString()) continue;
    MessageFacts facts;
    facts.direction = direction;
    facts.kind = MessageKind::kRequest;
    facts.method = View(method->value);
    facts.name_kind = NameKindOf(facts.method);
    auto params = ask->value.FindMember("params");
    facts.scope = params != ask->value.MemberEnd() ? &params->value : nullptr;
    const Evaluation evaluation =
        Evaluate(policy_->program(), facts, &applicability_, &fields_, EvaluationSinks());
    if (evaluation.decision == Decision::kAllow) {
      allowed.emplace_back(View(ask->name), facts);
      continue;
    }
    // Denied, or asked about: nobody can approve an ask inside a result.
    const absl::string_view why =
        evaluation.rule == nullptr ? "no rule allows it (the policy's default effect)"
        : evaluation.decision == Decision::kAsk ? "its rule asks for approval, which an ask "
                                                  "inside a result cannot get"
                                                : "denied by rule";
    out.Decide(Decision::kDeny);
    if (evaluation.rule != nullptr) out.set_rule_id(evaluation.rule->id);
    out.set_reason(absl::StrCat("result refused: its inputRequests/", View(ask->name), " (",
                                facts.method, "): ", why));
    SetPolicyError(evaluation.rule, envelope, out);
    return false;
  }
  // Each ask takes its tokens as the request would (found by a review: a
  // result carrying three sampling asks passed a spent sampling limit).
  if (policy_->program().rate_limits().empty()) return true;
  for (const auto& [key, facts] : allowed) {
    if (ApplyRateLimits(facts, envelope, out)) continue;
    const std::string_view reason = out.verdict().reason();
    out.set_reason(absl::StrCat("result refused: its inputRequests/", key, " (", facts.method,
                                "): ", absl::string_view(reason.data(), reason.size())));
    return false;
  }
  return true;
}

bool SessionState::ScanInputResponses(const Envelope& envelope, VerdictBuilder& out) {
  const rapidjson::Value* answers = ObjectMember(envelope.params, "inputResponses");
  if (answers == nullptr) return true;
  return ApplyDetectors(*answers, "/params/inputResponses", ScanPlace::kResults, envelope, out);
}

}  // namespace mcpguard::internal
