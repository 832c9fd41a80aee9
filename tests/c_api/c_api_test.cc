// Tests of the C API (include/mcpguard/mcpguard.h) through its C functions
// only: decisions on real policy text, error objects, argument checks, hot
// reload, and the fail-closed accessors.
#include "mcpguard/mcpguard.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rapidjson/document.h"

namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr char kPolicy[] = R"pb(
name: "t" default_effect: DENY
validation { mcp_messages: OFF tool_schemas: OFF }
rules {
  id: "allow-read" effect: ALLOW
  target { methods: "tools/call" tools: "read_file" } principal { role: "dev" }
}
rules {
  id: "deny-etc" effect: DENY target { tools: "read_file" }
  condition { field { pointer: "/arguments/path" string { prefix: "/etc/" } } }
}
)pb";

// Denies read_file for everyone; allows write_file for everyone.
constexpr char kSwappedPolicy[] = R"pb(
name: "swapped" default_effect: DENY
validation { mcp_messages: OFF tool_schemas: OFF }
rules { id: "allow-write" effect: ALLOW target { tools: "write_file" } }
)pb";

std::string Call(int id, const std::string& tool, const std::string& path) {
  return R"({"jsonrpc":"2.0","id":)" + std::to_string(id) +
         R"(,"method":"tools/call","params":{"name":")" + tool +
         R"(","arguments":{"path":")" + path + R"("}}})";
}

// RAII owners, so a failing assertion leaks nothing.
struct ErrorPtr {
  mcpguard_error* p = nullptr;
  ~ErrorPtr() { mcpguard_error_free(p); }
  std::string message() const { return mcpguard_error_message(p, nullptr); }
};
struct EnginePtr {
  mcpguard_engine* p = nullptr;
  ~EnginePtr() { mcpguard_engine_free(p); }
};
struct SessionPtr {
  mcpguard_session* p = nullptr;
  ~SessionPtr() { mcpguard_session_free(p); }
};
struct VerdictPtr {
  mcpguard_verdict* p = nullptr;
  ~VerdictPtr() { mcpguard_verdict_free(p); }
};

mcpguard_string_view View(const std::string& s) { return {s.data(), s.size()}; }

void NewEngine(const char* policy, EnginePtr* engine) {
  ErrorPtr err;
  ASSERT_EQ(mcpguard_engine_new_from_policy(policy, std::strlen(policy),
                                            MCPGUARD_FORMAT_TEXTPROTO, "t.textproto",
                                            &engine->p, &err.p),
            MCPGUARD_OK)
      << err.message();
  ASSERT_NE(engine->p, nullptr);
  EXPECT_EQ(err.p, nullptr);
}

void NewSession(const mcpguard_engine* engine, const std::vector<std::string>& roles,
                SessionPtr* session) {
  std::vector<mcpguard_string_view> role_views;
  for (const std::string& role : roles) role_views.push_back(View(role));
  mcpguard_principal principal = {};
  principal.subject = {"alice", 5};
  principal.roles = role_views.data();
  principal.role_count = role_views.size();
  ErrorPtr err;
  ASSERT_EQ(mcpguard_session_new(engine, &principal, "fs", 2, &session->p, &err.p), MCPGUARD_OK)
      << err.message();
  ASSERT_NE(session->p, nullptr);
}

void Check(mcpguard_session* session, const std::string& msg, int direction,
           VerdictPtr* verdict) {
  ErrorPtr err;
  ASSERT_EQ(mcpguard_session_check(session, msg.data(), msg.size(), direction, &verdict->p,
                                   &err.p),
            MCPGUARD_OK)
      << err.message();
  ASSERT_NE(verdict->p, nullptr);
}

std::string RuleId(const mcpguard_verdict* v) {
  size_t len = 99;
  const char* s = mcpguard_verdict_rule_id(v, &len);
  return std::string(s, len);
}

// An engine on kPolicy and a session for a principal with role "dev": the
// starting point of most tests below.
class CApiDevSession : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(NewEngine(kPolicy, &engine));
    ASSERT_NO_FATAL_FAILURE(NewSession(engine.p, {"dev"}, &session));
  }
  EnginePtr engine;
  SessionPtr session;
};

// Claims reach the rules through the C API as through C++ (found by an
// adversarial review: the C principal had no claims, so a claim-keyed DENY
// never fired for a C host); scopes given as one string are read one by one.
TEST(CApi, ClaimsAndAScopeStringReachTheRules) {
  EnginePtr engine;
  ASSERT_NO_FATAL_FAILURE(NewEngine(R"pb(
    validation { mcp_messages: OFF tool_schemas: OFF }
    default_effect: ALLOW
    rules { id: "suspended" effect: DENY target { tools: "*" }
            principal { claim { name: "account_status" value { exact: "suspended" } } } }
    rules { id: "read-only" effect: DENY target { tools: "delete_*" }
            principal { scope: "files:readonly" } })pb",
                                    &engine));
  const mcpguard_string_view statuses[] = {{"active", 6}, {"suspended", 9}};
  const mcpguard_claim claims[] = {{{"tenant", 6}, nullptr, 0},
                                   {{"account_status", 14}, statuses, 2}};
  const mcpguard_string_view scopes[] = {{"files:readonly files:write", 26}};
  mcpguard_principal principal = {};
  principal.claims = claims;
  principal.claim_count = 2;
  SessionPtr suspended;
  ASSERT_EQ(mcpguard_session_new(engine.p, &principal, "fs", 2, &suspended.p, nullptr),
            MCPGUARD_OK);
  VerdictPtr v;
  ASSERT_NO_FATAL_FAILURE(Check(suspended.p, Call(1, "read_file", "/srv/a"), 0, &v));
  EXPECT_EQ(mcpguard_verdict_decision(v.p), MCPGUARD_DENY);
  EXPECT_EQ(RuleId(v.p), "suspended");
  principal.claim_count = 1;
  principal.scopes = scopes;
  principal.scope_count = 1;
  SessionPtr read_only;
  ASSERT_EQ(mcpguard_session_new(engine.p, &principal, "fs", 2, &read_only.p, nullptr),
            MCPGUARD_OK);
  VerdictPtr read, remove;
  ASSERT_NO_FATAL_FAILURE(Check(read_only.p, Call(2, "read_file", "/srv/a"), 0, &read));
  EXPECT_EQ(mcpguard_verdict_decision(read.p), MCPGUARD_ALLOW);
  ASSERT_NO_FATAL_FAILURE(Check(read_only.p, Call(3, "delete_file", "/srv/a"), 0, &remove));
  EXPECT_EQ(RuleId(remove.p), "read-only");
}

