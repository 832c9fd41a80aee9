// The subcommands of the mcpguard command and the exit status they share.
//
// Each command takes its arguments (without the program and command names)
// and writes results to `out` and diagnostics to `err`; none throws or exits.
#ifndef MCPGUARD_TOOLS_COMMANDS_H_
#define MCPGUARD_TOOLS_COMMANDS_H_

#include <ostream>
#include <string>
#include <vector>

namespace mcpguard::cli {

// The exit status of every command.
enum ExitCode : int {
  kExitOk = 0,
  // check: a policy has errors (or warnings, with --werror). eval, test:
  // the policy does not compile. test: a case failed. fmt: a policy does
  // not parse.
  kExitFailure = 1,
  // Bad arguments, or input that could not be read.
  kExitUsage = 2,
};

// `mcpguard check [--werror] POLICY...` (check_command.cc).
int RunCheck(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// The text of `mcpguard check --help`.
std::string CheckHelp();

// `mcpguard eval --policy POLICY [...] MESSAGES.jsonl` (eval_command.cc).
int RunEval(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// The text of `mcpguard eval --help`.
std::string EvalHelp();

// `mcpguard test [--verbose] POLICY TESTS...` (test_command.cc).
int RunTest(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// The text of `mcpguard test --help`.
std::string TestHelp();

// `mcpguard fmt [--in-place] POLICY...` (fmt_command.cc).
int RunFmt(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// The text of `mcpguard fmt --help`.
std::string FmtHelp();

// `mcpguard audit verify|show LOG...` (audit_command.cc).
int RunAudit(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// The text of `mcpguard audit --help`.
std::string AuditHelp();

// `mcpguard proxy --policy POLICY [...] -- SERVER...` (proxy_command.cc).
// Unlike the others, once the server started it ends the process itself
// (with the server's status) instead of returning.
int RunProxy(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// The text of `mcpguard proxy --help`.
std::string ProxyHelp();

}  // namespace mcpguard::cli

#endif  // MCPGUARD_TOOLS_COMMANDS_H_
