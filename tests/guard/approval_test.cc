// ASK verdicts settled by the engine's approver: approve, refuse, time out,
// throw, answer late from another thread, remembered answers.
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mcpguard/guard.h"

namespace mcpguard {
namespace {

using testing::HasSubstr;

constexpr char kPolicy[] = R"pb(
  validation { mcp_messages: OFF tool_schemas: OFF }
  rules { id: "ask-write" effect: ASK target { tools: "write_*" } }
  rules { id: "read" effect: ALLOW target { tools: "read_file" } }
)pb";

std::string Call(int id, const std::string& tool) {
  return absl::StrCat(R"({"jsonrpc":"2.0","id":)", id, R"(,"method":"tools/call","params":{"name":")",
                      tool, R"(","arguments":{}}})");
}

class ApprovalTest : public testing::Test {
 protected:
  // An engine whose approver is `approver`, with `policy_suffix` appended.
  void Start(Approver approver,
             const std::string& policy_suffix = "approval { timeout_ms: 100 }") {
    auto policy = CompilePolicy(absl::StrCat(kPolicy, policy_suffix),
                                {PolicyFormat::kTextproto, "approval"});
    ASSERT_TRUE(policy.ok()) << policy.status();
    EngineOptions options;
    options.approver = std::move(approver);
    auto engine = Engine::Create(*policy, std::move(options));
    ASSERT_TRUE(engine.ok());
    engine_ = *std::move(engine);
    Principal alice;
    alice.subject = "alice";
    session_ = engine_->NewSession({alice, "fs", "session-7"});
  }

  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Session> session_;
  std::atomic<int> asked_{0};
};

TEST_F(ApprovalTest, ApprovedAskIsAllowedAndTheApproverSeesTheRequest) {
  ApprovalRequest seen;
  Start([&](const ApprovalRequest& request, ApprovalCallback answer) {
    seen = request;
    ++asked_;
    answer({/*approved=*/true, /*remember=*/false});
  });
  Verdict v = session_->Check(Call(1, "write_file"), Direction::kToServer);
  EXPECT_EQ(v.decision(), Decision::kAllow);
  EXPECT_EQ(v.policy_decision(), Decision::kAllow);
  EXPECT_EQ(v.approval(), ApprovalOutcome::kApproved);
  EXPECT_EQ(v.rule_id(), "ask-write");
  EXPECT_EQ(v.reason(), "approval required by rule: approved");
  EXPECT_TRUE(v.error_response().empty());
  EXPECT_EQ(seen.session_id, "session-7");
  EXPECT_EQ(seen.principal.subject, "alice");
  EXPECT_EQ(seen.server_id, "fs");
  EXPECT_EQ(seen.method, "tools/call");
  EXPECT_EQ(seen.name, "write_file");
  EXPECT_EQ(seen.rule_id, "ask-write");
  EXPECT_EQ(seen.message, Call(1, "write_file"));
  // The approved request is in flight: its response is accepted.
  EXPECT_EQ(session_->in_flight(Direction::kToServer), 1u);
  // Not remembered: the next one asks again.
  session_->Check(Call(2, "write_file"), Direction::kToServer);
  EXPECT_EQ(asked_.load(), 2);
}

TEST_F(ApprovalTest, RefusalIsADenyWithTheAsksErrorResponse) {
  Start([](const ApprovalRequest&, ApprovalCallback answer) { answer({false, false}); });
  Verdict v = session_->Check(Call(4, "write_file"), Direction::kToServer);
  EXPECT_EQ(v.decision(), Decision::kDeny);
  EXPECT_EQ(v.approval(), ApprovalOutcome::kRefused);
  EXPECT_EQ(v.error_code(), kPolicyDenied);
  EXPECT_THAT(v.error_response(), HasSubstr(R"("id":4)"));
  EXPECT_THAT(v.error_response(), HasSubstr(R"("rule":"ask-write")"));
  EXPECT_THAT(v.error_response(), HasSubstr("approval required by rule: refused"));
  EXPECT_EQ(session_->in_flight(Direction::kToServer), 0u);
}

