// The C API's entry points for status, errors, engines and sessions
// (include/mcpguard/mcpguard.h). Every function validates its arguments
// before touching them and runs its C++ work inside Guarded(), so nothing
// throws into C.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "c_api/c_api_internal.h"
#include "mcpguard/guard.h"
#include "mcpguard/mcpguard.h"
#include "mcpguard/policy.h"

namespace mcpguard::internal {

mcpguard_error* OutOfMemoryError() {
  // Short enough for the small-string buffer: constructing it cannot throw.
  static mcpguard_error error{MCPGUARD_INTERNAL, "out of memory"};
  return &error;
}

int Fail(mcpguard_error** err, int code, std::string_view message) {
  if (err == nullptr) return code;
  try {
    *err = new mcpguard_error{code, std::string(message)};
  } catch (...) {
    *err = OutOfMemoryError();
  }
  return code;
}

namespace {

// The C status for a failed load or compile. CompilePolicy reports an
// invalid policy as InvalidArgument; LoadPolicyFile adds NotFound (missing),
// FailedPrecondition (not a regular file: it cannot be opened as a policy)
// and DataLoss (cannot be read whole).
int PolicyStatusCode(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument: return MCPGUARD_POLICY_ERROR;
    case absl::StatusCode::kNotFound:
    case absl::StatusCode::kFailedPrecondition: return MCPGUARD_NOT_FOUND;
    case absl::StatusCode::kDataLoss: return MCPGUARD_IO_ERROR;
    default: return MCPGUARD_INTERNAL;
  }
}

// Debian's absl::string_view is not std::string_view.
std::string_view Message(const absl::Status& status) {
  absl::string_view message = status.message();
  return std::string_view(message.data(), message.size());
}

int FailWithStatus(mcpguard_error** err, const absl::Status& status) {
  return Fail(err, PolicyStatusCode(status), Message(status));
}

bool ToPolicyFormat(int format, PolicyFormat* out) {
  switch (format) {
    case MCPGUARD_FORMAT_AUTO: *out = PolicyFormat::kAuto; return true;
    case MCPGUARD_FORMAT_TEXTPROTO: *out = PolicyFormat::kTextproto; return true;
    case MCPGUARD_FORMAT_JSON: *out = PolicyFormat::kJson; return true;
    case MCPGUARD_FORMAT_BINARY: *out = PolicyFormat::kBinary; return true;
    default: return false;
  }
}

// INVALID_ARGUMENT naming the function and the NULL argument.
int NullArgument(mcpguard_error** err, const char* fn, const char* arg) {
  return Fail(err, MCPGUARD_INVALID_ARGUMENT, absl::StrCat(fn, ": ", arg, " is NULL"));
}

bool ToDirection(int direction, Direction* out) {
  switch (direction) {
    case MCPGUARD_TO_SERVER: *out = Direction::kToServer; return true;
    case MCPGUARD_TO_CLIENT: *out = Direction::kToClient; return true;
    default: return false;
  }
}

bool ValidView(const mcpguard_string_view& view) { return ValidBytes(view.data, view.size); }

// Copies `count` views at `views` into *out; false if any is invalid.
bool CopyViews(const mcpguard_string_view* views, size_t count,
               std::vector<std::string>* out) {
  if (views == nullptr && count != 0) return false;
  out->reserve(count);
  for (size_t i = 0; i < count; ++i) {
    if (!ValidView(views[i])) return false;
    out->emplace_back(Bytes(views[i].data, views[i].size));
  }
  return true;
}

}  // namespace

std::string CopyPrincipal(const mcpguard_principal& in, Principal* out) {
  if (!ValidView(in.subject)) {
    return absl::StrCat("subject.data is NULL but size is ", in.subject.size);
  }
  out->subject = std::string(Bytes(in.subject.data, in.subject.size));
  if (!CopyViews(in.roles, in.role_count, &out->roles)) {
    return "roles has a NULL pointer with a non-zero size";
  }
  if (!CopyViews(in.scopes, in.scope_count, &out->scopes)) {
    return "scopes has a NULL pointer with a non-zero size";
  }
  if (in.claims == nullptr && in.claim_count > 0) {
    return absl::StrCat("claims is NULL but claim_count is ", in.claim_count);
  }
  for (size_t i = 0; i < in.claim_count; ++i) {
    const mcpguard_claim& claim = in.claims[i];
    if (!ValidView(claim.name) || claim.name.size == 0) {
      return absl::StrCat("claims[", i, "].name is empty or NULL");
    }
    std::vector<std::string> values;
    if (!CopyViews(claim.values, claim.value_count, &values)) {
      return absl::StrCat("claims[", i, "].values has a NULL pointer with a non-zero size");
    }
    // A name given twice has the values of both.
    std::vector<std::string>& all =
        out->claims[std::string(Bytes(claim.name.data, claim.name.size))];
    all.insert(all.end(), values.begin(), values.end());
  }
  return std::string();
}

