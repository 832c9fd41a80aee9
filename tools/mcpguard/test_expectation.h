// Compares a verdict with what a policy test expects of it
// (mcpguard.v1.Expectation).
#ifndef MCPGUARD_TOOLS_TEST_EXPECTATION_H_
#define MCPGUARD_TOOLS_TEST_EXPECTATION_H_

#include <string>
#include <vector>

#include "mcpguard/v1/policy_test.pb.h"
#include "mcpguard/verdict.h"

namespace mcpguard::cli {

struct Comparison {
  // The policy's decision and the deciding rule are as expected (a rule the
  // expectation leaves unset always is).
  bool decision_and_rule = true;
  // Every other difference, one line each: "error_code: expected -32602,
  // got -32030".
  std::vector<std::string> others;

  bool ok() const { return decision_and_rule && others.empty(); }
};

// Compares only what `expect` sets (decision always). The decision compared
// is Verdict::policy_decision().
Comparison CompareVerdict(const mcpguard::v1::Expectation& expect, const Verdict& verdict);

// "deny by rule deny-etc", "allow (no rule)", or "ask" when the rule is not
// part of the expectation.
std::string DescribeExpected(const mcpguard::v1::Expectation& expect);

// "allow (rule dev-read)" or "deny (no rule)": the policy's decision.
std::string DescribeVerdict(const Verdict& verdict);

}  // namespace mcpguard::cli

#endif  // MCPGUARD_TOOLS_TEST_EXPECTATION_H_
