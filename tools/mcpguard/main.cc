// mcpguard: check, test and format MCP guard policies, replay recorded
// sessions through them, and guard a stdio MCP server as a proxy.
// Dispatches to one file per subcommand; see commands.h.
#include <iostream>
#include <string>
#include <vector>

#include "commands.h"

#ifndef MCPGUARD_VERSION
#define MCPGUARD_VERSION "unknown"
#endif

namespace mcpguard::cli {
namespace {

constexpr char kMainHelp[] =
    "mcpguard - check, test and format MCP guard policies; replay sessions through them\n"
    "\n"
    "Usage:\n"
    "  mcpguard check [--werror] POLICY... compile policies, report every problem\n"
    "  mcpguard test [--verbose] POLICY TESTS...\n"
    "                                      run policy unit tests (textproto cases)\n"
    "  mcpguard eval --policy POLICY [FLAGS] MESSAGES.jsonl\n"
    "                                      replay a recorded session, explain each verdict\n"
    "  mcpguard fmt [--in-place] POLICY... print policies as canonical textproto\n"
    "  mcpguard audit verify|show LOG...   check an audit log's hash chain; print its events\n"
    "  mcpguard proxy --policy POLICY [FLAGS] -- SERVER [ARGS...]\n"
    "                                      guard a stdio MCP server, message by message\n"
    "  mcpguard help [COMMAND]             show this help or a command's help\n"
    "  mcpguard --version                  print the version\n"
    "\n"
    "Exit status: 0 success, 1 policy errors or failed tests, 2 usage errors or\n"
    "unreadable input.\n";

struct Command {
  const char* name;
  int (*run)(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
  std::string (*help)();
};

constexpr Command kCommands[] = {
    {"check", RunCheck, CheckHelp},
    {"test", RunTest, TestHelp},
    {"eval", RunEval, EvalHelp},
    {"fmt", RunFmt, FmtHelp},
    {"audit", RunAudit, AuditHelp},
    {"proxy", RunProxy, ProxyHelp},
};

// "check, test, eval, fmt"
std::string CommandNames() {
  std::string names;
  for (const Command& command : kCommands) {
    if (!names.empty()) names += ", ";
    names += command.name;
  }
  return names;
}

int Help(const std::vector<std::string>& args) {
  if (args.empty()) {
    std::cout << kMainHelp;
    return kExitOk;
  }
  if (args.size() == 1) {
    for (const Command& command : kCommands) {
      if (args[0] == command.name) {
        std::cout << command.help();
        return kExitOk;
      }
    }
  }
  std::cerr << "mcpguard help: no help for '" << args[0] << "'; commands: " << CommandNames()
            << "\n";
  return kExitUsage;
}

int Main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kMainHelp;
    return kExitUsage;
  }
  std::string command = argv[1];
  std::vector<std::string> args(argv + 2, argv + argc);
  for (const Command& c : kCommands) {
    if (command == c.name) return c.run(args, std::cout, std::cerr);
  }
  if (command == "help" || command == "--help" || command == "-h") return Help(args);
  if (command == "--version" || command == "version") {
    std::cout << "mcpguard " << MCPGUARD_VERSION << "\n";
    return kExitOk;
  }
  std::cerr << "mcpguard: unknown command '" << command << "' (commands: " << CommandNames()
            << ", help; see 'mcpguard help')\n";
  return kExitUsage;
}

}  // namespace
}  // namespace mcpguard::cli

int main(int argc, char** argv) {
  int code = mcpguard::cli::Main(argc, argv);
  std::cout.flush();
  // A write error (a closed pipe, a full disk) must not pass for success.
  if (!std::cout) return mcpguard::cli::kExitUsage;
  return code;
}
