// `mcpguard test`: policy unit tests, run through the built command.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "cli_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace {

using ::mcpguard::cli_testing::kExamples;
using ::mcpguard::cli_testing::kPolicy;
using ::mcpguard::cli_testing::Lines;
using ::mcpguard::cli_testing::RunMcpguard;
using ::mcpguard::cli_testing::RunResult;
using ::mcpguard::cli_testing::WriteTemp;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// A function, not a global: kExamples lives in another file, whose globals
// may not be initialized yet when this file's are.
std::string ExampleTests() { return kExamples + "/policy_test.textproto"; }

// A small policy: tool arguments are not checked against listed schemas, so
// cases need no tools/list setup.
std::string SmallPolicy() {
  return WriteTemp("policy.textproto",
                   "validation { tool_schemas: OFF }\n"
                   "rules { id: \"ping\" effect: ALLOW target { methods: \"ping\" } }\n"
                   "rules {\n"
                   "  id: \"read\"\n"
                   "  effect: ALLOW\n"
                   "  target { tools: \"read_file\" servers: \"fs-*\" }\n"
                   "  principal { all { matchers { scope: \"files:read\" }\n"
                   "                    matchers { claim { name: \"tenant\" value { exact: \"acme\" } } } } }\n"
                   "  condition { field { pointer: \"/arguments/path\" string { prefix: \"/srv/\" } } }\n"
                   "}\n"
                   "rules {\n"
                   "  id: \"no-etc\"\n"
                   "  effect: DENY\n"
                   "  target { tools: \"*\" }\n"
                   "  condition { field { pointer: \"/arguments/path\" string { prefix: \"/etc/\" } } }\n"
                   "}\n");
}

std::string ReadCall(int id, const std::string& path) {
  return "'{\"jsonrpc\":\"2.0\",\"id\":" + std::to_string(id) +
         ",\"method\":\"tools/call\",\"params\":{\"name\":\"read_file\",\"arguments\":{\"path\":\"" +
         path + "\"}}}'";
}

TEST(TestCommand, ExampleSuitePasses) {
  const std::string tests = ExampleTests();
  RunResult r = RunMcpguard("test --verbose " + kPolicy + " " + tests);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");
  const std::string at = "PASS " + tests + ":";
  EXPECT_THAT(Lines(r.out),
              ElementsAre(at + "23 dev reads a project file",
                          at + "37 a .. segment is denied, with the error the host sends back",
                          at + "52 a .. segment after a newline is denied too",
                          at + "61 nobody reads /etc, maintainers included",
                          at + "70 a path of the wrong type fails closed",
                          at + "79 developers do not write",
                          at + "88 maintainers write outside scratch only with approval",
                          at + "101 shared data needs a human",
                          at + "110 what no rule allows is denied", "9 passed, 0 failed"));
  // Without --verbose only the summary.
  EXPECT_EQ(RunMcpguard("test " + kPolicy + " " + tests).out, "9 passed, 0 failed\n");
}

TEST(TestCommand, PrincipalClaimsScopesAndServerReachTheSession) {
  std::string tests = WriteTemp(
      "claims.textproto",
      "cases {\n"
      "  name: \"acme reads\"\n"
      "  principal { subject: \"alice\" scopes: \"files:read\"\n"
      "              claims { name: \"tenant\" values: \"acme\" } }\n"
      "  server_id: \"fs-1\"\n"
      "  checks { message: " + ReadCall(1, "/srv/a") + " expect { decision: ALLOW rule_id: \"read\" } }\n"
      "}\n"
      "cases {\n"
      "  name: \"another tenant does not\"\n"
      "  principal { subject: \"bob\" scopes: \"files:read\" claims { name: \"tenant\" values: \"other\" } }\n"
      "  server_id: \"fs-1\"\n"
      "  checks { message: " + ReadCall(1, "/srv/a") + " expect { decision: DENY rule_id: \"\" } }\n"
      "}\n"
      "cases {\n"
      "  name: \"another server does not\"\n"
      "  principal { scopes: \"files:read\" claims { name: \"tenant\" values: \"acme\" } }\n"
      "  server_id: \"web\"\n"
      "  checks { message: " + ReadCall(1, "/srv/a") + " expect { decision: DENY rule_id: \"\" } }\n"
      "}\n");
  RunResult r = RunMcpguard("test " + SmallPolicy() + " " + tests);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "3 passed, 0 failed\n");
}

