// Proves that Session::Check does not touch the heap in steady state: once a
// session has seen a few request/response pairs, checking an allowed ~1 KB
// tools/call and its response allocates and frees nothing (DESIGN.md,
// "Performance budget").
//
// Heap calls are counted by tests/support/heap_counter.h (operator new and
// delete reach its hooks through glibc's malloc); under sanitizers the tests
// skip.
#include <cstddef>
#include <cstdlib>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "support/heap_counter.h"
#include "support/sample_messages.h"
#include "mcpguard/guard.h"

namespace mcpguard {
namespace {

using test_support::AllocationCounter;

using test_support::ToolsCallRequest;

// DENY rules of every matcher kind that do not match the request (so all of
// them are evaluated), an ALLOW that does, and a response rule.
constexpr char kPolicy[] = R"pb(
  name: "check-alloc-test"
  default_effect: DENY
  rules {
    id: "allow-read-projects"
    effect: ALLOW
    target { tools: "filesystem.read_file" }
    condition {
      all {
        conditions { field { pointer: "/arguments/path" string { prefix: "/home/user/projects/" } } }
        conditions { field { pointer: "/arguments/max_bytes" number { max: 1048576 } } }
        conditions { field { pointer: "/arguments/encoding" string { regex: "utf-8|ascii" } } }
      }
    }
  }
  rules {
    id: "deny-read-ssh"
    effect: DENY
    target { tools: "filesystem.read_file" }
    condition { field { pointer: "/arguments/path" string { regex: ".*/[.]ssh/.*" } } }
  }
  rules {
    id: "deny-fs-system"
    effect: DENY
    target { tools: "filesystem.*" }
    condition {
      any {
        conditions { field { pointer: "/arguments/path" string { prefix: "/etc/" } } }
        conditions { field { pointer: "/arguments/path" string { glob: "/proc/*" } } }
        conditions { field { pointer: "/arguments/path" string { suffix: ".ENV" ignore_case: true } } }
      }
    }
  }
  rules {
    id: "deny-huge-reads"
    effect: DENY
    target { tools: "filesystem.read_file" }
    condition { field { pointer: "/arguments/max_bytes" number { min: 100000000 } } }
  }
  rules {
    id: "deny-missing-path"
    effect: DENY
    target { tools: "filesystem.read_file" }
    condition { not { field { pointer: "/arguments/path" present: true } } }
  }
  rules {
    id: "deny-without-dev-role"
    effect: DENY
    target { tools: "*" }
    principal { not { role: "dev" } }
  }
  rules {
    id: "deny-secret-in-result"
    effect: DENY
    target { directions: TO_CLIENT kinds: RESPONSE tools: "filesystem.*" }
    condition { field { pointer: "/content/0/text" string { contains: "PRIVATE KEY" } } }
  }
  rules {
    id: "ask-shell"
    effect: ASK
    target { tools: "shell.exec" }
  }
  rules {
    id: "allow-protocol"
    effect: ALLOW
    target { methods: "initialize" methods: "notifications/initialized" methods: "tools/list" }
  }
)pb";

// `extra`: more policy text (rate limits).
[[maybe_unused]] std::unique_ptr<Session> NewTestSession(const std::string& extra = "") {
  auto policy =
      CompilePolicy(kPolicy + extra, {PolicyFormat::kTextproto, "check_alloc_test"});
  EXPECT_TRUE(policy.ok()) << policy.status();
  if (!policy.ok()) return nullptr;
  auto engine = Engine::Create(*policy);
  EXPECT_TRUE(engine.ok()) << engine.status();
  if (!engine.ok()) return nullptr;
  SessionOptions options;
  options.principal.subject = "alice";
  options.principal.roles = {"dev"};
  options.server_id = "filesystem";
  return (*engine)->NewSession(std::move(options));
}

// Without this, a zero below could mean the wrappers are not in use.
TEST(CheckAllocation, CounterSeesTheHeap) {
#ifndef MCPGUARD_ALLOC_TEST_COUNTS
  GTEST_SKIP() << "malloc cannot be counted under a sanitizer or without glibc";
#else
  long count;
  {
    AllocationCounter counter;
    auto text = std::make_unique<std::string>(100, 'x');
    // Keeps the compiler from eliding the allocation.
    asm volatile("" : : "r"(text.get()) : "memory");
    text.reset();
    count = counter.count();
  }
  EXPECT_EQ(count, 4);  // Two mallocs (the string and its buffer), two frees.
#endif
}

class CheckAllocationPairs : public testing::TestWithParam<const char*> {};

// The pair below under three policies: no rate limit; one for another tool
// (the request matches none); and one the request draws from (a bucket it
// never empties, already in the table after warm-up).
INSTANTIATE_TEST_SUITE_P(
    RateLimits, CheckAllocationPairs,
    testing::Values("",
                    R"pb(rate_limits { id: "other" target { tools: "shell.*" } requests: 1
                                       period_seconds: 60 })pb",
                    R"pb(rate_limits { id: "reads" target { tools: "filesystem.*" }
                                       requests: 4000000000 period_seconds: 1 })pb"));

