// Many threads check while the policy is swapped (SetPolicy, Reload) or
// while they share rate-limit buckets. Every verdict must come wholly from
// one policy (never a mix), counts must be exact, and nothing may race
// (suite Concurrency also runs under ThreadSanitizer in CI, tools/test.sh).
#include <atomic>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "guard/policy_files_testing.h"
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


// Hosts settle ASKs from other threads than the one that checked (a UI
// thread answers while pumps check): Check, Settle and policy swaps on one
// session from several threads. Every ASK is settled exactly once, every
// refused request leaves the in-flight table, and the answers' ids all come
// back (under ThreadSanitizer in CI, nothing races).
TEST(Concurrency, SettleWhileCheckingAndSwappingPolicies) {
  const std::string text = R"pb(validation { mcp_messages: OFF tool_schemas: OFF }
                                rules { id: "ask" effect: ASK target { tools: "write" } })pb";
  auto first = MustCompile(absl::StrCat("name: \"one\" ", text));
  auto second = MustCompile(absl::StrCat("name: \"two\" ", text));
  auto engine = Engine::Create(first);
  ASSERT_TRUE(engine.ok());
  auto session = (*engine)->NewSession({});
  std::atomic<bool> stop{false};
  std::thread swapper([&] {
    bool which = false;
    while (!stop.load()) {
      ASSERT_TRUE((*engine)->SetPolicy(which ? first : second).ok());
      which = !which;
      std::this_thread::yield();
    }
  });
  constexpr int kThreads = 4, kCalls = 500;
  std::atomic<int> asks{0}, settled{0}, not_pending{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCalls; ++i) {
        Verdict asked = session->Check(
            absl::StrCat(R"({"jsonrpc":"2.0","id":")", t, "-", i,
                         R"(","method":"tools/call","params":{"name":"write"}})"),
            Direction::kToServer);
        if (!asked.awaiting_answer()) continue;  // A remembered answer.
        ++asks;
        // Settled on another thread, racing a second answer.
        Verdict copy = asked;
        auto settle = [&](const Verdict& v, ApprovalAnswer answer) {
          (session->Settle(v, answer).ok() ? settled : not_pending)++;
        };
        std::thread other(settle, std::cref(asked), ApprovalAnswer{i % 2 == 0, i % 7 == 0});
        settle(copy, ApprovalAnswer{false, false});
        other.join();
      }
    });
  }
  for (auto& t : threads) t.join();
  stop = true;
  swapper.join();
  EXPECT_GT(asks.load(), 0);
  EXPECT_EQ(settled.load(), asks.load());      // Each once,
  EXPECT_EQ(not_pending.load(), asks.load());  // and the other answer refused.
  // Refused requests left the in-flight table; approved ones stay.
  EXPECT_LT(session->in_flight(Direction::kToServer), static_cast<size_t>(kThreads * kCalls));
}

TEST(Concurrency, SharedRateLimitBucketAllowsExactlyItsBurst) {
  // The clock stands still, so no token is ever refilled: however the
  // threads interleave, exactly `burst` requests get through. The per-tool
  // limit never runs dry but, with room for four buckets, keeps evicting
  // and recreating buckets at the same time (the global one, used by every
  // request, is never the least recently used).
  auto policy = MustCompile(R"pb(
    name: "rate" validation { mcp_messages: OFF tool_schemas: OFF }
    limits { max_rate_buckets: 4 }
    rules { id: "allow" effect: ALLOW target { tools: "*" } }
    rate_limits { id: "global" target { tools: "*" } requests: 1 period_seconds: 3600
                  burst: 100 key: GLOBAL }
    rate_limits { id: "per-tool" target { tools: "*" } requests: 1000 period_seconds: 1 })pb");
  EngineOptions options;
  options.clock = [] { return int64_t{42} * 1000000000; };
  auto engine = Engine::Create(policy, std::move(options));
  ASSERT_TRUE(engine.ok());
  constexpr int kThreads = 8, kCalls = 60;
  std::atomic<int> allowed{0}, limited{0}, other{0}, evictions{0};
  auto call_loop = [&](Session* session, int thread) {
    for (int i = 0; i < kCalls; ++i) {
      Verdict v = session->Check(
          absl::StrCat(R"({"jsonrpc":"2.0","id":")", thread, "-", i,
                       R"(","method":"tools/call","params":{"name":"tool-)", (thread + i) % 8,
                       R"("}})"),
          Direction::kToServer);
      evictions += static_cast<int>(v.notes().size());
      if (v.allowed() && v.rule_id() == "allow") {
        ++allowed;
      } else if (!v.allowed() && v.rule_id() == "global" && v.retry_after_ms() == 3600000) {
        ++limited;
      } else {
        ++other;
      }
    }
  };
  // Two threads share one session; the others have their own, for
  // principals alice and bob.
  auto shared = (*engine)->NewSession({Principal{"alice", {}, {}}, "fs", ""});
  std::vector<std::unique_ptr<Session>> own;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    Session* s = shared.get();
    if (t >= 2) {
      own.push_back(
          (*engine)->NewSession({Principal{t % 2 ? "alice" : "bob", {}, {}}, "fs", ""}));
      s = own.back().get();
    }
    threads.emplace_back(call_loop, s, t);
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(allowed.load(), 100);
  EXPECT_EQ(limited.load(), kThreads * kCalls - 100);
  EXPECT_EQ(other.load(), 0);
  EXPECT_GT(evictions.load(), 0);
}

