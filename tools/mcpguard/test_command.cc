// `mcpguard test [--verbose] POLICY TESTS...`: policy unit tests. Every case
// of every tests file runs on a fresh engine and session; failures print
// what was expected, what the verdict said and the verdict's trace.
#include <memory>
#include <string>
#include <vector>

#include "arg_cursor.h"
#include "commands.h"
#include "policy_report.h"
#include "test_case_runner.h"
#include "test_file.h"
#include "trace_report.h"

namespace mcpguard::cli {
namespace {

constexpr char kTestHelp[] =
    "Usage: mcpguard test [--verbose] POLICY TESTS...\n"
    "\n"
    "Runs policy unit tests. Each TESTS file is a textproto mcpguard.v1.PolicyTestSuite\n"
    "(proto/mcpguard/v1/policy_test.proto; docs/policy.md, \"Testing policies\"): cases,\n"
    "each a principal, a server id, setup messages and the messages under test with\n"
    "the verdict each must get. Every case runs on a fresh engine and session.\n"
    "\n"
    "Output (stdout), per failing case, then a summary:\n"
    "  FAIL FILE:LINE CASE: expected deny by rule X, got allow (rule Y): REASON\n"
    "      other differences, one per line\n"
    "      trace: RULE  OUTCOME  DETAIL      (the failing verdict's explanation)\n"
    "  N passed, M failed\n"
    "LINE is the failing message's. Policy diagnostics and tests-file errors go to stderr.\n"
    "\n"
    "Flags:\n"
    "  --verbose   also print PASS FILE:LINE CASE for each passing case\n"
    "\n"
    "Exit status: 0 when every case passes; 1 when one fails or the policy does not\n"
    "compile; 2 on usage errors or a tests file that cannot be read or is malformed\n"
    "(then no case runs).\n";

struct TestFlags {
  std::string policy;
  std::vector<std::string> tests;
  bool verbose = false;
  bool help = false;
};

bool ParseTestFlags(const std::vector<std::string>& args, TestFlags* flags, std::string* error) {
  ArgCursor cursor(args);
  std::vector<std::string> positional;
  while (!cursor.done()) {
    if (cursor.TakePositional(&positional)) continue;
    if (cursor.TakeHelp()) {
      flags->help = true;
      return true;
    }
    if (cursor.TakeSwitch("verbose")) {
      flags->verbose = true;
      continue;
    }
    *error = "unknown flag '" + cursor.current() + "'";
    return false;
  }
  if (positional.size() < 2) {
    *error = positional.empty() ? "name the policy and at least one tests file"
                                : "name at least one tests file after the policy";
    return false;
  }
  flags->policy = positional[0];
  flags->tests.assign(positional.begin() + 1, positional.end());
  return true;
}

void PrintFailure(const TestFile& file, int index, const CaseResult& result, std::ostream& out) {
  out << "FAIL " << file.path << ":" << file.LineOf(result.failed_field) << " "
      << file.suite.cases(index).name() << ": " << result.headline << "\n";
  for (const std::string& detail : result.details) out << "    " << detail << "\n";
  PrintTrace(result.verdict, "    ", out);
}

}  // namespace

std::string TestHelp() { return kTestHelp; }

int RunTest(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  TestFlags flags;
  std::string error;
  if (!ParseTestFlags(args, &flags, &error)) {
    err << "mcpguard test: " << error << "; see 'mcpguard test --help'\n";
    return kExitUsage;
  }
  if (flags.help) {
    out << TestHelp();
    return kExitOk;
  }
  PolicyReport report = LoadAndReportPolicy(flags.policy, err);
  if (report.policy == nullptr) {
    err << flags.policy << ": " << DescribePolicyReport(report) << "\n";
    return kExitFailure;
  }
  // Every file is read before any case runs: a malformed file is a mistake
  // to fix first, not a partial result.
  std::vector<TestFile> files(flags.tests.size());
  bool files_ok = true;
  for (size_t i = 0; i < flags.tests.size(); ++i) {
    std::vector<Diagnostic> diagnostics;
    if (!LoadTestFile(flags.tests[i], &files[i], &diagnostics)) files_ok = false;
    for (const Diagnostic& d : diagnostics) err << d.ToString() << "\n";
  }
  if (!files_ok) return kExitUsage;

  int passed = 0, failed = 0;
  for (const TestFile& file : files) {
    for (int i = 0; i < file.suite.cases_size(); ++i) {
      const CaseResult result = RunTestCase(report.policy, file.suite, i);
      if (result.passed) {
        ++passed;
        if (flags.verbose) {
          out << "PASS " << file.path << ":" << file.LineOf("cases[" + std::to_string(i) + "]")
              << " " << file.suite.cases(i).name() << "\n";
        }
      } else {
        ++failed;
        PrintFailure(file, i, result, out);
      }
    }
  }
  out << passed << " passed, " << failed << " failed\n";
  return failed == 0 ? kExitOk : kExitFailure;
}

}  // namespace mcpguard::cli
