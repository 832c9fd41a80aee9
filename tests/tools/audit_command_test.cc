// `mcpguard audit verify|show` on a log the library wrote, through the built
// command.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mcpguard/guard.h"

namespace {

using ::mcpguard::cli_testing::Lines;
using ::mcpguard::cli_testing::ReadFile;
using ::mcpguard::cli_testing::RunMcpguard;
using ::mcpguard::cli_testing::RunResult;
using ::mcpguard::cli_testing::TempPath;
using ::mcpguard::cli_testing::WriteTemp;
using ::testing::HasSubstr;
using ::testing::SizeIs;
using ::testing::StartsWith;

// Writes an audit log of a short session to a fresh path; returns it.
// `tools` are JSON string contents (escapes allowed), one call each.
std::string WriteLog(const std::string& name, const std::string& key = "",
                     const std::vector<std::string>& tools = {"read", "rm", "read"}) {
  const std::string path = TempPath(name);
  std::remove(path.c_str());
  std::remove((path + ".head").c_str());
  mcpguard::JsonLinesSinkOptions file;
  file.path = path;
  file.hmac_key = key;
  auto sink = mcpguard::OpenJsonLinesSink(file);
  EXPECT_TRUE(sink.ok()) << sink.status();
  mcpguard::AuditLogOptions options;
  options.sinks.push_back(*std::move(sink));
  auto log = mcpguard::AuditLog::Create(options);
  auto policy = mcpguard::CompilePolicy(
      "name: \"cli\" validation { mcp_messages: OFF tool_schemas: OFF }\n"
      "rules { id: \"allow\" effect: ALLOW target { methods: \"*\" } }\n"
      "rules { id: \"deny-rm\" effect: DENY target { tools: \"rm\" } }\n",
      {mcpguard::PolicyFormat::kTextproto, "cli"});
  EXPECT_TRUE(policy.ok()) << policy.status();
  mcpguard::EngineOptions engine_options;
  engine_options.audit = *log;
  auto engine = mcpguard::Engine::Create(*policy, std::move(engine_options));
  auto session = (*engine)->NewSession({mcpguard::Principal{"alice", {}, {}}, "fs", "s1"});
  for (const std::string& tool : tools) {
    mcpguard::Verdict call = session->Check(
        absl::StrCat(R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":)",
                     R"({"name":")", tool, R"(","arguments":{}}})"),
        mcpguard::Direction::kToServer);
    if (!call.allowed()) continue;  // A denied call gets no response.
    session->Check(R"({"jsonrpc":"2.0","id":1,"result":{"content":[]}})",
                   mcpguard::Direction::kToClient);
  }
  (*log)->Close();
  return path;
}

TEST(AuditCommandTest, VerifiesAnIntactLog) {
  const std::string log = WriteLog("intact.jsonl");
  RunResult r = RunMcpguard("audit verify " + log);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_THAT(lines, SizeIs(2)) << r.out;
  EXPECT_EQ(lines[0], "ok: 6 events, sequence 0..5, SHA-256 chain");  // Load, 3 calls, 2 results.
  // The last event, to keep elsewhere as an anchor: its hash is the log's.
  const std::vector<std::string> log_lines = Lines(ReadFile(log));
  ASSERT_THAT(log_lines, SizeIs(6));
  const std::string hash = log_lines[5].substr(log_lines[5].size() - 66, 64);
  EXPECT_EQ(lines[1], "anchor: 5:" + hash);
  EXPECT_THAT(log_lines[5], HasSubstr("\"mcpguard.chain.hash\":\"" + hash + "\"}"));
  EXPECT_EQ(r.err, "");
}

// An anchor printed by an earlier verify catches a rollback the head file
// cannot: the log and its head replaced by an older copy.
TEST(AuditCommandTest, AnchorsCatchARolledBackLog) {
  const std::string old_log = WriteLog("rollback-old.jsonl", "", {"read"});
  const std::string log = WriteLog("rollback.jsonl", "", {"read", "read"});
  RunResult r = RunMcpguard("audit verify " + log);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const std::vector<std::string> lines = Lines(r.out);
  ASSERT_THAT(lines, SizeIs(2));
  ASSERT_THAT(lines[1], StartsWith("anchor: 4:"));
  const std::string anchor = lines[1].substr(8);
  const std::string first_line = Lines(ReadFile(log))[0];
  const std::string first_hash = first_line.substr(first_line.size() - 66, 64);
  r = RunMcpguard("audit verify --anchor " + anchor + " --anchor=0:" + first_hash + " " + log);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("SHA-256 chain, 2 anchors matched\n"));
  // The older, shorter log and its head put in place: whole, and clean...
  std::ofstream(log, std::ios::trunc) << ReadFile(old_log);
  std::ofstream(log + ".head", std::ios::trunc) << ReadFile(old_log + ".head");
  r = RunMcpguard("audit verify " + log);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  // ...but not what was anchored.
  r = RunMcpguard("audit verify --anchor " + anchor + " " + log);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(r.out, "BROKEN: " + log +
                       ": the anchor at sequence 4 is past the log's end (last sequence 2): the "
                       "log was rolled back or cut, with its head\n");
}

TEST(AuditCommandTest, ReportsTheFirstBrokenLink) {
  const std::string log = WriteLog("edited.jsonl");
  std::vector<std::string> lines = Lines(ReadFile(log));
  ASSERT_THAT(lines, SizeIs(6));
  // Line 4: the load, the first call and its result, then the denied call.
  const size_t at = lines[3].find("\"deny-rm\"");
  ASSERT_NE(at, std::string::npos) << lines[3];
  lines[3].replace(at, 9, "\"allow\"");
  std::ofstream out(log, std::ios::trunc);
  for (const std::string& line : lines) out << line << "\n";
  out.close();
  RunResult r = RunMcpguard("audit verify " + log);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, StartsWith("BROKEN: " + log + ":4: "));
}

