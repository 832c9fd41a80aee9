// The C API's verdict accessors (include/mcpguard/mcpguard.h). They read an
// immutable object and cannot fail; a NULL verdict answers "deny" so that a
// caller who ignored a failed check still fails closed.
#include <memory>
#include <string>
#include <utility>

#include "absl/strings/str_join.h"

#include "c_api/c_api_internal.h"
#include "mcpguard/direction.h"
#include "mcpguard/mcpguard.h"
#include "mcpguard/verdict.h"

namespace {

int ToCDecision(mcpguard::Decision decision) {
  switch (decision) {
    case mcpguard::Decision::kAllow: return MCPGUARD_ALLOW;
    case mcpguard::Decision::kAsk: return MCPGUARD_ASK;
    case mcpguard::Decision::kDeny: return MCPGUARD_DENY;
    case mcpguard::Decision::kRewrite: return MCPGUARD_REWRITE;
  }
  return MCPGUARD_DENY;
}

int ToCKind(mcpguard::MessageKind kind) {
  switch (kind) {
    case mcpguard::MessageKind::kRequest: return MCPGUARD_KIND_REQUEST;
    case mcpguard::MessageKind::kNotification: return MCPGUARD_KIND_NOTIFICATION;
    case mcpguard::MessageKind::kResponse: return MCPGUARD_KIND_RESPONSE;
    case mcpguard::MessageKind::kUnknown: return MCPGUARD_KIND_UNKNOWN;
  }
  return MCPGUARD_KIND_UNKNOWN;
}

// Returns s's NUL-terminated bytes and stores its length in *len.
const char* Out(const std::string& s, size_t* len) {
  if (len != nullptr) *len = s.size();
  return s.c_str();
}

const char* Empty(size_t* len) {
  if (len != nullptr) *len = 0;
  return "";
}

}  // namespace

namespace mcpguard::internal {

std::unique_ptr<mcpguard_verdict> WrapVerdict(Verdict verdict) {
  auto out = std::make_unique<mcpguard_verdict>();
  out->verdict = std::move(verdict);
  out->rule_id = std::string(out->verdict.rule_id());
  out->reason = std::string(out->verdict.reason());
  out->error_response = std::string(out->verdict.error_response());
  out->replacement = std::string(out->verdict.replacement());
  out->required_scopes = absl::StrJoin(out->verdict.required_scopes(), " ");
  return out;
}

}  // namespace mcpguard::internal

extern "C" {

int mcpguard_verdict_decision(const mcpguard_verdict* verdict) {
  return verdict == nullptr ? MCPGUARD_DENY : ToCDecision(verdict->verdict.decision());
}

int mcpguard_verdict_policy_decision(const mcpguard_verdict* verdict) {
  return verdict == nullptr ? MCPGUARD_DENY : ToCDecision(verdict->verdict.policy_decision());
}

int mcpguard_verdict_audit_only(const mcpguard_verdict* verdict) {
  return verdict != nullptr && verdict->verdict.audit_only() ? 1 : 0;
}

int mcpguard_verdict_awaiting_answer(const mcpguard_verdict* verdict) {
  return verdict != nullptr && verdict->verdict.awaiting_answer() ? 1 : 0;
}

int mcpguard_verdict_error_code(const mcpguard_verdict* verdict) {
  return verdict == nullptr ? MCPGUARD_JSONRPC_INTERNAL_ERROR : verdict->verdict.error_code();
}

int mcpguard_verdict_kind(const mcpguard_verdict* verdict) {
  return verdict == nullptr ? MCPGUARD_KIND_UNKNOWN : ToCKind(verdict->verdict.kind());
}

int mcpguard_verdict_direction(const mcpguard_verdict* verdict) {
  return verdict != nullptr && verdict->verdict.direction() == mcpguard::Direction::kToClient
             ? MCPGUARD_TO_CLIENT
             : MCPGUARD_TO_SERVER;
}

const char* mcpguard_verdict_rule_id(const mcpguard_verdict* verdict, size_t* len) {
  return verdict == nullptr ? Empty(len) : Out(verdict->rule_id, len);
}

const char* mcpguard_verdict_reason(const mcpguard_verdict* verdict, size_t* len) {
  return verdict == nullptr ? Empty(len) : Out(verdict->reason, len);
}

const char* mcpguard_verdict_error_response(const mcpguard_verdict* verdict, size_t* len) {
  return verdict == nullptr ? Empty(len) : Out(verdict->error_response, len);
}

const char* mcpguard_verdict_replacement(const mcpguard_verdict* verdict, size_t* len) {
  return verdict == nullptr ? Empty(len) : Out(verdict->replacement, len);
}

const char* mcpguard_verdict_required_scopes(const mcpguard_verdict* verdict, size_t* len) {
  return verdict == nullptr ? Empty(len) : Out(verdict->required_scopes, len);
}

uint64_t mcpguard_verdict_retry_after_ms(const mcpguard_verdict* verdict) {
  return verdict == nullptr ? 0 : verdict->verdict.retry_after_ms();
}

size_t mcpguard_verdict_note_count(const mcpguard_verdict* verdict) {
  return verdict == nullptr ? 0 : verdict->verdict.notes().size();
}

const char* mcpguard_verdict_note(const mcpguard_verdict* verdict, size_t i, size_t* len) {
  if (verdict == nullptr || i >= verdict->verdict.notes().size()) {
    if (len != nullptr) *len = 0;
    return nullptr;
  }
  return Out(verdict->verdict.notes()[i], len);
}

size_t mcpguard_verdict_finding_count(const mcpguard_verdict* verdict) {
  return verdict == nullptr ? 0 : verdict->verdict.findings().size();
}

int mcpguard_verdict_finding(const mcpguard_verdict* verdict, size_t i, mcpguard_finding* out) {
  if (verdict == nullptr || out == nullptr || i >= verdict->verdict.findings().size()) {
    return MCPGUARD_INVALID_ARGUMENT;
  }
  const mcpguard::Finding& f = verdict->verdict.findings()[i];
  auto view = [](const std::string& s) { return mcpguard_string_view{s.data(), s.size()}; };
  *out = mcpguard_finding{view(f.category), view(f.detector), view(f.pointer), f.offset,
                          f.length,         view(f.reason),   f.score};
  return MCPGUARD_OK;
}

void mcpguard_verdict_free(mcpguard_verdict* verdict) { delete verdict; }

}  // extern "C"
