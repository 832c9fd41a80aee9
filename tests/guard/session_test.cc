// Session::Check end to end: bytes in, verdict out.
#include "mcpguard/session.h"

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mcpguard/guard.h"
#include "rapidjson/document.h"

namespace mcpguard {
namespace {

using testing::HasSubstr;

constexpr Direction kToServer = Direction::kToServer;
constexpr Direction kToClient = Direction::kToClient;

const char* kPolicy = R"pb(
  name: "session-test"
  default_effect: DENY
  # Core semantics only; tests/guard/validation_test.cc covers validation.
  validation { mcp_messages: OFF tool_schemas: OFF }
  limits { max_depth: 8 max_in_flight_requests: 3 }
  rules { id: "protocol" effect: ALLOW target { methods: "initialize" methods: "ping" methods: "tools/list" methods: "notifications/*" } }
  rules { id: "read" effect: ALLOW target { tools: "read_file" } }
  rules { id: "deny-etc" effect: DENY target { tools: "read_file" }
          condition { field { pointer: "/arguments/path" string { prefix: "/etc/" } } } }
  rules { id: "ask-write" effect: ASK target { tools: "write_file" } }
  rules { id: "sampling" effect: ALLOW target { directions: TO_CLIENT methods: "sampling/createMessage" } }
  rules { id: "no-secret-results" effect: DENY target { kinds: RESPONSE tools: "read_file" }
          condition { field { pointer: "/content/0/text" string { contains: "BEGIN PRIVATE KEY" } } } }
)pb";

class SessionTest : public testing::Test {
 protected:
  void SetUp() override { Reset(kPolicy); }

  void Reset(const std::string& policy_text, Principal principal = {}) {
    auto policy = CompilePolicy(policy_text, {PolicyFormat::kTextproto, "test"});
    ASSERT_TRUE(policy.ok()) << policy.status();
    auto engine = Engine::Create(*policy);
    ASSERT_TRUE(engine.ok());
    engine_ = *std::move(engine);
    session_ = engine_->NewSession({std::move(principal), "fs", "s1"});
  }

  static std::string Call(const std::string& id, const std::string& tool, const std::string& path) {
    return absl::StrCat(R"({"jsonrpc":"2.0","id":)", id,
                        R"(,"method":"tools/call","params":{"name":")", tool,
                        R"(","arguments":{"path":")", path, R"("}}})");
  }

  // The error response parsed, with its id, code and data checked by callers.
  static rapidjson::Document ErrorOf(const Verdict& v) {
    rapidjson::Document doc;
    doc.Parse(v.error_response().data(), v.error_response().size());
    EXPECT_FALSE(doc.HasParseError()) << v.error_response();
    EXPECT_TRUE(doc.IsObject());
    return doc;
  }

  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Session> session_;
};

TEST_F(SessionTest, AllowedCallThenItsResponse) {
  Verdict v = session_->Check(Call("1", "read_file", "/srv/a"), kToServer);
  EXPECT_EQ(v.decision(), Decision::kAllow);
  EXPECT_EQ(v.rule_id(), "read");
  EXPECT_EQ(v.kind(), MessageKind::kRequest);
  EXPECT_TRUE(v.error_response().empty());
  EXPECT_EQ(v.error_code(), 0);
  EXPECT_EQ(session_->in_flight(kToServer), 1u);

  Verdict r = session_->Check(R"({"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"hi"}]}})",
                              kToClient);
  EXPECT_EQ(r.decision(), Decision::kAllow);
  EXPECT_EQ(r.kind(), MessageKind::kResponse);
  EXPECT_EQ(r.reason(), "response to a forwarded request");
  EXPECT_EQ(session_->in_flight(kToServer), 0u);
}

