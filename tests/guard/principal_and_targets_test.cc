// Principal claims, scope requirements with the step-up hint, resource and
// prompt targets, RECORD rules and explanations, end to end through Check.
#include <string>

#include "absl/strings/str_cat.h"
#include "guard/engine_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mcpguard/guard.h"
#include "rapidjson/document.h"

namespace mcpguard {
namespace {

using testing::ElementsAre;
using testing::HasSubstr;

constexpr Direction kToServer = Direction::kToServer;

std::unique_ptr<Engine> MakeEngine(const std::string& policy_text) {
  return testing_engines::EngineFromText(policy_text);
}

std::string Request(int id, const std::string& method, const std::string& params) {
  return absl::StrCat(R"({"jsonrpc":"2.0","id":)", id, R"(,"method":")", method,
                      R"(","params":)", params, "}");
}

std::string CallTool(int id, const std::string& tool) {
  return Request(id, "tools/call", absl::StrCat(R"({"name":")", tool, R"(","arguments":{}})"));
}

rapidjson::Document Parse(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  EXPECT_FALSE(doc.HasParseError()) << json;
  return doc;
}

// ---------------------------------------------------------------- claims

constexpr char kClaimsPolicy[] = R"pb(
  validation { mcp_messages: OFF tool_schemas: OFF }
  rules { id: "tenant-acme" effect: ALLOW target { tools: "*" }
          principal { claim { name: "tenant" value { exact: "acme" } } } }
  rules { id: "has-mfa" effect: ALLOW target { tools: "admin_*" }
          principal { claim { name: "amr" } } }
)pb";

TEST(PrincipalClaims, StringAndListClaimsMatchAnyValue) {
  auto engine = MakeEngine(kClaimsPolicy);
  ASSERT_NE(engine, nullptr);
  Principal acme;
  acme.claims["tenant"] = {"other", "acme"};
  EXPECT_EQ(engine->NewSession({acme, "fs", ""})->Check(CallTool(1, "read"), kToServer).rule_id(),
            "tenant-acme");

  Principal other;
  other.claims["tenant"] = {"globex"};
  Verdict v = engine->NewSession({other, "fs", ""})->Check(CallTool(1, "read"), kToServer);
  EXPECT_EQ(v.decision(), Decision::kDeny);
  EXPECT_EQ(v.rule_id(), "");

  // A claim matcher without a value needs only the claim to exist, even empty.
  Principal mfa;
  mfa.claims["amr"] = {};
  EXPECT_EQ(engine->NewSession({mfa, "fs", ""})->Check(CallTool(1, "admin_reset"), kToServer)
                .rule_id(),
            "has-mfa");
  EXPECT_EQ(engine->NewSession({Principal{}, "fs", ""})
                ->Check(CallTool(1, "admin_reset"), kToServer)
                .decision(),
            Decision::kDeny);
}

// ------------------------------------------------------- scope requirements

constexpr char kScopePolicy[] = R"pb(
  validation { mcp_messages: OFF tool_schemas: OFF }
  default_effect: ALLOW
  scope_requirements { id: "write-scope" target { tools: "write_*" } scopes: "files:write" }
  scope_requirements { id: "admin-scope" target { tools: "write_config" }
                       scopes: "admin" scopes: "files:write" }
  scope_requirements { id: "notify" target { methods: "notifications/roots/list_changed" }
                       scopes: "roots" }
)pb";

