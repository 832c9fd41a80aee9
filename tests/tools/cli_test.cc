// Runs the built `mcpguard` command (tools/) as a user would and checks the
// exit status and output of `check`, `eval` and the command as a whole
// (`test` and `fmt` have their own files).
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "cli_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rapidjson/document.h"

namespace {

using ::mcpguard::cli_testing::kBinary;
using ::mcpguard::cli_testing::kPolicy;
using ::mcpguard::cli_testing::kSession;
using ::mcpguard::cli_testing::Lines;
using ::mcpguard::cli_testing::ReadFile;
using ::mcpguard::cli_testing::RunMcpguard;
using ::mcpguard::cli_testing::RunResult;
using ::mcpguard::cli_testing::WriteTemp;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::StartsWith;

std::vector<std::string> Words(const std::string& line) {
  std::vector<std::string> words;
  std::istringstream in(line);
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

// One verdict line of eval's text output: "LINE  DIRECTION  LABEL  DECISION
// rule=RULE  REASON", where LABEL may hold spaces.
struct TextVerdict {
  int line = 0;
  std::string direction;
  std::string label;
  std::string decision;
  std::string rule;
};

bool ParseTextVerdict(const std::string& text, TextVerdict* v) {
  std::vector<std::string> w = Words(text);
  if (w.size() < 5) return false;
  v->line = std::atoi(w[0].c_str());
  v->direction = w[1];
  for (size_t i = 3; i + 1 < w.size(); ++i) {
    bool decision = w[i] == "allow" || w[i] == "deny" || w[i] == "ask" || w[i] == "rewrite";
    if (!decision || w[i + 1].rfind("rule=", 0) != 0) continue;
    v->label.clear();
    for (size_t j = 2; j < i; ++j) v->label += (j > 2 ? " " : "") + w[j];
    v->decision = w[i];
    v->rule = w[i + 1].substr(5);
    return true;
  }
  return false;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The build adds these tests only with the command (MCPGUARD_BUILD_TOOLS),
    // so a missing binary is a broken build, not a reason to skip.
    ASSERT_TRUE(std::ifstream(kBinary).good()) << kBinary << " is not built";
  }
};

TEST_F(CliTest, VersionPrintsNameAndVersion) {
  RunResult r = RunMcpguard("--version");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, MatchesRegex("mcpguard [0-9]+\\.[0-9]+\\.[0-9]+\n"));
}