TEST(CApi, AbiVersionMatchesHeader) {
  EXPECT_EQ(mcpguard_abi_version(), MCPGUARD_ABI_VERSION);
}

TEST(CApi, StatusStringNamesEveryStatus) {
  const struct {
    int status;
    const char* name;
  } kCases[] = {
      {MCPGUARD_OK, "OK"},
      {MCPGUARD_INVALID_ARGUMENT, "INVALID_ARGUMENT"},
      {MCPGUARD_POLICY_ERROR, "POLICY_ERROR"},
      {MCPGUARD_NOT_FOUND, "NOT_FOUND"},
      {MCPGUARD_IO_ERROR, "IO_ERROR"},
      {MCPGUARD_INTERNAL, "INTERNAL"},
      {-1, "UNKNOWN"},
      {1000, "UNKNOWN"},
  };
  for (const auto& c : kCases) EXPECT_STREQ(mcpguard_status_string(c.status), c.name);
}

TEST(CApi, CheckDecidesByPolicyAndPrincipalRoles) {
  const struct {
    const char* name;
    std::vector<std::string> roles;
    std::string message;
    int decision;
    const char* rule_id;
    int error_code;
  } kCases[] = {
      {"dev_reads_srv", {"dev"}, Call(1, "read_file", "/srv/a"), MCPGUARD_ALLOW, "allow-read", 0},
      {"dev_among_roles", {"ops", "dev"}, Call(2, "read_file", "/srv/a"), MCPGUARD_ALLOW,
       "allow-read", 0},
      {"deny_beats_allow", {"dev"}, Call(3, "read_file", "/etc/passwd"), MCPGUARD_DENY,
       "deny-etc", MCPGUARD_JSONRPC_POLICY_DENIED},
      {"other_role_default_deny", {"ops"}, Call(4, "read_file", "/srv/a"), MCPGUARD_DENY, "",
       MCPGUARD_JSONRPC_POLICY_DENIED},
      {"no_roles_default_deny", {}, Call(5, "read_file", "/srv/a"), MCPGUARD_DENY, "",
       MCPGUARD_JSONRPC_POLICY_DENIED},
      {"role_is_case_sensitive", {"Dev"}, Call(6, "read_file", "/srv/a"), MCPGUARD_DENY, "",
       MCPGUARD_JSONRPC_POLICY_DENIED},
      {"other_tool_default_deny", {"dev"}, Call(7, "write_file", "/srv/a"), MCPGUARD_DENY, "",
       MCPGUARD_JSONRPC_POLICY_DENIED},
      {"not_json", {"dev"}, "{\"jsonrpc\":", MCPGUARD_DENY, "", MCPGUARD_JSONRPC_PARSE_ERROR},
      {"empty_message", {"dev"}, "", MCPGUARD_DENY, "", MCPGUARD_JSONRPC_PARSE_ERROR},
  };
  EnginePtr engine;
  ASSERT_NO_FATAL_FAILURE(NewEngine(kPolicy, &engine));
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.name);
    SessionPtr session;
    ASSERT_NO_FATAL_FAILURE(NewSession(engine.p, c.roles, &session));
    VerdictPtr v;
    ASSERT_NO_FATAL_FAILURE(Check(session.p, c.message, MCPGUARD_TO_SERVER, &v));
    EXPECT_EQ(mcpguard_verdict_decision(v.p), c.decision);
    EXPECT_EQ(mcpguard_verdict_policy_decision(v.p), c.decision);
    EXPECT_EQ(mcpguard_verdict_audit_only(v.p), 0);
    EXPECT_EQ(RuleId(v.p), c.rule_id);
    EXPECT_EQ(mcpguard_verdict_error_code(v.p), c.error_code);
    EXPECT_EQ(mcpguard_verdict_direction(v.p), MCPGUARD_TO_SERVER);
    size_t reason_len = 0;
    const char* reason = mcpguard_verdict_reason(v.p, &reason_len);
    EXPECT_GT(reason_len, 0u);
    EXPECT_EQ(std::strlen(reason), reason_len);  // NUL-terminated.
    size_t response_len = 99;
    mcpguard_verdict_error_response(v.p, &response_len);
    EXPECT_EQ(response_len == 0, c.decision == MCPGUARD_ALLOW);
  }
}

TEST_F(CApiDevSession, DenyErrorResponseCarriesIdCodeAndRule) {
  VerdictPtr v;
  ASSERT_NO_FATAL_FAILURE(
      Check(session.p, Call(42, "read_file", "/etc/shadow"), MCPGUARD_TO_SERVER, &v));
  EXPECT_EQ(mcpguard_verdict_kind(v.p), MCPGUARD_KIND_REQUEST);
  size_t len = 0;
  const char* response = mcpguard_verdict_error_response(v.p, &len);
  ASSERT_GT(len, 0u);
  EXPECT_EQ(std::strlen(response), len);
  rapidjson::Document doc;
  doc.Parse(response, len);
  ASSERT_FALSE(doc.HasParseError()) << response;
  ASSERT_TRUE(doc.IsObject());
  EXPECT_STREQ(doc["jsonrpc"].GetString(), "2.0");
  ASSERT_TRUE(doc["id"].IsInt());
  EXPECT_EQ(doc["id"].GetInt(), 42);
  const rapidjson::Value& error = doc["error"];
  ASSERT_TRUE(error.IsObject());
  ASSERT_TRUE(error["code"].IsInt());
  EXPECT_EQ(error["code"].GetInt(), -32030);
  ASSERT_TRUE(error.HasMember("data") && error["data"].HasMember("rule"));
  EXPECT_STREQ(error["data"]["rule"].GetString(), "deny-etc");
}

TEST_F(CApiDevSession, ResponseIsCheckedAgainstItsRequest) {
  VerdictPtr request;
  ASSERT_NO_FATAL_FAILURE(
      Check(session.p, Call(9, "read_file", "/srv/a"), MCPGUARD_TO_SERVER, &request));
  ASSERT_EQ(mcpguard_verdict_decision(request.p), MCPGUARD_ALLOW);
  EXPECT_EQ(mcpguard_session_in_flight(session.p, MCPGUARD_TO_SERVER), 1u);
  VerdictPtr response;
  ASSERT_NO_FATAL_FAILURE(Check(session.p,
                                R"({"jsonrpc":"2.0","id":9,"result":{"content":[]}})",
                                MCPGUARD_TO_CLIENT, &response));
  EXPECT_EQ(mcpguard_verdict_decision(response.p), MCPGUARD_ALLOW);
  EXPECT_EQ(mcpguard_verdict_kind(response.p), MCPGUARD_KIND_RESPONSE);
  EXPECT_EQ(mcpguard_verdict_direction(response.p), MCPGUARD_TO_CLIENT);
  EXPECT_EQ(mcpguard_session_in_flight(session.p, MCPGUARD_TO_SERVER), 0u);
}