TEST(Concurrency, ReloadWhileCheckingKeepsEveryVerdictConsistent) {
  // One thread reloads two valid policy files alternately, and every fifth
  // time a broken one, while four threads check on their own sessions. A
  // verdict's policy() says which policy decided; its decision must be that
  // policy's.
  testing_files::TempDir dir;
  const std::string allow_path = dir.File("allow.textproto");
  const std::string deny_path = dir.File("deny.textproto");
  const std::string broken_path = dir.File("broken.textproto");
  testing_files::WriteFileAtomically(allow_path, testing_files::ToolPolicy("a", "ALLOW"));
  testing_files::WriteFileAtomically(deny_path, testing_files::ToolPolicy("b", "DENY"));
  testing_files::WriteFileAtomically(broken_path, "rules { id: \"x\" effect: ALLOW\n");
  auto allow = LoadPolicyFile(allow_path);
  auto deny = LoadPolicyFile(deny_path);
  ASSERT_TRUE(allow.ok() && deny.ok());
  const std::string allow_hash((*allow)->hash()), deny_hash((*deny)->hash());
  auto engine = Engine::Create(*allow);
  ASSERT_TRUE(engine.ok());

  std::atomic<bool> done{false};
  std::atomic<int> bad_reloads{0};
  std::thread reloader([&] {
    for (int i = 0; i < 300; ++i) {
      const bool broken = i % 5 == 4;
      absl::Status status =
          (*engine)->Reload(broken ? broken_path : i % 2 ? deny_path : allow_path);
      if (status.ok() == broken) ++bad_reloads;
    }
    done = true;
  });
  std::atomic<int> inconsistent{0}, from_allow{0}, from_deny{0};
  auto check_loop = [&] {
    auto session = (*engine)->NewSession({});
    int i = 0;
    do {
      ++i;
      Verdict v = session->Check(absl::StrCat(R"({"jsonrpc":"2.0","id":)", i,
                                              R"(,"method":"tools/call","params":{"name":"t"}})"),
                                 Direction::kToServer);
      const std::string hash(v.policy()->hash());
      if (hash == allow_hash && v.allowed() && v.rule_id() == "a") {
        ++from_allow;
        session->Check(absl::StrCat(R"({"jsonrpc":"2.0","id":)", i, R"(,"result":{}})"),
                       Direction::kToClient);
      } else if (hash == deny_hash && v.decision() == Decision::kDeny && v.rule_id() == "b") {
        ++from_deny;
      } else {
        ++inconsistent;
      }
    } while (!done.load());
  };
  std::vector<std::thread> checkers;
  for (int t = 0; t < 4; ++t) checkers.emplace_back(check_loop);
  reloader.join();
  for (auto& t : checkers) t.join();
  EXPECT_EQ(bad_reloads.load(), 0);
  EXPECT_EQ(inconsistent.load(), 0);
  EXPECT_GE(from_allow.load() + from_deny.load(), 4);
  // The last good reload (i = 298; 299 is a broken one) put the allow
  // policy in force.
  EXPECT_EQ((*engine)->policy()->hash(), allow_hash);
}

TEST(Concurrency, SessionsOfManyServersPinAndClaimToolsWithoutLosingAny) {
  // Eight servers list the same tools at once: trust on first use pins each
  // (server, tool) once in the shared store, and the shared tool directory
  // gives every name to exactly one server (the others see shadowing).
  auto policy = MustCompile(R"pb(
    validation { mcp_messages: OFF tool_schemas: OFF }
    rules { id: "all" effect: ALLOW target { methods: "tools/list" methods: "tools/call" } }
    integrity { mode: TRUST_ON_FIRST_USE check_shadowing: true on_shadowing: RECORD }
    detectors { secrets { enabled: true } tool_poisoning { enabled: true action: HIDE } }
  )pb");
  EngineOptions options;
  options.pin_store = NewMemoryPinStore();
  std::shared_ptr<PinStore> store = options.pin_store;
  auto engine = Engine::Create(policy, std::move(options));
  ASSERT_TRUE(engine.ok());
  constexpr int kServers = 8, kTools = 20, kRounds = 25;
  std::atomic<int> shadowing{0};
  auto list_loop = [&](int server) {
    auto session = (*engine)->NewSession({Principal{}, absl::StrCat("server-", server), ""});
    std::string tools;
    for (int t = 0; t < kTools; ++t) {
      absl::StrAppend(&tools, t == 0 ? "" : ",", R"({"name":"tool_)", t,
                      R"(","description":"Does thing )", t, R"(.","inputSchema":{"type":"object"}})");
    }
    for (int round = 0; round < kRounds; ++round) {
      const std::string id = absl::StrCat(server, "-", round);
      session->Check(absl::StrCat(R"({"jsonrpc":"2.0","id":")", id, R"(","method":"tools/list"})"),
                     Direction::kToServer);
      Verdict v = session->Check(absl::StrCat(R"({"jsonrpc":"2.0","id":")", id,
                                              R"(","result":{"tools":[)", tools, "]}}"),
                                 Direction::kToClient);
      if (round == 0) {
        for (const Finding& f : v.findings()) shadowing += f.category == "tool_shadowing" ? 1 : 0;
      }
    }
  };
  std::vector<std::thread> threads;
  for (int s = 0; s < kServers; ++s) threads.emplace_back(list_loop, s);
  for (std::thread& t : threads) t.join();
  // Each name belongs to one server; the seven others were told on their
  // first listing.
  EXPECT_EQ(shadowing.load(), (kServers - 1) * kTools);
  for (int s = 0; s < kServers; ++s) {
    for (int t = 0; t < kTools; ++t) {
      auto pin = store->Get(absl::StrCat("server-", s), absl::StrCat("tool_", t));
      ASSERT_TRUE(pin.ok());
      EXPECT_TRUE(pin->has_value()) << s << " " << t;
    }
  }
}

}  // namespace
}  // namespace mcpguard
