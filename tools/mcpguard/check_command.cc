// `mcpguard check [--werror] POLICY...`: compile each policy and report every
// problem, the lint's warnings and notes included.
#include <string>
#include <vector>

#include "arg_cursor.h"
#include "commands.h"
#include "policy_report.h"

namespace mcpguard::cli {

namespace {

constexpr char kCheckHelp[] =
    "Usage: mcpguard check [--werror] POLICY...\n"
    "\n"
    "Loads and compiles each policy file (.textproto/.txtpb/.pbtxt, .json, .binpb/.pb;\n"
    "other names are read as JSON when they start with '{', else as textproto).\n"
    "Every error, warning and note goes to stderr as\n"
    "  FILE:LINE:COLUMN: SEVERITY: MESSAGE [FIELD]\n"
    "Warnings come from the lint: rules that can never match, rules that never decide\n"
    "because an unconditional rule covers them, methods no MCP version defines; notes\n"
    "point at patterns worth a second look (docs/policy.md, \"Warnings\").\n"
    "Then one line per file goes to stdout:\n"
    "  POLICY: ok (N rules, sha256 HASH[, W warnings][, K notes])\n"
    "  POLICY: N errors, M warnings\n"
    "\n"
    "Flags:\n"
    "  --werror   warnings fail the check too (notes never do)\n"
    "\n"
    "Exit status: 0 when every policy compiles (with --werror: and has no warning),\n"
    "1 otherwise, 2 on usage errors.\n";

}  // namespace

std::string CheckHelp() { return kCheckHelp; }

int RunCheck(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  ArgCursor cursor(args);
  std::vector<std::string> paths;
  bool werror = false;
  while (!cursor.done()) {
    if (cursor.TakePositional(&paths)) continue;
    if (cursor.TakeHelp()) {
      out << CheckHelp();
      return kExitOk;
    }
    if (cursor.TakeSwitch("werror")) {
      werror = true;
      continue;
    }
    err << "mcpguard check: unknown flag '" << cursor.current()
        << "'; see 'mcpguard check --help'\n";
    return kExitUsage;
  }
  if (paths.empty()) {
    err << "mcpguard check: name at least one policy file; see 'mcpguard check --help'\n";
    return kExitUsage;
  }
  int status = kExitOk;
  for (const std::string& path : paths) {
    PolicyReport report = LoadAndReportPolicy(path, err);
    out << path << ": " << DescribePolicyReport(report) << "\n";
    if (report.policy == nullptr || (werror && report.warnings > 0)) status = kExitFailure;
  }
  return status;
}

}  // namespace mcpguard::cli
