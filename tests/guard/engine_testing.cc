#include "guard/engine_testing.h"

#include <utility>

#include "gtest/gtest.h"

namespace mcpguard::testing_engines {

std::unique_ptr<Engine> EngineOrFail(
    const absl::StatusOr<std::shared_ptr<const CompiledPolicy>>& policy) {
  EXPECT_TRUE(policy.ok()) << policy.status();
  if (!policy.ok()) return nullptr;
  auto engine = Engine::Create(*policy);
  EXPECT_TRUE(engine.ok()) << engine.status();
  return engine.ok() ? *std::move(engine) : nullptr;
}

std::unique_ptr<Engine> EngineFromText(const std::string& policy_text) {
  return EngineOrFail(CompilePolicy(policy_text, {PolicyFormat::kTextproto, "test"}));
}

}  // namespace mcpguard::testing_engines
