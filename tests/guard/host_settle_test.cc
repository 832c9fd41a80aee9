// ASK verdicts the host settles itself (Session::Settle): without an
// approver on the engine, the host asks its human and hands the answer back,
// so that a refused request leaves the session's in-flight table and an
// answer can be remembered, as an approver's would.
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mcpguard/guard.h"

namespace mcpguard {
namespace {

using testing::HasSubstr;

constexpr Direction kToServer = Direction::kToServer;
constexpr Direction kToClient = Direction::kToClient;

constexpr char kPolicy[] = R"pb(
  validation { mcp_messages: OFF tool_schemas: OFF }
  rules { id: "ask-write" effect: ASK target { tools: "write_*" } }
  rules { id: "ask-sampling" effect: ASK target { methods: "sampling/createMessage" } }
  rules { id: "ask-progress" effect: ASK target { methods: "notifications/progress" } }
  rules { id: "allow" effect: ALLOW target { methods: "*" } }
)pb";

std::string Call(int id, const std::string& tool) {
  return absl::StrCat(R"({"jsonrpc":"2.0","id":)", id,
                      R"(,"method":"tools/call","params":{"name":")", tool,
                      R"(","arguments":{}}})");
}

std::string Result(int id) {
  return absl::StrCat(R"({"jsonrpc":"2.0","id":)", id, R"(,"result":{"content":[]}})");
}

class HostSettleTest : public testing::Test {
 protected:
  void Start(const std::string& policy_suffix = "") {
    StartWith(absl::StrCat(kPolicy, policy_suffix));
  }
  // An engine on `policy_text` alone, and a session.
  void StartWith(const std::string& policy_text) {
    auto policy = CompilePolicy(policy_text, {PolicyFormat::kTextproto, "settle"});
    ASSERT_TRUE(policy.ok()) << policy.status();
    auto engine = Engine::Create(*policy);
    ASSERT_TRUE(engine.ok()) << engine.status();
    engine_ = *std::move(engine);
    session_ = engine_->NewSession({});
  }

  // Checks a call the policy asks about, and makes sure it was asked.
  Verdict Ask(int id, const std::string& tool) {
    Verdict v = session_->Check(Call(id, tool), kToServer);
    EXPECT_EQ(v.decision(), Decision::kAsk) << v.reason();
    EXPECT_TRUE(v.awaiting_answer());
    return v;
  }

  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Session> session_;
};

TEST_F(HostSettleTest, ARefusedRequestLeavesFlightSoItsIdIsFreeAndALateAnswerIsDenied) {
  Start();
  Verdict asked = Ask(1, "write_file");
  EXPECT_EQ(session_->in_flight(kToServer), 1u);
  absl::StatusOr<Verdict> settled = session_->Settle(asked, {/*approved=*/false});
  ASSERT_TRUE(settled.ok()) << settled.status();
  EXPECT_EQ(settled->decision(), Decision::kDeny);
  EXPECT_EQ(settled->approval(), ApprovalOutcome::kRefused);
  EXPECT_FALSE(settled->awaiting_answer());
  EXPECT_EQ(settled->rule_id(), "ask-write");
  EXPECT_EQ(settled->reason(), "approval required by rule: refused by the host");
  EXPECT_EQ(settled->error_code(), kPolicyDenied);
  EXPECT_THAT(settled->error_response(), HasSubstr(R"("id":1)"));
  EXPECT_THAT(settled->error_response(), HasSubstr("refused by the host"));
  EXPECT_EQ(session_->in_flight(kToServer), 0u);
  // The request was never forwarded: an answer to it is no answer.
  EXPECT_EQ(session_->Check(Result(1), kToClient).decision(), Decision::kDeny);
  // Its id may be used again (it was refused as a duplicate before Settle).
  EXPECT_EQ(session_->Check(Call(1, "read_file"), kToServer).decision(), Decision::kAllow);
}