TEST(ScopeRequirements, MissingScopeDeniesWithTheStepUpHint) {
  auto engine = MakeEngine(kScopePolicy);
  ASSERT_NE(engine, nullptr);
  Principal reader;
  reader.scopes = {"files:read"};
  auto session = engine->NewSession({reader, "fs", ""});
  Verdict v = session->Check(CallTool(7, "write_config"), kToServer);
  EXPECT_EQ(v.decision(), Decision::kDeny);
  EXPECT_EQ(v.rule_id(), "write-scope");  // The first requirement not met.
  // Every scope the call needs, in the order the requirements name them.
  EXPECT_THAT(v.required_scopes(), ElementsAre("files:write", "admin"));
  EXPECT_THAT(v.reason(), HasSubstr("insufficient_scope"));
  EXPECT_THAT(v.reason(), HasSubstr("missing files:write admin"));
  rapidjson::Document error = Parse(v.error_response());
  EXPECT_EQ(error["id"].GetInt(), 7);
  EXPECT_EQ(error["error"]["code"].GetInt(), kPolicyDenied);
  EXPECT_STREQ(error["error"]["data"]["error"].GetString(), "insufficient_scope");
  EXPECT_STREQ(error["error"]["data"]["scope"].GetString(), "files:write admin");
  EXPECT_STREQ(error["error"]["data"]["rule"].GetString(), "write-scope");
}

// A host may hand over a token's scope claim as it came, one string of
// space-separated scopes: the session reads each (found by an adversarial
// review: as one element it matched no rule's scope, and a DENY keyed on a
// scope never fired).
TEST(ScopeRequirements, AScopeListInOneStringIsReadScopeByScope) {
  auto engine = MakeEngine(std::string(kScopePolicy) + R"pb(
    rules { id: "read-only-no-delete" effect: DENY target { tools: "delete_*" }
            principal { scope: "files:readonly" } })pb");
  ASSERT_NE(engine, nullptr);
  Principal token;
  token.scopes = {"files:readonly  files:write\tadmin", "files:write"};
  auto session = engine->NewSession({token, "fs", ""});
  Verdict v = session->Check(CallTool(1, "delete_all"), kToServer);
  EXPECT_EQ(v.decision(), Decision::kDeny);
  EXPECT_EQ(v.rule_id(), "read-only-no-delete");
  EXPECT_EQ(session->Check(CallTool(2, "write_config"), kToServer).decision(), Decision::kAllow);
}

TEST(ScopeRequirements, HeldScopesPassToTheRules) {
  auto engine = MakeEngine(kScopePolicy);
  ASSERT_NE(engine, nullptr);
  Principal writer;
  writer.scopes = {"files:write"};
  auto session = engine->NewSession({writer, "fs", ""});
  Verdict v = session->Check(CallTool(1, "write_file"), kToServer);
  EXPECT_EQ(v.decision(), Decision::kAllow);
  EXPECT_TRUE(v.required_scopes().empty());
  // write_config needs admin too; the hint still lists both scopes it needs.
  Verdict config = session->Check(CallTool(2, "write_config"), kToServer);
  EXPECT_EQ(config.rule_id(), "admin-scope");
  EXPECT_THAT(config.required_scopes(), ElementsAre("files:write", "admin"));
  // Tools no requirement names are untouched.
  EXPECT_EQ(session->Check(CallTool(3, "read_file"), kToServer).decision(), Decision::kAllow);
}

TEST(ScopeRequirements, ANotificationIsDroppedWithoutAnErrorResponse) {
  auto engine = MakeEngine(kScopePolicy);
  ASSERT_NE(engine, nullptr);
  auto session = engine->NewSession({Principal{}, "fs", ""});
  Verdict v = session->Check(
      R"({"jsonrpc":"2.0","method":"notifications/roots/list_changed"})", kToServer);
  EXPECT_EQ(v.decision(), Decision::kDeny);
  EXPECT_THAT(v.required_scopes(), ElementsAre("roots"));
  EXPECT_TRUE(v.error_response().empty());
}