TEST_F(ApprovalTest, NoAnswerInTimeIsADenyAndALateAnswerIsIgnored) {
  std::thread late;
  ApprovalCallback kept;
  Start([&](const ApprovalRequest&, ApprovalCallback answer) { kept = std::move(answer); });
  auto start = std::chrono::steady_clock::now();
  Verdict v = session_->Check(Call(1, "write_file"), Direction::kToServer);
  auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(v.decision(), Decision::kDeny);
  EXPECT_EQ(v.approval(), ApprovalOutcome::kTimedOut);
  EXPECT_EQ(v.reason(), "approval required by rule: no answer within 100 ms");
  EXPECT_GE(waited, std::chrono::milliseconds(100));
  // Answering after the timeout, from another thread, changes nothing and
  // does not crash (the answer box outlives the Check).
  late = std::thread([&kept] { kept({true, true}); });
  late.join();
  kept = nullptr;
  EXPECT_EQ(session_->Check(Call(2, "read_file"), Direction::kToServer).decision(),
            Decision::kAllow);
}

TEST_F(ApprovalTest, AnAnswerFromAnotherThreadIsWaitedFor) {
  std::vector<std::thread> threads;
  Start([&threads](const ApprovalRequest&, ApprovalCallback answer) {
    threads.emplace_back([answer = std::move(answer)] {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      answer({true, false});
      answer({false, false});  // A second answer does not count.
    });
  });
  Verdict v = session_->Check(Call(1, "write_file"), Direction::kToServer);
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(v.decision(), Decision::kAllow);
  EXPECT_EQ(v.approval(), ApprovalOutcome::kApproved);
}

TEST_F(ApprovalTest, AThrowingApproverRefuses) {
  Start([](const ApprovalRequest&, ApprovalCallback) { throw std::runtime_error("ui gone"); });
  Verdict v = session_->Check(Call(1, "write_file"), Direction::kToServer);
  EXPECT_EQ(v.decision(), Decision::kDeny);
  EXPECT_EQ(v.approval(), ApprovalOutcome::kRefused);
}

TEST_F(ApprovalTest, RememberedAnswersApplyPerRuleAndToolForTheSession) {
  Start([&](const ApprovalRequest& request, ApprovalCallback answer) {
    ++asked_;
    answer({request.name == "write_file", /*remember=*/true});
  });
  EXPECT_EQ(session_->Check(Call(1, "write_file"), Direction::kToServer).approval(),
            ApprovalOutcome::kApproved);
  Verdict again = session_->Check(Call(2, "write_file"), Direction::kToServer);
  EXPECT_EQ(again.decision(), Decision::kAllow);
  EXPECT_EQ(again.approval(), ApprovalOutcome::kRemembered);
  EXPECT_EQ(asked_.load(), 1);
  // Another tool under the same rule is asked about on its own; a remembered
  // refusal is a deny without asking.
  EXPECT_EQ(session_->Check(Call(3, "write_config"), Direction::kToServer).decision(),
            Decision::kDeny);
  Verdict refused = session_->Check(Call(4, "write_config"), Direction::kToServer);
  EXPECT_EQ(refused.decision(), Decision::kDeny);
  EXPECT_EQ(refused.approval(), ApprovalOutcome::kRemembered);
  EXPECT_EQ(asked_.load(), 2);
  // Another session of the same engine remembers nothing.
  auto other = engine_->NewSession({Principal{}, "fs", "other"});
  other->Check(Call(1, "write_file"), Direction::kToServer);
  EXPECT_EQ(asked_.load(), 3);
}

