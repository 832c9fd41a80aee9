// Runs one policy test case (mcpguard.v1.PolicyTestCase) against a compiled
// policy: a fresh Engine and Session, each message checked in order with
// an explanation, each verdict compared with its expectation.
#ifndef MCPGUARD_TOOLS_TEST_CASE_RUNNER_H_
#define MCPGUARD_TOOLS_TEST_CASE_RUNNER_H_

#include <memory>
#include <string>
#include <vector>

#include "mcpguard/policy.h"
#include "mcpguard/v1/policy_test.pb.h"
#include "mcpguard/verdict.h"

namespace mcpguard::cli {

struct CaseResult {
  bool passed = true;
  // On failure: the message that failed, as a field path in the file
  // ("cases[2].checks[1]", or "setup[0]" for the suite's setup; the case's
  // own path when it could not start), what went wrong in one line
  // ("expected deny by rule x, got allow (rule y): allowed by rule"), the
  // other differences, and that message's verdict (with its trace). The
  // case stops at its first failure: later messages would run in a session
  // that is not what the case describes.
  std::string failed_field;
  std::string headline;
  std::vector<std::string> details;
  Verdict verdict;
};

// Runs cases[index] of `suite` (after the suite's setup). Never throws. The
// suite is assumed checked by LoadTestFile.
CaseResult RunTestCase(const std::shared_ptr<const CompiledPolicy>& policy,
                       const mcpguard::v1::PolicyTestSuite& suite, int index);

}  // namespace mcpguard::cli

#endif  // MCPGUARD_TOOLS_TEST_CASE_RUNNER_H_
