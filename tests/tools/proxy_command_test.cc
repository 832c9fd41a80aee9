// `mcpguard proxy` through the built command, with shell one-liners as
// servers (tests/e2e/ drives it with the official SDK and real servers).
#include <string>

#include "cli_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace {

using ::mcpguard::cli_testing::ReadFile;
using ::mcpguard::cli_testing::RunMcpguard;
using ::mcpguard::cli_testing::RunResult;
using ::mcpguard::cli_testing::TempPath;
using ::mcpguard::cli_testing::WriteTemp;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kPolicy[] =
    "name: \"proxy\"\n"
    "validation { unlisted_tools: ALLOW_UNLISTED }\n"
    "rules { id: \"protocol\" effect: ALLOW target { directions: TO_SERVER methods: "
    "\"initialize\" } }\n"
    "rules { id: \"reads\" effect: ALLOW target { tools: \"read\" } }\n";

constexpr char kInitialize[] =
    R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",)"
    R"("capabilities":{},"clientInfo":{"name":"t","version":"1"}}})";
constexpr char kDeniedCall[] =
    R"({"jsonrpc":"2.0","id":"x-2","method":"tools/call","params":{"name":"rm","arguments":{}}})";

TEST(ProxyCommand, UsageErrorsExitTwo) {
  const std::string policy = WriteTemp("policy.textproto", kPolicy);
  struct Case {
    std::string args;
    std::string message;
  } cases[] = {
      {"proxy -- true", "--policy POLICY is required"},
      {"proxy --policy " + policy, "name the server command"},
      {"proxy --policy " + policy + " --metrics-port 70000 -- true",
       "--metrics-port takes a whole number from 0 to 65535"},
      {"proxy --policy " + policy + " --max-line-bytes 12 -- true",
       "--max-line-bytes takes a whole number from 1024"},
      {"proxy --policy " + policy + " --frobnicate -- true", "unknown flag '--frobnicate'"},
      {"proxy --policy " + policy + " --policy " + policy + " -- true", "--policy given twice"},
      {"proxy --policy " + policy + " --audit-key-file k -- true",
       "--audit-key-file and --audit-max-bytes need --audit FILE"},
      {"proxy --policy " + policy + " --audit " + TempPath("a.jsonl") +
           " --audit-key-file /nonexistent/key -- true",
       "cannot read the key file"},
  };
  for (const Case& c : cases) {
    RunResult r = RunMcpguard(c.args + " </dev/null");
    EXPECT_EQ(r.exit_code, 2) << c.args;
    EXPECT_THAT(r.err, HasSubstr(c.message)) << c.args;
  }
}

TEST(ProxyCommand, PolicyErrorsExitOneWithTheLine) {
  const std::string policy = WriteTemp("broken.textproto", "name: \"x\"\nrules { id: 3 }\n");
  RunResult r = RunMcpguard("proxy --policy " + policy + " -- true </dev/null");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr(policy + ":2:"));
}

TEST(ProxyCommand, ExitsWithTheServersStatus) {
  const std::string policy = WriteTemp("policy.textproto", kPolicy);
  EXPECT_EQ(RunMcpguard("proxy --policy " + policy + " -- sh -c 'exit 4' </dev/null").exit_code,
            4);
  // Killed by SIGKILL: 128 + 9, as a shell reports it.
  EXPECT_EQ(
      RunMcpguard("proxy --policy " + policy + " -- sh -c 'kill -9 $$' </dev/null").exit_code,
      137);
}

TEST(ProxyCommand, ArgumentsAfterTheServerCommandAreTheServers) {
  const std::string policy = WriteTemp("policy.textproto", kPolicy);
  RunResult r = RunMcpguard("proxy --policy " + policy +
                            " sh -c 'echo \"server got $1\" >&2' sh --verbose </dev/null");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("server got --verbose"));
}