TEST(CApi, AuditModeAllowsButReportsPolicyDecision) {
  const std::string policy = std::string("mode: AUDIT\n") + kPolicy;
  EnginePtr engine;
  ASSERT_NO_FATAL_FAILURE(NewEngine(policy.c_str(), &engine));
  SessionPtr session;
  ASSERT_NO_FATAL_FAILURE(NewSession(engine.p, {"dev"}, &session));
  VerdictPtr v;
  ASSERT_NO_FATAL_FAILURE(
      Check(session.p, Call(1, "read_file", "/etc/passwd"), MCPGUARD_TO_SERVER, &v));
  EXPECT_EQ(mcpguard_verdict_decision(v.p), MCPGUARD_ALLOW);
  EXPECT_EQ(mcpguard_verdict_policy_decision(v.p), MCPGUARD_DENY);
  EXPECT_EQ(mcpguard_verdict_audit_only(v.p), 1);
  EXPECT_EQ(RuleId(v.p), "deny-etc");
  size_t len = 99;
  EXPECT_STREQ(mcpguard_verdict_error_response(v.p, &len), "");
  EXPECT_EQ(len, 0u);
}

TEST(CApi, PolicyFormatsAllCompile) {
  const struct {
    const char* name;
    std::string policy;
    int format;
  } kCases[] = {
      {"textproto", kPolicy, MCPGUARD_FORMAT_TEXTPROTO},
      {"auto_textproto", kPolicy, MCPGUARD_FORMAT_AUTO},
      {"json",
       R"({"name":"j","validation":{"toolSchemas":"OFF"},)"
       R"("rules":[{"id":"allow-read","effect":"ALLOW","target":{"tools":["read_file"]}}]})",
       MCPGUARD_FORMAT_JSON},
      {"auto_json",
       R"( {"name":"j","validation":{"toolSchemas":"OFF"},)"
       R"("rules":[{"id":"allow-read","effect":"ALLOW","target":{"tools":["read_file"]}}]})",
       MCPGUARD_FORMAT_AUTO},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.name);
    EnginePtr engine;
    ErrorPtr err;
    ASSERT_EQ(mcpguard_engine_new_from_policy(c.policy.data(), c.policy.size(), c.format,
                                              nullptr, &engine.p, &err.p),
              MCPGUARD_OK)
        << err.message();
    SessionPtr session;
    ASSERT_NO_FATAL_FAILURE(NewSession(engine.p, {"dev"}, &session));
    VerdictPtr v;
    ASSERT_NO_FATAL_FAILURE(
        Check(session.p, Call(1, "read_file", "/srv/a"), MCPGUARD_TO_SERVER, &v));
    EXPECT_EQ(mcpguard_verdict_decision(v.p), MCPGUARD_ALLOW);
    EXPECT_EQ(RuleId(v.p), "allow-read");
  }
}

TEST(CApi, PolicyErrorsListEveryProblemWithFileAndLine) {
  const struct {
    const char* name;
    std::string policy;
    int format;
    std::vector<std::string> lines;  // Prefixes of the message's lines, in order.
  } kCases[] = {
      {"syntax_error", "name: \"x\"\nrules { id: \"a\" effect: ALOW }\n",
       MCPGUARD_FORMAT_TEXTPROTO, {"bad.textproto:2:"}},
      {"two_compile_errors",
       "name: \"x\"\n"
       "rules { id: \"a\" effect: ALLOW target { } }\n"
       "rules { id: \"b\" target { tools: \"t\" } }\n",
       MCPGUARD_FORMAT_TEXTPROTO, {"bad.textproto:2:", "bad.textproto:3:"}},
      {"json_unknown_field", "{\"name\":\"x\",\n\"nope\":1}", MCPGUARD_FORMAT_JSON,
       {"bad.textproto:2:"}},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.name);
    int dummy = 0;
    mcpguard_engine* engine = reinterpret_cast<mcpguard_engine*>(&dummy);  // Must be reset.
    ErrorPtr err;
    EXPECT_EQ(mcpguard_engine_new_from_policy(c.policy.data(), c.policy.size(), c.format,
                                              "bad.textproto", &engine, &err.p),
              MCPGUARD_POLICY_ERROR);
    EXPECT_EQ(engine, nullptr);
    ASSERT_NE(err.p, nullptr);
    EXPECT_EQ(mcpguard_error_code(err.p), MCPGUARD_POLICY_ERROR);
    size_t len = 0;
    std::string message(mcpguard_error_message(err.p, &len));
    EXPECT_EQ(message.size(), len);
    std::vector<std::string> lines;
    for (size_t start = 0; start <= message.size();) {
      size_t end = message.find('\n', start);
      if (end == std::string::npos) end = message.size();
      lines.push_back(message.substr(start, end - start));
      start = end + 1;
    }
    ASSERT_EQ(lines.size(), c.lines.size()) << message;
    for (size_t i = 0; i < lines.size(); ++i) {
      EXPECT_THAT(lines[i], StartsWith(c.lines[i]));
      EXPECT_THAT(lines[i], HasSubstr("error"));
    }
  }
}

TEST(CApi, InvalidFormatAndDirectionAreInvalidArguments) {
  EnginePtr engine;
  ErrorPtr err;
  EXPECT_EQ(mcpguard_engine_new_from_policy(kPolicy, std::strlen(kPolicy), 7, nullptr,
                                            &engine.p, &err.p),
            MCPGUARD_INVALID_ARGUMENT);
  EXPECT_THAT(err.message(), HasSubstr("unknown policy format 7"));
  ASSERT_NO_FATAL_FAILURE(NewEngine(kPolicy, &engine));
  SessionPtr session;
  ASSERT_NO_FATAL_FAILURE(NewSession(engine.p, {"dev"}, &session));
  const std::string msg = Call(1, "read_file", "/srv/a");
  VerdictPtr v;
  ErrorPtr err2;
  EXPECT_EQ(mcpguard_session_check(session.p, msg.data(), msg.size(), 2, &v.p, &err2.p),
            MCPGUARD_INVALID_ARGUMENT);
  EXPECT_EQ(v.p, nullptr);
  EXPECT_THAT(err2.message(), HasSubstr("unknown direction 2"));
  EXPECT_EQ(mcpguard_session_in_flight(session.p, 2), 0u);
}