TEST_F(HostSettleTest, AnApprovedRequestStaysInFlightAndItsAnswerPasses) {
  Start();
  Verdict asked = Ask(2, "write_file");
  absl::StatusOr<Verdict> settled = session_->Settle(asked, {/*approved=*/true});
  ASSERT_TRUE(settled.ok()) << settled.status();
  EXPECT_EQ(settled->decision(), Decision::kAllow);
  EXPECT_EQ(settled->policy_decision(), Decision::kAllow);
  EXPECT_EQ(settled->approval(), ApprovalOutcome::kApproved);
  EXPECT_EQ(settled->error_code(), 0);
  EXPECT_TRUE(settled->error_response().empty());
  EXPECT_TRUE(settled->replacement().empty());
  EXPECT_EQ(settled->reason(), "approval required by rule: approved by the host");
  EXPECT_EQ(session_->in_flight(kToServer), 1u);
  EXPECT_EQ(session_->Check(Result(2), kToClient).decision(), Decision::kAllow);
  // Not remembered: the next call asks again.
  Ask(3, "write_file");
}

TEST_F(HostSettleTest, AnAskIsSettledOnceAndOnlyByItsOwnSession) {
  Start();
  Verdict asked = Ask(1, "write_file");
  Verdict copy = asked;
  EXPECT_TRUE(copy.awaiting_answer());
  std::unique_ptr<Session> other = engine_->NewSession({});
  absl::StatusOr<Verdict> wrong = other->Settle(asked, {true});
  EXPECT_EQ(wrong.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(wrong.status().message(), HasSubstr("another session"));
  ASSERT_TRUE(session_->Settle(asked, {false}).ok());
  // A copy names the same ASK: settled already.
  EXPECT_EQ(session_->Settle(copy, {true}).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(session_->Settle(asked, {false}).status().code(),
            absl::StatusCode::kFailedPrecondition);
  // What is not an ASK left to the host is refused at once.
  Verdict allowed = session_->Check(Call(2, "read_file"), kToServer);
  ASSERT_EQ(allowed.decision(), Decision::kAllow);
  EXPECT_FALSE(allowed.awaiting_answer());
  absl::StatusOr<Verdict> not_asked = session_->Settle(allowed, {true});
  EXPECT_EQ(not_asked.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(not_asked.status().message(), HasSubstr("this one is allow"));
  EXPECT_EQ(session_->Settle(Verdict(), {true}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(HostSettleTest, ARememberedAnswerSettlesLaterAsksOfTheSameRuleAndTool) {
  Start();
  ASSERT_TRUE(session_->Settle(Ask(1, "write_file"), {true, /*remember=*/true}).ok());
  Verdict again = session_->Check(Call(2, "write_file"), kToServer);
  EXPECT_EQ(again.decision(), Decision::kAllow);
  EXPECT_EQ(again.approval(), ApprovalOutcome::kRemembered);
  EXPECT_FALSE(again.awaiting_answer());
  EXPECT_EQ(again.reason(), "approval required by rule: approved earlier in this session");
  // Another tool under the same rule is asked about.
  absl::StatusOr<Verdict> refused =
      session_->Settle(Ask(3, "write_config"), {false, /*remember=*/true});
  ASSERT_TRUE(refused.ok());
  EXPECT_THAT(refused->reason(), HasSubstr("refused by the host; remembered for this session"));
  Verdict refused_again = session_->Check(Call(4, "write_config"), kToServer);
  EXPECT_EQ(refused_again.decision(), Decision::kDeny);
  EXPECT_EQ(refused_again.approval(), ApprovalOutcome::kRemembered);
  EXPECT_EQ(session_->in_flight(kToServer), 2u);  // 1 and 2, approved.
  // Another session remembers nothing.
  std::unique_ptr<Session> other = engine_->NewSession({});
  EXPECT_EQ(other->Check(Call(1, "write_file"), kToServer).decision(), Decision::kAsk);
  // A new policy forgets what was remembered (the same one loaded again
  // does not: AYesGivenAfterAReloadIsNotActedOnNorRemembered).
  auto policy = CompilePolicy(absl::StrCat(kPolicy, R"pb(name: "settle-2")pb"),
                              {PolicyFormat::kTextproto, "settle-2"});
  ASSERT_TRUE(policy.ok());
  ASSERT_TRUE(engine_->SetPolicy(*policy).ok());
  Ask(5, "write_file");
}

TEST_F(HostSettleTest, NeverRememberIgnoresTheHostsRemember) {
  Start("approval { never_remember: true }");
  absl::StatusOr<Verdict> settled = session_->Settle(Ask(1, "write_file"), {true, true});
  ASSERT_TRUE(settled.ok());
  EXPECT_THAT(settled->reason(), testing::Not(HasSubstr("remembered")));
  Ask(2, "write_file");
}

TEST_F(HostSettleTest, ARefusalLeavesALaterRequestThatReusedTheIdInFlight) {
  Start();
  Verdict asked = Ask(7, "write_file");
  // The client gives up on request 7 and sends another with its id.
  ASSERT_EQ(session_->Check(R"({"jsonrpc":"2.0","method":"notifications/cancelled",)"
                            R"("params":{"requestId":7}})",
                            kToServer)
                .decision(),
            Decision::kAllow);
  // Its id is free once an answer to it came (a reuse before that is
  // refused: SessionTest.ACancelledOrEvictedRequestsIdIsNotReusedBeforeItsAnswer).
  ASSERT_EQ(session_->Check(Result(7), kToClient).decision(), Decision::kDeny);
  ASSERT_EQ(session_->Check(Call(7, "read_file"), kToServer).decision(), Decision::kAllow);
  ASSERT_TRUE(session_->Settle(asked, {false}).ok());
  // The refusal of the old request does not forget the new one.
  EXPECT_EQ(session_->in_flight(kToServer), 1u);
  EXPECT_EQ(session_->Check(Result(7), kToClient).decision(), Decision::kAllow);
}

// A full in-flight table: the asked request pushed the oldest out. Refused,
// it was never forwarded, so the one it pushed out comes back and its
// answer is still matched (it was lost with the asked one).
TEST_F(HostSettleTest, ARefusalPutsBackTheRequestItPushedOut) {
  Start("limits { max_in_flight_requests: 1 }");
  ASSERT_EQ(session_->Check(Call(1, "read_file"), kToServer).decision(), Decision::kAllow);
  Verdict asked = Ask(2, "write_file");
  EXPECT_EQ(session_->in_flight(kToServer), 1u);
  absl::StatusOr<Verdict> settled = session_->Settle(asked, {/*approved=*/false});
  ASSERT_TRUE(settled.ok()) << settled.status();
  EXPECT_EQ(settled->decision(), Decision::kDeny);
  EXPECT_EQ(session_->in_flight(kToServer), 1u);
  Verdict answer = session_->Check(Result(1), kToClient);
  EXPECT_EQ(answer.decision(), Decision::kAllow) << answer.reason();
  EXPECT_EQ(session_->Check(Result(2), kToClient).decision(), Decision::kDeny);

  // Approved instead, the asked request keeps its place: nothing comes back.
  ASSERT_EQ(session_->Check(Call(3, "read_file"), kToServer).decision(), Decision::kAllow);
  Verdict approved = Ask(4, "write_file");
  ASSERT_TRUE(session_->Settle(approved, {/*approved=*/true}).ok());
  EXPECT_EQ(session_->Check(Result(3), kToClient).decision(), Decision::kDeny);
  EXPECT_EQ(session_->Check(Result(4), kToClient).decision(), Decision::kAllow);
}

TEST_F(HostSettleTest, AServersRequestAndANotificationAreSettledToo) {
  Start();
  // A sampling request the server sends the client: refused, it leaves the
  // client-bound table, and the server gets the error.
  Verdict sampling = session_->Check(
      R"({"jsonrpc":"2.0","id":"s1","method":"sampling/createMessage","params":{"messages":[],)"
      R"("maxTokens":10}})",
      kToClient);
  ASSERT_EQ(sampling.decision(), Decision::kAsk);
  EXPECT_EQ(session_->in_flight(kToClient), 1u);
  absl::StatusOr<Verdict> refused = session_->Settle(sampling, {false});
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->decision(), Decision::kDeny);
  EXPECT_THAT(refused->error_response(), HasSubstr(R"("id":"s1")"));
  EXPECT_EQ(session_->in_flight(kToClient), 0u);
  // A notification gets no answer: refused, there is nothing to send.
  Verdict progress = session_->Check(
      R"({"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":1,)"
      R"("progress":1}})",
      kToClient);
  ASSERT_EQ(progress.decision(), Decision::kAsk);
  absl::StatusOr<Verdict> dropped = session_->Settle(progress, {false});
  ASSERT_TRUE(dropped.ok());
  EXPECT_EQ(dropped->decision(), Decision::kDeny);
  EXPECT_TRUE(dropped->error_response().empty());
}

TEST_F(HostSettleTest, OnlyTheLatestAsksArePending) {
  Start();
  Verdict first = Ask(0, "write_file");
  for (int id = 1; id <= 1024; ++id) {
    Verdict v = session_->Check(Call(id, "write_file"), kToServer);
    ASSERT_TRUE(v.awaiting_answer());
  }
  absl::StatusOr<Verdict> forgotten = session_->Settle(first, {false});
  EXPECT_EQ(forgotten.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(forgotten.status().message(), HasSubstr("1024"));
}

// What an approval gives is kept until Settle: a rewrite as long as the
// message, so the pending ASKs are bounded in bytes too.
TEST_F(HostSettleTest, PendingAsksAreBoundedInBytes) {
  Start("detectors { secrets { enabled: true } } limits { max_message_bytes: 4194304 }");
  const std::string padding(1000000, 'x');  // Strings are at most 1 MiB.
  auto big_call = [&](int id) {
    return absl::StrCat(R"({"jsonrpc":"2.0","id":)", id,
                        R"(,"method":"tools/call","params":{"name":"write_file","arguments":{)",
                        R"("a":"ghp_r8Xk2LmQ9vT4pZ7wN3yB6cH1dF5gJ0sA2eU8","p1":")", padding,
                        R"(","p2":")", padding, R"(","p3":")", padding, R"("}}})");
  };
  Verdict first = session_->Check(big_call(1), kToServer);
  ASSERT_TRUE(first.awaiting_answer()) << first.reason();
  for (int id = 2; id <= 12; ++id) {
    ASSERT_TRUE(session_->Check(big_call(id), kToServer).awaiting_answer());
  }
  // Twelve rewrites of 3 MB are more than the session keeps: the first is
  // forgotten (and says why), a recent one is still there.
  absl::StatusOr<Verdict> forgotten = session_->Settle(first, {true});
  EXPECT_EQ(forgotten.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(forgotten.status().message(), HasSubstr("MiB"));
  Verdict last = session_->Check(big_call(13), kToServer);
  absl::StatusOr<Verdict> kept = session_->Settle(last, {true});
  ASSERT_TRUE(kept.ok()) << kept.status();
  EXPECT_EQ(kept->decision(), Decision::kRewrite);
}

TEST_F(HostSettleTest, AuditModeAndAnApproverLeaveNothingToSettle) {
  Start("mode: AUDIT");
  Verdict audited = session_->Check(Call(1, "write_file"), kToServer);
  EXPECT_EQ(audited.decision(), Decision::kAllow);
  EXPECT_EQ(audited.policy_decision(), Decision::kAsk);
  EXPECT_FALSE(audited.awaiting_answer());
  EXPECT_THAT(session_->Settle(audited, {true}).status().message(), HasSubstr("AUDIT"));

  auto policy = CompilePolicy(kPolicy, {PolicyFormat::kTextproto, "settle"});
  ASSERT_TRUE(policy.ok());
  EngineOptions options;
  options.approver = [](const ApprovalRequest&, ApprovalCallback answer) { answer({false}); };
  auto engine = Engine::Create(*policy, std::move(options));
  ASSERT_TRUE(engine.ok());
  std::unique_ptr<Session> session = (*engine)->NewSession({});
  Verdict answered = session->Check(Call(1, "write_file"), kToServer);
  EXPECT_EQ(answered.approval(), ApprovalOutcome::kRefused);
  EXPECT_FALSE(answered.awaiting_answer());
  EXPECT_THAT(session->Settle(answered, {true}).status().message(),
              HasSubstr("settled already"));
}

// The review of Settle found an approval through it returned the message
// as it was, where an approver's yes gives what the rest of the check makes
// of it: the secret redacted, and for a changed tool, the rules' say.
TEST_F(HostSettleTest, AnApprovalGivesWhatTheRestOfTheCheckMakesOfTheMessage) {
  Start("detectors { secrets { enabled: true } }");
  const std::string call =
      R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"write_file",)"
      R"("arguments":{"text":"token ghp_r8Xk2LmQ9vT4pZ7wN3yB6cH1dF5gJ0sA2eU8"}}})";
  Verdict asked = session_->Check(call, kToServer);
  ASSERT_EQ(asked.decision(), Decision::kAsk) << asked.reason();
  EXPECT_TRUE(asked.replacement() == asked.error_response());  // Nothing to forward yet.
  EXPECT_FALSE(asked.findings().empty());  // The human sees what was found.
  absl::StatusOr<Verdict> approved = session_->Settle(asked, {true});
  ASSERT_TRUE(approved.ok()) << approved.status();
  EXPECT_EQ(approved->decision(), Decision::kRewrite);
  EXPECT_EQ(approved->approval(), ApprovalOutcome::kApproved);
  EXPECT_THAT(approved->replacement(), HasSubstr("[REDACTED:github_token]"));
  EXPECT_THAT(approved->replacement(), testing::Not(HasSubstr("ghp_")));
}

TEST_F(HostSettleTest, AChangedToolsAskIsFollowedByTheRules) {
  StartWith(R"pb(
    validation { mcp_messages: OFF tool_schemas: OFF }
    integrity { mode: TRUST_ON_FIRST_USE on_change: ASK }
    rules {
      id: "no-rm" effect: DENY target { tools: "run" }
      condition { field { pointer: "/arguments/cmd" string { contains: "rm -rf" } } }
    }
    rules { id: "allow" effect: ALLOW target { methods: "*" } }
  )pb");
  Session* session = session_.get();
  auto list = [&](int id, const std::string& description) {
    session->Check(absl::StrCat(R"({"jsonrpc":"2.0","id":)", id, R"(,"method":"tools/list"})"),
                   kToServer);
    return session->Check(absl::StrCat(R"({"jsonrpc":"2.0","id":)", id,
                                       R"(,"result":{"tools":[{"name":"run","description":")",
                                       description, R"(","inputSchema":{"type":"object"}}]}})"),
                          kToClient);
  };
  auto run = [&](int id, const std::string& cmd) {
    return session->Check(absl::StrCat(R"({"jsonrpc":"2.0","id":)", id,
                                       R"(,"method":"tools/call","params":{"name":"run",)",
                                       R"("arguments":{"cmd":")", cmd, R"("}}})"),
                          kToServer);
  };
  list(1, "Runs a command.");
  list(2, "Runs a command. Changed.");
  // Denied by a rule whatever the human says: nothing to ask.
  Verdict denied = run(3, "rm -rf /");
  EXPECT_EQ(denied.decision(), Decision::kDeny);
  EXPECT_EQ(denied.rule_id(), "no-rm");
  EXPECT_FALSE(denied.awaiting_answer());
  // Allowed by the rules: the change is asked about, and a yes allows it.
  Verdict asked = run(4, "ls");
  ASSERT_EQ(asked.decision(), Decision::kAsk) << asked.reason();
  EXPECT_THAT(asked.reason(), HasSubstr("changed tool"));
  absl::StatusOr<Verdict> approved = session->Settle(asked, {true});
  ASSERT_TRUE(approved.ok());
  EXPECT_EQ(approved->decision(), Decision::kAllow);
  EXPECT_EQ(approved->rule_id(), "allow");
}

