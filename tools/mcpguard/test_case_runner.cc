#include "test_case_runner.h"

#include <cstdint>
#include <limits>
#include <utility>

#include "absl/strings/str_cat.h"
#include "mcpguard/guard.h"
#include "message_shape.h"
#include "rapidjson/document.h"
#include "test_expectation.h"

namespace mcpguard::cli {
namespace {

namespace pb = ::mcpguard::v1;

// Any fixed start will do; not 0, so that a limiter that treats 0 as "never
// seen" is not fooled.
constexpr int64_t kClockStartNs = 1'000'000'000'000'000;

// What the approver answers for the message being checked, and whether it
// was asked about one that scripts no answer.
struct ApproverScript {
  const pb::TestMessage* message = nullptr;
  bool unscripted = false;
  std::string rule_id;
};

bool AnyAnswer(const google::protobuf::RepeatedPtrField<pb::TestMessage>& messages) {
  for (const pb::TestMessage& m : messages) {
    if (m.has_answer()) return true;
  }
  return false;
}

Principal ToPrincipal(const pb::TestPrincipal& proto) {
  Principal principal;
  principal.subject = proto.subject();
  principal.roles.assign(proto.roles().begin(), proto.roles().end());
  principal.scopes.assign(proto.scopes().begin(), proto.scopes().end());
  for (const pb::Claim& claim : proto.claims()) {
    principal.claims[claim.name()].assign(claim.values().begin(), claim.values().end());
  }
  return principal;
}

// As `mcpguard eval` guesses: a response travels to the client, anything
// else (garbage included) to the server.
Direction DirectionOf(const pb::TestMessage& message) {
  switch (message.direction()) {
    case pb::TO_SERVER: return Direction::kToServer;
    case pb::TO_CLIENT: return Direction::kToClient;
    default: break;
  }
  rapidjson::Document doc;
  doc.Parse<kCliParseFlags>(message.message().data(), message.message().size());
  if (doc.HasParseError()) return Direction::kToServer;
  return ReadMessageShape(doc).is_response ? Direction::kToClient : Direction::kToServer;
}

std::string View(std::string_view s) { return std::string(s.data(), s.size()); }

class CaseRun {
 public:
  CaseRun(const std::shared_ptr<const CompiledPolicy>& policy, const pb::PolicyTestSuite& suite,
          int index)
      : policy_(policy),
        suite_(suite),
        test_case_(suite.cases(index)),
        case_field_(absl::StrCat("cases[", index, "]")) {}

  CaseResult Run() {
    EngineOptions options;
    options.clock = [clock = clock_] { return *clock; };
    if (AnyAnswer(suite_.setup()) || AnyAnswer(test_case_.setup()) ||
        AnyAnswer(test_case_.checks())) {
      options.approver = [script = script_](const ApprovalRequest& request,
                                            ApprovalCallback answer) {
        ApprovalAnswer reply;
        if (script->message == nullptr || !script->message->has_answer()) {
          script->unscripted = true;
          script->rule_id = request.rule_id;
        } else {
          reply.approved = script->message->answer().approved();
          reply.remember = script->message->answer().remember();
        }
        answer(reply);
      };
    }
    auto engine = Engine::Create(policy_, std::move(options));
    if (!engine.ok()) {
      Fail(case_field_, absl::StrCat("cannot start an engine: ", engine.status().message()));
      return std::move(result_);
    }
    SessionOptions session_options;
    session_options.principal = ToPrincipal(test_case_.principal());
    session_options.server_id = test_case_.server_id();
    session_options.session_id = test_case_.name();
    session_ = (*engine)->NewSession(std::move(session_options));
    for (int i = 0; i < suite_.setup_size(); ++i) {
      if (!Step(suite_.setup(i), absl::StrCat("setup[", i, "]"))) return std::move(result_);
    }
    for (int i = 0; i < test_case_.setup_size(); ++i) {
      if (!Step(test_case_.setup(i), absl::StrCat(case_field_, ".setup[", i, "]"))) {
        return std::move(result_);
      }
    }
    for (int i = 0; i < test_case_.checks_size(); ++i) {
      if (!Step(test_case_.checks(i), absl::StrCat(case_field_, ".checks[", i, "]"))) {
        return std::move(result_);
      }
    }
    return std::move(result_);
  }

 private:
  // Checks one message; false (and result_ filled) when it fails the case.
  bool Step(const pb::TestMessage& message, const std::string& field) {
    const int64_t wait_ns = static_cast<int64_t>(message.wait_ms()) * 1'000'000;
    if (wait_ns > std::numeric_limits<int64_t>::max() - *clock_) {
      return Fail(field, "the test clock would overflow: wait less");
    }
    *clock_ += wait_ns;
    script_->message = &message;
    script_->unscripted = false;
    CheckOptions check_options;
    check_options.explain = true;
    Verdict verdict = session_->Check(message.message(), DirectionOf(message), check_options);
    const std::string got = absl::StrCat(DescribeVerdict(verdict), ": ", View(verdict.reason()));
    if (script_->unscripted) {
      result_.verdict = std::move(verdict);
      return Fail(field, absl::StrCat("the approver was asked about this message (rule ",
                                      script_->rule_id.empty() ? "-" : script_->rule_id,
                                      ") but it has no `answer`"));
    }
    if (!message.has_expect()) {  // Setup: it must be forwarded.
      const Decision decision = verdict.policy_decision();
      if (decision == Decision::kAllow || decision == Decision::kRewrite) return true;
      result_.verdict = std::move(verdict);
      return Fail(field, absl::StrCat("expected the setup message forwarded (allow or rewrite), "
                                      "got ", got));
    }
    Comparison comparison = CompareVerdict(message.expect(), verdict);
    if (comparison.ok()) return true;
    result_.details = std::move(comparison.others);
    result_.verdict = std::move(verdict);
    return Fail(field,
                absl::StrCat("expected ", DescribeExpected(message.expect()), ", got ", got));
  }

  bool Fail(const std::string& field, std::string headline) {
    result_.passed = false;
    result_.failed_field = field;
    result_.headline = std::move(headline);
    return false;
  }

  const std::shared_ptr<const CompiledPolicy>& policy_;
  const pb::PolicyTestSuite& suite_;
  const pb::PolicyTestCase& test_case_;
  const std::string case_field_;
  std::shared_ptr<int64_t> clock_ = std::make_shared<int64_t>(kClockStartNs);
  std::shared_ptr<ApproverScript> script_ = std::make_shared<ApproverScript>();
  std::unique_ptr<Session> session_;
  CaseResult result_;
};

}  // namespace

CaseResult RunTestCase(const std::shared_ptr<const CompiledPolicy>& policy,
                       const pb::PolicyTestSuite& suite, int index) {
  return CaseRun(policy, suite, index).Run();
}

}  // namespace mcpguard::cli