TEST_F(CApiDevSession, SetPolicySwapsDecisionsAndFailedSwapKeepsOldPolicy) {
  int next_id = 1;  // Ids stay in flight (no responses), so never reuse one.
  auto decide = [&](const std::string& tool) {
    VerdictPtr v;
    Check(session.p, Call(next_id++, tool, "/srv/a"), MCPGUARD_TO_SERVER, &v);
    EXPECT_EQ(mcpguard_verdict_error_code(v.p), mcpguard_verdict_decision(v.p) == MCPGUARD_ALLOW
                                                    ? 0
                                                    : MCPGUARD_JSONRPC_POLICY_DENIED);
    return std::make_pair(mcpguard_verdict_decision(v.p), RuleId(v.p));
  };
  EXPECT_EQ(decide("read_file"), std::make_pair(int{MCPGUARD_ALLOW}, std::string("allow-read")));
  EXPECT_EQ(decide("write_file").first, MCPGUARD_DENY);

  ErrorPtr err;
  ASSERT_EQ(mcpguard_engine_set_policy(engine.p, kSwappedPolicy, std::strlen(kSwappedPolicy),
                                       MCPGUARD_FORMAT_AUTO, "swapped.textproto", &err.p),
            MCPGUARD_OK)
      << err.message();
  EXPECT_EQ(err.p, nullptr);
  EXPECT_EQ(decide("read_file"), std::make_pair(int{MCPGUARD_DENY}, std::string()));
  EXPECT_EQ(decide("write_file"),
            std::make_pair(int{MCPGUARD_ALLOW}, std::string("allow-write")));

  const char kBroken[] = "name: \"broken\"\nrules { id: \"x\" effect: ALLOW }\nbogus: 1\n";
  ErrorPtr failed;
  EXPECT_EQ(mcpguard_engine_set_policy(engine.p, kBroken, sizeof kBroken - 1,
                                       MCPGUARD_FORMAT_TEXTPROTO, "broken.textproto", &failed.p),
            MCPGUARD_POLICY_ERROR);
  EXPECT_THAT(failed.message(), StartsWith("broken.textproto:"));
  // The swapped policy is still in force, for the old session and a new one.
  EXPECT_EQ(decide("write_file"),
            std::make_pair(int{MCPGUARD_ALLOW}, std::string("allow-write")));
  SessionPtr fresh;
  ASSERT_NO_FATAL_FAILURE(NewSession(engine.p, {"dev"}, &fresh));
  VerdictPtr v;
  ASSERT_NO_FATAL_FAILURE(Check(fresh.p, Call(1, "read_file", "/srv/a"), MCPGUARD_TO_SERVER, &v));
  EXPECT_EQ(mcpguard_verdict_decision(v.p), MCPGUARD_DENY);
}

TEST(CApi, ConcurrentChecksSeeOnePolicyOrTheOtherDuringSwaps) {
  EnginePtr engine;
  ASSERT_NO_FATAL_FAILURE(NewEngine(kPolicy, &engine));
  SessionPtr shared;  // One session used by every thread: checks serialize.
  ASSERT_NO_FATAL_FAILURE(NewSession(engine.p, {"dev"}, &shared));
  constexpr int kThreads = 4;
  constexpr int kChecks = 200;  // kThreads * kChecks stays under the in-flight cap.
  std::vector<int> bad(kThreads, 0);
  std::vector<size_t> allowed(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kChecks; ++i) {
        const std::string msg = Call(t * kChecks + i + 1, "read_file", "/srv/a");
        mcpguard_verdict* v = nullptr;
        if (mcpguard_session_check(shared.p, msg.data(), msg.size(), MCPGUARD_TO_SERVER, &v,
                                   nullptr) != MCPGUARD_OK) {
          ++bad[t];
          continue;
        }
        const std::string rule = RuleId(v);
        const bool old_policy = mcpguard_verdict_decision(v) == MCPGUARD_ALLOW &&
                                rule == "allow-read";
        const bool new_policy = mcpguard_verdict_decision(v) == MCPGUARD_DENY && rule.empty() &&
                                mcpguard_verdict_error_code(v) == MCPGUARD_JSONRPC_POLICY_DENIED;
        if (!old_policy && !new_policy) ++bad[t];
        if (old_policy) ++allowed[t];
        mcpguard_verdict_free(v);
      }
    });
  }
  for (int i = 0; i < 20; ++i) {
    const char* policy = i % 2 == 0 ? kSwappedPolicy : kPolicy;
    EXPECT_EQ(mcpguard_engine_set_policy(engine.p, policy, std::strlen(policy),
                                         MCPGUARD_FORMAT_TEXTPROTO, nullptr, nullptr),
              MCPGUARD_OK);
  }
  for (std::thread& thread : threads) thread.join();
  size_t total_allowed = 0;
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(bad[t], 0) << "thread " << t;
    total_allowed += allowed[t];
  }
  // Only forwarded (allowed) requests wait for a response; none was lost.
  EXPECT_EQ(mcpguard_session_in_flight(shared.p, MCPGUARD_TO_SERVER), total_allowed);
}