// A yes is acted on only while the policy it answered is in force: the one
// in force now may deny the call (found by an adversarial review: a
// capability revoked while its ASK was open was still granted). Nor is the
// answer remembered.
TEST_F(HostSettleTest, AYesGivenAfterAReloadIsNotActedOnNorRemembered) {
  Start();
  Verdict asked = Ask(1, "write_file");
  auto policy = CompilePolicy(absl::StrCat(R"pb(rules { id: "revoke-write" effect: DENY
                                                        target { tools: "write_*" } })pb",
                                           kPolicy),
                              {PolicyFormat::kTextproto, "settle-2"});
  ASSERT_TRUE(policy.ok()) << policy.status();
  ASSERT_TRUE(engine_->SetPolicy(*policy).ok());
  EXPECT_EQ(session_->Check(Call(2, "write_file"), kToServer).decision(), Decision::kDeny);
  absl::StatusOr<Verdict> settled = session_->Settle(asked, {true, /*remember=*/true});
  ASSERT_TRUE(settled.ok()) << settled.status();
  EXPECT_EQ(settled->decision(), Decision::kDeny);
  EXPECT_EQ(settled->approval(), ApprovalOutcome::kApproved);  // What the host said.
  EXPECT_EQ(settled->rule_id(), "ask-write");
  EXPECT_EQ(settled->reason(),
            "approval required by rule: approved by the host, but the policy changed since the "
            "ASK; send the request again");
  EXPECT_EQ(settled->error_code(), kPolicyDenied);
  EXPECT_THAT(settled->error_response(), HasSubstr(R"("id":1)"));
  EXPECT_EQ(session_->in_flight(kToServer), 0u);  // Its id is free for the resend.
  EXPECT_EQ(session_->Check(Call(1, "write_file"), kToServer).decision(), Decision::kDeny);

  // The same policy loaded again (a file touched, renamed over with the
  // same bytes) is still the one the answer was for: the yes stands (found
  // by a review: it turned into a deny).
  Start();
  asked = Ask(1, "write_file");
  policy = CompilePolicy(kPolicy, {PolicyFormat::kTextproto, "settle"});
  ASSERT_TRUE(policy.ok());
  ASSERT_TRUE(engine_->SetPolicy(*policy).ok());
  settled = session_->Settle(asked, {true, /*remember=*/true});
  ASSERT_TRUE(settled.ok());
  EXPECT_EQ(settled->decision(), Decision::kAllow);
  EXPECT_THAT(settled->reason(), HasSubstr("remembered"));
  Verdict again = session_->Check(Call(2, "write_file"), kToServer);
  EXPECT_EQ(again.approval(), ApprovalOutcome::kRemembered);
}

