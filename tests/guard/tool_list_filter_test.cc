// tools/list results lose the tools the session's principal can never call.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mcpguard/guard.h"
#include "rapidjson/document.h"

namespace mcpguard {
namespace {

using testing::ElementsAre;
using testing::HasSubstr;
using testing::Not;

constexpr char kPolicy[] = R"pb(
  validation { mcp_messages: OFF tool_schemas: OFF }
  rules { id: "protocol" effect: ALLOW target { methods: "tools/list" } }
  rules { id: "read" effect: ALLOW target { tools: "read_*" } }
  rules { id: "admin" effect: ALLOW target { tools: "*" } principal { role: "admin" } }
  rules { id: "no-delete" effect: DENY target { tools: "delete_file" } }
  rules { id: "no-etc-writes" effect: DENY target { tools: "write_file" }
          condition { field { pointer: "/arguments/path" string { prefix: "/etc/" } } } }
  rules { id: "ask-write" effect: ASK target { tools: "write_file" } }
)pb";

constexpr char kList[] =
    R"({"jsonrpc":"2.0","id":1,"result":{"tools":[)"
    R"({"name":"read_file","description":"Reads \u00e9 \"files\"","inputSchema":{"type":"object","properties":{"n":{"type":"number","maximum":1.5e300}}}},)"
    R"({"name":"write_file","inputSchema":{"type":"object"}},)"
    R"({"name":"delete_file","inputSchema":{"type":"object"}},)"
    R"({"name":"shell","inputSchema":{"type":"object"}}],"nextCursor":"c2"}})";

constexpr char kListRequest[] = R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})";

std::vector<std::string> ToolNames(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  std::vector<std::string> names;
  if (doc.HasParseError()) return {"<invalid JSON>"};
  for (const auto& tool : doc["result"]["tools"].GetArray()) {
    names.push_back(tool["name"].GetString());
  }
  return names;
}

class ToolListFilterTest : public testing::Test {
 protected:
  Verdict ListFor(Principal principal, const std::string& policy = kPolicy,
                  const std::string& list = kList) {
    auto compiled = CompilePolicy(policy, {PolicyFormat::kTextproto, "list"});
    EXPECT_TRUE(compiled.ok()) << compiled.status();
    auto engine = Engine::Create(*compiled);
    EXPECT_TRUE(engine.ok());
    engine_ = *std::move(engine);
    session_ = engine_->NewSession({std::move(principal), "fs", ""});
    EXPECT_TRUE(session_->Check(kListRequest, Direction::kToServer).allowed());
    return session_->Check(list, Direction::kToClient);
  }

  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Session> session_;
};

TEST_F(ToolListFilterTest, HidesToolsNoRuleLetsThePrincipalCall) {
  Verdict v = ListFor(Principal{});
  EXPECT_EQ(v.decision(), Decision::kRewrite);
  EXPECT_FALSE(v.allowed());
  // write_file stays: its DENY is conditional and an ASK can let it through.
  // delete_file has an unconditional DENY; shell meets only the default DENY.
  EXPECT_THAT(ToolNames(v.replacement()), ElementsAre("read_file", "write_file"));
  EXPECT_EQ(v.reason(),
            "tools/list rewritten: hid 2 tools the principal can never call (delete_file, shell)");
  EXPECT_TRUE(v.error_response().empty());
}

TEST_F(ToolListFilterTest, KeepsEverythingElseOfTheMessageIntact) {
  Verdict v = ListFor(Principal{});
  rapidjson::Document doc;
  doc.Parse(v.replacement().data(), v.replacement().size());
  ASSERT_FALSE(doc.HasParseError());
  EXPECT_STREQ(doc["jsonrpc"].GetString(), "2.0");
  EXPECT_EQ(doc["id"].GetInt(), 1);
  EXPECT_STREQ(doc["result"]["nextCursor"].GetString(), "c2");
  const auto& read = doc["result"]["tools"][0];
  EXPECT_STREQ(read["description"].GetString(), "Reads \xc3\xa9 \"files\"");
  EXPECT_EQ(read["inputSchema"]["properties"]["n"]["maximum"].GetDouble(), 1.5e300);
}