TEST(CApi, EngineFromFileReadsPolicyAndReportsMissingFile) {
  const std::string path = ::testing::TempDir() + "c_api_test_policy.textproto";
  {
    std::ofstream out(path, std::ios::binary);
    out << kPolicy;
  }
  EnginePtr engine;
  ErrorPtr err;
  ASSERT_EQ(mcpguard_engine_new_from_file(path.c_str(), &engine.p, &err.p), MCPGUARD_OK)
      << err.message();
  SessionPtr session;
  ASSERT_NO_FATAL_FAILURE(NewSession(engine.p, {"dev"}, &session));
  VerdictPtr v;
  ASSERT_NO_FATAL_FAILURE(
      Check(session.p, Call(1, "read_file", "/srv/a"), MCPGUARD_TO_SERVER, &v));
  EXPECT_EQ(mcpguard_verdict_decision(v.p), MCPGUARD_ALLOW);
  std::remove(path.c_str());

  EnginePtr missing;
  ErrorPtr not_found;
  EXPECT_EQ(mcpguard_engine_new_from_file("/nonexistent/mcpguard/p.textproto", &missing.p,
                                          &not_found.p),
            MCPGUARD_NOT_FOUND);
  EXPECT_EQ(missing.p, nullptr);
  EXPECT_EQ(mcpguard_error_code(not_found.p), MCPGUARD_NOT_FOUND);
  EXPECT_THAT(not_found.message(), HasSubstr("/nonexistent/mcpguard/p.textproto"));

  // A directory is not a policy (it must never load as an empty, deny-all one).
  EnginePtr directory;
  ErrorPtr not_a_file;
  EXPECT_EQ(mcpguard_engine_new_from_file("/tmp", &directory.p, &not_a_file.p),
            MCPGUARD_NOT_FOUND);
  EXPECT_EQ(directory.p, nullptr);
  EXPECT_THAT(not_a_file.message(), HasSubstr("not a regular file"));

  // A read error part-way is MCPGUARD_IO_ERROR, as the header says, never a
  // policy compiled from what was read (an adversarial review loaded a
  // policy cut short by EIO, its DENY rule lost, with MCPGUARD_OK).
  EnginePtr unreadable;
  ErrorPtr io_error;
  EXPECT_EQ(mcpguard_engine_new_from_file("/proc/self/mem", &unreadable.p, &io_error.p),
            MCPGUARD_IO_ERROR);
  EXPECT_EQ(unreadable.p, nullptr);
  EXPECT_THAT(io_error.message(), HasSubstr("read error"));
}

TEST_F(CApiDevSession, NullArgumentsAreInvalidArgumentsNeverCrashes) {
  const mcpguard_principal nobody = {};
  mcpguard_principal bad_subject = {};
  bad_subject.subject = {nullptr, 3};
  mcpguard_principal bad_roles = {};
  bad_roles.role_count = 2;
  const mcpguard_string_view null_role[] = {{nullptr, 1}};
  mcpguard_principal bad_role = {};
  bad_role.roles = null_role;
  bad_role.role_count = 1;
  mcpguard_principal bad_scopes = {};
  bad_scopes.scope_count = 1;
  mcpguard_principal bad_claims = {};
  bad_claims.claim_count = 1;
  const mcpguard_claim unnamed[] = {{{"", 0}, nullptr, 0}};
  mcpguard_principal bad_claim_name = {};
  bad_claim_name.claims = unnamed;
  bad_claim_name.claim_count = 1;
  const mcpguard_claim null_values[] = {{{"tenant", 6}, nullptr, 2}};
  mcpguard_principal bad_claim_values = {};
  bad_claim_values.claims = null_values;
  bad_claim_values.claim_count = 1;
  const std::string msg = Call(1, "read_file", "/srv/a");
  mcpguard_engine* e = nullptr;
  mcpguard_session* s = nullptr;
  mcpguard_verdict* v = nullptr;

  const struct {
    const char* name;
    int (*call)(mcpguard_error** err, void* ctx);
    const char* message;  // A substring of the error's message.
  } kCases[] = {
      {"new_from_policy_out", [](mcpguard_error** err, void*) {
         return mcpguard_engine_new_from_policy(kPolicy, 3, 0, nullptr, nullptr, err);
       }, "out is NULL"},
      {"new_from_policy_policy", [](mcpguard_error** err, void* ctx) {
         return mcpguard_engine_new_from_policy(nullptr, 3, 0, nullptr,
                                                static_cast<mcpguard_engine**>(ctx), err);
       }, "policy is NULL but len is 3"},
      {"new_from_file_out", [](mcpguard_error** err, void*) {
         return mcpguard_engine_new_from_file("p.textproto", nullptr, err);
       }, "out is NULL"},
      {"new_from_file_path", [](mcpguard_error** err, void* ctx) {
         return mcpguard_engine_new_from_file(nullptr, static_cast<mcpguard_engine**>(ctx), err);
       }, "path is NULL"},
      {"set_policy_engine", [](mcpguard_error** err, void*) {
         return mcpguard_engine_set_policy(nullptr, kPolicy, std::strlen(kPolicy), 0, nullptr,
                                           err);
       }, "engine is NULL"},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.name);
    mcpguard_error* err = nullptr;
    EXPECT_EQ(c.call(&err, &e), MCPGUARD_INVALID_ARGUMENT);
    EXPECT_EQ(e, nullptr);
    EXPECT_EQ(mcpguard_error_code(err), MCPGUARD_INVALID_ARGUMENT);
    EXPECT_THAT(mcpguard_error_message(err, nullptr), HasSubstr(c.message));
    mcpguard_error_free(err);
    EXPECT_EQ(c.call(nullptr, &e), MCPGUARD_INVALID_ARGUMENT);  // err may be NULL.
  }

  // Calls needing a live engine or session.
  const struct {
    const char* name;
    int status;
    const char* message;
  } kLiveCases[] = {
      {"set_policy_null_bytes",
       mcpguard_engine_set_policy(engine.p, nullptr, 5, 0, nullptr, nullptr), ""},
      {"session_new_out", mcpguard_session_new(engine.p, &nobody, "fs", 2, nullptr, nullptr), ""},
      {"session_new_engine", mcpguard_session_new(nullptr, &nobody, "fs", 2, &s, nullptr), ""},
      {"session_new_principal", mcpguard_session_new(engine.p, nullptr, "fs", 2, &s, nullptr),
       ""},
      {"session_new_server_id", mcpguard_session_new(engine.p, &nobody, nullptr, 2, &s, nullptr),
       ""},
      {"session_new_subject", mcpguard_session_new(engine.p, &bad_subject, "", 0, &s, nullptr),
       ""},
      {"session_new_roles", mcpguard_session_new(engine.p, &bad_roles, "", 0, &s, nullptr), ""},
      {"session_new_role", mcpguard_session_new(engine.p, &bad_role, "", 0, &s, nullptr), ""},
      {"session_new_scopes", mcpguard_session_new(engine.p, &bad_scopes, "", 0, &s, nullptr),
       ""},
      {"session_new_claims", mcpguard_session_new(engine.p, &bad_claims, "", 0, &s, nullptr),
       ""},
      {"session_new_claim_name",
       mcpguard_session_new(engine.p, &bad_claim_name, "", 0, &s, nullptr), ""},
      {"session_new_claim_values",
       mcpguard_session_new(engine.p, &bad_claim_values, "", 0, &s, nullptr), ""},
      {"check_out",
       mcpguard_session_check(session.p, msg.data(), msg.size(), 0, nullptr, nullptr), ""},
      {"check_session", mcpguard_session_check(nullptr, msg.data(), msg.size(), 0, &v, nullptr),
       ""},
      {"check_msg", mcpguard_session_check(session.p, nullptr, 4, 0, &v, nullptr), ""},
  };
  for (const auto& c : kLiveCases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(c.status, MCPGUARD_INVALID_ARGUMENT);
  }
  EXPECT_EQ(s, nullptr);
  EXPECT_EQ(v, nullptr);

  // The same checks, with the error object's message.
  ErrorPtr err;
  EXPECT_EQ(mcpguard_session_new(engine.p, &bad_role, "", 0, &s, &err.p),
            MCPGUARD_INVALID_ARGUMENT);
  EXPECT_THAT(err.message(), HasSubstr("principal->roles"));
  ErrorPtr claim_err;
  EXPECT_EQ(mcpguard_session_new(engine.p, &bad_claim_values, "", 0, &s, &claim_err.p),
            MCPGUARD_INVALID_ARGUMENT);
  EXPECT_THAT(claim_err.message(),
              HasSubstr("principal->claims[0].values has a NULL pointer with a non-zero size"));
  ErrorPtr err2;
  EXPECT_EQ(mcpguard_session_check(session.p, nullptr, 4, 0, &v, &err2.p),
            MCPGUARD_INVALID_ARGUMENT);
  EXPECT_THAT(err2.message(), HasSubstr("msg is NULL but len is 4"));

  // Freeing NULL is a no-op.
  mcpguard_engine_free(nullptr);
  mcpguard_session_free(nullptr);
  mcpguard_verdict_free(nullptr);
  mcpguard_error_free(nullptr);
}