int Compile(const char* fn, const char* policy, size_t len, int format,
            const char* source_name, std::shared_ptr<const CompiledPolicy>* compiled,
            mcpguard_error** err) {
  if (!ValidBytes(policy, len)) {
    return Fail(err, MCPGUARD_INVALID_ARGUMENT, absl::StrCat(fn, ": policy is NULL but len is ",
                                                             len));
  }
  PolicyLoadOptions options;
  if (!ToPolicyFormat(format, &options.format)) {
    return Fail(err, MCPGUARD_INVALID_ARGUMENT,
                absl::StrCat(fn, ": unknown policy format ", format));
  }
  if (source_name != nullptr) options.source_name = source_name;
  auto result = CompilePolicy(Bytes(policy, len), options);
  if (!result.ok()) return FailWithStatus(err, result.status());
  *compiled = *std::move(result);
  return MCPGUARD_OK;
}

int NewEngine(std::shared_ptr<const CompiledPolicy> policy, mcpguard_engine** out,
              mcpguard_error** err, EngineOptions options) {
  std::shared_ptr<AuditLog> audit = options.audit;
  auto engine = Engine::Create(std::move(policy), std::move(options));
  if (!engine.ok()) return Fail(err, MCPGUARD_INTERNAL, Message(engine.status()));
  *out = new mcpguard_engine{*std::move(engine), std::move(audit)};
  return Succeed(err);
}

}  // namespace mcpguard::internal

using mcpguard::internal::Bytes;
using mcpguard::internal::NullArgument;
using mcpguard::internal::Fail;
using mcpguard::internal::Guarded;
using mcpguard::internal::Succeed;
using mcpguard::internal::ValidBytes;
using mcpguard::internal::WrapVerdict;