TEST(ScopeRequirements, AuditModeReportsButAllows) {
  auto engine = MakeEngine(absl::StrCat(kScopePolicy, "mode: AUDIT"));
  ASSERT_NE(engine, nullptr);
  auto session = engine->NewSession({Principal{}, "fs", ""});
  Verdict v = session->Check(CallTool(1, "write_file"), kToServer);
  EXPECT_EQ(v.decision(), Decision::kAllow);
  EXPECT_EQ(v.policy_decision(), Decision::kDeny);
  EXPECT_THAT(v.required_scopes(), ElementsAre("files:write"));
  EXPECT_TRUE(v.error_response().empty());
  // Forwarded, so in flight: its response is matched to it.
  EXPECT_EQ(session->in_flight(kToServer), 1u);
  Verdict response = session->Check(R"({"jsonrpc":"2.0","id":1,"result":{"content":[]}})",
                                    Direction::kToClient);
  EXPECT_EQ(response.policy_decision(), Decision::kAllow);
  EXPECT_EQ(response.reason(), "response to a forwarded request");
}

// ------------------------------------------------ resources and prompts

constexpr char kNamesPolicy[] = R"pb(
  validation { mcp_messages: OFF tool_schemas: OFF }
  rules { id: "docs" effect: ALLOW target { resources: "file:///srv/docs/*" } }
  rules { id: "no-secrets" effect: DENY target { resources: "*/.env" } }
  rules { id: "prompt" effect: ALLOW target { prompts: "summarize" } }
  rules { id: "tool-named-like-a-prompt" effect: ALLOW target { tools: "code_review" } }
  rules { id: "read-only-subscribe" effect: DENY
          target { methods: "resources/subscribe" resources: "*" } }
)pb";