TEST_F(SessionTest, DeniedCallGetsReadyErrorWithItsId) {
  Verdict v = session_->Check(Call("\"req-7\"", "read_file", "/etc/passwd"), kToServer);
  EXPECT_EQ(v.decision(), Decision::kDeny);
  EXPECT_EQ(v.rule_id(), "deny-etc");
  EXPECT_EQ(v.error_code(), kPolicyDenied);
  rapidjson::Document e = ErrorOf(v);
  EXPECT_STREQ(e["jsonrpc"].GetString(), "2.0");
  EXPECT_STREQ(e["id"].GetString(), "req-7");
  EXPECT_EQ(e["error"]["code"].GetInt(), -32030);
  EXPECT_STREQ(e["error"]["message"].GetString(), "Denied by policy");
  EXPECT_STREQ(e["error"]["data"]["rule"].GetString(), "deny-etc");
  EXPECT_EQ(session_->in_flight(kToServer), 0u) << "a denied request is never forwarded";
}

TEST_F(SessionTest, DefaultDenyHasNoRule) {
  Verdict v = session_->Check(Call("2", "exec", "/bin/sh"), kToServer);
  EXPECT_EQ(v.decision(), Decision::kDeny);
  EXPECT_EQ(v.rule_id(), "");
  EXPECT_EQ(v.reason(), "no rule matched: the policy's default effect");
  EXPECT_EQ(ErrorOf(v)["id"].GetInt(), 2);
}

TEST_F(SessionTest, AskCarriesTheRefusalResponse) {
  Verdict v = session_->Check(Call("3", "write_file", "/srv/x"), kToServer);
  EXPECT_EQ(v.decision(), Decision::kAsk);
  EXPECT_EQ(v.rule_id(), "ask-write");
  EXPECT_EQ(ErrorOf(v)["error"]["code"].GetInt(), kPolicyDenied);
  EXPECT_EQ(session_->in_flight(kToServer), 1u) << "an approved ask is forwarded";
}

TEST_F(SessionTest, DeniedNotificationIsDroppedWithoutAnswer) {
  Verdict v = session_->Check(R"({"jsonrpc":"2.0","method":"resources/updated"})", kToClient);
  EXPECT_EQ(v.decision(), Decision::kDeny);
  EXPECT_EQ(v.kind(), MessageKind::kNotification);
  EXPECT_TRUE(v.error_response().empty());
  Verdict ok = session_->Check(R"({"jsonrpc":"2.0","method":"notifications/initialized"})", kToServer);
  EXPECT_EQ(ok.decision(), Decision::kAllow);
}

TEST_F(SessionTest, ResponseContentCanBeDenied) {
  ASSERT_TRUE(session_->Check(Call("4", "read_file", "/srv/key"), kToServer).allowed());
  Verdict r = session_->Check(
      R"({"jsonrpc":"2.0","id":4,"result":{"content":[{"type":"text","text":"-----BEGIN PRIVATE KEY-----"}]}})",
      kToClient);
  EXPECT_EQ(r.decision(), Decision::kDeny);
  EXPECT_EQ(r.rule_id(), "no-secret-results");
  rapidjson::Document e = ErrorOf(r);
  EXPECT_EQ(e["id"].GetInt(), 4) << "delivered to the client in place of the result";
}

TEST_F(SessionTest, ServerToClientRequestAndClientResponse) {
  Verdict v = session_->Check(
      R"({"jsonrpc":"2.0","id":"s1","method":"sampling/createMessage","params":{"messages":[],"maxTokens":10}})",
      kToClient);
  EXPECT_EQ(v.decision(), Decision::kAllow);
  EXPECT_EQ(session_->in_flight(kToClient), 1u);
  Verdict r = session_->Check(R"({"jsonrpc":"2.0","id":"s1","result":{"role":"assistant"}})", kToServer);
  EXPECT_EQ(r.decision(), Decision::kAllow);
  EXPECT_EQ(session_->in_flight(kToClient), 0u);
}