extern "C" {

int mcpguard_abi_version(void) { return MCPGUARD_ABI_VERSION; }

const char* mcpguard_status_string(int status) {
  switch (status) {
    case MCPGUARD_OK: return "OK";
    case MCPGUARD_INVALID_ARGUMENT: return "INVALID_ARGUMENT";
    case MCPGUARD_POLICY_ERROR: return "POLICY_ERROR";
    case MCPGUARD_NOT_FOUND: return "NOT_FOUND";
    case MCPGUARD_IO_ERROR: return "IO_ERROR";
    case MCPGUARD_INTERNAL: return "INTERNAL";
    default: return "UNKNOWN";
  }
}

int mcpguard_error_code(const mcpguard_error* error) {
  return error == nullptr ? MCPGUARD_OK : error->code;
}

const char* mcpguard_error_message(const mcpguard_error* error, size_t* len) {
  if (error == nullptr) {
    if (len != nullptr) *len = 0;
    return "";
  }
  if (len != nullptr) *len = error->message.size();
  return error->message.c_str();
}

void mcpguard_error_free(mcpguard_error* error) {
  if (error == mcpguard::internal::OutOfMemoryError()) return;
  delete error;
}

int mcpguard_engine_new_from_policy(const char* policy, size_t len, int format,
                                    const char* source_name, mcpguard_engine** out,
                                    mcpguard_error** err) {
  static constexpr char kFn[] = "mcpguard_engine_new_from_policy";
  return Guarded(err, [&] {
    if (out == nullptr) return NullArgument(err, kFn, "out");
    *out = nullptr;
    std::shared_ptr<const mcpguard::CompiledPolicy> compiled;
    int status =
        mcpguard::internal::Compile(kFn, policy, len, format, source_name, &compiled, err);
    if (status != MCPGUARD_OK) return status;
    return mcpguard::internal::NewEngine(std::move(compiled), out, err);
  });
}

int mcpguard_engine_new_from_file(const char* path, mcpguard_engine** out,
                                  mcpguard_error** err) {
  static constexpr char kFn[] = "mcpguard_engine_new_from_file";
  return Guarded(err, [&] {
    if (out == nullptr) return NullArgument(err, kFn, "out");
    *out = nullptr;
    if (path == nullptr) return NullArgument(err, kFn, "path");
    auto compiled = mcpguard::LoadPolicyFile(path);
    if (!compiled.ok()) return mcpguard::internal::FailWithStatus(err, compiled.status());
    return mcpguard::internal::NewEngine(*std::move(compiled), out, err);
  });
}

int mcpguard_engine_set_policy(mcpguard_engine* engine, const char* policy, size_t len,
                               int format, const char* source_name, mcpguard_error** err) {
  static constexpr char kFn[] = "mcpguard_engine_set_policy";
  return Guarded(err, [&] {
    if (engine == nullptr) return NullArgument(err, kFn, "engine");
    // Compiled to the side: on any failure the engine is untouched.
    std::shared_ptr<const mcpguard::CompiledPolicy> compiled;
    int status =
        mcpguard::internal::Compile(kFn, policy, len, format, source_name, &compiled, err);
    if (status != MCPGUARD_OK) return status;
    absl::Status set = engine->engine->SetPolicy(std::move(compiled));
    if (!set.ok()) return Fail(err, MCPGUARD_INTERNAL, mcpguard::internal::Message(set));
    return Succeed(err);
  });
}

void mcpguard_engine_free(mcpguard_engine* engine) {
  if (engine == nullptr) return;
  // Sessions may outlive the engine; the audit callback's user data may
  // not: after this no event reaches it.
  if (engine->audit != nullptr) engine->audit->Close();
  delete engine;
}

int mcpguard_session_new(const mcpguard_engine* engine, const mcpguard_principal* principal,
                         const char* server_id, size_t server_id_len, mcpguard_session** out,
                         mcpguard_error** err) {
  static constexpr char kFn[] = "mcpguard_session_new";
  return Guarded(err, [&] {
    if (out == nullptr) return NullArgument(err, kFn, "out");
    *out = nullptr;
    if (engine == nullptr) return NullArgument(err, kFn, "engine");
    if (principal == nullptr) return NullArgument(err, kFn, "principal");
    if (!ValidBytes(server_id, server_id_len)) {
      return Fail(err, MCPGUARD_INVALID_ARGUMENT,
                  absl::StrCat(kFn, ": server_id is NULL but server_id_len is ", server_id_len));
    }
    mcpguard::SessionOptions options;
    const std::string problem = mcpguard::internal::CopyPrincipal(*principal, &options.principal);
    if (!problem.empty()) {
      return Fail(err, MCPGUARD_INVALID_ARGUMENT, absl::StrCat(kFn, ": principal->", problem));
    }
    options.server_id = std::string(Bytes(server_id, server_id_len));
    *out = new mcpguard_session{engine->engine->NewSession(std::move(options))};
    return Succeed(err);
  });
}

void mcpguard_session_free(mcpguard_session* session) { delete session; }

size_t mcpguard_session_in_flight(const mcpguard_session* session, int direction) {
  mcpguard::Direction d;
  if (session == nullptr || !mcpguard::internal::ToDirection(direction, &d)) return 0;
  return session->session->in_flight(d);
}

int mcpguard_session_check(mcpguard_session* session, const char* msg, size_t len,
                           int direction, mcpguard_verdict** out, mcpguard_error** err) {
  static constexpr char kFn[] = "mcpguard_session_check";
  return Guarded(err, [&] {
    if (out == nullptr) return NullArgument(err, kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArgument(err, kFn, "session");
    if (!ValidBytes(msg, len)) {
      return Fail(err, MCPGUARD_INVALID_ARGUMENT,
                  absl::StrCat(kFn, ": msg is NULL but len is ", len));
    }
    mcpguard::Direction d;
    if (!mcpguard::internal::ToDirection(direction, &d)) {
      return Fail(err, MCPGUARD_INVALID_ARGUMENT,
                  absl::StrCat(kFn, ": unknown direction ", direction));
    }
    *out = WrapVerdict(session->session->Check(Bytes(msg, len), d)).release();
    return Succeed(err);
  });
}

int mcpguard_session_settle(mcpguard_session* session, const mcpguard_verdict* asked,
                            int approved, int remember, mcpguard_verdict** out,
                            mcpguard_error** err) {
  static constexpr char kFn[] = "mcpguard_session_settle";
  return Guarded(err, [&] {
    if (out == nullptr) return NullArgument(err, kFn, "out");
    *out = nullptr;
    if (session == nullptr) return NullArgument(err, kFn, "session");
    if (asked == nullptr) return NullArgument(err, kFn, "asked");
    mcpguard::ApprovalAnswer answer;
    answer.approved = approved != 0;
    answer.remember = remember != 0;
    absl::StatusOr<mcpguard::Verdict> settled = session->session->Settle(asked->verdict, answer);
    if (!settled.ok()) {
      return Fail(err, MCPGUARD_INVALID_ARGUMENT,
                  absl::StrCat(kFn, ": ", settled.status().message()));
    }
    *out = WrapVerdict(*std::move(settled)).release();
    return Succeed(err);
  });
}

}  // extern "C"
