// Rate limits end to end: Session::Check with a hand-driven clock.
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mcpguard/guard.h"
#include "rapidjson/document.h"

namespace mcpguard {
namespace {

constexpr Direction kToServer = Direction::kToServer;
constexpr Direction kToClient = Direction::kToClient;
constexpr int64_t kMs = 1000000;
constexpr int64_t kSecond = 1000 * kMs;

std::string Copy(std::string_view text) { return std::string(text); }

class RateLimitTest : public testing::Test {
 protected:
  // Allows everything but tools/call of "rm", with `rate_limits` (and
  // anything else) appended.
  static std::string PolicyWith(absl::string_view rate_limits, absl::string_view name = "rate") {
    return absl::StrCat("name: \"", name, "\"\n",
                        "validation { mcp_messages: OFF tool_schemas: OFF }\n"
                        "rules { id: \"allow\" effect: ALLOW target { methods: \"*\" } }\n"
                        "rules { id: \"deny-rm\" effect: DENY target { tools: \"rm\" } }\n",
                        rate_limits);
  }

  static std::shared_ptr<const CompiledPolicy> Compile(const std::string& text) {
    auto policy = CompilePolicy(text, {PolicyFormat::kTextproto, "test"});
    EXPECT_TRUE(policy.ok()) << policy.status();
    return policy.ok() ? *policy : nullptr;
  }

  void Start(absl::string_view rate_limits) { StartWith(PolicyWith(rate_limits)); }
  void StartWith(const std::string& text) {
    EngineOptions options;
    options.clock = [now = now_] { return now->load(); };
    auto engine = Engine::Create(Compile(text), std::move(options));
    ASSERT_TRUE(engine.ok()) << engine.status();
    engine_ = *std::move(engine);
    session_ = NewSession("alice", "fs");
  }

  std::unique_ptr<Session> NewSession(const std::string& subject, const std::string& server,
                                      std::vector<std::string> roles = {}) {
    return engine_->NewSession({Principal{subject, std::move(roles), {}}, server, ""});
  }

  // A request with a fresh numeric id.
  Verdict Send(Session& session, absl::string_view method, absl::string_view params = "{}",
               const CheckOptions& options = {}) {
    return session.Check(absl::StrCat(R"({"jsonrpc":"2.0","id":)", ++last_id_, R"(,"method":")",
                                      method, R"(","params":)", params, "}"),
                         kToServer, options);
  }
  Verdict Call(Session& session, absl::string_view tool, const CheckOptions& options = {}) {
    return Send(session, "tools/call", absl::StrCat(R"({"name":")", tool, R"("})"), options);
  }
  Verdict Call(absl::string_view tool) { return Call(*session_, tool); }

  // How many of `count` calls of `tool` are allowed.
  int Allowed(int count, absl::string_view tool = "t") {
    int allowed = 0;
    for (int i = 0; i < count; ++i) allowed += Call(tool).allowed();
    return allowed;
  }

  void Advance(int64_t ns) { now_->fetch_add(ns); }

  std::shared_ptr<std::atomic<int64_t>> now_ =
      std::make_shared<std::atomic<int64_t>>(1000 * kSecond);
  int last_id_ = 0;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Session> session_;
};

constexpr char kPerTool[] = R"pb(
  rate_limits { id: "per-tool" target { tools: "*" } requests: 3 period_seconds: 1 }
)pb";