TEST(ProxyCommand, ARefusedRequestIsAnsweredAndNeverForwarded) {
  const std::string policy = WriteTemp("policy.textproto", kPolicy);
  const std::string input =
      WriteTemp("input.jsonl", std::string(kInitialize) + "\n" + kDeniedCall + "\n");
  const std::string received = TempPath("received.jsonl");
  RunResult r = RunMcpguard("proxy --verbose --policy " + policy + " -- sh -c 'cat > " +
                            received + "' < " + input);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // The server saw the initialize request only.
  EXPECT_EQ(ReadFile(received), std::string(kInitialize) + "\n");
  // The client got the refusal, with its id; the initialize request, never
  // answered by `cat`, got the proxy's error when the server exited.
  EXPECT_THAT(r.out, HasSubstr(R"({"jsonrpc":"2.0","id":"x-2","error":{"code":-32030)"));
  EXPECT_THAT(r.out, HasSubstr(R"({"jsonrpc":"2.0","id":1,"error":{"code":-32603,)"));
  EXPECT_THAT(r.err, HasSubstr("to_server deny"));
  EXPECT_THAT(r.out, Not(HasSubstr("\"method\"")));
}

// An id spelled "302.0" is the integer 302 to the session and to the
// server, which answers 302: that answer settles the request, so the proxy
// invents no error for it when the server exits (it kept the id as
// "302.0" and answered it again with -32603).
TEST(ProxyCommand, AnAnswerSettlesARequestWhateverItsIdsSpelling) {
  const std::string policy = WriteTemp("policy.textproto", kPolicy);
  const std::string input = WriteTemp(
      "input.jsonl",
      R"({"jsonrpc":"2.0","id":302.0,"method":"initialize","params":{"protocolVersion":)"
      R"("2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}})"
      "\n");
  const std::string answer = WriteTemp(
      "answer.json",
      R"({"jsonrpc":"2.0","id":302,"result":{"protocolVersion":"2025-06-18","capabilities":{},)"
      R"("serverInfo":{"name":"s","version":"1"}}})"
      "\n");
  RunResult r = RunMcpguard("proxy --policy " + policy + " -- sh -c 'read line; cat " + answer +
                            "; cat > /dev/null' < " + input);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr(R"("id":302,"result")"));
  EXPECT_THAT(r.out, Not(HasSubstr("-32603"))) << r.out;
}

// The proxy can write what the library can: a keyed, rotated log, which
// verifies under its key only.
TEST(ProxyCommand, WritesAKeyedRotatedAuditLog) {
  const std::string policy = WriteTemp("policy.textproto", kPolicy);
  std::string lines;
  for (int i = 0; i < 12; ++i) lines += std::string(kDeniedCall) + "\n";
  const std::string input = WriteTemp("input.jsonl", lines);
  const std::string key = WriteTemp("audit.key", "proxy-s3cret\n");
  const std::string log = TempPath("keyed.jsonl");
  RunResult r = RunMcpguard("proxy --policy " + policy + " --audit " + log +
                            " --audit-key-file " + key +
                            " --audit-max-bytes 4096 -- sh -c 'cat > /dev/null' < " + input);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::string first_rotated = log + ".000000000000";
  ASSERT_NE(ReadFile(first_rotated), "") << "no rotation";
  RunResult keyed =
      RunMcpguard("audit verify --key-file " + key + " " + log + ".0* " + log + ".head " + log);
  EXPECT_EQ(keyed.exit_code, 0) << keyed.out << keyed.err;
  EXPECT_THAT(keyed.out, HasSubstr("ok: 13 events, sequence 0..12, HMAC-SHA256 chain"));
  EXPECT_EQ(RunMcpguard("audit verify " + log + ".0* " + log).exit_code, 1);
}

// The verbose log is one line per message: a method name with a newline in
// it cannot forge a line of its own.
TEST(ProxyCommand, VerboseLogEscapesTheMessagesText) {
  const std::string policy = WriteTemp("policy.textproto", kPolicy);
  const std::string input = WriteTemp(
      "input.jsonl",
      R"({"jsonrpc":"2.0","id":7,"method":"tools/call\nmcpguard proxy: to_server allow rule=x",)"
      R"("params":{"name":"read","arguments":{}}})"
      "\n");
  RunResult r =
      RunMcpguard("proxy --verbose --policy " + policy + " -- sh -c 'cat > /dev/null' < " + input);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("to_server deny"));
  EXPECT_THAT(r.err, Not(HasSubstr("\nmcpguard proxy: to_server allow"))) << r.err;
}

TEST(ProxyCommand, AServerThatCannotStartIsAnError) {
  const std::string policy = WriteTemp("policy.textproto", kPolicy);
  RunResult r = RunMcpguard("proxy --policy " + policy + " -- /nonexistent/server </dev/null");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("cannot run '/nonexistent/server': No such file or directory"));
}

}  // namespace