TEST_P(CheckAllocationPairs, SteadyStateAllowedPairsDoNotAllocate) {
#ifndef MCPGUARD_ALLOC_TEST_COUNTS
  GTEST_SKIP() << "malloc cannot be counted under a sanitizer or without glibc";
#else
  const std::string request = ToolsCallRequest();
  const std::string response =
      "{\"jsonrpc\":\"2.0\",\"id\":\"req-8f14e45f\",\"result\":{\"content\":[{\"type\":"
      "\"text\",\"text\":\"# mcpguard\\n\\nEnforces security policy on MCP traffic.\"}],"
      "\"isError\":false}}";
  std::unique_ptr<Session> session = NewTestSession(GetParam());
  ASSERT_NE(session, nullptr);
  // Validation is on (the default): the session learns the protocol version
  // and the tool's inputSchema first, so the checks below validate too.
  for (const auto& [message, direction] : test_support::SessionSetup()) {
    Verdict setup = session->Check(message, direction);
    ASSERT_TRUE(setup.allowed()) << message << ": " << setup.reason();
  }

  // The fixtures decide as this test assumes.
  {
    Verdict request_verdict = session->Check(request, Direction::kToServer);
    ASSERT_TRUE(request_verdict.allowed()) << request_verdict.reason();
    ASSERT_EQ(request_verdict.rule_id(), "allow-read-projects");
    ASSERT_EQ(session->in_flight(Direction::kToServer), 1u);
    Verdict response_verdict = session->Check(response, Direction::kToClient);
    ASSERT_TRUE(response_verdict.allowed()) << response_verdict.reason();
    ASSERT_EQ(session->in_flight(Direction::kToServer), 0u);
  }
  for (int i = 0; i < 100; ++i) {
    session->Check(request, Direction::kToServer);
    session->Check(response, Direction::kToClient);
  }

  int allowed = 0;
  long request_allocations = 0;
  long response_allocations = 0;
  for (int i = 0; i < 1000; ++i) {
    {
      AllocationCounter counter;
      allowed += session->Check(request, Direction::kToServer).allowed();
      request_allocations += counter.count();
    }
    {
      AllocationCounter counter;
      allowed += session->Check(response, Direction::kToClient).allowed();
      response_allocations += counter.count();
    }
  }
  EXPECT_EQ(allowed, 2000) << "the rate limit must never run dry here";
  EXPECT_EQ(request_allocations, 0) << "heap calls in 1000 request checks";
  EXPECT_EQ(response_allocations, 0) << "heap calls in 1000 response checks";
  EXPECT_EQ(session->in_flight(Direction::kToServer), 0u);
#endif
}

}  // namespace
}  // namespace mcpguard