TEST_F(SessionTest, ResponseMatchesOnlyTheOtherDirectionsRequests) {
  ASSERT_TRUE(session_->Check(Call("5", "read_file", "/srv/a"), kToServer).allowed());
  // A "response" travelling the same way as the request answers nothing.
  Verdict v = session_->Check(R"({"jsonrpc":"2.0","id":5,"result":{}})", kToServer);
  EXPECT_EQ(v.decision(), Decision::kDeny);
  EXPECT_EQ(session_->in_flight(kToServer), 1u);
}

TEST_F(SessionTest, StringAndNumberIdsAreDistinct) {
  ASSERT_TRUE(session_->Check(Call("6", "read_file", "/srv/a"), kToServer).allowed());
  Verdict v = session_->Check(R"({"jsonrpc":"2.0","id":"6","result":{}})", kToClient);
  EXPECT_EQ(v.decision(), Decision::kDeny);
  EXPECT_EQ(v.reason(), "response to no request in flight: drop it");
  EXPECT_TRUE(v.error_response().empty());
}

// Ids are keyed in a small buffer when short and on the heap when long;
// both kinds, and integers of every size, find their request.
TEST_F(SessionTest, IdsOfEveryLengthFindTheirRequest) {
  const std::vector<std::string> ids = {
      "\"\"", "\"x\"", std::string("\"") + std::string(46, 'a') + "\"",
      std::string("\"") + std::string(47, 'b') + "\"", std::string("\"") + std::string(256, 'c') + "\"",
      "0", "-9007199254740991", "9007199254740991", "7.0"};
  for (const std::string& id : ids) {
    SCOPED_TRACE(id);
    ASSERT_TRUE(session_->Check(Call(id, "read_file", "/srv/a"), kToServer).allowed());
    EXPECT_EQ(session_->in_flight(kToServer), 1u);
    EXPECT_TRUE(
        session_->Check(absl::StrCat(R"({"jsonrpc":"2.0","id":)", id, R"(,"result":{}})"), kToClient)
            .allowed());
    EXPECT_EQ(session_->in_flight(kToServer), 0u);
  }
  // Longer ids are refused (they would be held while in flight).
  Verdict long_id = session_->Check(
      Call(std::string("\"") + std::string(257, 'c') + "\"", "read_file", "/srv/a"), kToServer);
  EXPECT_EQ(long_id.error_code(), kInvalidRequest);
  EXPECT_EQ(session_->in_flight(kToServer), 0u);
  // 7.0 and 7 are one key: a request with id 7.0 is answered by 7.
  ASSERT_TRUE(session_->Check(Call("7.0", "read_file", "/srv/a"), kToServer).allowed());
  EXPECT_TRUE(session_->Check(R"({"jsonrpc":"2.0","id":7,"result":{}})", kToClient).allowed());
}

TEST_F(SessionTest, UnknownResponseIsDenied) {
  Verdict v = session_->Check(R"({"jsonrpc":"2.0","id":99,"result":{"content":[]}})", kToClient);
  EXPECT_EQ(v.decision(), Decision::kDeny);
  EXPECT_EQ(v.error_code(), kInvalidRequest);
}

TEST_F(SessionTest, ErrorResponseWithNullIdPasses) {
  Verdict v = session_->Check(R"({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}})",
                              kToClient);
  EXPECT_EQ(v.decision(), Decision::kAllow);
}

TEST_F(SessionTest, DuplicateInFlightIdIsRefused) {
  ASSERT_TRUE(session_->Check(Call("7", "read_file", "/srv/a"), kToServer).allowed());
  Verdict v = session_->Check(Call("7", "read_file", "/srv/b"), kToServer);
  EXPECT_EQ(v.decision(), Decision::kDeny);
  EXPECT_EQ(v.error_code(), kInvalidRequest);
  EXPECT_EQ(v.rule_id(), "");
  rapidjson::Document e = ErrorOf(v);
  EXPECT_EQ(e["id"].GetInt(), 7);
  EXPECT_STREQ(e["error"]["data"]["pointer"].GetString(), "/id");
}