TEST_F(RateLimitTest, BurstThenDenyWithExactRetryHint) {
  Start(kPerTool);
  EXPECT_EQ(Allowed(3), 3);
  Verdict v = Call("t");
  EXPECT_EQ(v.decision(), Decision::kDeny);
  EXPECT_EQ(v.rule_id(), "per-tool");
  // A token every 333,333,333.3 ns: 334 ms, rounded up.
  EXPECT_EQ(v.retry_after_ms(), 334u);
  EXPECT_EQ(v.reason(),
            "rate limit per-tool: no token left (3 per 1 s, burst 3, per principal and tool); "
            "retry after 334 ms");
  EXPECT_EQ(session_->in_flight(kToServer), 3u) << "a denied request is not forwarded";

  Advance(333 * kMs);
  Verdict early = Call("t");
  EXPECT_FALSE(early.allowed());
  EXPECT_EQ(early.retry_after_ms(), 1u);
  Advance(1 * kMs);
  Verdict on_time = Call("t");
  EXPECT_TRUE(on_time.allowed()) << on_time.reason();
  EXPECT_EQ(on_time.rule_id(), "allow");
  EXPECT_EQ(on_time.retry_after_ms(), 0u);
}

TEST_F(RateLimitTest, ErrorResponseCarriesRetryAfterAndTheRequestsId) {
  Start(kPerTool);
  ASSERT_EQ(Allowed(3), 3);
  Verdict v = session_->Check(
      R"({"jsonrpc":"2.0","id":"req-7","method":"tools/call","params":{"name":"t"}})", kToServer);
  ASSERT_EQ(v.decision(), Decision::kDeny);
  EXPECT_EQ(v.error_code(), kPolicyDenied);
  EXPECT_EQ(v.replacement(), v.error_response());
  rapidjson::Document e;
  e.Parse(v.error_response().data(), v.error_response().size());
  ASSERT_FALSE(e.HasParseError()) << v.error_response();
  EXPECT_STREQ(e["id"].GetString(), "req-7");
  EXPECT_EQ(e["error"]["code"].GetInt(), -32030);
  EXPECT_STREQ(e["error"]["message"].GetString(), "Denied by policy");
  const rapidjson::Value& data = e["error"]["data"];
  EXPECT_STREQ(data["rule"].GetString(), "per-tool");
  EXPECT_EQ(data["reason"].GetString(), Copy(v.reason()));
  ASSERT_TRUE(data["retryAfterMs"].IsInt64());
  EXPECT_EQ(data["retryAfterMs"].GetInt64(), 334);
  EXPECT_EQ(data.MemberCount(), 3u);
}

TEST_F(RateLimitTest, RefillsOverTimeUpToTheBurst) {
  Start(R"pb(rate_limits { id: "l" target { tools: "*" } requests: 2 period_seconds: 10 })pb");
  EXPECT_EQ(Allowed(3), 2);
  Advance(5 * kSecond);
  EXPECT_EQ(Allowed(2), 1);
  Advance(10 * kSecond);
  EXPECT_EQ(Allowed(3), 2);
  Advance(3600 * kSecond);
  EXPECT_EQ(Allowed(5), 2) << "an idle hour refills the bucket, never past its burst";
}

TEST_F(RateLimitTest, BurstAboveTheRate) {
  Start(R"pb(rate_limits { id: "l" target { tools: "*" } requests: 1 period_seconds: 60
                          burst: 5 })pb");
  EXPECT_EQ(Allowed(6), 5);
  EXPECT_EQ(Call("t").retry_after_ms(), 60000u);
  Advance(60 * kSecond);
  EXPECT_EQ(Allowed(2), 1);
}

TEST_F(RateLimitTest, PrincipalMatcherLimitsOnlyMatchingPrincipals) {
  Start(R"pb(rate_limits { id: "interns" target { tools: "*" } requests: 1 period_seconds: 60
                          principal { role: "intern" } })pb");
  auto intern = NewSession("ivy", "fs", {"intern"});
  auto dev = NewSession("dan", "fs", {"dev"});
  EXPECT_TRUE(Call(*intern, "t").allowed());
  EXPECT_EQ(Call(*intern, "t").rule_id(), "interns");
  int dev_allowed = 0;
  for (int i = 0; i < 5; ++i) dev_allowed += Call(*dev, "t").allowed();
  EXPECT_EQ(dev_allowed, 5);

  CheckOptions explain;
  explain.explain = true;
  Verdict v = Call(*dev, "t", explain);
  ASSERT_FALSE(v.trace().empty());
  const TraceStep& last = v.trace().back();
  EXPECT_EQ(last.rule, "interns");
  EXPECT_EQ(last.outcome, TraceStep::Outcome::kNotApplicable);
}

