// Many threads check while the policy is swapped continuously. Every verdict
// must come wholly from one of the two policies (never a mix), and nothing
// may race (this test also runs under ThreadSanitizer in CI).
#include <atomic>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "mcpguard/guard.h"

namespace mcpguard {
namespace {

std::shared_ptr<const CompiledPolicy> MustCompile(const std::string& text) {
  auto policy = CompilePolicy(text);
  EXPECT_TRUE(policy.ok()) << policy.status();
  return *policy;
}

TEST(Concurrency, CheckWhileSetPolicyIsAtomic) {
  // Validation stays on (unlisted tools allowed): the per-version validators
  // are built on first use, from several threads at once here.
  auto allow = MustCompile(R"pb(name: "A" validation { unlisted_tools: ALLOW_UNLISTED }
                                rules { id: "a" effect: ALLOW target { tools: "*" } })pb");
  auto deny = MustCompile(R"pb(name: "B" validation { unlisted_tools: ALLOW_UNLISTED }
                               rules { id: "b" effect: DENY target { tools: "*" } })pb");
  auto engine = Engine::Create(allow);
  ASSERT_TRUE(engine.ok());
  std::atomic<bool> stop{false};
  std::atomic<int> mixed{0}, seen_allow{0}, seen_deny{0};

  auto check_loop = [&](Session* session, int thread) {
    for (int i = 0; i < 3000; ++i) {
      std::string call = absl::StrCat(R"({"jsonrpc":"2.0","id":")", thread, "-", i,
                                      R"(","method":"tools/call","params":{"name":"t"}})");
      Verdict v = session->Check(call, Direction::kToServer);
      bool from_a = v.decision() == Decision::kAllow && v.rule_id() == "a";
      bool from_b = v.decision() == Decision::kDeny && v.rule_id() == "b";
      if (!from_a && !from_b) ++mixed;
      (from_a ? seen_allow : seen_deny)++;
      if (from_a) {
        // Complete the round trip so the in-flight table stays small.
        session->Check(absl::StrCat(R"({"jsonrpc":"2.0","id":")", thread, "-", i, R"(","result":{"content":[]}})"),
                       Direction::kToClient);
      }
    }
  };

  std::thread swapper([&] {
    bool which = false;
    while (!stop.load()) {
      ASSERT_TRUE((*engine)->SetPolicy(which ? allow : deny).ok());
      which = !which;
      std::this_thread::yield();
    }
  });
  // Two threads share one session (a proxy pumps each direction on its own
  // thread); two more have their own.
  auto shared = (*engine)->NewSession({});
  std::vector<std::unique_ptr<Session>> own;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    Session* s = shared.get();
    if (t >= 2) {
      own.push_back((*engine)->NewSession({}));
      s = own.back().get();
    }
    threads.emplace_back(check_loop, s, t);
  }
  for (auto& t : threads) t.join();
  stop = true;
  swapper.join();
  EXPECT_EQ(mixed.load(), 0);
  EXPECT_EQ(seen_allow.load() + seen_deny.load(), 4 * 3000);
}

}  // namespace
}  // namespace mcpguard