TEST_F(SessionTest, InFlightCapEvictsOldestWithNote) {
  for (int i = 10; i < 13; ++i) {
    Verdict v = session_->Check(Call(absl::StrCat(i), "read_file", "/srv/a"), kToServer);
    ASSERT_TRUE(v.allowed());
    EXPECT_TRUE(v.notes().empty());
  }
  Verdict v = session_->Check(Call("13", "read_file", "/srv/a"), kToServer);
  EXPECT_TRUE(v.allowed());
  ASSERT_EQ(v.notes().size(), 1u);
  EXPECT_THAT(v.notes()[0], HasSubstr("forgot request 10 (tools/call)"));
  EXPECT_EQ(session_->in_flight(kToServer), 3u);
  // The late response to the evicted request is unknown: denied.
  EXPECT_EQ(session_->Check(R"({"jsonrpc":"2.0","id":10,"result":{}})", kToClient).decision(),
            Decision::kDeny);
  EXPECT_EQ(session_->Check(R"({"jsonrpc":"2.0","id":13,"result":{}})", kToClient).decision(),
            Decision::kAllow);
}

// A cancelled request is not answered (MCP's cancellation): it must not
// hold a slot of max_in_flight_requests for good, nor its late answer pass.
TEST_F(SessionTest, CancellationForgetsTheRequestItNames) {
  ASSERT_TRUE(session_->Check(Call("20", "read_file", "/srv/a"), kToServer).allowed());
  ASSERT_TRUE(session_->Check(Call(R"("s21")", "read_file", "/srv/a"), kToServer).allowed());
  ASSERT_EQ(session_->in_flight(kToServer), 2u);
  auto cancel = [](const std::string& id) {
    return absl::StrCat(R"({"jsonrpc":"2.0","method":"notifications/cancelled",)",
                        R"("params":{"requestId":)", id, R"(,"reason":"user abort"}})");
  };
  Verdict v = session_->Check(cancel("20"), kToServer);
  ASSERT_TRUE(v.allowed()) << v.reason();
  ASSERT_EQ(v.notes().size(), 1u);
  EXPECT_THAT(v.notes()[0], HasSubstr("cancelled: forgot request 20 (tools/call)"));
  EXPECT_EQ(session_->in_flight(kToServer), 1u);
  // The late answer is denied; the other request's still passes.
  EXPECT_EQ(session_->Check(R"({"jsonrpc":"2.0","id":20,"result":{}})", kToClient).decision(),
            Decision::kDeny);
  // A cancellation of what is not in flight (or of the other side's
  // requests, or by the wrong id type) forgets nothing.
  EXPECT_TRUE(session_->Check(cancel("21"), kToServer).notes().empty());
  EXPECT_TRUE(session_->Check(cancel(R"("s21")"), kToClient).notes().empty());
  EXPECT_EQ(session_->in_flight(kToServer), 1u);
  EXPECT_EQ(session_->Check(R"({"jsonrpc":"2.0","id":"s21","result":{}})", kToClient).decision(),
            Decision::kAllow);
  // A cancellation the policy refuses is not forwarded: its request stays.
  Reset(absl::StrCat(kPolicy, R"pb(rules { id: "no-cancel" effect: DENY
                                          target { methods: "notifications/cancelled" } })pb"));
  ASSERT_TRUE(session_->Check(Call("30", "read_file", "/srv/a"), kToServer).allowed());
  EXPECT_FALSE(session_->Check(cancel("30"), kToServer).allowed());
  EXPECT_EQ(session_->in_flight(kToServer), 1u);
}