TEST(TestCommand, FailingCasesShowExpectationVerdictAndTrace) {
  std::string tests = WriteTemp(
      "failing.textproto",
      "cases {\n"
      "  name: \"etc is readable\"\n"
      "  checks {\n"
      "    message: " + ReadCall(1, "/etc/passwd") + "\n"
      "    expect { decision: ALLOW rule_id: \"read\" error_code: 0 }\n"
      "  }\n"
      "}\n"
      "cases {\n"
      "  name: \"ping passes\"\n"
      "  checks { message: '{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}' expect { decision: ALLOW } }\n"
      "}\n"
      "cases {\n"
      "  name: \"the second message fails\"\n"
      "  checks { message: '{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}' expect { decision: ALLOW } }\n"
      "  checks {\n"
      "    message: '{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/list\"}'\n"
      "    expect { decision: DENY rule_id: \"\" reason_contains: \"nothing\" replacement_contains: \"-32031\" }\n"
      "  }\n"
      "}\n");
  RunResult r = RunMcpguard("test " + SmallPolicy() + " " + tests);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "");
  EXPECT_THAT(
      Lines(r.out),
      ElementsAre(
          "FAIL " + tests + ":3 etc is readable: expected allow by rule read, got deny (rule "
          "no-etc): denied by rule",
          "    error_code: expected 0, got -32030",
          "    trace: no-etc                        matched          deny",
          "FAIL " + tests + ":15 the second message fails: expected deny (no rule), got deny (no "
          "rule): no rule matched: the policy's default effect",
          "    reason: expected to contain \"nothing\", got \"no rule matched: the policy's "
          "default effect\"",
          "    replacement: expected to contain -32031, got {\"jsonrpc\":\"2.0\",\"id\":2,"
          "\"error\":{\"code\":-32030,\"message\":\"Denied by policy\",\"data\":{\"reason\":\"no "
          "rule matched: the policy's default effect\"}}}",
          "    trace: -                             default          no rule matched: the "
          "default effect, deny",
          "1 passed, 2 failed"));
}

TEST(TestCommand, ReplacementIsComparedAsJson) {
  // Three adjacent strings, one per line: member order and spacing differ
  // from what the guard writes.
  const std::string denied =
      "'{\"error\": {\"message\": \"Denied by policy\", \"code\": -32030,'\n"
      "'   \"data\": {\"rule\": \"no-etc\", \"reason\": \"denied by rule\"}},'\n"
      "'\"id\": 1, \"jsonrpc\": \"2.0\"}'";
  std::string tests = WriteTemp(
      "replacement.textproto",
      "cases {\n"
      "  name: \"same JSON, other spelling\"\n"
      "  checks { message: " + ReadCall(1, "/etc/x") +
      " expect { decision: DENY replacement: " + denied + " } }\n"
      "}\n"
      "cases {\n"
      "  name: \"allowed: nothing replaces it\"\n"
      "  checks { message: '{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}'\n"
      "           expect { decision: ALLOW replacement: \"\" } }\n"
      "}\n"
      "cases {\n"
      "  name: \"other id\"\n"
      "  checks { message: " + ReadCall(2, "/etc/x") +
      " expect { decision: DENY replacement: " + denied + " } }\n"
      "}\n");
  RunResult r = RunMcpguard("test " + SmallPolicy() + " " + tests);
  EXPECT_EQ(r.exit_code, 1);
  std::vector<std::string> out = Lines(r.out);
  ASSERT_EQ(out.size(), 4u) << r.out;
  EXPECT_EQ(out[0], "FAIL " + tests + ":14 other id: expected deny, got deny (rule no-etc): "
                    "denied by rule");
  EXPECT_THAT(out[1], HasSubstr("    replacement: expected {\"error\": "));
  EXPECT_THAT(out[1], HasSubstr(", got {\"jsonrpc\":\"2.0\",\"id\":2,"));
  EXPECT_EQ(out[3], "2 passed, 1 failed");
}

TEST(TestCommand, SetupMustBeForwardedUnlessItSaysOtherwise) {
  std::string tests = WriteTemp(
      "setup.textproto",
      "setup { message: '{\"jsonrpc\":\"2.0\",\"id\":100,\"method\":\"ping\"}' }\n"
      "cases {\n"
      "  name: \"denied setup\"\n"
      "  setup { message: '{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/list\"}' }\n"
      "  checks { message: '{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}' expect { decision: ALLOW } }\n"
      "}\n"
      "cases {\n"
      "  name: \"denied setup, as expected\"\n"
      "  setup {\n"
      "    message: '{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/list\"}'\n"
      "    expect { decision: DENY }\n"
      "  }\n"
      "  checks { message: '{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}' expect { decision: ALLOW } }\n"
      "}\n"
      "cases {\n"
      "  name: \"the suite's setup ran: its id is in flight\"\n"
      "  checks { message: '{\"jsonrpc\":\"2.0\",\"id\":100,\"method\":\"ping\"}'\n"
      "           expect { decision: DENY error_code: -32600 } }\n"
      "}\n");
  RunResult r = RunMcpguard("test " + SmallPolicy() + " " + tests);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(Lines(r.out),
              ElementsAre("FAIL " + tests + ":4 denied setup: expected the setup message "
                          "forwarded (allow or rewrite), got deny (no rule): no rule matched: "
                          "the policy's default effect",
                          "    trace: -                             default          no rule "
                          "matched: the default effect, deny",
                          "2 passed, 1 failed"));
}

