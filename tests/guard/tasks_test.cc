// Tasks (MCP 2025-11-25): a task-augmented request's result comes back as
// the answer to tasks/result and is checked as that request's.
#include <string>

#include "absl/strings/str_cat.h"
#include "guard/engine_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mcpguard/guard.h"
#include "rapidjson/document.h"

namespace mcpguard {
namespace {

using testing::HasSubstr;

constexpr Direction kToServer = Direction::kToServer;
constexpr Direction kToClient = Direction::kToClient;

std::unique_ptr<Engine> MakeEngine(const std::string& policy_text) {
  return testing_engines::EngineFromText(policy_text);
}

// A tools/call of read_file, task-augmented when `task`.
std::string CallReadFile(int id, bool task) {
  return absl::StrCat(R"({"jsonrpc":"2.0","id":)", id,
                      R"(,"method":"tools/call","params":{"name":"read_file","arguments":{"path":"/a"})",
                      task ? R"(,"task":{"ttl":60000})" : "", "}}");
}

std::string CreateTaskResult(int id, const std::string& task_id) {
  return absl::StrCat(R"({"jsonrpc":"2.0","id":)", id, R"(,"result":{"task":{"taskId":")", task_id,
                      R"(","status":"working","createdAt":"2026-12-07T10:00:00Z",)",
                      R"("lastUpdatedAt":"2026-12-07T10:00:00Z","ttl":60000}}})");
}

std::string TasksResult(int id, const std::string& task_id) {
  return absl::StrCat(R"({"jsonrpc":"2.0","id":)", id,
                      R"(,"method":"tasks/result","params":{"taskId":")", task_id, R"("}})");
}

std::string ToolResult(int id, const std::string& text) {
  return absl::StrCat(R"({"jsonrpc":"2.0","id":)", id,
                      R"(,"result":{"content":[{"type":"text","text":")", text, R"("}]}})");
}

constexpr char kPolicy[] = R"pb(
  validation { mcp_messages: OFF tool_schemas: OFF }
  rules { id: "tasks" effect: ALLOW target { methods: "tasks/*" } }
  rules { id: "tools" effect: ALLOW target { tools: "*" } }
  rules { id: "no-keys-in-results" effect: DENY
          target { kinds: RESPONSE tools: "read_file" }
          condition { field { pointer: "/content" elements: ANY element_pointer: "/text"
                              string { contains: "PRIVATE KEY" } } } }
)pb";

constexpr char kAllowAll[] = "default_effect: ALLOW ";

constexpr char kKey[] = "-----BEGIN OPENSSH PRIVATE KEY-----";

// Found by an adversarial review: the same key a plain call's response rule
// denied passed as the answer to tasks/result.
TEST(Tasks, ATaskResultIsCheckedAsTheResultOfTheCallThatCreatedIt) {
  auto engine = MakeEngine(kPolicy);
  ASSERT_NE(engine, nullptr);
  auto session = engine->NewSession({Principal{}, "fs", ""});
  EXPECT_EQ(session->Check(CallReadFile(1, false), kToServer).decision(), Decision::kAllow);
  EXPECT_EQ(session->Check(ToolResult(1, kKey), kToClient).rule_id(), "no-keys-in-results");

  EXPECT_EQ(session->Check(CallReadFile(2, true), kToServer).decision(), Decision::kAllow);
  Verdict created = session->Check(CreateTaskResult(2, "task-7"), kToClient);
  EXPECT_EQ(created.decision(), Decision::kAllow) << created.reason();
  Verdict asked = session->Check(TasksResult(3, "task-7"), kToServer);
  EXPECT_EQ(asked.decision(), Decision::kAllow) << asked.reason();
  EXPECT_EQ(asked.rule_id(), "tasks");
  ASSERT_EQ(asked.notes().size(), 1u);
  EXPECT_THAT(asked.notes()[0], HasSubstr("tools/call of \"read_file\""));
  Verdict answer = session->Check(ToolResult(3, kKey), kToClient);
  EXPECT_EQ(answer.decision(), Decision::kDeny);
  EXPECT_EQ(answer.rule_id(), "no-keys-in-results");
  // A clean result passes, and a task's result may be asked for again.
  EXPECT_EQ(session->Check(TasksResult(4, "task-7"), kToServer).decision(), Decision::kAllow);
  EXPECT_EQ(session->Check(ToolResult(4, "hello"), kToClient).decision(), Decision::kAllow);
}

TEST(Tasks, AResultForATaskTheSessionDidNotSeeCreatedIsRefused) {
  auto engine = MakeEngine(kPolicy);
  ASSERT_NE(engine, nullptr);
  auto session = engine->NewSession({Principal{}, "fs", ""});
  Verdict unknown = session->Check(TasksResult(1, "task-9"), kToServer);
  EXPECT_EQ(unknown.decision(), Decision::kDeny);
  EXPECT_EQ(unknown.error_code(), -32602);
  EXPECT_THAT(std::string(unknown.reason()), HasSubstr("did not see created"));
  EXPECT_THAT(std::string(unknown.error_response()), HasSubstr("/params/taskId"));
  EXPECT_EQ(session->in_flight(kToServer), 0u);
  // Without a task id.
  Verdict bare = session->Check(
      R"({"jsonrpc":"2.0","id":2,"method":"tasks/result","params":{}})", kToServer);
  EXPECT_EQ(bare.error_code(), -32602);
  EXPECT_THAT(std::string(bare.reason()), HasSubstr("needs a string \"params.taskId\""));
  // A plain call's response names no task, even one shaped like a task's.
  EXPECT_EQ(session->Check(CallReadFile(3, false), kToServer).decision(), Decision::kAllow);
  session->Check(CreateTaskResult(3, "task-9"), kToClient);
  EXPECT_EQ(session->Check(TasksResult(4, "task-9"), kToServer).error_code(), -32602);
  // Nor does a task another session created.
  auto other = engine->NewSession({Principal{}, "fs", ""});
  other->Check(CallReadFile(1, true), kToServer);
  other->Check(CreateTaskResult(1, "task-10"), kToClient);
  EXPECT_EQ(session->Check(TasksResult(5, "task-10"), kToServer).error_code(), -32602);
  EXPECT_EQ(other->Check(TasksResult(2, "task-10"), kToServer).decision(), Decision::kAllow);
}