TEST_F(CliTest, HelpListsCommands) {
  RunResult r = RunMcpguard("help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("mcpguard check [--werror] POLICY..."));
  EXPECT_THAT(r.out, HasSubstr("mcpguard test [--verbose] POLICY TESTS..."));
  EXPECT_THAT(r.out, HasSubstr("mcpguard eval --policy POLICY"));
  EXPECT_THAT(r.out, HasSubstr("mcpguard fmt [--in-place] POLICY..."));
  EXPECT_THAT(r.out, HasSubstr("mcpguard audit verify|show LOG..."));
  EXPECT_THAT(r.out, HasSubstr("mcpguard proxy --policy POLICY [FLAGS] -- SERVER [ARGS...]"));
  for (const char* command : {"check", "test", "eval", "fmt", "audit", "proxy"}) {
    RunResult help = RunMcpguard(std::string(command) + " --help");
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_THAT(help.out, StartsWith(std::string("Usage: mcpguard ") + command)) << command;
    EXPECT_EQ(RunMcpguard(std::string("help ") + command).out, help.out) << command;
  }
  EXPECT_THAT(RunMcpguard("eval --help").out, HasSubstr("--principal SUBJECT"));
  EXPECT_THAT(RunMcpguard("eval --help").out, HasSubstr("--explain"));
  EXPECT_THAT(RunMcpguard("fmt --help").out, HasSubstr("NO COMMENTS"));
  RunResult unknown = RunMcpguard("help frobnicate");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.err,
            "mcpguard help: no help for 'frobnicate'; commands: check, test, eval, fmt, audit, "
            "proxy\n");
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  struct Case {
    const char* name;
    std::string args;
    const char* message;
  };
  const Case cases[] = {
      {"no command", "", "Usage:"},
      {"unknown command", "frobnicate", "unknown command 'frobnicate'"},
      {"check without policies", "check", "name at least one policy file"},
      {"check unknown flag", "check --strict " + kPolicy, "unknown flag '--strict'"},
      {"test without tests", "test " + kPolicy, "name at least one tests file after the policy"},
      {"test without arguments", "test", "name the policy and at least one tests file"},
      {"test unknown flag", "test --quiet " + kPolicy + " t.textproto", "unknown flag '--quiet'"},
      {"fmt without policies", "fmt", "name at least one policy file"},
      {"fmt unknown flag", "fmt --write " + kPolicy, "unknown flag '--write'"},
      {"eval without policy", "eval " + kSession, "--policy POLICY is required"},
      {"eval policy without value", "eval --policy", "--policy needs a value"},
      {"eval without session", "eval --policy " + kPolicy, "name the session file"},
      {"eval two sessions", "eval --policy " + kPolicy + " a.jsonl b.jsonl",
       "exactly one session file"},
      {"eval unknown flag", "eval --policy " + kPolicy + " --user bob " + kSession,
       "unknown flag '--user'"},
      {"eval empty role", "eval --policy " + kPolicy + " --role= " + kSession,
       "--role needs a non-empty value"},
      {"eval claim without value", "eval --policy " + kPolicy + " --claim tenant " + kSession,
       "--claim takes NAME=VALUE (a claim name, then its value)"},
      {"eval claim without name", "eval --policy " + kPolicy + " --claim =acme " + kSession,
       "--claim takes NAME=VALUE (a claim name, then its value)"},
      {"eval missing session", "eval --policy " + kPolicy + " /nonexistent/session.jsonl",
       "/nonexistent/session.jsonl: cannot read the session file"},
  };
  for (const Case& c : cases) {
    RunResult r = RunMcpguard(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.name;
    EXPECT_THAT(r.err, HasSubstr(c.message)) << c.name;
    EXPECT_EQ(r.out, "") << c.name;
  }
}

TEST_F(CliTest, CheckSamplePolicyIsOk) {
  RunResult r = RunMcpguard("check " + kPolicy);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_THAT(r.out, MatchesRegex(".*/examples/filesystem/policy\\.textproto: ok "
                                  "\\(11 rules, sha256 [0-9a-f]{64}\\)\n"));
}

// A policy that compiles with one warning (a rule that never decides) and
// one note (a blocklist beside a wider ALLOW).
std::string LintedPolicy() {
  return WriteTemp("linted.textproto",
                   "rules { id: \"no-tools\" effect: DENY target { tools: \"*\" } }\n"
                   "rules { id: \"read\" effect: ALLOW target { tools: \"read_file\" } }\n"
                   "rules {\n"
                   "  id: \"no-force\"\n"
                   "  effect: DENY\n"
                   "  target { methods: \"resources/read\" }\n"
                   "  condition { field { pointer: \"/force\" present: true } }\n"
                   "}\n"
                   "rules { id: \"all\" effect: ALLOW target { methods: \"*\" } }\n");
}

TEST_F(CliTest, CheckPrintsWarningsAndNotesAndPasses) {
  std::string path = LintedPolicy();
  RunResult r = RunMcpguard("check " + path);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> err = Lines(r.err);
  ASSERT_EQ(err.size(), 2u) << r.err;
  EXPECT_EQ(err[0], path + ":2:1: warning: never decides: rule \"no-tools\" (line 1) denies, "
                           "unconditionally, every message this rule matches, and a deny "
                           "overrides an allow [rules[1]]");
  EXPECT_THAT(err[1], StartsWith(path + ":7:3: note: rule \"all\" (line 9) allows, "
                                        "unconditionally, a wider target"));
  EXPECT_THAT(r.out, MatchesRegex(".*/[^/]*linted\\.textproto: ok \\(4 rules, sha256 "
                                  "[0-9a-f]{64}, 1 warning, 1 note\\)\n"));
}

TEST_F(CliTest, CheckWerrorFailsOnWarningsNotOnNotes) {
  EXPECT_EQ(RunMcpguard("check --werror " + LintedPolicy()).exit_code, 1);
  std::string noted = WriteTemp(
      "noted.textproto",
      "rules { id: \"d\" effect: DENY target { tools: \"delete_*\" }\n"
      "  condition { field { pointer: \"/arguments/force\" present: true } } }\n"
      "rules { id: \"a\" effect: ALLOW target { tools: \"*\" } }\n");
  RunResult r = RunMcpguard("check --werror " + noted + " " + kPolicy);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, StartsWith(noted + ":2:3: note: "));
  EXPECT_EQ(Lines(r.err).size(), 1u) << r.err;
}