TEST(CApi, RewriteAndStepUpReachC) {
  EnginePtr engine;
  ASSERT_NO_FATAL_FAILURE(NewEngine(R"pb(
    validation { mcp_messages: OFF tool_schemas: OFF }
    scope_requirements { id: "write" target { tools: "write_file" } scopes: "files:write" }
    rules { id: "list" effect: ALLOW target { methods: "tools/list" } }
    rules { id: "write" effect: ALLOW target { tools: "write_file" } }
  )pb",
                                    &engine));
  SessionPtr session;
  ASSERT_NO_FATAL_FAILURE(NewSession(engine.p, {}, &session));
  VerdictPtr list;
  ASSERT_NO_FATAL_FAILURE(Check(session.p, R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})",
                                MCPGUARD_TO_SERVER, &list));
  VerdictPtr listed;
  ASSERT_NO_FATAL_FAILURE(Check(
      session.p,
      R"({"jsonrpc":"2.0","id":1,"result":{"tools":[{"name":"write_file"},{"name":"rm"}]}})",
      MCPGUARD_TO_CLIENT, &listed));
  EXPECT_EQ(mcpguard_verdict_decision(listed.p), MCPGUARD_REWRITE);
  size_t len = 0;
  const char* bytes = mcpguard_verdict_replacement(listed.p, &len);
  EXPECT_EQ(std::string(bytes, len),
            R"({"jsonrpc":"2.0","id":1,"result":{"tools":[{"name":"write_file"}]}})");

  VerdictPtr write;
  ASSERT_NO_FATAL_FAILURE(Check(session.p, Call(2, "write_file", "/srv/a"), MCPGUARD_TO_SERVER,
                                &write));
  EXPECT_EQ(mcpguard_verdict_decision(write.p), MCPGUARD_DENY);
  EXPECT_STREQ(mcpguard_verdict_required_scopes(write.p, &len), "files:write");
  EXPECT_EQ(len, 11u);
  // On deny the replacement is the error response.
  size_t error_len = 0;
  const char* error = mcpguard_verdict_error_response(write.p, &error_len);
  const char* replacement = mcpguard_verdict_replacement(write.p, &len);
  EXPECT_EQ(std::string(replacement, len), std::string(error, error_len));
  EXPECT_EQ(mcpguard_verdict_retry_after_ms(write.p), 0u);
}

// The C API has no approver: a host asks its human and settles the ASK, so
// that a refused request leaves the session's requests in flight.
TEST(CApi, AHostSettlesAnAskAndARefusedRequestsIdIsFreeAgain) {
  EnginePtr engine;
  ASSERT_NO_FATAL_FAILURE(NewEngine(R"pb(
    validation { mcp_messages: OFF tool_schemas: OFF }
    rules { id: "ask-write" effect: ASK target { tools: "write_file" } }
    rules { id: "read" effect: ALLOW target { tools: "read_file" } }
  )pb",
                                    &engine));
  SessionPtr session;
  ASSERT_NO_FATAL_FAILURE(NewSession(engine.p, {}, &session));
  VerdictPtr asked;
  ASSERT_NO_FATAL_FAILURE(
      Check(session.p, Call(1, "write_file", "/srv/a"), MCPGUARD_TO_SERVER, &asked));
  ASSERT_EQ(mcpguard_verdict_decision(asked.p), MCPGUARD_ASK);
  EXPECT_EQ(mcpguard_verdict_awaiting_answer(asked.p), 1);
  EXPECT_EQ(mcpguard_session_in_flight(session.p, MCPGUARD_TO_SERVER), 1u);

  VerdictPtr refused;
  ErrorPtr err;
  ASSERT_EQ(mcpguard_session_settle(session.p, asked.p, /*approved=*/0, /*remember=*/0,
                                    &refused.p, &err.p),
            MCPGUARD_OK)
      << err.message();
  EXPECT_EQ(mcpguard_verdict_decision(refused.p), MCPGUARD_DENY);
  EXPECT_EQ(mcpguard_verdict_awaiting_answer(refused.p), 0);
  size_t len = 0;
  const char* error = mcpguard_verdict_error_response(refused.p, &len);
  EXPECT_THAT(std::string(error, len), HasSubstr("refused by the host"));
  EXPECT_THAT(std::string(error, len), HasSubstr(R"("id":1)"));
  EXPECT_EQ(mcpguard_session_in_flight(session.p, MCPGUARD_TO_SERVER), 0u);
  // The id is free: the next request with it goes through.
  VerdictPtr retry;
  ASSERT_NO_FATAL_FAILURE(
      Check(session.p, Call(1, "read_file", "/srv/a"), MCPGUARD_TO_SERVER, &retry));
  EXPECT_EQ(mcpguard_verdict_decision(retry.p), MCPGUARD_ALLOW);

  // Settled already, and not an ASK: refused with a reason; NULLs too.
  VerdictPtr again;
  ErrorPtr again_err;
  EXPECT_EQ(mcpguard_session_settle(session.p, asked.p, 1, 0, &again.p, &again_err.p),
            MCPGUARD_INVALID_ARGUMENT);
  EXPECT_EQ(again.p, nullptr);
  EXPECT_THAT(again_err.message(), HasSubstr("settled already"));
  ErrorPtr allow_err;
  EXPECT_EQ(mcpguard_session_settle(session.p, retry.p, 1, 0, &again.p, &allow_err.p),
            MCPGUARD_INVALID_ARGUMENT);
  EXPECT_THAT(allow_err.message(), HasSubstr("this one is allow"));
  EXPECT_EQ(mcpguard_session_settle(nullptr, asked.p, 1, 0, &again.p, nullptr),
            MCPGUARD_INVALID_ARGUMENT);
  EXPECT_EQ(mcpguard_session_settle(session.p, nullptr, 1, 0, &again.p, nullptr),
            MCPGUARD_INVALID_ARGUMENT);
  EXPECT_EQ(mcpguard_session_settle(session.p, asked.p, 1, 0, nullptr, nullptr),
            MCPGUARD_INVALID_ARGUMENT);
  EXPECT_EQ(mcpguard_verdict_awaiting_answer(nullptr), 0);
}

