// Policy.rate_limits at compile time: every error at its line and field,
// and what a valid limit compiles to.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mcpguard/policy.h"
#include "policy/program.h"

namespace mcpguard {
namespace {

using testing::HasSubstr;

// Keeps the "no rules" warning out of the way.
constexpr char kRule[] = "rules { id: \"r\" effect: ALLOW target { methods: \"*\" } }\n";

std::vector<Diagnostic> Compile(const std::string& text, bool expect_ok) {
  std::vector<Diagnostic> diagnostics;
  auto policy = CompilePolicy(text + kRule, {PolicyFormat::kTextproto, "p.textproto"},
                              &diagnostics);
  EXPECT_EQ(policy.ok(), expect_ok) << (policy.ok() ? "" : policy.status().message());
  return diagnostics;
}

struct ErrorCase {
  const char* name;
  const char* policy;
  int line;
  const char* field;
  const char* message;  // Exact.
};

class RateLimitCompilerErrorTest : public testing::TestWithParam<ErrorCase> {};

TEST_P(RateLimitCompilerErrorTest, ReportsLineFieldAndMessage) {
  const ErrorCase& c = GetParam();
  std::vector<Diagnostic> errors;
  for (Diagnostic& d : Compile(c.policy, false)) {
    if (d.severity == Diagnostic::Severity::kError) errors.push_back(d);
  }
  ASSERT_EQ(errors.size(), 1u) << c.policy;
  EXPECT_EQ(errors[0].file, "p.textproto");
  EXPECT_EQ(errors[0].line, c.line);
  EXPECT_EQ(errors[0].field, c.field);
  EXPECT_EQ(errors[0].message, c.message);
}

INSTANTIATE_TEST_SUITE_P(
    All, RateLimitCompilerErrorTest,
    testing::Values(
        ErrorCase{"NoId",
                  "rate_limits {\n"
                  "  target { tools: \"*\" }\n"
                  "  requests: 1 period_seconds: 1\n"
                  "}\n",
                  1, "rate_limits[0]", "rate limit has no id"},
        ErrorCase{"BadIdCharacters",
                  "rate_limits {\n"
                  "  id: \"per tool\"\n"
                  "  target { tools: \"*\" }\n"
                  "  requests: 1 period_seconds: 1\n"
                  "}\n",
                  2, "rate_limits[0].id",
                  "rate limit id \"per tool\" must be 1-128 of [A-Za-z0-9-_.:/]"},
        ErrorCase{"DuplicateId",
                  "rate_limits { id: \"x\" target { tools: \"*\" } requests: 1 period_seconds: 1 }\n"
                  "rate_limits {\n"
                  "  id: \"x\"\n"
                  "  target { tools: \"*\" } requests: 1 period_seconds: 1\n"
                  "}\n",
                  3, "rate_limits[1].id",
                  "duplicate rate limit id \"x\" (first used by rate_limits[0] at line 1)"},
        ErrorCase{"NoTarget",
                  "rate_limits {\n"
                  "  id: \"x\" requests: 1 period_seconds: 1\n"
                  "}\n",
                  1, "rate_limits[0]",
                  "rate limit has no target: name the methods, tools, resources or prompts it "
                  "counts"},
        ErrorCase{"EmptyTarget",
                  "rate_limits {\n"
                  "  id: \"x\" requests: 1 period_seconds: 1\n"
                  "  target { servers: \"fs\" }\n"
                  "}\n",
                  3, "rate_limits[0].target",
                  "empty target: name at least one method, tool, resource or prompt (\"*\" for "
                  "all methods)"},
        ErrorCase{"BadPrincipal",
                  "rate_limits {\n"
                  "  id: \"x\" target { tools: \"*\" } requests: 1 period_seconds: 1\n"
                  "  principal {\n"
                  "    any { matchers { role: \"dev\" } matchers { role: \"\" } }\n"
                  "  }\n"
                  "}\n",
                  4, "rate_limits[0].principal.any.matchers[1]", "role is empty"},
        ErrorCase{"NoRequests",
                  "rate_limits {\n"
                  "  id: \"x\" target { tools: \"*\" }\n"
                  "  period_seconds: 1\n"
                  "}\n",
                  1, "rate_limits[0].requests",
                  "requests must be at least 1 (the sustained rate is `requests` per "
                  "`period_seconds`)"},
        ErrorCase{"NoPeriod",
                  "rate_limits {\n"
                  "  id: \"x\" target { tools: \"*\" }\n"
                  "  requests: 5\n"
                  "}\n",
                  1, "rate_limits[0].period_seconds", "period_seconds must be at least 1"},
        ErrorCase{"PeriodOverAYear",
                  "rate_limits {\n"
                  "  id: \"x\" target { tools: \"*\" } requests: 5\n"
                  "  period_seconds: 31622401\n"
                  "}\n",
                  3, "rate_limits[0].period_seconds",
                  "period_seconds must be at most 31622400 (366 days), got 31622401"},
        ErrorCase{"UnknownKeyNumber",
                  "rate_limits {\n"
                  "  id: \"x\" target { tools: \"*\" } requests: 5 period_seconds: 1\n"
                  "  key: 9\n"
                  "}\n",
                  3, "rate_limits[0].key",
                  "unknown key 9 (PRINCIPAL_AND_TOOL, PRINCIPAL_AND_SERVER, PRINCIPAL, SESSION "
                  "or GLOBAL)"},
        ErrorCase{"FewerBucketsThanLimits",
                  "limits {\n"
                  "  max_rate_buckets: 1\n"
                  "}\n"
                  "rate_limits { id: \"a\" target { tools: \"*\" } requests: 1 period_seconds: 1 }\n"
                  "rate_limits { id: \"b\" target { tools: \"*\" } requests: 1 period_seconds: 1 }\n",
                  2, "limits.max_rate_buckets",
                  "must be at least the number of rate limits (2): one request can draw from "
                  "every one of them"}),
    [](const testing::TestParamInfo<ErrorCase>& param_info) {
      return std::string(param_info.param.name);
    });

TEST(RateLimitCompiler, CollectsEveryErrorOfEveryLimit) {
  std::vector<Diagnostic> diagnostics = Compile(
      "rate_limits { target { tools: \"*\" } }\n"
      "rate_limits { id: \"b\" key: 7 requests: 1 period_seconds: 1 }\n",
      false);
  std::vector<std::string> fields;
  for (const Diagnostic& d : diagnostics) fields.push_back(d.field);
  EXPECT_THAT(fields, testing::ElementsAre("rate_limits[0]", "rate_limits[0].requests",
                                           "rate_limits[0].period_seconds", "rate_limits[1]",
                                           "rate_limits[1].key"));
}

TEST(RateLimitCompiler, WarnsWhenTheTargetCountsNoRequest) {
  std::vector<Diagnostic> diagnostics = Compile(
      "rate_limits {\n"
      "  id: \"x\" requests: 1 period_seconds: 1\n"
      "  target { kinds: NOTIFICATION kinds: RESPONSE methods: \"*\" }\n"
      "}\n",
      true);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].severity, Diagnostic::Severity::kWarning);
  EXPECT_EQ(diagnostics[0].line, 3);
  EXPECT_EQ(diagnostics[0].field, "rate_limits[0].target.kinds");
  EXPECT_EQ(diagnostics[0].message,
            "rate limits count requests only: without REQUEST in `kinds` this limit never "
            "takes a token");
}