TEST_F(CliTest, CheckBrokenPolicyReportsEveryErrorWithFileAndLine) {
  std::string path = WriteTemp("broken.textproto",
                               "name: \"broken\"\n"
                               "rules {\n"
                               "  id: \"a\"\n"
                               "  effect: ALLOW\n"
                               "  target { methods: \"ping\" }\n"
                               "  bogus_field: 1\n"
                               "}\n");
  RunResult r = RunMcpguard("check " + path + " " + kPolicy);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, StartsWith(path + ":6:"));
  EXPECT_THAT(r.err, HasSubstr("error: "));
  EXPECT_THAT(r.err, HasSubstr("bogus_field"));
  std::vector<std::string> out = Lines(r.out);
  ASSERT_EQ(out.size(), 2u) << r.out;
  EXPECT_EQ(out[0], path + ": 1 error, 0 warnings");
  EXPECT_THAT(out[1], StartsWith(kPolicy + ": ok (11 rules, sha256 "));
}

TEST_F(CliTest, CheckCompilerErrorsAreAllReported) {
  std::string path = WriteTemp("semantic.textproto",
                               "rules { id: \"a\" effect: ALLOW target { methods: \"ping\" } }\n"
                               "rules { id: \"a\" effect: DENY target { methods: \"ping\" } }\n"
                               "rules { id: \"b\" effect: DENY target { } }\n");
  RunResult r = RunMcpguard("check " + path);
  EXPECT_EQ(r.exit_code, 1);
  std::vector<std::string> err = Lines(r.err);
  ASSERT_EQ(err.size(), 2u) << r.err;
  EXPECT_THAT(err[0], StartsWith(path + ":2:"));
  EXPECT_THAT(err[0], HasSubstr("duplicate rule id \"a\""));
  EXPECT_THAT(err[1], StartsWith(path + ":3:"));
  EXPECT_EQ(r.out, path + ": 2 errors, 0 warnings\n");
}

TEST_F(CliTest, CheckUnreadablePolicyIsAnError) {
  RunResult r = RunMcpguard("check /nonexistent/policy.textproto");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("/nonexistent/policy.textproto"));
  EXPECT_EQ(r.out, "/nonexistent/policy.textproto: 1 error, 0 warnings\n");
}

TEST_F(CliTest, EvalExampleSessionDecidesEachLine) {
  RunResult r =
      RunMcpguard("eval --policy " + kPolicy + " --principal alice --role dev " + kSession);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  struct Expected {
    int line;
    const char* direction;
    const char* label;
    const char* decision;
    const char* rule;
  };
  const Expected expected[] = {
      {4, "to_server", "initialize", "allow", "mcp-client-basics"},
      {5, "to_client", "initialize (response)", "allow", "-"},
      {6, "to_server", "notifications/initialized", "allow", "mcp-client-basics"},
      {7, "to_server", "tools/list", "allow", "mcp-client-basics"},
      {8, "to_client", "tools/list (response)", "rewrite", "-"},
      {9, "to_server", "tools/call read_file", "allow", "dev-read-projects"},
      {10, "to_client", "tools/call read_file (response)", "allow", "-"},
      {11, "to_server", "tools/call list_directory", "allow", "dev-read-projects"},
      {12, "to_client", "tools/call list_directory (response)", "allow", "-"},
      {14, "to_server", "tools/call read_text_file", "deny", "deny-path-traversal"},
      {15, "to_server", "tools/call read_file", "deny", "deny-system-config"},
      {16, "to_server", "tools/call read_file", "deny", "deny-ssh-material"},
      {18, "to_server", "tools/call write_file", "deny", "writes-need-maintainer"},
      {20, "to_server", "tools/call search_files", "ask", "ask-read-shared"},
      {21, "to_client", "notifications/progress", "allow", "mcp-server-notifications"},
      {22, "to_client", "tools/call search_files (response)", "allow", "-"},
      {24, "to_server", "tools/call read_file", "deny", "-"},
      {26, "to_server", "tools/call", "deny", "-"},
      {27, "to_server", "-", "deny", "-"},
      {29, "to_server", "tools/call read_file", "deny", "-"},
      {31, "to_server", "tools/call exec_shell", "deny", "-"},
      {33, "to_server", "tools/delete", "deny", "-"},
      {35, "to_server", "resources/list", "deny", "-"},
      {36, "to_server", "ping", "allow", "mcp-client-basics"},
      {37, "to_client", "ping (response)", "allow", "-"},
      {38, "to_client", "notifications/tools/list_changed", "allow", "mcp-server-notifications"},
      {39, "to_server", "notifications/cancelled", "allow", "mcp-client-basics"},
  };
  // The verdict lines; indented lines under a verdict give its details.
  std::vector<std::string> out;
  std::vector<std::string> details;
  for (const std::string& line : Lines(r.out)) {
    (absl::StartsWith(line, "      ") ? details : out).push_back(line);
  }
  ASSERT_EQ(out.size(), std::size(expected) + 1) << r.out;
  for (size_t i = 0; i < std::size(expected); ++i) {
    const Expected& e = expected[i];
    TextVerdict v;
    ASSERT_TRUE(ParseTextVerdict(out[i], &v)) << out[i];
    EXPECT_EQ(v.line, e.line) << out[i];
    EXPECT_EQ(v.direction, e.direction) << out[i];
    EXPECT_EQ(v.label, e.label) << out[i];
    EXPECT_EQ(v.decision, e.decision) << out[i];
    EXPECT_EQ(v.rule, e.rule) << out[i];
  }
  EXPECT_THAT(out[13], HasSubstr("approval required by rule"));
  // Validation, before any rule: the tool's listed inputSchema, the tools the
  // server listed, the methods of the negotiated protocol version.
  EXPECT_THAT(out[16], HasSubstr("/params/arguments/path: expected string, got number"));
  EXPECT_THAT(out[19], HasSubstr("/params/arguments/follow"));
  EXPECT_THAT(out[20], HasSubstr("has not been listed by the server"));
  EXPECT_THAT(out[21], HasSubstr("MCP 2025-06-18 defines no method \"tools/delete\""));
  EXPECT_THAT(out[22], HasSubstr("no rule matched"));
  // alice (role dev) can never call write_file: the tools/list result hides it.
  EXPECT_THAT(out[4], HasSubstr("hid 1 tool the principal can never call (write_file)"));
  EXPECT_EQ(out.back(), "27 messages: 14 allowed, 11 denied, 1 ask, 1 rewritten");
  // The one rewrite shows the bytes to send instead: the list without it.
  ASSERT_EQ(details.size(), 1u) << r.out;
  EXPECT_THAT(details[0], StartsWith("      rewritten: {\"jsonrpc\":\"2.0\""));
  EXPECT_THAT(details[0], HasSubstr("\"read_file\""));
  EXPECT_THAT(details[0], Not(HasSubstr("write_file")));
}