TEST(CApi, FindingsReachC) {
  EnginePtr engine;
  ASSERT_NO_FATAL_FAILURE(NewEngine(R"pb(
    validation { mcp_messages: OFF tool_schemas: OFF }
    rules { id: "call" effect: ALLOW target { methods: "tools/call" } }
    detectors { secrets { enabled: true } }
  )pb",
                                    &engine));
  SessionPtr session;
  ASSERT_NO_FATAL_FAILURE(NewSession(engine.p, {}, &session));
  VerdictPtr v;
  ASSERT_NO_FATAL_FAILURE(Check(
      session.p,
      R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"t","arguments":{"k":"id AKIAQ3EGRZLN5XJ2B7WV"}}})",
      MCPGUARD_TO_SERVER, &v));
  EXPECT_EQ(mcpguard_verdict_decision(v.p), MCPGUARD_REWRITE);
  ASSERT_EQ(mcpguard_verdict_finding_count(v.p), 1u);
  mcpguard_finding f;
  ASSERT_EQ(mcpguard_verdict_finding(v.p, 0, &f), MCPGUARD_OK);
  EXPECT_EQ(std::string(f.category.data, f.category.size), "aws_access_key_id");
  EXPECT_EQ(std::string(f.detector.data, f.detector.size), "secrets");
  EXPECT_EQ(std::string(f.pointer.data, f.pointer.size), "/params/arguments/k");
  EXPECT_EQ(f.offset, 3u);
  EXPECT_EQ(f.length, 20u);
  EXPECT_EQ(f.score, 1.0);
  EXPECT_EQ(mcpguard_verdict_finding(v.p, 1, &f), MCPGUARD_INVALID_ARGUMENT);
  EXPECT_EQ(mcpguard_verdict_finding(v.p, 0, nullptr), MCPGUARD_INVALID_ARGUMENT);
  EXPECT_EQ(mcpguard_verdict_finding(nullptr, 0, &f), MCPGUARD_INVALID_ARGUMENT);
  EXPECT_EQ(mcpguard_verdict_finding_count(nullptr), 0u);
}

TEST(CApi, NullVerdictAndErrorAccessorsFailClosed) {
  size_t len = 99;
  EXPECT_EQ(mcpguard_verdict_decision(nullptr), MCPGUARD_DENY);
  EXPECT_EQ(mcpguard_verdict_policy_decision(nullptr), MCPGUARD_DENY);
  EXPECT_EQ(mcpguard_verdict_audit_only(nullptr), 0);
  EXPECT_EQ(mcpguard_verdict_error_code(nullptr), MCPGUARD_JSONRPC_INTERNAL_ERROR);
  EXPECT_EQ(mcpguard_verdict_kind(nullptr), MCPGUARD_KIND_UNKNOWN);
  EXPECT_STREQ(mcpguard_verdict_rule_id(nullptr, &len), "");
  EXPECT_EQ(len, 0u);
  len = 99;
  EXPECT_STREQ(mcpguard_verdict_reason(nullptr, &len), "");
  EXPECT_EQ(len, 0u);
  len = 99;
  EXPECT_STREQ(mcpguard_verdict_error_response(nullptr, &len), "");
  EXPECT_EQ(len, 0u);
  len = 99;
  EXPECT_STREQ(mcpguard_verdict_replacement(nullptr, &len), "");
  EXPECT_EQ(len, 0u);
  len = 99;
  EXPECT_STREQ(mcpguard_verdict_required_scopes(nullptr, &len), "");
  EXPECT_EQ(len, 0u);
  EXPECT_EQ(mcpguard_verdict_retry_after_ms(nullptr), 0u);
  EXPECT_EQ(mcpguard_verdict_note_count(nullptr), 0u);
  len = 99;
  EXPECT_EQ(mcpguard_verdict_note(nullptr, 0, &len), nullptr);
  EXPECT_EQ(len, 0u);
  EXPECT_EQ(mcpguard_error_code(nullptr), MCPGUARD_OK);
  EXPECT_STREQ(mcpguard_error_message(nullptr, nullptr), "");
  EXPECT_EQ(mcpguard_session_in_flight(nullptr, MCPGUARD_TO_SERVER), 0u);
}

TEST(CApi, SuccessClearsErrAndNotesAreBoundsChecked) {
  EnginePtr engine;
  mcpguard_error* err = reinterpret_cast<mcpguard_error*>(&engine);  // Never read.
  ASSERT_EQ(mcpguard_engine_new_from_policy(kPolicy, std::strlen(kPolicy), 0, nullptr,
                                            &engine.p, &err),
            MCPGUARD_OK);
  EXPECT_EQ(err, nullptr);
  SessionPtr session;
  ASSERT_NO_FATAL_FAILURE(NewSession(engine.p, {"dev"}, &session));
  VerdictPtr v;
  ASSERT_NO_FATAL_FAILURE(
      Check(session.p, Call(1, "read_file", "/srv/a"), MCPGUARD_TO_SERVER, &v));
  size_t count = mcpguard_verdict_note_count(v.p);
  for (size_t i = 0; i < count; ++i) EXPECT_NE(mcpguard_verdict_note(v.p, i, nullptr), nullptr);
  size_t len = 99;
  EXPECT_EQ(mcpguard_verdict_note(v.p, count, &len), nullptr);
  EXPECT_EQ(len, 0u);
}