// A server need not honour a cancellation, and an evicted request is still
// at the server: until an answer to it comes, its id is not free, or that
// answer would be taken for the new request's (found by an adversarial
// review: cancel get_secret's id 0, send get_public with id 0, and the
// secret passed as get_public's answer, past a DENY on read_file results).
TEST_F(SessionTest, ACancelledOrEvictedRequestsIdIsNotReusedBeforeItsAnswer) {
  const std::string cancel_7 =
      R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":7}})";
  ASSERT_TRUE(session_->Check(Call("7", "read_file", "/srv/a"), kToServer).allowed());
  ASSERT_TRUE(session_->Check(cancel_7, kToServer).allowed());
  Verdict reused = session_->Check(Call("7", "write_file", "/srv/a"), kToServer);
  EXPECT_EQ(reused.decision(), Decision::kDeny);
  EXPECT_EQ(reused.error_code(), kInvalidRequest);
  EXPECT_EQ(reused.reason(),
            "this id was used by a request that was cancelled or pushed out of flight, whose "
            "answer may still come: request ids must not be reused within a session");
  EXPECT_EQ(ErrorOf(reused)["id"].GetInt(), 7);
  EXPECT_EQ(session_->in_flight(kToServer), 0u);
  // The late answer is denied, and frees the id.
  Verdict late = session_->Check(R"({"jsonrpc":"2.0","id":7,"result":{}})", kToClient);
  EXPECT_EQ(late.decision(), Decision::kDeny);
  EXPECT_EQ(late.reason(),
            "response to a request that was cancelled or pushed out of flight: drop it");
  EXPECT_TRUE(session_->Check(Call("7", "read_file", "/srv/b"), kToServer).allowed());
  EXPECT_TRUE(session_->Check(R"({"jsonrpc":"2.0","id":7,"result":{}})", kToClient).allowed());
  // The other side's ids, and 7 spelled as a string, are other ids.
  EXPECT_TRUE(session_->Check(Call(R"("7")", "read_file", "/srv/a"), kToServer).allowed());

  // Evicted by the cap (3 here): the oldest id is retired the same way.
  Reset(kPolicy);
  for (const char* id : {"1", "2", "3", "4"}) {
    ASSERT_TRUE(session_->Check(Call(id, "read_file", "/srv/a"), kToServer).allowed()) << id;
  }
  EXPECT_EQ(session_->Check(Call("1", "read_file", "/srv/a"), kToServer).error_code(),
            kInvalidRequest);
  // A cancellation that names no request id can have (1e300, which would
  // overflow to INT64_MIN) forgets and retires nothing.
  EXPECT_TRUE(session_->Check(
      R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1e300}})",
      kToServer).notes().empty());
  EXPECT_EQ(session_->in_flight(kToServer), 3u);
}

// A session keeps 4096 retired ids: past that, a cancellation is refused
// and its request stays in flight, rather than an older retired id being
// forgotten (found by a review: 4096 cancelled pings flushed a cancelled
// get_secret's id).
TEST_F(SessionTest, ACancellationPastTheRetiredBoundIsRefused) {
  auto cancel = [](int id) {
    return absl::StrCat(R"({"jsonrpc":"2.0","method":"notifications/cancelled",)",
                        R"("params":{"requestId":)", id, "}}");
  };
  for (int id = 0; id < 4096; ++id) {
    ASSERT_TRUE(
        session_->Check(Call(absl::StrCat(id), "read_file", "/srv/a"), kToServer).allowed());
    ASSERT_TRUE(session_->Check(cancel(id), kToServer).allowed()) << id;
  }
  ASSERT_TRUE(session_->Check(Call("5000", "read_file", "/srv/a"), kToServer).allowed());
  Verdict refused = session_->Check(cancel(5000), kToServer);
  EXPECT_EQ(refused.decision(), Decision::kDeny);
  EXPECT_THAT(refused.reason(), HasSubstr("the cancellation is not forwarded"));
  EXPECT_EQ(session_->in_flight(kToServer), 1u);
  // The first cancelled id is still not free.
  EXPECT_EQ(session_->Check(Call("0", "read_file", "/srv/a"), kToServer).error_code(),
            kInvalidRequest);
}

struct BadInput {
  const char* name;
  std::string message;
  int code;
  const char* id_json;  // The id the error response must carry.
  const char* reason_part;
};