TEST_F(RateLimitTest, RequestsDeniedByARuleTakeNoToken) {
  Start(R"pb(rate_limits { id: "all" target { methods: "*" } requests: 2 period_seconds: 60
                          key: GLOBAL })pb");
  for (int i = 0; i < 5; ++i) {
    Verdict v = Call("rm");
    EXPECT_EQ(v.rule_id(), "deny-rm");
    EXPECT_EQ(v.retry_after_ms(), 0u);
  }
  EXPECT_EQ(Allowed(3), 2);
}

TEST_F(RateLimitTest, NotificationsAndResponsesTakeNoToken) {
  Start(R"pb(rate_limits { id: "all" target { methods: "*" } requests: 1 period_seconds: 60
                          key: GLOBAL })pb");
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(session_->Check(R"({"jsonrpc":"2.0","method":"notifications/progress"})",
                                kToServer)
                    .allowed());
  }
  ASSERT_TRUE(Call("t").allowed());
  EXPECT_TRUE(session_->Check(absl::StrCat(R"({"jsonrpc":"2.0","id":)", last_id_,
                                           R"(,"result":{"content":[]}})"),
                              kToClient)
                  .allowed());
  EXPECT_EQ(Call("t").rule_id(), "all");
}

TEST_F(RateLimitTest, AuditModeReportsButAllows) {
  StartWith(PolicyWith(kPerTool) + "mode: AUDIT\n");
  ASSERT_EQ(Allowed(3), 3);
  Verdict v = Call("t");
  EXPECT_EQ(v.decision(), Decision::kAllow);
  EXPECT_TRUE(v.audit_only());
  EXPECT_EQ(v.policy_decision(), Decision::kDeny);
  EXPECT_EQ(v.rule_id(), "per-tool");
  EXPECT_EQ(v.retry_after_ms(), 334u);
  EXPECT_TRUE(v.error_response().empty());
  // Forwarded all the same, so its response must find it in flight.
  EXPECT_EQ(session_->in_flight(kToServer), 4u);
  Verdict response = session_->Check(
      absl::StrCat(R"({"jsonrpc":"2.0","id":)", last_id_, R"(,"result":{"content":[]}})"),
      kToClient);
  EXPECT_EQ(response.policy_decision(), Decision::kAllow) << response.reason();
}

TEST_F(RateLimitTest, SeveralLimitsAllOrNothingAndTheLongestWaitDecides) {
  Start(R"pb(
    rate_limits { id: "per-tool" target { tools: "*" } requests: 5 period_seconds: 1 }
    rate_limits { id: "global" target { tools: "*" } requests: 2 period_seconds: 60 key: GLOBAL }
  )pb");
  EXPECT_EQ(Allowed(2), 2);
  CheckOptions explain;
  explain.explain = true;
  Verdict v = Call(*session_, "t", explain);
  EXPECT_EQ(v.rule_id(), "global");
  EXPECT_EQ(v.retry_after_ms(), 30000u);
  ASSERT_GE(v.trace().size(), 2u);
  const TraceStep& per_tool = v.trace()[v.trace().size() - 2];
  const TraceStep& global = v.trace().back();
  EXPECT_EQ(per_tool.rule, "per-tool");
  EXPECT_EQ(per_tool.outcome, TraceStep::Outcome::kMatched);
  EXPECT_EQ(per_tool.detail, "3 of 5 tokens left, none taken: rate limit global refused");
  EXPECT_EQ(global.rule, "global");
  EXPECT_EQ(global.outcome, TraceStep::Outcome::kRateLimited);
  EXPECT_EQ(global.detail,
            "no token left (2 per 60 s, burst 2, for everyone); the next in 30000000000 ns");

  // The refusals took nothing from per-tool: after 30 s one global token
  // is back, and per-tool still has 3 (2 taken, refilled since).
  Advance(30 * kSecond);
  Verdict allowed = Call(*session_, "t", explain);
  EXPECT_TRUE(allowed.allowed());
  ASSERT_GE(allowed.trace().size(), 2u);
  EXPECT_EQ(allowed.trace()[allowed.trace().size() - 2].detail,
            "took a token; 4 of 5 left (5 per 1 s, burst 5, per principal and tool)");
  EXPECT_EQ(allowed.trace().back().detail,
            "took a token; 0 of 2 left (2 per 60 s, burst 2, for everyone)");
}