TEST(NameTargets, ResourceUrisAndPromptNamesMatchTheirMethodsOnly) {
  auto engine = MakeEngine(kNamesPolicy);
  ASSERT_NE(engine, nullptr);
  auto session = engine->NewSession({Principal{}, "fs", ""});
  auto read = [&](int id, const std::string& uri) {
    return session->Check(Request(id, "resources/read", absl::StrCat(R"({"uri":")", uri, R"("})")),
                          kToServer);
  };
  EXPECT_EQ(read(1, "file:///srv/docs/a.md").rule_id(), "docs");
  Verdict env = read(2, "file:///srv/docs/.env");
  EXPECT_EQ(env.decision(), Decision::kDeny);
  EXPECT_EQ(env.rule_id(), "no-secrets");
  EXPECT_EQ(read(3, "file:///etc/passwd").decision(), Decision::kDeny);

  // Subscribing is the same kind of name, denied by its own rule.
  Verdict sub = session->Check(
      Request(4, "resources/subscribe", R"({"uri":"file:///srv/docs/a.md"})"), kToServer);
  EXPECT_EQ(sub.rule_id(), "read-only-subscribe");

  EXPECT_EQ(session->Check(Request(5, "prompts/get", R"({"name":"summarize"})"), kToServer)
                .rule_id(),
            "prompt");
  // A prompt named like an allowed tool is not that tool, and the reverse.
  EXPECT_EQ(session->Check(Request(6, "prompts/get", R"({"name":"code_review"})"), kToServer)
                .decision(),
            Decision::kDeny);
  EXPECT_EQ(session->Check(CallTool(7, "summarize"), kToServer).decision(), Decision::kDeny);
}

TEST(NameTargets, AMessageWithoutItsNameIsInvalidParams) {
  auto engine = MakeEngine(kNamesPolicy);
  ASSERT_NE(engine, nullptr);
  auto session = engine->NewSession({Principal{}, "fs", ""});
  Verdict v = session->Check(Request(1, "resources/read", R"({"url":"file:///srv/docs/a"})"),
                             kToServer);
  EXPECT_EQ(v.decision(), Decision::kDeny);
  EXPECT_EQ(v.error_code(), kInvalidParams);
  EXPECT_EQ(std::string(v.reason()), "resources/read needs a non-empty string \"params.uri\"");
  rapidjson::Document error = Parse(v.error_response());
  EXPECT_STREQ(error["error"]["data"]["pointer"].GetString(), "/params/uri");
}

// "file:///srv/docs/*" would match these, and URL parsers read each as a
// file outside /srv/docs (or as .env, past the DENY).
TEST(NameTargets, AResourceUriServersReadAsAnotherIsInvalidParams) {
  auto engine = MakeEngine(kNamesPolicy);
  ASSERT_NE(engine, nullptr);
  auto session = engine->NewSession({Principal{}, "fs", ""});
  int id = 0;
  auto read = [&](const std::string& uri_json) {
    return session->Check(
        Request(++id, "resources/read", absl::StrCat(R"({"uri":")", uri_json, R"("})")),
        kToServer);
  };
  // JSON text: "\\" is a backslash, "\t" a tab.
  for (const char* uri : {
           R"(file:///srv/docs/../../etc/passwd)",
           R"(file:///srv/docs/%2e%2e/%2E%2e/etc/passwd)",
           R"(file:///srv/docs/.%2e/x)",
           R"(file:///srv/docs/./.env)",
           R"(file:///srv/docs/..)",
           R"(file:///srv/docs/..\\..\\etc\\passwd)",
           R"(file:///srv/docs/.\t./.\n./etc/passwd)",
           R"(file:///srv/docs/.e\tnv)",
           R"( file:///srv/docs/a)",
           R"(file:///srv/docs/a\u0001)",
       }) {
    Verdict v = read(uri);
    EXPECT_EQ(v.decision(), Decision::kDeny) << uri;
    EXPECT_EQ(v.error_code(), kInvalidParams) << uri;
    EXPECT_THAT(std::string(v.reason()), HasSubstr("which servers read as another URI")) << uri;
    rapidjson::Document error = Parse(v.error_response());
    ASSERT_TRUE(error.IsObject()) << uri;
    EXPECT_STREQ(error["error"]["data"]["pointer"].GetString(), "/params/uri") << uri;
  }
  // Dots inside a name are what they say.
  for (const char* uri : {"file:///srv/docs/...", "file:///srv/docs/a..b", "file:///srv/docs/.md"}) {
    Verdict v = read(uri);
    EXPECT_EQ(v.rule_id(), "docs") << uri << ": " << v.reason();
  }
  // A file system drops a query and a fragment, so a glob that matched the
  // URI with them would not be matching the file the server reads (found
  // by an adversarial review: "file:///etc/passwd?x" passed a DENY on
  // "file:///etc/passwd").
  for (const char* uri : {"file:///srv/docs/a?up=../..", "file:///srv/docs/a#../x",
                          "file:///etc/passwd?x", "FILE:/etc/passwd#"}) {
    Verdict v = read(uri);
    EXPECT_EQ(v.error_code(), kInvalidParams) << uri;
    EXPECT_THAT(std::string(v.reason()), HasSubstr("query or fragment")) << uri;
  }
}

// A DENY on a resource glob holds against the spellings RFC 3986 and RFC
// 8089 call the same URI; allowed ones still match their rules.
TEST(NameTargets, ResourceGlobsMatchTheCanonicalSpelling) {
  auto engine = MakeEngine(R"pb(
    validation { mcp_messages: OFF tool_schemas: OFF }
    default_effect: ALLOW
    rules { id: "no-etc" effect: DENY target { resources: "file:///etc/*" } }
    rules { id: "docs" effect: ALLOW target { resources: "file:///srv/docs/*" } }
  )pb");
  ASSERT_NE(engine, nullptr);
  auto session = engine->NewSession({Principal{}, "fs", ""});
  int id = 0;
  auto read = [&](const std::string& uri) {
    return session->Check(
        Request(++id, "resources/read", absl::StrCat(R"({"uri":")", uri, R"("})")), kToServer);
  };
  for (const char* uri : {"file:///etc/passwd", "FILE:///etc/passwd",
                          "file://localhost/etc/passwd", "file://LocalHost/etc/passwd",
                          "file:///%65tc/passwd", "File:///%65%74%63/shadow",
                          "file:/etc/passwd", "file:etc/passwd", "FILE:/etc//passwd"}) {
    Verdict v = read(uri);
    EXPECT_EQ(v.decision(), Decision::kDeny) << uri;
    EXPECT_EQ(v.rule_id(), "no-etc") << uri;
  }
  EXPECT_EQ(read("FILE://localhost/srv/docs/a.md").rule_id(), "docs");
  // Not /etc: another host's, and a name that only starts like it.
  EXPECT_EQ(read("file://server/etc/passwd").rule_id(), "");
  EXPECT_EQ(read("file:///etcetera").rule_id(), "");
}

// A name is kept with its request while in flight: one longer than 8 KiB
// is refused rather than held (up to max_in_flight_requests of them).
TEST(NameTargets, AnOverlongNameIsInvalidParams) {
  auto engine = MakeEngine(kNamesPolicy);
  ASSERT_NE(engine, nullptr);
  auto session = engine->NewSession({Principal{}, "fs", ""});
  Verdict v = session->Check(
      Request(1, "resources/read",
              absl::StrCat(R"({"uri":"file:///srv/docs/)", std::string(8192, 'a'), R"("})")),
      kToServer);
  EXPECT_EQ(v.error_code(), kInvalidParams);
  EXPECT_EQ(std::string(v.reason()), "resources/read \"params.uri\" is longer than 8192 bytes");
  rapidjson::Document error = Parse(v.error_response());
  EXPECT_STREQ(error["error"]["data"]["pointer"].GetString(), "/params/uri");
  EXPECT_EQ(session->in_flight(kToServer), 0u);
  Verdict fits = session->Check(
      Request(2, "resources/read",
              absl::StrCat(R"({"uri":"file:///srv/docs/)", std::string(8000, 'a'), R"("})")),
      kToServer);
  EXPECT_EQ(fits.rule_id(), "docs");
}

TEST(NameTargets, AResponseInheritsItsRequestsResource) {
  auto engine = MakeEngine(R"pb(
    validation { mcp_messages: OFF tool_schemas: OFF }
    rules { id: "read" effect: ALLOW target { resources: "*" } }
    rules { id: "no-keys-in-results" effect: DENY
            target { kinds: RESPONSE resources: "file:///home/*" }
            condition { field { pointer: "/contents/0/text" string { contains: "PRIVATE KEY" } } } }
  )pb");
  ASSERT_NE(engine, nullptr);
  auto session = engine->NewSession({Principal{}, "fs", ""});
  ASSERT_TRUE(session->Check(Request(1, "resources/read", R"({"uri":"file:///home/a/id"})"),
                             kToServer)
                  .allowed());
  Verdict v = session->Check(
      R"({"jsonrpc":"2.0","id":1,"result":{"contents":[{"uri":"file:///home/a/id","text":"-----BEGIN PRIVATE KEY-----"}]}})",
      Direction::kToClient);
  EXPECT_EQ(v.decision(), Decision::kDeny);
  EXPECT_EQ(v.rule_id(), "no-keys-in-results");
}

// ------------------------------------------------------------- RECORD

TEST(RecordRules, MatchesAreRecordedAndTheDecisionIsLeftToOtherRules) {
  auto engine = MakeEngine(R"pb(
    validation { mcp_messages: OFF tool_schemas: OFF }
    rules { id: "allow-all" effect: ALLOW target { tools: "*" } }
    rules { id: "watch-shell" effect: RECORD target { tools: "run_*" } }
    rules { id: "watch-sudo" effect: RECORD target { tools: "*" }
            condition { field { pointer: "/arguments/cmd" string { prefix: "sudo " } } } }
    rules { id: "deny-rm" effect: DENY target { tools: "run_shell" }
            condition { field { pointer: "/arguments/cmd" string { contains: "rm -rf" } } } }
  )pb");
  ASSERT_NE(engine, nullptr);
  auto session = engine->NewSession({Principal{}, "fs", ""});
  auto run = [&](int id, const std::string& cmd) {
    return session->Check(
        Request(id, "tools/call",
                absl::StrCat(R"({"name":"run_shell","arguments":{"cmd":")", cmd, R"("}})")),
        kToServer);
  };
  Verdict ls = run(1, "ls");
  EXPECT_EQ(ls.decision(), Decision::kAllow);
  EXPECT_EQ(ls.rule_id(), "allow-all");
  EXPECT_THAT(ls.recorded_rules(), ElementsAre("watch-shell"));

  Verdict sudo = run(2, "sudo rm -rf /");
  EXPECT_EQ(sudo.decision(), Decision::kDeny);
  EXPECT_EQ(sudo.rule_id(), "deny-rm");
  EXPECT_THAT(sudo.recorded_rules(), ElementsAre("watch-shell", "watch-sudo"));

  EXPECT_TRUE(session->Check(CallTool(3, "read"), kToServer).recorded_rules().empty());
}

// -------------------------------------------------------- explanations

TEST(Explain, TraceNamesEveryRuleConsideredAndWhy) {
  auto engine = MakeEngine(R"pb(
    validation { mcp_messages: OFF tool_schemas: OFF }
    rules { id: "admins-only" effect: ALLOW target { tools: "*" } principal { role: "admin" } }
    rules { id: "deny-etc" effect: DENY target { tools: "read_file" }
            condition { field { pointer: "/arguments/path" string { prefix: "/etc/" } } } }
    rules { id: "read-srv" effect: ALLOW target { tools: "read_file" }
            condition { field { pointer: "/arguments/path" path { roots: "/srv" } } } }
    rules { id: "read-tmp" effect: ALLOW target { tools: "read_file" }
            condition { field { pointer: "/arguments/path" path { roots: "/tmp" } } } }
  )pb");
  ASSERT_NE(engine, nullptr);
  auto session = engine->NewSession({Principal{}, "fs", ""});
  const std::string call =
      Request(1, "tools/call", R"({"name":"read_file","arguments":{"path":"/tmp/x"}})");
  CheckOptions explain;
  explain.explain = true;
  Verdict v = session->Check(call, kToServer, explain);
  EXPECT_EQ(v.rule_id(), "read-tmp");
  ASSERT_EQ(v.trace().size(), 4u);
  EXPECT_EQ(v.trace()[0].rule, "deny-etc");
  EXPECT_EQ(v.trace()[0].outcome, TraceStep::Outcome::kConditionFalse);
  EXPECT_EQ(v.trace()[0].detail, R"(/arguments/path = "/tmp/x" is not a string with prefix "/etc/")");
  EXPECT_EQ(v.trace()[1].rule, "admins-only");
  EXPECT_EQ(v.trace()[1].outcome, TraceStep::Outcome::kNotApplicable);
  EXPECT_EQ(v.trace()[2].rule, "read-srv");
  EXPECT_EQ(v.trace()[2].outcome, TraceStep::Outcome::kConditionFalse);
  EXPECT_THAT(v.trace()[2].detail, HasSubstr(R"(/arguments/path = "/tmp/x" is not a path within "/srv")"));
  EXPECT_EQ(v.trace()[3].rule, "read-tmp");
  EXPECT_EQ(v.trace()[3].outcome, TraceStep::Outcome::kMatched);

  // Without the option there is no trace (and no cost).
  EXPECT_TRUE(session->Check(Request(2, "tools/call",
                                     R"({"name":"read_file","arguments":{"path":"/tmp/y"}})"),
                             kToServer)
                  .trace()
                  .empty());

  Verdict none = session->Check(CallTool(3, "write_file"), kToServer, explain);
  ASSERT_EQ(none.trace().size(), 2u);
  EXPECT_EQ(none.trace()[1].outcome, TraceStep::Outcome::kDefault);
  EXPECT_EQ(none.trace()[1].detail, "no rule matched: the default effect, deny");
  EXPECT_STREQ(TraceOutcomeName(none.trace()[1].outcome), "default");
}

}  // namespace
}  // namespace mcpguard