// A task id a second request's CreateTaskResult names again cannot say whose
// result it carries (found by a review: the latest creator won).
TEST(Tasks, ATaskIdNamedByTwoRequestsIsRefused) {
  auto engine = MakeEngine(kPolicy);
  ASSERT_NE(engine, nullptr);
  auto session = engine->NewSession({Principal{}, "fs", ""});
  session->Check(CallReadFile(1, true), kToServer);
  session->Check(CreateTaskResult(1, "T1"), kToClient);
  session->Check(absl::StrCat(R"({"jsonrpc":"2.0","id":2,"method":"tools/call","params":)",
                              R"({"name":"echo","arguments":{},"task":{}}})"),
                 kToServer);
  session->Check(CreateTaskResult(2, "T1"), kToClient);
  Verdict asked = session->Check(TasksResult(3, "T1"), kToServer);
  EXPECT_EQ(asked.error_code(), -32602);
  EXPECT_THAT(std::string(asked.reason()), HasSubstr("two requests"));
  // The same request's id again (a retry) is no conflict.
  session->Check(CallReadFile(4, true), kToServer);
  session->Check(CreateTaskResult(4, "T2"), kToClient);
  session->Check(CallReadFile(5, true), kToServer);
  session->Check(CreateTaskResult(5, "T2"), kToClient);
  EXPECT_EQ(session->Check(TasksResult(6, "T2"), kToServer).decision(), Decision::kAllow);
}

// A task made by a request the server sent the client (sampling) is the
// client's: its tasks/result goes to the client, not the server.
TEST(Tasks, TasksAreKeptByTheDirectionOfTheirRequest) {
  auto engine = MakeEngine(absl::StrCat(kAllowAll, "validation { mcp_messages: OFF tool_schemas: OFF }"));
  ASSERT_NE(engine, nullptr);
  auto session = engine->NewSession({Principal{}, "fs", ""});
  const std::string sampling =
      R"({"jsonrpc":"2.0","id":1,"method":"sampling/createMessage","params":{"messages":[],)"
      R"("maxTokens":10,"task":{}}})";
  EXPECT_EQ(session->Check(sampling, kToClient).decision(), Decision::kAllow);
  EXPECT_EQ(session->Check(CreateTaskResult(1, "s-1"), kToServer).decision(), Decision::kAllow);
  EXPECT_EQ(session->Check(TasksResult(2, "s-1"), kToServer).error_code(), -32602);
  Verdict to_client = session->Check(TasksResult(2, "s-1"), kToClient);
  EXPECT_EQ(to_client.decision(), Decision::kAllow) << to_client.reason();
  EXPECT_THAT(to_client.notes()[0], HasSubstr("sampling/createMessage that created the task"));
}

// With MCP validation on, the task-augmented call, its CreateTaskResult and
// the tasks/result exchange are checked against 2025-11-25's definitions.
TEST(Tasks, TheExchangeValidatesUnder2025_11_25) {
  auto engine = MakeEngine(absl::StrCat(kAllowAll, "validation { mcp_messages: ON tool_schemas: OFF }"));
  ASSERT_NE(engine, nullptr);
  auto session = engine->NewSession({Principal{}, "fs", ""});
  ASSERT_EQ(session
                ->Check(R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{)"
                        R"("protocolVersion":"2025-11-25","capabilities":{},)"
                        R"("clientInfo":{"name":"c","version":"1"}}})",
                        kToServer)
                .decision(),
            Decision::kAllow);
  Verdict init = session->Check(
      R"({"jsonrpc":"2.0","id":0,"result":{"protocolVersion":"2025-11-25","capabilities":)"
      R"({"tools":{},"tasks":{"requests":{"tools":{"call":{}}}}},)"
      R"("serverInfo":{"name":"s","version":"1"}}})",
      kToClient);
  ASSERT_EQ(init.decision(), Decision::kAllow) << init.reason();
  Verdict call = session->Check(CallReadFile(1, true), kToServer);
  ASSERT_EQ(call.decision(), Decision::kAllow) << call.reason();
  Verdict created = session->Check(CreateTaskResult(1, "t-1"), kToClient);
  ASSERT_EQ(created.decision(), Decision::kAllow) << created.reason();
  Verdict asked = session->Check(TasksResult(2, "t-1"), kToServer);
  ASSERT_EQ(asked.decision(), Decision::kAllow) << asked.reason();
  // The answer is read as a CallToolResult: content must be an array.
  Verdict bad = session->Check(R"({"jsonrpc":"2.0","id":2,"result":{"content":7}})", kToClient);
  EXPECT_EQ(bad.decision(), Decision::kDeny);
  EXPECT_THAT(std::string(bad.reason()), HasSubstr("content"));
}

}  // namespace
}  // namespace mcpguard