TEST_F(RateLimitTest, BucketsSurviveSetPolicyWithAnUnchangedLimit) {
  Start(kPerTool);
  ASSERT_EQ(Allowed(4), 3);
  // Another policy (another name, another rule) with the same limit.
  ASSERT_TRUE(engine_
                  ->SetPolicy(Compile(PolicyWith(kPerTool, "renamed") +
                                      "rules { id: \"extra\" effect: DENY target { tools: \"x\" } }"))
                  .ok());
  EXPECT_EQ(Call("t").rule_id(), "per-tool") << "still empty";
  auto later = NewSession("alice", "fs");
  EXPECT_EQ(Call(*later, "t").rule_id(), "per-tool") << "shared by the engine's sessions";

  // Changed numbers: a new bucket, full.
  ASSERT_TRUE(engine_
                  ->SetPolicy(Compile(PolicyWith(R"pb(rate_limits { id: "per-tool"
                      target { tools: "*" } requests: 3 period_seconds: 1 burst: 4 })pb")))
                  .ok());
  EXPECT_EQ(Allowed(5), 4);
}

TEST_F(RateLimitTest, EvictionAtMaxRateBucketsIsNoted) {
  Start(R"pb(limits { max_rate_buckets: 2 }
             rate_limits { id: "per-tool" target { tools: "*" } requests: 1 period_seconds: 60 })pb");
  EXPECT_TRUE(Call("a").allowed());
  EXPECT_TRUE(Call("b").allowed());
  Verdict c = Call("c");
  EXPECT_TRUE(c.allowed());
  EXPECT_THAT(c.notes(),
              testing::ElementsAre("rate-limit buckets full (limits.max_rate_buckets 2): dropped "
                                   "1 least recently used, the last of rate limit \"per-tool\" "
                                   "(it comes back as full as it left)"));
  // "a" was the least recently used: its bucket comes back as empty as it
  // was dropped (and drops "b"'s), so the churn won nothing.
  Verdict a = Call("a");
  EXPECT_EQ(a.rule_id(), "per-tool");
  EXPECT_EQ(a.notes().size(), 1u);
  Verdict c_again = Call("c");
  EXPECT_EQ(c_again.rule_id(), "per-tool") << "c kept its empty bucket";
  EXPECT_TRUE(c_again.notes().empty());
}


// Whether a second request shares the first one's bucket, per Key kind. The
// first: alice on server "fs" calls tool "a" in session_.
enum class Second { kSameEverything, kOtherTool, kOtherPrincipal, kOtherSession, kOtherServer };

struct KeyCase {
  const char* key;
  // Expected: is the second request allowed (its own bucket), by Second.
  bool allowed[5];
};

class RateLimitKeyTest : public RateLimitTest,
                         public testing::WithParamInterface<std::tuple<KeyCase, Second>> {};

TEST_P(RateLimitKeyTest, SecondRequestHasItsOwnBucketOnlyWhenTheKeyDiffers) {
  const auto& [key_case, second] = GetParam();
  Start(absl::StrCat("rate_limits { id: \"l\" target { tools: \"*\" } requests: 1 "
                     "period_seconds: 60 key: ",
                     key_case.key, " }"));
  ASSERT_TRUE(Call("a").allowed());
  Verdict v;
  switch (second) {
    case Second::kSameEverything: v = Call("a"); break;
    case Second::kOtherTool: v = Call("b"); break;
    case Second::kOtherPrincipal: v = Call(*NewSession("bob", "fs"), "a"); break;
    case Second::kOtherSession: v = Call(*NewSession("alice", "fs"), "a"); break;
    case Second::kOtherServer: v = Call(*NewSession("alice", "git"), "a"); break;
  }
  EXPECT_EQ(v.allowed(), key_case.allowed[static_cast<int>(second)]) << v.reason();
  EXPECT_EQ(v.rule_id(), v.allowed() ? "allow" : "l");
}

std::string KeyCaseName(const testing::TestParamInfo<std::tuple<KeyCase, Second>>& param) {
  static const char* const kSeconds[] = {"SameEverything", "OtherTool", "OtherPrincipal",
                                         "OtherSession", "OtherServer"};
  return absl::StrCat(std::get<0>(param.param).key, "_",
                      kSeconds[static_cast<int>(std::get<1>(param.param))]);
}

INSTANTIATE_TEST_SUITE_P(
    All, RateLimitKeyTest,
    testing::Combine(
        testing::Values(
            //                     same   tool   princ. session server
            KeyCase{"PRINCIPAL_AND_TOOL", {false, true, true, false, false}},
            KeyCase{"PRINCIPAL_AND_SERVER", {false, false, true, false, true}},
            KeyCase{"PRINCIPAL", {false, false, true, false, false}},
            KeyCase{"SESSION", {false, false, true, true, true}},
            KeyCase{"GLOBAL", {false, false, false, false, false}}),
        testing::Values(Second::kSameEverything, Second::kOtherTool, Second::kOtherPrincipal,
                        Second::kOtherSession, Second::kOtherServer)),
    KeyCaseName);

TEST_F(RateLimitTest, PrincipalAndToolKeysByNameOrElseByMethod) {
  Start(R"pb(rate_limits { id: "l" target { methods: "*" } requests: 1 period_seconds: 60 })pb");
  const std::string uri = R"({"uri":"file:///a"})";
  EXPECT_TRUE(Send(*session_, "ping").allowed());
  EXPECT_TRUE(Send(*session_, "tools/list").allowed()) << "another method, another bucket";
  EXPECT_TRUE(Call("ping").allowed()) << "a tool named like a method is not that method";
  EXPECT_TRUE(Send(*session_, "prompts/get", R"({"name":"ping"})").allowed())
      << "nor is a prompt of the same name";
  EXPECT_TRUE(Send(*session_, "resources/read", uri).allowed());
  EXPECT_EQ(Send(*session_, "resources/subscribe", uri).rule_id(), "l")
      << "one resource, one bucket, whatever the method";
  EXPECT_TRUE(Send(*session_, "resources/read", R"({"uri":"file:///b"})").allowed());
  EXPECT_EQ(Send(*session_, "ping").rule_id(), "l");
}

TEST_F(RateLimitTest, LongNamesAreKeyedByDigestWithoutCollision) {
  Start(kPerTool);
  const std::string base(1000, 'x');
  EXPECT_EQ(Allowed(4, base + "1"), 3);
  EXPECT_EQ(Allowed(4, base + "2"), 3) << "differs only in its last byte";
  EXPECT_EQ(Allowed(1, base + "1"), 0);
}

TEST_F(RateLimitTest, AnEmptySubjectIsOnePrincipal) {
  Start(R"pb(rate_limits { id: "l" target { tools: "*" } requests: 1 period_seconds: 60
                          key: PRINCIPAL })pb");
  EXPECT_TRUE(Call(*NewSession("", "fs"), "t").allowed());
  EXPECT_EQ(Call(*NewSession("", "git"), "t").rule_id(), "l");
}

}  // namespace
}  // namespace mcpguard