class SessionBadInputTest : public SessionTest, public testing::WithParamInterface<BadInput> {};

TEST_P(SessionBadInputTest, AnsweredWithTheRightError) {
  const BadInput& c = GetParam();
  Verdict v = session_->Check(c.message, kToServer);
  EXPECT_EQ(v.decision(), Decision::kDeny);
  EXPECT_EQ(v.error_code(), c.code);
  rapidjson::Document e = ErrorOf(v);
  ASSERT_TRUE(e.HasMember("id"));
  rapidjson::Document expected_id;
  expected_id.Parse(c.id_json);
  EXPECT_TRUE(e["id"] == expected_id) << v.error_response();
  EXPECT_EQ(e["error"]["code"].GetInt(), c.code);
  EXPECT_THAT(std::string(v.reason()), HasSubstr(c.reason_part));
}

std::string Deep(int depth) {
  std::string s = R"({"jsonrpc":"2.0","id":42,"method":"tools/call","params":{"name":"read_file","arguments":{"x":)";
  for (int i = 0; i < depth; ++i) s += "[";
  for (int i = 0; i < depth; ++i) s += "]";
  return s + "}}}";
}

INSTANTIATE_TEST_SUITE_P(
    All, SessionBadInputTest,
    testing::Values(
        BadInput{"NotJson", "{\"jsonrpc\":", kParseError, "null", ""},
        BadInput{"Empty", "", kParseError, "null", ""},
        BadInput{"TooDeepKeepsId", Deep(10), kParseError, "42", "depth"},
        BadInput{"DuplicateKeyKeepsId",
                 R"({"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"read_file","name":"exec"}})",
                 kParseError, "8", "duplicate"},
        BadInput{"DuplicateIdLosesId", R"({"jsonrpc":"2.0","id":8,"id":9,"method":"ping"})", kParseError,
                 "null", "duplicate"},
        BadInput{"InvalidUtf8", std::string("{\"jsonrpc\":\"2.0\",\"id\":\"\xff\",\"method\":\"ping\"}"),
                 kParseError, "null", ""},
        BadInput{"WrongVersion", R"({"jsonrpc":"1.0","id":"v","method":"ping"})", kInvalidRequest,
                 "\"v\"", "\"jsonrpc\" must be \"2.0\""},
        BadInput{"Batch", R"([{"jsonrpc":"2.0","id":1,"method":"ping"}])", kInvalidRequest, "null",
                 "batches"},
        BadInput{"ToolsCallWithoutName", R"({"jsonrpc":"2.0","id":11,"method":"tools/call","params":{}})",
                 kInvalidParams, "11", "params.name"},
        BadInput{"ToolsCallNameNotString",
                 R"({"jsonrpc":"2.0","id":12,"method":"tools/call","params":{"name":["read_file"]}})",
                 kInvalidParams, "12", "params.name"},
        BadInput{"ToolsCallWithoutParams", R"({"jsonrpc":"2.0","id":13,"method":"tools/call"})",
                 kInvalidParams, "13", "params"}),
    [](const testing::TestParamInfo<BadInput>& param_info) { return std::string(param_info.param.name); });

TEST_F(SessionTest, ParseErrorCarriesOffset) {
  Verdict v = session_->Check("{\"jsonrpc\": x}", kToServer);
  rapidjson::Document e = ErrorOf(v);
  ASSERT_TRUE(e["error"]["data"].HasMember("offset"));
  EXPECT_EQ(e["error"]["data"]["offset"].GetInt(), 12);
}

