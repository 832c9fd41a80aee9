// MCP 2026-07-28 asks embedded in a result (inputRequests) meet the rules of
// the requests they stand for, and the answers a retry carries
// (inputResponses) meet the detectors, as the 2025-11-25 messages would.
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "engine_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mcpguard/guard.h"

namespace mcpguard {
namespace {

using ::mcpguard::testing_engines::EngineFromText;
using ::testing::HasSubstr;

constexpr Direction kToServer = Direction::kToServer;
constexpr Direction kToClient = Direction::kToClient;

constexpr char kPolicy[] = R"pb(
  validation { mcp_messages: OFF tool_schemas: OFF }
  default_effect: ALLOW
  rules { id: "sampling-cap" effect: DENY
          target { directions: TO_CLIENT methods: "sampling/createMessage" }
          condition { field { pointer: "/maxTokens" number { min: 4097 } } } }
  rules { id: "no-elicitation" effect: DENY
          target { directions: TO_CLIENT methods: "elicitation/create" } }
  rules { id: "ask-roots" effect: ASK target { directions: TO_CLIENT methods: "roots/list" } }
  detectors { secrets { enabled: true action: REDACT scope: RESULTS } }
)pb";

std::string Call(int id, const std::string& extra_params = "") {
  return absl::StrCat(R"({"jsonrpc":"2.0","id":)", id,
                      R"(,"method":"tools/call","params":{"name":"get_weather","arguments":)",
                      R"({"location":"Paris"})", extra_params, "}}");
}

std::string InputRequired(int id, const std::string& asks) {
  return absl::StrCat(R"({"jsonrpc":"2.0","id":)", id,
                      R"(,"result":{"resultType":"input_required","inputRequests":{)", asks,
                      R"(},"requestState":"eyJ4IjoxfQ"}})");
}

constexpr char kSmallSampling[] =
    R"("city":{"method":"sampling/createMessage","params":{"messages":[],"maxTokens":100}})";

class InputRequestsTest : public testing::Test {
 protected:
  void SetUp() override {
    engine_ = EngineFromText(kPolicy);
    ASSERT_NE(engine_, nullptr);
    session_ = engine_->NewSession({});
  }
  // The server answers request `id` with `result`.
  Verdict Answer(int id, const std::string& result) {
    EXPECT_TRUE(session_->Check(Call(id), kToServer).allowed());
    return session_->Check(result, kToClient);
  }
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Session> session_;
};

TEST_F(InputRequestsTest, AnAskTheRulesAllowPasses) {
  EXPECT_EQ(Answer(1, InputRequired(1, kSmallSampling)).decision(), Decision::kAllow);
}

TEST_F(InputRequestsTest, AnAskTheRulesRefuseRefusesTheResult) {
  Verdict capped = Answer(
      2, InputRequired(2, absl::StrCat(kSmallSampling, R"(,"long":{"method":)",
                                       R"("sampling/createMessage","params":{"messages":[],)",
                                       R"("maxTokens":100000}})")));
  EXPECT_EQ(capped.decision(), Decision::kDeny);
  EXPECT_EQ(capped.rule_id(), "sampling-cap");
  EXPECT_EQ(capped.reason(),
            "result refused: its inputRequests/long (sampling/createMessage): denied by rule");
  EXPECT_EQ(capped.error_code(), kPolicyDenied);
  EXPECT_THAT(capped.error_response(), HasSubstr(R"("id":2)"));

  Verdict elicit = Answer(
      3, InputRequired(3, R"("login":{"method":"elicitation/create","params":{"message":"pw?",)"
                          R"("requestedSchema":{"type":"object","properties":{}}}})"));
  EXPECT_EQ(elicit.decision(), Decision::kDeny);
  EXPECT_EQ(elicit.rule_id(), "no-elicitation");
  // Nobody can approve an ask inside a result: an ASK refuses it too.
  Verdict roots = Answer(4, InputRequired(4, R"("r":{"method":"roots/list"})"));
  EXPECT_EQ(roots.decision(), Decision::kDeny);
  EXPECT_THAT(roots.reason(), HasSubstr("asks for approval"));
}

TEST_F(InputRequestsTest, TheAnswersAreScannedAsResults) {
  const std::string token = "ghp_r8Xk2LmQ9vT4pZ7wN3yB6cH1dF5gJ0sA2eU8";
  Verdict retry = session_->Check(
      Call(5, absl::StrCat(R"(,"inputResponses":{"login":{"action":"accept","content":)",
                           R"({"password":")", token, R"("}}},"requestState":"eyJ4IjoxfQ")")),
      kToServer);
  EXPECT_EQ(retry.decision(), Decision::kRewrite);
  EXPECT_THAT(retry.replacement(), HasSubstr("[REDACTED:github_token]"));
  EXPECT_THAT(retry.replacement(), testing::Not(HasSubstr(token)));
}

// Each ask takes the tokens its request would (found by a review: a result
// carrying three sampling asks passed a spent sampling limit).
TEST(InputRequestsRateLimit, EachAskTakesItsRequestsTokens) {
  std::unique_ptr<Engine> engine = EngineFromText(R"pb(
    validation { mcp_messages: OFF tool_schemas: OFF }
    default_effect: ALLOW
    rate_limits { id: "sampling" target { directions: TO_CLIENT methods: "sampling/createMessage" }
                  requests: 2 period_seconds: 3600 key: SESSION }
  )pb");
  ASSERT_NE(engine, nullptr);
  std::unique_ptr<Session> session = engine->NewSession({});
  ASSERT_TRUE(session->Check(Call(1), kToServer).allowed());
  Verdict v = session->Check(
      InputRequired(1, absl::StrCat(kSmallSampling, R"(,"b":{"method":"sampling/createMessage",)",
                                    R"("params":{"messages":[],"maxTokens":1}},"c":{"method":)",
                                    R"("sampling/createMessage","params":{"messages":[],)",
                                    R"("maxTokens":1}})")),
      kToClient);
  EXPECT_EQ(v.decision(), Decision::kDeny);
  EXPECT_EQ(v.rule_id(), "sampling");
  EXPECT_THAT(v.reason(), HasSubstr("result refused: its inputRequests/c (sampling/createMessage): "
                                    "rate limit sampling: no token left"));
  EXPECT_GT(v.retry_after_ms(), 0);
}

}  // namespace
}  // namespace mcpguard
