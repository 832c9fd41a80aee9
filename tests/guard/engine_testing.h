// Engines compiled from textproto policy text, for the guard's tests.
#ifndef MCPGUARD_TESTS_GUARD_ENGINE_TESTING_H_
#define MCPGUARD_TESTS_GUARD_ENGINE_TESTING_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "mcpguard/guard.h"

namespace mcpguard::testing_engines {

// An engine on `policy`. Null, with a test failure, when the policy did not
// compile or the engine cannot start.
std::unique_ptr<Engine> EngineOrFail(
    const absl::StatusOr<std::shared_ptr<const CompiledPolicy>>& policy);

// An engine on `policy_text` (textproto), as EngineOrFail.
std::unique_ptr<Engine> EngineFromText(const std::string& policy_text);

}  // namespace mcpguard::testing_engines

#endif  // MCPGUARD_TESTS_GUARD_ENGINE_TESTING_H_