TEST_F(SessionTest, AuditModeDecidesButNeverBlocks) {
  Reset(absl::StrCat(kPolicy, "\nmode: AUDIT\n"));
  Verdict v = session_->Check(Call("1", "read_file", "/etc/shadow"), kToServer);
  EXPECT_EQ(v.decision(), Decision::kAllow);
  EXPECT_EQ(v.policy_decision(), Decision::kDeny);
  EXPECT_TRUE(v.audit_only());
  EXPECT_EQ(v.rule_id(), "deny-etc");
  EXPECT_TRUE(v.error_response().empty());
  EXPECT_EQ(session_->in_flight(kToServer), 1u) << "forwarded, so its response must correlate";
  Verdict bad = session_->Check("not json", kToServer);
  EXPECT_EQ(bad.decision(), Decision::kAllow);
  EXPECT_EQ(bad.policy_decision(), Decision::kDeny);
  EXPECT_EQ(bad.error_code(), kParseError);
}

TEST_F(SessionTest, PrincipalAndServerComeFromTheSession) {
  const char* policy = R"pb(
    validation { mcp_messages: OFF tool_schemas: OFF }
    rules { id: "devs" effect: ALLOW target { tools: "*" servers: "fs" } principal { role: "dev" } }
  )pb";
  Reset(policy, Principal{"alice", {"dev"}, {}});
  EXPECT_TRUE(session_->Check(Call("1", "anything", "/x"), kToServer).allowed());
  Reset(policy, Principal{"bob", {"ops"}, {}});
  EXPECT_FALSE(session_->Check(Call("1", "anything", "/x"), kToServer).allowed());
}

TEST_F(SessionTest, SetPolicyAppliesToExistingSessions) {
  EXPECT_EQ(session_->Check(Call("1", "exec", "/x"), kToServer).decision(), Decision::kDeny);
  auto open = CompilePolicy(
      "validation { tool_schemas: OFF } rules { id: \"all\" effect: ALLOW target { tools: \"*\" } }");
  ASSERT_TRUE(open.ok());
  ASSERT_TRUE(engine_->SetPolicy(*open).ok());
  Verdict v = session_->Check(Call("2", "exec", "/x"), kToServer);
  EXPECT_EQ(v.decision(), Decision::kAllow);
  EXPECT_EQ(v.rule_id(), "all");
}

TEST_F(SessionTest, VerdictNamesThePolicySnapshotThatDecided) {
  Verdict before = session_->Check(Call("1", "exec", "/x"), kToServer);
  auto next = CompilePolicy("name: \"next\" rules { id: \"all\" effect: ALLOW target { tools: \"*\" } }");
  ASSERT_TRUE(next.ok());
  ASSERT_TRUE(engine_->SetPolicy(*next).ok());
  Verdict after = session_->Check(Call("2", "exec", "/x"), kToServer);
  ASSERT_NE(before.policy(), nullptr);
  EXPECT_EQ(before.policy()->name(), "session-test");
  EXPECT_EQ(after.policy()->name(), "next");
  EXPECT_NE(before.policy()->hash(), after.policy()->hash());
}

TEST(LoadPolicyFile, RefusesADirectoryAndAMissingFile) {
  EXPECT_EQ(LoadPolicyFile("/tmp").status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(LoadPolicyFile("/nonexistent/policy.textproto").status().code(),
            absl::StatusCode::kNotFound);
  // A read error is an error, not the policy read so far (here: nothing,
  // which would have compiled as an empty policy).
  EXPECT_EQ(LoadPolicyFile("/proc/self/mem").status().code(), absl::StatusCode::kDataLoss);
}

TEST_F(SessionTest, NullPolicyIsRejected) {
  EXPECT_EQ(engine_->SetPolicy(nullptr).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Engine::Create(nullptr).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(engine_->policy(), nullptr);
}

TEST_F(SessionTest, SessionAndVerdictOutliveEngine) {
  Verdict v = session_->Check(Call("1", "read_file", "/etc/x"), kToServer);
  engine_.reset();
  EXPECT_EQ(v.rule_id(), "deny-etc");
  EXPECT_EQ(session_->Check(Call("2", "read_file", "/srv/x"), kToServer).rule_id(), "read");
}

}  // namespace
}  // namespace mcpguard