// A description with ANSI escapes (ESC is 0x1B) is written back escaped
// wherever the bytes fall: RapidJSON's vector string scan let 0x1A-0x1F
// through raw in aligned 16-byte blocks (json/json_writer.h), and the
// rewritten list was invalid JSON.
TEST_F(ToolListFilterTest, ControlCharactersStayEscapedInTheRewrittenList) {
  std::string description;
  for (int i = 0; i < 12; ++i) {
    absl::StrAppend(&description, "step ", i, " \\u001b[31mred\\u001b[0m \\u001f");
  }
  std::string list = kList;
  const std::string from = R"(Reads \u00e9 \"files\")";
  list.replace(list.find(from), from.size(), description);
  Verdict v = ListFor(Principal{}, kPolicy, list);
  ASSERT_EQ(v.decision(), Decision::kRewrite) << v.reason();
  const std::string out(v.replacement());
  for (size_t i = 0; i < out.size(); ++i) {
    ASSERT_GE(static_cast<unsigned char>(out[i]), 0x20) << "raw control byte at " << i << ": " << out;
  }
  EXPECT_THAT(out, HasSubstr("step 11 \\u001B[31mred\\u001B[0m \\u001F"));
}

TEST_F(ToolListFilterTest, ThePrincipalDecides) {
  Principal admin;
  admin.roles = {"admin"};
  Verdict v = ListFor(admin);
  // The admin rule reaches shell; delete_file's DENY still wins for everyone.
  EXPECT_THAT(ToolNames(v.replacement()), ElementsAre("read_file", "write_file", "shell"));
}

TEST_F(ToolListFilterTest, NothingToHideIsAPlainAllow) {
  Verdict v = ListFor(Principal{}, R"pb(
    validation { mcp_messages: OFF tool_schemas: OFF }
    default_effect: ALLOW
    rules { id: "no-delete" effect: DENY target { tools: "delete_file" }
            condition { field { pointer: "/arguments/force" present: true } } }
  )pb");
  EXPECT_EQ(v.decision(), Decision::kAllow);
  EXPECT_TRUE(v.replacement().empty());
}

TEST_F(ToolListFilterTest, CanBeSwitchedOff) {
  Verdict v = ListFor(Principal{}, absl::StrCat(kPolicy, "list_filtering { tools: OFF }"));
  EXPECT_EQ(v.decision(), Decision::kAllow);
}

TEST_F(ToolListFilterTest, AuditModeReportsTheRewriteButForwardsTheOriginal) {
  Verdict v = ListFor(Principal{}, absl::StrCat(kPolicy, "mode: AUDIT"));
  EXPECT_EQ(v.decision(), Decision::kAllow);
  EXPECT_EQ(v.policy_decision(), Decision::kRewrite);
  EXPECT_TRUE(v.replacement().empty());
  EXPECT_THAT(v.reason(), HasSubstr("hid 2 tools"));
}

TEST_F(ToolListFilterTest, ANewPolicyIsTakenIntoAccount) {
  ListFor(Principal{});
  auto wider = CompilePolicy(absl::StrCat(kPolicy, R"pb(
    rules { id: "shell" effect: ALLOW target { tools: "shell" } })pb"),
                             {PolicyFormat::kTextproto, "wider"});
  ASSERT_TRUE(wider.ok()) << wider.status();
  ASSERT_TRUE(engine_->SetPolicy(*wider).ok());
  ASSERT_TRUE(session_->Check(R"({"jsonrpc":"2.0","id":2,"method":"tools/list"})",
                              Direction::kToServer)
                  .allowed());
  std::string list = kList;
  list.replace(list.find(R"("id":1)"), 6, R"("id":2)");
  Verdict v = session_->Check(list, Direction::kToClient);
  EXPECT_THAT(ToolNames(v.replacement()), ElementsAre("read_file", "write_file", "shell"));
}