TEST_F(CliTest, EvalJsonGivesOneObjectPerMessage) {
  RunResult r =
      RunMcpguard("eval --json --policy " + kPolicy + " --principal alice --role dev " + kSession);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "27 messages: 14 allowed, 11 denied, 1 ask, 1 rewritten\n");
  std::vector<std::string> out = Lines(r.out);
  ASSERT_EQ(out.size(), 27u);
  for (const std::string& line : out) {
    rapidjson::Document doc;
    doc.Parse(line.c_str());
    ASSERT_FALSE(doc.HasParseError()) << line;
    ASSERT_TRUE(doc.IsObject()) << line;
    for (const char* key : {"line", "direction", "kind", "method", "tool", "label", "decision",
                            "policy_decision", "audit_only", "rule", "reason", "error_code",
                            "error_response", "rewritten", "notes", "findings",
                            "recorded_rules", "required_scopes", "retry_after_ms"}) {
      EXPECT_TRUE(doc.HasMember(key)) << key << " in " << line;
    }
  }
  // Line 14 of the session: the path traversal.
  rapidjson::Document traversal;
  traversal.Parse(out[9].c_str());
  ASSERT_TRUE(traversal.IsObject());
  EXPECT_EQ(traversal["line"].GetInt(), 14);
  EXPECT_STREQ(traversal["decision"].GetString(), "deny");
  EXPECT_STREQ(traversal["tool"].GetString(), "read_text_file");
  EXPECT_STREQ(traversal["rule"].GetString(), "deny-path-traversal");
  EXPECT_EQ(traversal["error_code"].GetInt(), -32030);
  const rapidjson::Value& response = traversal["error_response"];
  ASSERT_TRUE(response.IsObject());
  EXPECT_EQ(response["id"].GetInt(), 5);
  EXPECT_EQ(response["error"]["code"].GetInt(), -32030);
  EXPECT_STREQ(response["error"]["data"]["rule"].GetString(), "deny-path-traversal");
  // Line 4: the allowed initialize has no rule-less fields filled in.
  rapidjson::Document initialize;
  initialize.Parse(out[0].c_str());
  ASSERT_TRUE(initialize.IsObject());
  EXPECT_TRUE(initialize["error_response"].IsNull());
  EXPECT_TRUE(initialize["tool"].IsNull());
  EXPECT_EQ(initialize["error_code"].GetInt(), 0);
  EXPECT_FALSE(initialize["audit_only"].GetBool());
  EXPECT_TRUE(initialize["rewritten"].IsNull());
  EXPECT_EQ(initialize["findings"].Size(), 0u);
  // Line 8: the tools/list result rewritten without write_file, as an object.
  rapidjson::Document list;
  list.Parse(out[4].c_str());
  ASSERT_TRUE(list.IsObject());
  EXPECT_STREQ(list["decision"].GetString(), "rewrite");
  const rapidjson::Value& rewritten = list["rewritten"];
  ASSERT_TRUE(rewritten.IsObject()) << out[4];
  ASSERT_TRUE(rewritten["result"]["tools"].IsArray());
  for (const rapidjson::Value& tool : rewritten["result"]["tools"].GetArray()) {
    EXPECT_STRNE(tool["name"].GetString(), "write_file");
  }
  EXPECT_EQ(list["line"].GetInt(), 8);
  EXPECT_EQ(rewritten["id"].GetInt(), 2);
}