// A remembered answer is for the same way, kind and method too: a tool a
// server named "sampling/createMessage" is not the server's sampling.
TEST_F(HostSettleTest, ARememberedAnswerIsForTheSameKindOfMessageOnly) {
  StartWith(R"pb(
    validation { mcp_messages: OFF tool_schemas: OFF }
    rules { id: "ask-all" effect: ASK target { methods: "*" } }
  )pb");
  Session* session = session_.get();
  const std::string tool_call =
      R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"sampling/createMessage",)"
      R"("arguments":{}}})";
  Verdict asked = session->Check(tool_call, kToServer);
  ASSERT_EQ(asked.decision(), Decision::kAsk) << asked.reason();
  ASSERT_TRUE(session->Settle(asked, {true, /*remember=*/true}).ok());
  Verdict sampling = session->Check(
      R"({"jsonrpc":"2.0","id":"s1","method":"sampling/createMessage","params":{"messages":[],)"
      R"("maxTokens":10}})",
      kToClient);
  EXPECT_EQ(sampling.decision(), Decision::kAsk);
  EXPECT_TRUE(sampling.awaiting_answer());
  // The same call again is remembered.
  std::string again = tool_call;
  again.replace(again.find(R"("id":1)"), 6, R"("id":2)");
  EXPECT_EQ(session->Check(again, kToServer).approval(), ApprovalOutcome::kRemembered);
}

TEST_F(HostSettleTest, AMovedFromVerdictNamesNoAsk) {
  Start();
  Verdict asked = Ask(1, "write_file");
  Verdict moved = std::move(asked);
  EXPECT_TRUE(moved.awaiting_answer());
  EXPECT_FALSE(asked.awaiting_answer());  // NOLINT(bugprone-use-after-move): the point.
  EXPECT_EQ(session_->Settle(asked, {true}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(session_->Settle(moved, {true}).ok());
}

}  // namespace
}  // namespace mcpguard
