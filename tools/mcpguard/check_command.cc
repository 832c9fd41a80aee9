// `mcpguard check POLICY...`: compile each policy and report every problem.
#include <string>
#include <vector>

#include "arg_cursor.h"
#include "commands.h"
#include "policy_report.h"

namespace mcpguard::cli {

namespace {

constexpr char kCheckHelp[] =
    "Usage: mcpguard check POLICY...\n"
    "\n"
    "Loads and compiles each policy file (.textproto/.txtpb/.pbtxt, .json, .binpb/.pb;\n"
    "other names are read as JSON when they start with '{', else as textproto).\n"
    "Every error and warning goes to stderr as FILE:LINE:COLUMN: SEVERITY: MESSAGE [FIELD];\n"
    "then one line per file goes to stdout:\n"
    "  POLICY: ok (N rules, sha256 HASH)\n"
    "  POLICY: N errors, M warnings\n"
    "\n"
    "Exit status: 0 when every policy compiles, 1 when any has errors, 2 on usage errors.\n";

}  // namespace

std::string CheckHelp() { return kCheckHelp; }

int RunCheck(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  ArgCursor cursor(args);
  std::vector<std::string> paths;
  while (!cursor.done()) {
    if (cursor.AtFlag()) {
      if (cursor.TakeSwitch("help") || cursor.current() == "-h") {
        out << CheckHelp();
        return kExitOk;
      }
      err << "mcpguard check: unknown flag '" << cursor.current()
          << "'; see 'mcpguard check --help'\n";
      return kExitUsage;
    }
    if (!cursor.done()) paths.push_back(cursor.Take());
  }
  if (paths.empty()) {
    err << "mcpguard check: name at least one policy file; see 'mcpguard check --help'\n";
    return kExitUsage;
  }
  int status = kExitOk;
  for (const std::string& path : paths) {
    PolicyReport report = LoadAndReportPolicy(path, err);
    out << path << ": " << DescribePolicyReport(report) << "\n";
    if (report.policy == nullptr) status = kExitFailure;
  }
  return status;
}

}  // namespace mcpguard::cli