TEST_F(ToolListFilterTest, MalformedEntriesAreLeftForValidation) {
  // Entries without a string name cannot be called by name: the filter
  // leaves them alone (MCP validation, off here, rejects them).
  ListFor(Principal{});
  ASSERT_TRUE(session_->Check(R"({"jsonrpc":"2.0","id":3,"method":"tools/list"})",
                              Direction::kToServer)
                  .allowed());
  Verdict odd = session_->Check(
      R"({"jsonrpc":"2.0","id":3,"result":{"tools":[{"name":7},"x",{"name":"shell"}]}})",
      Direction::kToClient);
  EXPECT_EQ(odd.decision(), Decision::kRewrite);
  EXPECT_EQ(odd.replacement(), R"({"jsonrpc":"2.0","id":3,"result":{"tools":[{"name":7},"x"]}})");
}

}  // namespace
// prompts/list and resources/list lose what the principal can never get or
// read (found by an adversarial review: only tools/list was filtered, so
// names like "admin_reset_passwords" and file:///secret/payroll.xlsx were
// listed to a principal denied them).
TEST_F(ToolListFilterTest, PromptAndResourceListsAreFilteredToo) {
  constexpr char kPolicyOfLists[] = R"pb(
    validation { mcp_messages: OFF tool_schemas: OFF }
    rules { id: "lists" effect: ALLOW target { methods: "prompts/list" methods: "resources/list" } }
    rules { id: "public-prompts" effect: ALLOW target { prompts: "public_*" } }
    rules { id: "public-files" effect: ALLOW target { resources: "file:///public/*" } }
  )pb";
  auto compiled = CompilePolicy(kPolicyOfLists, {PolicyFormat::kTextproto, "lists"});
  ASSERT_TRUE(compiled.ok()) << compiled.status();
  auto engine = Engine::Create(*compiled);
  ASSERT_TRUE(engine.ok());
  std::unique_ptr<Session> session = (*engine)->NewSession({});
  ASSERT_TRUE(session->Check(R"({"jsonrpc":"2.0","id":1,"method":"prompts/list"})",
                             Direction::kToServer).allowed());
  Verdict prompts = session->Check(
      R"({"jsonrpc":"2.0","id":1,"result":{"prompts":[{"name":"public_greeting"},)"
      R"({"name":"admin_reset_passwords"}]}})",
      Direction::kToClient);
  EXPECT_EQ(prompts.decision(), Decision::kRewrite);
  EXPECT_THAT(prompts.replacement(), HasSubstr("public_greeting"));
  EXPECT_THAT(prompts.replacement(), Not(HasSubstr("admin_reset_passwords")));
  EXPECT_EQ(prompts.reason(),
            "prompts/list rewritten: hid 1 prompt the principal can never get "
            "(admin_reset_passwords)");
  ASSERT_TRUE(session->Check(R"({"jsonrpc":"2.0","id":2,"method":"resources/list"})",
                             Direction::kToServer).allowed());
  // Matched in the canonical spelling, as resources/read is.
  Verdict resources = session->Check(
      R"({"jsonrpc":"2.0","id":2,"result":{"resources":[{"uri":"FILE://localhost/public/a.txt",)"
      R"("name":"a"},{"uri":"file:///secret/payroll.xlsx","name":"2026 salaries"}]}})",
      Direction::kToClient);
  EXPECT_EQ(resources.decision(), Decision::kRewrite);
  EXPECT_THAT(resources.replacement(), HasSubstr("public/a.txt"));
  EXPECT_THAT(resources.replacement(), Not(HasSubstr("payroll")));
  // Switched off, each list is left as it came.
  compiled = CompilePolicy(absl::StrCat(kPolicyOfLists,
                                        "list_filtering { prompts: OFF resources: OFF }"),
                           {PolicyFormat::kTextproto, "lists"});
  ASSERT_TRUE(compiled.ok()) << compiled.status();
  engine = Engine::Create(*compiled);
  ASSERT_TRUE(engine.ok());
  session = (*engine)->NewSession({});
  ASSERT_TRUE(session->Check(R"({"jsonrpc":"2.0","id":1,"method":"prompts/list"})",
                             Direction::kToServer).allowed());
  EXPECT_EQ(session->Check(R"({"jsonrpc":"2.0","id":1,"result":{"prompts":[)"
                           R"({"name":"admin_reset_passwords"}]}})",
                           Direction::kToClient).decision(),
            Decision::kAllow);
}

}  // namespace mcpguard