TEST(RateLimitCompiler, RequestsAmongTheKindsDoNotWarn) {
  EXPECT_TRUE(Compile("rate_limits { id: \"x\" requests: 1 period_seconds: 1\n"
                      "  target { kinds: REQUEST kinds: RESPONSE tools: \"*\" } }\n",
                      true)
                  .empty());
}

TEST(RateLimitCompiler, CompilesNumbersKeyAndBurstDefault) {
  auto policy = CompilePolicy(
      std::string("limits { max_rate_buckets: 7 }\n"
                  "rate_limits { id: \"a\" target { tools: \"*\" } requests: 5 period_seconds: 60 }\n"
                  "rate_limits { id: \"b\" target { tools: \"*\" } requests: 5 period_seconds: 60\n"
                  "  burst: 20 key: SESSION principal { role: \"dev\" } }\n") +
          kRule,
      {PolicyFormat::kTextproto, "p"});
  ASSERT_TRUE(policy.ok()) << policy.status();
  const internal::PolicyProgram& program = (*policy)->program();
  EXPECT_EQ(program.max_rate_buckets(), 7u);
  ASSERT_EQ(program.rate_limits().size(), 2u);
  const internal::CompiledRateLimit& a = program.rate_limits()[0];
  EXPECT_EQ(a.id, "a");
  EXPECT_EQ(a.requests, 5u);
  EXPECT_EQ(a.period_seconds, 60u);
  EXPECT_EQ(a.burst, 5u) << "burst 0 means `requests`";
  EXPECT_EQ(a.key, v1::RateLimit::PRINCIPAL_AND_TOOL);
  EXPECT_EQ(a.principal, nullptr);
  const internal::CompiledRateLimit& b = program.rate_limits()[1];
  EXPECT_EQ(b.burst, 20u);
  EXPECT_EQ(b.key, v1::RateLimit::SESSION);
  ASSERT_NE(b.principal, nullptr);
  EXPECT_TRUE(b.principal->Matches(Principal{"alice", {"dev"}, {}}));
  EXPECT_FALSE(b.principal->Matches(Principal{"bob", {"ops"}, {}}));
}

TEST(RateLimitCompiler, DefaultBucketCapacity) {
  auto policy = CompilePolicy(std::string(kRule), {PolicyFormat::kTextproto, "p"});
  ASSERT_TRUE(policy.ok());
  EXPECT_EQ((*policy)->program().max_rate_buckets(), 65536u);
}

}  // namespace
}  // namespace mcpguard