// A detector's findings and the redacted message, in both outputs; the
// secret itself appears in neither.
TEST_F(CliTest, EvalShowsFindingsAndTheRedactedMessage) {
  std::string policy = WriteTemp("detect.textproto",
                                 "name: \"detect\"\n"
                                 "default_effect: ALLOW\n"
                                 "rules { id: \"calls\" effect: ALLOW target { methods: \"tools/call\" } }\n"
                                 "detectors { secrets { enabled: true } pii { enabled: true } }\n");
  std::string session = WriteTemp(
      "detect.jsonl",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}\n"
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[{\"name\":\"read\","
      "\"inputSchema\":{\"type\":\"object\"}}]}}\n"
      "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
      "\"read\",\"arguments\":{}}}\n"
      "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"content\":[{\"type\":\"text\",\"text\":"
      "\"key AKIAIOSFODNN7EXAMPLQ, mail bob@example.com\"}]}}\n");
  constexpr char kKey[] = "AKIAIOSFODNN7EXAMPLQ";

  RunResult text = RunMcpguard("eval --policy " + policy + " " + session);
  ASSERT_EQ(text.exit_code, 0) << text.err;
  std::vector<std::string> lines = Lines(text.out);
  ASSERT_EQ(lines.size(), 8u) << text.out;
  EXPECT_THAT(lines[3], HasSubstr("rewrite"));
  EXPECT_EQ(lines[4],
            "      finding: aws_access_key_id (secrets) at /result/content/0/text, bytes 4-24, "
            "score 1: aws_access_key_id (secret)");
  EXPECT_THAT(lines[5], StartsWith("      finding: email (pii) at /result/content/0/text, "
                                   "bytes 31-46"));
  EXPECT_THAT(lines[6], StartsWith("      rewritten: "));
  EXPECT_THAT(lines[6], HasSubstr("key [REDACTED:aws_access_key_id], mail [REDACTED:email]"));
  EXPECT_EQ(lines[7], "4 messages: 3 allowed, 0 denied, 0 ask, 1 rewritten");
  EXPECT_THAT(text.out, Not(HasSubstr(kKey)));

  RunResult json = RunMcpguard("eval --json --policy " + policy + " " + session);
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_THAT(json.out, Not(HasSubstr(kKey)));
  std::vector<std::string> objects = Lines(json.out);
  ASSERT_EQ(objects.size(), 4u) << json.out;
  rapidjson::Document result;
  result.Parse(objects[3].c_str());
  ASSERT_TRUE(result.IsObject()) << objects[3];
  EXPECT_STREQ(result["decision"].GetString(), "rewrite");
  EXPECT_TRUE(result["method"].IsNull());  // A response has none of its own,
  EXPECT_STREQ(result["label"].GetString(), "tools/call read (response)");  // but answers this.
  const rapidjson::Value& findings = result["findings"];
  ASSERT_EQ(findings.Size(), 2u) << objects[3];
  EXPECT_STREQ(findings[0]["detector"].GetString(), "secrets");
  EXPECT_STREQ(findings[0]["category"].GetString(), "aws_access_key_id");
  EXPECT_STREQ(findings[0]["pointer"].GetString(), "/result/content/0/text");
  EXPECT_EQ(findings[0]["offset"].GetUint64(), 4u);
  EXPECT_EQ(findings[0]["length"].GetUint64(), 20u);
  EXPECT_EQ(findings[0]["score"].GetDouble(), 1.0);
  EXPECT_STREQ(findings[1]["category"].GetString(), "email");
  const rapidjson::Value& rewritten = result["rewritten"];
  ASSERT_TRUE(rewritten.IsObject()) << objects[3];
  EXPECT_EQ(rewritten["id"].GetInt(), 2);
  EXPECT_STREQ(rewritten["result"]["content"][0]["text"].GetString(),
               "key [REDACTED:aws_access_key_id], mail [REDACTED:email]");
  // The request before it: nothing found, nothing rewritten.
  rapidjson::Document call;
  call.Parse(objects[2].c_str());
  ASSERT_TRUE(call.IsObject());
  EXPECT_EQ(call["findings"].Size(), 0u);
  EXPECT_TRUE(call["rewritten"].IsNull());
}

// The example policy without tool-schema validation, for sessions that call
// tools without listing them first (they test the rules, not validation).
std::string ExamplePolicyWithoutToolSchemas() {
  return WriteTemp("no_tool_schemas.textproto",
                   ReadFile(kPolicy) + "\nvalidation { tool_schemas: OFF }\n");
}

TEST_F(CliTest, EvalMaintainerWritesAskOutsideScratch) {
  std::string session = WriteTemp(
      "maintainer.jsonl",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"write_file\","
      "\"arguments\":{\"path\":\"/srv/projects/scratch/a.txt\",\"content\":\"x\"}}}\n"
      "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"write_file\","
      "\"arguments\":{\"path\":\"/srv/projects/app/a.txt\",\"content\":\"x\"}}}\n"
      "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"write_file\","
      "\"arguments\":{\"path\":\"/tmp/a.txt\",\"content\":\"x\"}}}\n"
      "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"edit_file\","
      "\"arguments\":{\"path\":\"/tmp/a.txt\",\"edits\":[]}}}\n"
      "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"move_file\","
      "\"arguments\":{\"source\":\"/srv/projects/a\",\"destination\":\"/srv/projects/b\"}}}\n"
      "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":\"move_file\","
      "\"arguments\":{\"source\":\"/srv/projects/a\",\"destination\":\"/etc/cron.d/a\"}}}\n");
  RunResult r =
      RunMcpguard("eval --policy " + ExamplePolicyWithoutToolSchemas() +
                  " --principal bob --role maintainer " + session);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const char* expected[][2] = {
      {"allow", "maintainer-write-projects"}, {"ask", "ask-write-outside-scratch"},
      {"ask", "ask-write-outside-scratch"},   {"deny", "-"},
      {"allow", "maintainer-move-in-projects"}, {"deny", "deny-system-config"},
  };
  std::vector<std::string> out = Lines(r.out);
  ASSERT_EQ(out.size(), std::size(expected) + 1) << r.out;
  for (size_t i = 0; i < std::size(expected); ++i) {
    TextVerdict v;
    ASSERT_TRUE(ParseTextVerdict(out[i], &v)) << out[i];
    EXPECT_EQ(v.line, static_cast<int>(i) + 1);
    EXPECT_EQ(v.decision, expected[i][0]) << out[i];
    EXPECT_EQ(v.rule, expected[i][1]) << out[i];
  }
  EXPECT_EQ(out.back(), "6 messages: 2 allowed, 2 denied, 2 ask");
}

TEST_F(CliTest, EvalReportsBadLinesWithFileAndLineAndGoesOn) {
  std::string session = WriteTemp(
      "bad_lines.jsonl",
      "# a comment\n"
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\n"
      "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\n"
      "{\"direction\":\"sideways\",\"message\":{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}}\n"
      "\n"
      "{\"message\":{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}},\"extra\":true}\n"
      "{\"direction\":\"to_client\",\"message\":{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}}\r\n");
  RunResult r = RunMcpguard("eval --policy " + kPolicy + " " + session);
  EXPECT_EQ(r.exit_code, 2);
  std::vector<std::string> err = Lines(r.err);
  ASSERT_EQ(err.size(), 3u) << r.err;
  EXPECT_THAT(err[0], StartsWith(session + ":3: not JSON: "));
  EXPECT_EQ(err[1], session + ":4: \"direction\" must be \"to_server\" or \"to_client\"");
  EXPECT_THAT(err[2], StartsWith(session + ":6: unknown key \"extra\""));
  std::vector<std::string> out = Lines(r.out);
  ASSERT_EQ(out.size(), 3u) << r.out;
  TextVerdict ping, pong;
  ASSERT_TRUE(ParseTextVerdict(out[0], &ping));
  ASSERT_TRUE(ParseTextVerdict(out[1], &pong));
  EXPECT_EQ(ping.line, 2);
  EXPECT_EQ(ping.decision, "allow");
  EXPECT_EQ(pong.line, 7);
  EXPECT_EQ(pong.label, "ping (response)");
  EXPECT_EQ(pong.decision, "allow");
  EXPECT_EQ(out[2], "2 messages: 2 allowed, 0 denied, 0 ask; 3 lines could not be read");
}

TEST_F(CliTest, EvalReadsStdinAndRawBytes) {
  std::string session = WriteTemp(
      "stdin.jsonl",
      "{\"direction\":\"to_server\",\"raw\":\"{\\\"jsonrpc\\\":\\\"2.0\\\",\\\"id\\\":1,"
      "\\\"method\\\":\\\"ping\\\"}\"}\n"
      "{\"direction\":\"to_server\",\"raw\":\"not json at all\"}\n");
  RunResult r = RunMcpguard("eval --json --policy " + kPolicy + " - < " + session);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> out = Lines(r.out);
  ASSERT_EQ(out.size(), 2u) << r.out;
  rapidjson::Document ping, garbage;
  ping.Parse(out[0].c_str());
  garbage.Parse(out[1].c_str());
  ASSERT_TRUE(ping.IsObject() && garbage.IsObject());
  EXPECT_STREQ(ping["decision"].GetString(), "allow");
  EXPECT_STREQ(ping["method"].GetString(), "ping");
  EXPECT_STREQ(garbage["decision"].GetString(), "deny");
  EXPECT_EQ(garbage["error_code"].GetInt(), -32700);
}

TEST_F(CliTest, EvalInAuditModeAllowsAndSaysWhatThePolicyDecided) {
  std::string policy_text = ReadFile(ExamplePolicyWithoutToolSchemas());
  size_t mode = policy_text.find("mode: ENFORCE");
  ASSERT_NE(mode, std::string::npos);
  policy_text.replace(mode, 13, "mode: AUDIT");
  std::string policy = WriteTemp("audit.textproto", policy_text);
  std::string session = WriteTemp(
      "audit.jsonl",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"read_file\","
      "\"arguments\":{\"path\":\"/etc/passwd\"}}}\n");
  RunResult r = RunMcpguard("eval --policy " + policy + " --role dev " + session);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> out = Lines(r.out);
  ASSERT_EQ(out.size(), 2u) << r.out;
  TextVerdict v;
  ASSERT_TRUE(ParseTextVerdict(out[0], &v)) << out[0];
  EXPECT_EQ(v.decision, "allow");
  EXPECT_EQ(v.rule, "deny-system-config");
  EXPECT_THAT(out[0], HasSubstr("audit, policy says deny: "));
  EXPECT_EQ(out[1],
            "1 message: 1 allowed, 0 denied, 0 ask; audit mode: the policy would have denied 1 "
            "and asked 0");
}

// Claims, and a scope claim as one string, reach the rules from the command
// line (found by an adversarial review: eval and proxy had no --claim, so a
// claim-keyed DENY that `mcpguard test` passed never fired there).
TEST_F(CliTest, EvalTakesClaimsAndAScopeString) {
  const std::string policy = WriteTemp("claims.textproto", R"pb(
    validation { mcp_messages: OFF tool_schemas: OFF }
    default_effect: ALLOW
    rules { id: "other-tenant" effect: DENY target { tools: "*" }
            principal { not { claim { name: "tenant" value { exact: "acme" } } } } }
    rules { id: "read-only" effect: DENY target { tools: "delete_*" }
            principal { scope: "files:readonly" } })pb");
  const std::string session = WriteTemp(
      "claims.jsonl",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":"
      "\"delete_file\",\"arguments\":{}}}\n");
  auto rule_of = [&](const std::string& flags) {
    RunResult r = RunMcpguard("eval --policy " + policy + " " + flags + " " + session);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    TextVerdict v;
    std::vector<std::string> out = Lines(r.out);
    EXPECT_TRUE(!out.empty() && ParseTextVerdict(out[0], &v)) << r.out;
    return v.rule;
  };
  EXPECT_EQ(rule_of(""), "other-tenant");
  EXPECT_EQ(rule_of("--claim tenant=globex --claim tenant=acme"), "-");
  EXPECT_EQ(rule_of("--claim tenant=acme --scope 'files:write files:readonly'"), "read-only");
}

TEST_F(CliTest, EvalWrapperMessageIsCheckedAsItsOwnBytes) {
  // Non-ASCII and escapes in the wrapped message survive re-serialization:
  // the path still matches the allowed prefix, and the response is matched
  // to its request by id.
  std::string session = WriteTemp(
      "wrapper.jsonl",
      "{ \"direction\" : \"to_server\", \"message\" : { \"jsonrpc\" : \"2.0\", \"id\" : \"r-1\", "
      "\"method\" : \"tools/call\", \"params\" : { \"name\" : \"read_file\", \"arguments\" : "
      "{ \"path\" : \"/srv/projects/caf\u00e9/\\u00e9t\\u00e9.txt\" } } } }\n"
      "{\"message\":{\"jsonrpc\":\"2.0\",\"id\":\"r-1\",\"result\":{\"content\":[]}}}\n");
  RunResult r =
      RunMcpguard("eval --policy " + ExamplePolicyWithoutToolSchemas() + " --role dev " + session);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> out = Lines(r.out);
  ASSERT_EQ(out.size(), 3u) << r.out;
  TextVerdict call, result;
  ASSERT_TRUE(ParseTextVerdict(out[0], &call)) << out[0];
  ASSERT_TRUE(ParseTextVerdict(out[1], &result)) << out[1];
  EXPECT_EQ(call.decision, "allow");
  EXPECT_EQ(call.rule, "dev-read-projects");
  EXPECT_EQ(result.direction, "to_client");
  EXPECT_EQ(result.label, "tools/call read_file (response)");
  EXPECT_EQ(result.decision, "allow");
}

TEST_F(CliTest, EvalExplainPrintsEachVerdictsTrace) {
  std::string session = WriteTemp(
      "explain.jsonl",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"read_file\","
      "\"arguments\":{\"path\":\"/etc/passwd\"}}}\n"
      "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/list\"}\n");
  RunResult r = RunMcpguard("eval --explain --policy " + ExamplePolicyWithoutToolSchemas() +
                            " --role dev " + session);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> out = Lines(r.out);
  ASSERT_EQ(out.size(), 6u) << r.out;
  TextVerdict v;
  ASSERT_TRUE(ParseTextVerdict(out[0], &v)) << out[0];
  EXPECT_EQ(v.rule, "deny-system-config");
  EXPECT_EQ(out[1],
            "      trace: deny-path-traversal           condition false  none of: "
            "/arguments/path = \"/etc/passwd\" is not a string with regex \"(.*/)?\\\\.\\\\.(/.*)?\"; "
            "/arguments/source is absent; /arguments/destination is absent");
  EXPECT_EQ(out[2], "      trace: deny-system-config            matched          deny");
  ASSERT_TRUE(ParseTextVerdict(out[3], &v)) << out[3];
  EXPECT_EQ(v.decision, "deny");
  EXPECT_EQ(out[4],
            "      trace: -                             default          no rule matched: the "
            "default effect, deny");
  EXPECT_EQ(out[5], "2 messages: 0 allowed, 2 denied, 0 ask");
}

TEST_F(CliTest, EvalExplainAddsATraceArrayToJson) {
  std::string session = WriteTemp(
      "explain.jsonl", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/list\"}\n");
  RunResult plain = RunMcpguard("eval --json --policy " + kPolicy + " " + session);
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_THAT(plain.out, Not(HasSubstr("\"trace\"")));
  RunResult r = RunMcpguard("eval --json --explain --policy " + kPolicy + " " + session);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  rapidjson::Document doc;
  doc.Parse(r.out.c_str());
  ASSERT_TRUE(doc.IsObject()) << r.out;
  ASSERT_TRUE(doc.HasMember("trace") && doc["trace"].IsArray()) << r.out;
  const rapidjson::Value& trace = doc["trace"];
  ASSERT_EQ(trace.Size(), 1u) << r.out;
  EXPECT_TRUE(trace[0]["rule"].IsNull());
  EXPECT_STREQ(trace[0]["outcome"].GetString(), "default");
  EXPECT_STREQ(trace[0]["detail"].GetString(), "no rule matched: the default effect, deny");
}

TEST_F(CliTest, EvalWithBrokenPolicyExitsOne) {
  std::string policy = WriteTemp("eval_broken.textproto", "rules { id: \"x\" effect: MAYBE }\n");
  RunResult r = RunMcpguard("eval --policy " + policy + " " + kSession);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, StartsWith(policy + ":1:"));
  EXPECT_EQ(r.out, "");
}

}  // namespace
