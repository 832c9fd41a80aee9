// What the opaque handles of mcpguard/mcpguard.h are, and the helpers every
// C entry point uses to keep the header's conventions: no exception crosses
// the boundary, every failure becomes a status plus an optional error object.
#ifndef MCPGUARD_C_API_C_API_INTERNAL_H_
#define MCPGUARD_C_API_C_API_INTERNAL_H_

#include <memory>
#include <new>
#include <string>
#include <string_view>

#include "mcpguard/guard.h"
#include "mcpguard/mcpguard.h"
#include "mcpguard/session.h"
#include "mcpguard/verdict.h"

struct mcpguard_error {
  int code;
  std::string message;
};

struct mcpguard_engine {
  std::unique_ptr<mcpguard::Engine> engine;
  std::shared_ptr<mcpguard::AuditLog> audit;  // Closed by mcpguard_engine_free.
};

struct mcpguard_session {
  std::unique_ptr<mcpguard::Session> session;
};

// The C++ verdict plus NUL-terminated copies of its string views, which the
// C++ API does not promise to be NUL-terminated (rule_id points into the
// policy, reason may be a slice of a literal). Notes are std::strings.
struct mcpguard_verdict {
  mcpguard::Verdict verdict;
  std::string rule_id;
  std::string reason;
  std::string error_response;
  std::string replacement;
  std::string required_scopes;  // Space-separated.
};

namespace mcpguard::internal {

// The shared error returned when allocating an error fails. Never freed.
mcpguard_error* OutOfMemoryError();

// Stores a new error {code, message} in *err (when err is not null) and
// returns `code`. Never throws: if the error can't be allocated, *err is
// OutOfMemoryError().
int Fail(mcpguard_error** err, int code, std::string_view message);

// Copies `in` into *out; empty, or what is wrong with it ("roles has a NULL
// pointer with a non-zero size"), naming the member.
std::string CopyPrincipal(const mcpguard_principal& in, Principal* out);

// Validates the policy arguments shared by engine_new_from_policy,
// engine_new_with_audit and engine_set_policy and compiles them into
// *compiled. `fn` names the caller in messages.
int Compile(const char* fn, const char* policy, size_t len, int format,
            const char* source_name, std::shared_ptr<const CompiledPolicy>* compiled,
            mcpguard_error** err);

// A C verdict holding `verdict` and the NUL-terminated copies of its texts.
std::unique_ptr<mcpguard_verdict> WrapVerdict(Verdict verdict);

// Wraps a compiled policy in a new C engine.
int NewEngine(std::shared_ptr<const CompiledPolicy> policy, mcpguard_engine** out,
              mcpguard_error** err, EngineOptions options = {});

// Stores null in *err (when err is not null) and returns MCPGUARD_OK.
inline int Succeed(mcpguard_error** err) {
  if (err != nullptr) *err = nullptr;
  return MCPGUARD_OK;
}

// Pointer + length convention: (null, 0) is the empty string.
inline bool ValidBytes(const char* data, size_t len) { return data != nullptr || len == 0; }
inline std::string_view Bytes(const char* data, size_t len) {
  return len == 0 ? std::string_view() : std::string_view(data, len);
}

// Runs `body` (which returns a status) and turns any exception into
// MCPGUARD_INTERNAL. The library itself throws none; this catches
// std::bad_alloc from the standard library, which must not unwind into C.
template <typename Body>
int Guarded(mcpguard_error** err, Body&& body) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return Fail(err, MCPGUARD_INTERNAL, "out of memory");
  } catch (...) {
    return Fail(err, MCPGUARD_INTERNAL, "unexpected C++ exception inside mcpguard");
  }
}

}  // namespace mcpguard::internal

#endif  // MCPGUARD_C_API_C_API_INTERNAL_H_