TEST_F(CApiDevSession, SessionAndVerdictOutliveEngine) {
  VerdictPtr before;
  ASSERT_NO_FATAL_FAILURE(
      Check(session.p, Call(1, "read_file", "/etc/x"), MCPGUARD_TO_SERVER, &before));
  mcpguard_engine_free(engine.p);
  engine.p = nullptr;
  VerdictPtr after;
  ASSERT_NO_FATAL_FAILURE(
      Check(session.p, Call(2, "read_file", "/srv/a"), MCPGUARD_TO_SERVER, &after));
  EXPECT_EQ(mcpguard_verdict_decision(after.p), MCPGUARD_ALLOW);
  EXPECT_EQ(RuleId(before.p), "deny-etc");
}

}  // namespace

namespace {

// What the audit callback collects (it runs on the audit thread).
struct Collected {
  std::mutex mu;
  std::vector<std::string> events;
};

void Collect(void* user_data, const char* event, size_t len) {
  auto* collected = static_cast<Collected*>(user_data);
  std::lock_guard<std::mutex> lock(collected->mu);
  collected->events.emplace_back(event, len);
}

TEST(CApiAudit, CallbackGetsEveryEventAndNoneAfterFree) {
  Collected collected;
  SessionPtr session;
  {
    EnginePtr engine;
    ErrorPtr err;
    ASSERT_EQ(mcpguard_engine_new_with_audit(kPolicy, std::strlen(kPolicy),
                                             MCPGUARD_FORMAT_TEXTPROTO, "t.textproto", Collect,
                                             &collected, &engine.p, &err.p),
              MCPGUARD_OK)
        << err.message();
    ASSERT_NO_FATAL_FAILURE(NewSession(engine.p, {"dev"}, &session));
    VerdictPtr allowed, denied;
    ASSERT_NO_FATAL_FAILURE(
        Check(session.p, Call(1, "read_file", "/srv/a"), MCPGUARD_TO_SERVER, &allowed));
    ASSERT_NO_FATAL_FAILURE(
        Check(session.p, Call(2, "read_file", "/etc/passwd"), MCPGUARD_TO_SERVER, &denied));
  }  // mcpguard_engine_free delivers what is queued.
  std::vector<std::string> events;
  {
    std::lock_guard<std::mutex> lock(collected.mu);
    events = collected.events;
  }
  ASSERT_EQ(events.size(), 3u);  // The policy load and two checks.
  rapidjson::Document load, denied;
  load.Parse(events[0].c_str());
  EXPECT_STREQ(load["event.name"].GetString(), "POLICY_LOAD");
  denied.Parse(events[2].c_str());
  EXPECT_STREQ(denied["mcpguard.decision"].GetString(), "DENY");
  EXPECT_STREQ(denied["mcpguard.rule.id"].GetString(), "deny-etc");
  EXPECT_STREQ(denied["user.id"].GetString(), "alice");
  // The session outlives the engine; its events no longer reach the callback.
  VerdictPtr late;
  ASSERT_NO_FATAL_FAILURE(
      Check(session.p, Call(3, "read_file", "/srv/b"), MCPGUARD_TO_SERVER, &late));
  std::lock_guard<std::mutex> lock(collected.mu);
  EXPECT_EQ(collected.events.size(), 3u);
}

void Append(void* user_data, const char* text, size_t len) {
  static_cast<std::string*>(user_data)->append(text, len);
}

TEST(CApiAudit, MetricsAreThePrometheusTextOfTheChecks) {
  EnginePtr engine;
  ErrorPtr err;
  Collected collected;
  ASSERT_EQ(mcpguard_engine_new_with_audit(kPolicy, std::strlen(kPolicy),
                                           MCPGUARD_FORMAT_TEXTPROTO, "t.textproto", Collect,
                                           &collected, &engine.p, &err.p),
            MCPGUARD_OK)
      << err.message();
  SessionPtr session;
  ASSERT_NO_FATAL_FAILURE(NewSession(engine.p, {"dev"}, &session));
  VerdictPtr denied;
  ASSERT_NO_FATAL_FAILURE(
      Check(session.p, Call(1, "read_file", "/etc/passwd"), MCPGUARD_TO_SERVER, &denied));
  // The audit thread counts the event a moment after the check.
  const std::string wanted = "mcpguard_rule_decisions_total{rule=\"deny-etc\",decision=\"deny\"} 1";
  std::string text;
  for (int i = 0; i < 500 && text.find(wanted) == std::string::npos; ++i) {
    text.clear();
    ASSERT_EQ(mcpguard_engine_metrics(engine.p, Append, &text, &err.p), MCPGUARD_OK);
    if (text.find(wanted) == std::string::npos) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  EXPECT_THAT(text, HasSubstr(wanted));
  EXPECT_THAT(text, HasSubstr("# TYPE mcpguard_check_duration_seconds histogram"));
}

TEST(CApiAudit, MetricsNeedAnAuditedEngineAndACallback) {
  EnginePtr engine;
  ErrorPtr err;
  ASSERT_EQ(mcpguard_engine_new_from_policy(kPolicy, std::strlen(kPolicy),
                                            MCPGUARD_FORMAT_TEXTPROTO, "t.textproto", &engine.p,
                                            &err.p),
            MCPGUARD_OK);
  std::string text;
  EXPECT_EQ(mcpguard_engine_metrics(engine.p, Append, &text, &err.p), MCPGUARD_INVALID_ARGUMENT);
  EXPECT_THAT(err.message(), HasSubstr("no audit log"));
  ErrorPtr null_err;
  EXPECT_EQ(mcpguard_engine_metrics(engine.p, nullptr, &text, &null_err.p),
            MCPGUARD_INVALID_ARGUMENT);
  ErrorPtr engine_err;
  EXPECT_EQ(mcpguard_engine_metrics(nullptr, Append, &text, &engine_err.p),
            MCPGUARD_INVALID_ARGUMENT);
  EXPECT_TRUE(text.empty());
}

TEST(CApiAudit, NullCallbackIsRefused) {
  EnginePtr engine;
  ErrorPtr err;
  EXPECT_EQ(mcpguard_engine_new_with_audit(kPolicy, std::strlen(kPolicy),
                                           MCPGUARD_FORMAT_TEXTPROTO, nullptr, nullptr, nullptr,
                                           &engine.p, &err.p),
            MCPGUARD_INVALID_ARGUMENT);
  EXPECT_EQ(engine.p, nullptr);
  EXPECT_THAT(err.message(), HasSubstr("callback is NULL"));
}

}  // namespace