// Findings are compared as a multiset: each entry takes one finding it
// names (by category, or category@pointer), and none may be left over.
TEST(TestCommand, FindingsAreComparedEntryByEntry) {
  const std::string policy = WriteTemp(
      "detect.textproto",
      "name: \"detect\"\n"
      "validation { unlisted_tools: ALLOW_UNLISTED }\n"
      "rules { id: \"calls\" effect: ALLOW target { tools: \"*\" } }\n"
      "detectors { secrets { enabled: true } pii { enabled: true } }\n");
  const std::string call =
      "'{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"r\","
      "\"arguments\":{}}}'";
  const std::string result =
      "'{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\",\"text\":"
      "\"key AKIAIOSFODNN7EXAMPLQ, mail bob@example.com\"}]}}'";
  auto suite = [&](const std::string& name, const std::string& expect) {
    return "cases { name: \"" + name + "\" checks { message: " + call +
           " expect { decision: ALLOW } } checks { message: " + result +
           " expect { decision: REWRITE " + expect + " } } }\n";
  };
  std::string tests = WriteTemp(
      "findings.textproto",
      suite("by category", "findings: \"email\" findings: \"aws_access_key_id\"") +
          suite("by pointer",
                "findings: \"aws_access_key_id@/result/content/0/text\" findings: \"email\"") +
          suite("one left over", "findings: \"email\"") +
          suite("one missing", "findings: \"email\" findings: \"email\" "
                               "findings: \"aws_access_key_id\"") +
          suite("wrong pointer", "findings: \"email@/result\" findings: \"aws_access_key_id\"") +
          suite("none expected", "no_findings: true"));
  RunResult r = RunMcpguard("test " + policy + " " + tests);
  EXPECT_EQ(r.exit_code, 1);
  const std::string got =
      ", got [aws_access_key_id@/result/content/0/text, email@/result/content/0/text]";
  std::vector<std::string> failures;
  for (const std::string& line : Lines(r.out)) {
    if (absl::StartsWith(line, "    findings: ")) failures.push_back(line);
  }
  EXPECT_THAT(failures,
              ElementsAre("    findings: expected [email]" + got,
                          "    findings: expected [email, email, aws_access_key_id]" + got,
                          "    findings: expected [email@/result, aws_access_key_id]" + got,
                          "    findings: expected none" + got));
  EXPECT_EQ(Lines(r.out).back(), "2 passed, 4 failed");
  // Both at once contradict each other: a usage error before anything runs.
  std::string contradiction = WriteTemp(
      "contradiction.textproto", suite("both", "findings: \"email\" no_findings: true"));
  RunResult bad = RunMcpguard("test " + policy + " " + contradiction);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("`no_findings` and `findings` contradict each other"));
}

TEST(TestCommand, MalformedTestsFileExitsTwoAndRunsNothing) {
  std::string good = WriteTemp(
      "good.textproto",
      "cases { name: \"p\" checks { message: '{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}' "
      "expect { decision: ALLOW } } }\n");
  std::string bad = WriteTemp("bad.textproto",
                              "cases {\n"
                              "  name: \"a\"\n"
                              "  checks { message: \"{}\" }\n"
                              "}\n"
                              "cases {\n"
                              "  name: \"a\"\n"
                              "  checks { message: \"{}\" expect { replacement: \"{x\" } }\n"
                              "}\n");
  std::string syntax = WriteTemp("syntax.textproto", "cases { name: \"x\" bogus: 1 }\n");
  RunResult r = RunMcpguard("test " + SmallPolicy() + " " + good + " " + bad + " " + syntax);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(
      Lines(r.err),
      ElementsAre(
          bad + ":3:3: error: a check needs `expect { decision: ... }` [cases[0].checks[0]]",
          bad + ":6:3: error: duplicate case name \"a\" (first at line 1) [cases[1].name]",
          bad + ":7:26: error: `decision` is required (ALLOW, DENY, ASK or REWRITE) "
                "[cases[1].checks[0].expect]",
          bad + ":7:35: error: not JSON: Missing a name for object member at offset 1 (use "
                "replacement_contains for a part of it) [cases[1].checks[0].expect.replacement]",
          syntax + ":1:19: error: Message type \"mcpguard.v1.PolicyTestCase\" has no field named "
                   "\"bogus\"."));
}

TEST(TestCommand, MissingTestsFileExitsTwo) {
  RunResult r = RunMcpguard("test " + kPolicy + " /nonexistent/tests.textproto");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "/nonexistent/tests.textproto: error: no such tests file\n");
}

TEST(TestCommand, BrokenPolicyExitsOneBeforeReadingTests) {
  std::string policy = WriteTemp("broken.textproto", "rules { id: \"x\" effect: MAYBE }\n");
  RunResult r = RunMcpguard("test " + policy + " /nonexistent/tests.textproto");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(Lines(r.err), ElementsAre(HasSubstr(policy + ":1:"), policy + ": 1 error, 0 warnings"));
}

}  // namespace