TEST(AuditCommandTest, KeyedLogNeedsItsKey) {
  const std::string log = WriteLog("keyed.jsonl", "k3y");
  const std::string key = WriteTemp("key", "k3y\n");
  RunResult r = RunMcpguard("audit verify --key-file " + key + " " + log);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("HMAC-SHA256 chain"));
  EXPECT_EQ(RunMcpguard("audit verify " + log).exit_code, 1);
}

TEST(AuditCommandTest, ShowFiltersEvents) {
  const std::string log = WriteLog("show.jsonl");
  RunResult r = RunMcpguard("audit show --decision deny " + log);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_THAT(lines, SizeIs(1));
  EXPECT_THAT(lines[0], HasSubstr("MESSAGE  deny  to_server  tools/call  rm  rule=deny-rm  "
                                  "session=s1  user=alice"));
  EXPECT_THAT(Lines(RunMcpguard("audit show --tool read --kind MESSAGE " + log).out), SizeIs(4));
  EXPECT_THAT(Lines(RunMcpguard("audit show --kind POLICY_LOAD " + log).out), SizeIs(1));
}

// The documented glob lists the head file too; it is skipped, not
// reported as a broken log.
TEST(AuditCommandTest, VerifySkipsTheHeadFileTheGlobLists) {
  const std::string log = WriteLog("globbed.jsonl");
  RunResult r = RunMcpguard("audit verify " + log + ".head " + log);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, StartsWith("ok: 6 events, sequence 0..5, SHA-256 chain\nanchor: 5:"));
}

TEST(AuditCommandTest, VerifyFailsWithoutTheHeadUnlessToldNotToCheckIt) {
  const std::string log = WriteLog("headless.jsonl");
  ASSERT_EQ(std::remove((log + ".head").c_str()), 0);
  RunResult r = RunMcpguard("audit verify " + log);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, HasSubstr(".head: missing"));
  EXPECT_EQ(RunMcpguard("audit verify --no-head " + log).exit_code, 0);
}

TEST(AuditCommandTest, NonRegularFilesAreUsageErrorsNotEmptyLogs) {
  const std::string dir = TempPath("a-directory");
  std::remove(dir.c_str());
  ASSERT_EQ(mkdir(dir.c_str(), 0700), 0);
  RunResult verify = RunMcpguard("audit verify " + dir);
  EXPECT_EQ(verify.exit_code, 2);
  EXPECT_THAT(verify.err, HasSubstr("not a regular file"));
  RunResult show = RunMcpguard("audit show " + dir);
  EXPECT_EQ(show.exit_code, 2);
  rmdir(dir.c_str());
  // A FIFO would block the reader until a writer came: refused unopened.
  const std::string fifo = TempPath("fifo.jsonl");
  std::remove(fifo.c_str());
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(RunMcpguard("audit show " + fifo).exit_code, 2);
  EXPECT_EQ(RunMcpguard("audit verify --no-head " + fifo).exit_code, 2);
  std::remove(fifo.c_str());
}

// Found by an adversarial review: text a client chose was printed raw, so
// a terminal could be sent escape sequences (a C1 CSI, DEL) or have the
// line reordered (a bidi override) to show a forged event. The guard
// refuses C0 controls in names, not these.
TEST(AuditCommandTest, ShowPrintsWhatClientsChoseTerminalSafe) {
  const std::string log = WriteLog("ansi.jsonl", "",
                                   {R"(rm\u009b2K\u007fallow read_file)", R"(\u202eelif_daer\u200b)"});
  RunResult r = RunMcpguard("audit show --kind MESSAGE " + log);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("\xc2\x9b"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('\x7f'), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\xe2\x80\xae"), std::string::npos) << r.out;
  std::vector<std::string> lines = Lines(r.out);
  // Two calls and their results: one line each.
  ASSERT_THAT(lines, SizeIs(4)) << r.out;
  EXPECT_THAT(lines[0], HasSubstr(R"(rm\u009B2K\x7Fallow read_file)"));
  EXPECT_THAT(lines[2], HasSubstr(R"(\u202Eelif_daer\u200B)"));
}

TEST(AuditCommandTest, UsageErrors) {
  EXPECT_EQ(RunMcpguard("audit").exit_code, 2);
  EXPECT_EQ(RunMcpguard("audit verify").exit_code, 2);
  EXPECT_EQ(RunMcpguard("audit frobnicate x").exit_code, 2);
  EXPECT_EQ(RunMcpguard("audit verify /nonexistent/log").exit_code, 2);
  const std::string log = WriteLog("usage.jsonl");
  for (const std::string& anchor : {std::string("5"), std::string("x:") + std::string(64, 'a'),
                                    std::string("5:abc"), std::string("-1:") + std::string(64, 'a'),
                                    std::string("5:") + std::string(64, 'g')}) {
    RunResult bad = RunMcpguard("audit verify --anchor " + anchor + " " + log);
    EXPECT_EQ(bad.exit_code, 2) << anchor;
    EXPECT_THAT(bad.err, HasSubstr("--anchor wants SEQUENCE:HASH")) << anchor;
  }
  EXPECT_THAT(RunMcpguard("audit verify " + log + " --anchor").err, HasSubstr("needs a value"));
  RunResult help = RunMcpguard("audit --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("mcpguard audit verify"));
}

}  // namespace
