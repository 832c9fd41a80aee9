#include "test_expectation.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "message_shape.h"
#include "rapidjson/document.h"
#include "schema/json_equality.h"

namespace mcpguard::cli {
namespace {

namespace pb = ::mcpguard::v1;

Decision ToDecision(pb::Expectation::Decision decision) {
  switch (decision) {
    case pb::Expectation::ALLOW: return Decision::kAllow;
    case pb::Expectation::ASK: return Decision::kAsk;
    case pb::Expectation::REWRITE: return Decision::kRewrite;
    default: return Decision::kDeny;
  }
}

ApprovalOutcome ToOutcome(pb::Expectation::Approval approval) {
  switch (approval) {
    case pb::Expectation::APPROVED: return ApprovalOutcome::kApproved;
    case pb::Expectation::REFUSED: return ApprovalOutcome::kRefused;
    case pb::Expectation::TIMED_OUT: return ApprovalOutcome::kTimedOut;
    case pb::Expectation::REMEMBERED: return ApprovalOutcome::kRemembered;
    default: return ApprovalOutcome::kNone;
  }
}

const char* OutcomeName(ApprovalOutcome outcome) {
  switch (outcome) {
    case ApprovalOutcome::kNone: return "not asked";
    case ApprovalOutcome::kApproved: return "approved";
    case ApprovalOutcome::kRefused: return "refused";
    case ApprovalOutcome::kTimedOut: return "timed out";
    case ApprovalOutcome::kRemembered: return "remembered";
  }
  return "unknown";
}

std::string View(std::string_view s) { return std::string(s.data(), s.size()); }

std::string List(std::vector<std::string> values) {
  return absl::StrCat("[", absl::StrJoin(values, ", "), "]");
}

// Equal as JSON: member order and spacing aside. `expected` is known to be
// JSON (the tests file was checked).
bool SameJson(const std::string& expected, std::string_view actual) {
  rapidjson::Document want, got;
  want.Parse<kCliParseFlags>(expected.data(), expected.size());
  got.Parse<kCliParseFlags>(actual.data(), actual.size());
  if (want.HasParseError() || got.HasParseError()) return false;
  return internal::JsonEqual(want, got) == internal::JsonEquality::kEqual;
}

void CompareReplacement(const pb::Expectation& expect, const Verdict& verdict,
                        std::vector<std::string>* others) {
  const std::string actual = View(verdict.replacement());
  const std::string shown = actual.empty() ? std::string("none") : actual;
  if (expect.has_replacement()) {
    const std::string& want = expect.replacement();
    const bool same = want.empty() ? actual.empty() : SameJson(want, actual);
    if (!same) {
      others->push_back(absl::StrCat("replacement: expected ", want.empty() ? "none" : want,
                                     ", got ", shown));
    }
  } else if (expect.has_replacement_contains() &&
             !absl::StrContains(actual, expect.replacement_contains())) {
    others->push_back(absl::StrCat("replacement: expected to contain ",
                                   expect.replacement_contains(), ", got ", shown));
  }
}

void CompareRetry(const pb::Expectation& expect, const Verdict& verdict,
                  std::vector<std::string>* others) {
  const uint64_t actual = verdict.retry_after_ms();
  if (expect.has_retry_after_ms() && actual != expect.retry_after_ms()) {
    others->push_back(absl::StrCat("retry_after_ms: expected ", expect.retry_after_ms(),
                                   ", got ", actual));
  } else if (expect.has_has_retry_after() && (actual > 0) != expect.has_retry_after()) {
    others->push_back(absl::StrCat("retry_after_ms: expected ",
                                   expect.has_retry_after() ? "a hint" : "none", ", got ",
                                   actual));
  }
}

}  // namespace

// "category", or "category@pointer" when `with_pointer`.
std::string FindingKey(const Finding& finding, bool with_pointer) {
  return with_pointer ? absl::StrCat(finding.category, "@", finding.pointer) : finding.category;
}

// Each expected entry takes one finding it names; every finding must be
// taken (no extra finding passes unnoticed).
void CompareFindings(const pb::Expectation& expect, const Verdict& verdict,
                     std::vector<std::string>* others) {
  std::vector<std::string> got_all;
  for (const Finding& finding : verdict.findings()) got_all.push_back(FindingKey(finding, true));
  if (expect.no_findings()) {
    if (!got_all.empty()) {
      others->push_back(absl::StrCat("findings: expected none, got ", List(got_all)));
    }
    return;
  }
  if (expect.findings().empty()) return;
  std::vector<bool> taken(verdict.findings().size(), false);
  std::vector<std::string> missing;
  for (const std::string& want : expect.findings()) {
    const bool with_pointer = absl::StrContains(want, '@');
    bool found = false;
    for (size_t i = 0; i < taken.size() && !found; ++i) {
      if (!taken[i] && FindingKey(verdict.findings()[i], with_pointer) == want) {
        taken[i] = true;
        found = true;
      }
    }
    if (!found) missing.push_back(want);
  }
  const bool extra = std::find(taken.begin(), taken.end(), false) != taken.end();
  if (!missing.empty() || extra) {
    std::vector<std::string> want(expect.findings().begin(), expect.findings().end());
    others->push_back(absl::StrCat("findings: expected ", List(want), ", got ", List(got_all)));
  }
}

Comparison CompareVerdict(const pb::Expectation& expect, const Verdict& verdict) {
  Comparison result;
  result.decision_and_rule = verdict.policy_decision() == ToDecision(expect.decision()) &&
                             (!expect.has_rule_id() || verdict.rule_id() == expect.rule_id());
  std::vector<std::string>& others = result.others;
  if (expect.has_error_code() && verdict.error_code() != expect.error_code()) {
    others.push_back(
        absl::StrCat("error_code: expected ", expect.error_code(), ", got ", verdict.error_code()));
  }
  if (!expect.reason_contains().empty() &&
      !absl::StrContains(View(verdict.reason()), expect.reason_contains())) {
    others.push_back(absl::StrCat("reason: expected to contain \"", expect.reason_contains(),
                                  "\", got \"", View(verdict.reason()), "\""));
  }
  CompareReplacement(expect, verdict, &others);
  if (!expect.required_scopes().empty()) {
    std::vector<std::string> want(expect.required_scopes().begin(),
                                  expect.required_scopes().end());
    std::vector<std::string> got = verdict.required_scopes();
    std::sort(want.begin(), want.end());
    std::sort(got.begin(), got.end());
    if (want != got) {
      others.push_back(
          absl::StrCat("required_scopes: expected ", List(want), ", got ", List(got)));
    }
  }
  CompareRetry(expect, verdict, &others);
  if (!expect.recorded_rules().empty()) {
    std::vector<std::string> want(expect.recorded_rules().begin(),
                                  expect.recorded_rules().end());
    std::vector<std::string> got;
    for (std::string_view rule : verdict.recorded_rules()) got.push_back(View(rule));
    if (want != got) {
      others.push_back(absl::StrCat("recorded_rules: expected ", List(want), ", got ", List(got)));
    }
  }
  CompareFindings(expect, verdict, &others);
  if (expect.approval() != pb::Expectation::APPROVAL_UNSPECIFIED &&
      verdict.approval() != ToOutcome(expect.approval())) {
    others.push_back(absl::StrCat("approval: expected ", OutcomeName(ToOutcome(expect.approval())),
                                  ", got ", OutcomeName(verdict.approval())));
  }
  return result;
}

std::string DescribeExpected(const pb::Expectation& expect) {
  std::string out = DecisionName(ToDecision(expect.decision()));
  if (expect.has_rule_id()) {
    absl::StrAppend(&out, expect.rule_id().empty() ? " (no rule)"
                                                   : absl::StrCat(" by rule ", expect.rule_id()));
  }
  return out;
}

std::string DescribeVerdict(const Verdict& verdict) {
  const std::string rule = View(verdict.rule_id());
  return absl::StrCat(DecisionName(verdict.policy_decision()),
                      rule.empty() ? " (no rule)" : absl::StrCat(" (rule ", rule, ")"));
}

}  // namespace mcpguard::cli