// A yes given after the policy was replaced is not acted on: the policy in
// force may deny the call (found by an adversarial review of Settle, which
// the approver's path shared).
TEST_F(ApprovalTest, AYesGivenAfterAReloadIsADeny) {
  Start([&](const ApprovalRequest&, ApprovalCallback answer) {
    ++asked_;
    auto revoked = CompilePolicy(absl::StrCat(R"pb(rules { id: "revoke" effect: DENY
                                                           target { tools: "write_*" } })pb",
                                              kPolicy),
                                 {PolicyFormat::kTextproto, "revoked"});
    ASSERT_TRUE(revoked.ok()) << revoked.status();
    ASSERT_TRUE(engine_->SetPolicy(*revoked).ok());
    answer({/*approved=*/true, /*remember=*/true});
  });
  Verdict v = session_->Check(Call(1, "write_file"), Direction::kToServer);
  EXPECT_EQ(v.decision(), Decision::kDeny);
  EXPECT_EQ(v.approval(), ApprovalOutcome::kApproved);
  EXPECT_EQ(v.reason(),
            "approval required by rule: approved, but the policy changed while the approver "
            "was asked; send the request again");
  EXPECT_THAT(v.error_response(), HasSubstr(R"("id":1)"));
  EXPECT_EQ(session_->in_flight(Direction::kToServer), 0u);
  Verdict resent = session_->Check(Call(1, "write_file"), Direction::kToServer);
  EXPECT_EQ(resent.decision(), Decision::kDeny);
  EXPECT_EQ(resent.rule_id(), "revoke");
  EXPECT_EQ(asked_.load(), 1);
}

// An answer remembered under one ASK rule does not answer another that also
// matches and was never asked about (found by an adversarial review: it
// did when the general rule came first in the policy).
TEST_F(ApprovalTest, ARememberedAnswerCoversOnlyTheAskRulesItAnswered) {
  std::vector<std::string> asked_about;
  Start(
      [&](const ApprovalRequest& request, ApprovalCallback answer) {
        asked_about.push_back(request.rule_id);
        answer({/*approved=*/true, /*remember=*/true});
      },
      R"pb(approval { timeout_ms: 100 }
           rules { id: "ask-system-writes" effect: ASK target { tools: "write_file" }
                   condition { field { pointer: "/arguments/path"
                                       string { prefix: "/etc/" } } } })pb");
  auto write = [&](int id, const std::string& path) {
    return session_->Check(
        absl::StrCat(R"({"jsonrpc":"2.0","id":)", id,
                     R"(,"method":"tools/call","params":{"name":"write_file","arguments":{"path":")",
                     path, R"("}}})"),
        Direction::kToServer);
  };
  EXPECT_EQ(write(1, "/tmp/notes.txt").approval(), ApprovalOutcome::kApproved);
  EXPECT_EQ(write(2, "/tmp/other.txt").approval(), ApprovalOutcome::kRemembered);
  Verdict system = write(3, "/etc/sudoers");
  EXPECT_EQ(system.approval(), ApprovalOutcome::kApproved) << "asked, not remembered";
  EXPECT_EQ(asked_about, (std::vector<std::string>{"ask-write", "ask-write"}));
  // That answer covered both rules: now both are remembered.
  EXPECT_EQ(write(4, "/etc/hosts").approval(), ApprovalOutcome::kRemembered);
  EXPECT_EQ(asked_about.size(), 2u);
}

TEST_F(ApprovalTest, NeverRememberAsksEveryTime) {
  Start(
      [&](const ApprovalRequest&, ApprovalCallback answer) {
        ++asked_;
        answer({true, true});
      },
      "approval { never_remember: true timeout_ms: 100 }");
  session_->Check(Call(1, "write_file"), Direction::kToServer);
  Verdict v = session_->Check(Call(2, "write_file"), Direction::kToServer);
  EXPECT_EQ(v.approval(), ApprovalOutcome::kApproved);
  EXPECT_EQ(asked_.load(), 2);
}

TEST_F(ApprovalTest, WithoutAnApproverTheHostGetsAsk) {
  Start(nullptr);
  Verdict v = session_->Check(Call(1, "write_file"), Direction::kToServer);
  EXPECT_EQ(v.decision(), Decision::kAsk);
  EXPECT_EQ(v.approval(), ApprovalOutcome::kNone);
  EXPECT_FALSE(v.error_response().empty());
}

TEST_F(ApprovalTest, AuditModeNeverWaitsForAnApprover) {
  Start(
      [&](const ApprovalRequest&, ApprovalCallback answer) {
        ++asked_;
        answer({false, false});
      },
      "mode: AUDIT approval { timeout_ms: 100 }");
  Verdict v = session_->Check(Call(1, "write_file"), Direction::kToServer);
  EXPECT_EQ(v.decision(), Decision::kAllow);
  EXPECT_EQ(v.policy_decision(), Decision::kAsk);
  EXPECT_EQ(asked_.load(), 0);
}

}  // namespace
}  // namespace mcpguard
