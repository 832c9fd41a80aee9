// mcpguard: check MCP guard policies and replay recorded sessions through them.
// Dispatches to one file per subcommand; see commands.h.
#include <cstring>
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
    "mcpguard - check MCP guard policies and replay sessions through them\n"
    "\n"
    "Usage:\n"
    "  mcpguard check POLICY...            compile policies, report every problem\n"
    "  mcpguard eval --policy POLICY [FLAGS] MESSAGES.jsonl\n"
    "                                      replay a recorded session, explain each verdict\n"
    "  mcpguard help [COMMAND]             show this help or a command's help\n"
    "  mcpguard --version                  print the version\n"
    "\n"
    "Exit status: 0 success, 1 policy errors, 2 usage errors or unreadable input.\n";

int Help(const std::vector<std::string>& args) {
  if (args.empty()) {
    std::cout << kMainHelp;
    return kExitOk;
  }
  if (args.size() == 1 && args[0] == "check") {
    std::cout << CheckHelp();
    return kExitOk;
  }
  if (args.size() == 1 && args[0] == "eval") {
    std::cout << EvalHelp();
    return kExitOk;
  }
  std::cerr << "mcpguard help: no help for '" << args[0] << "'; commands: check, eval\n";
  return kExitUsage;
}

int Main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kMainHelp;
    return kExitUsage;
  }
  std::string command = argv[1];
  std::vector<std::string> args(argv + 2, argv + argc);
  if (command == "check") return RunCheck(args, std::cout, std::cerr);
  if (command == "eval") return RunEval(args, std::cout, std::cerr);
  if (command == "help" || command == "--help" || command == "-h") return Help(args);
  if (command == "--version" || command == "version") {
    std::cout << "mcpguard " << MCPGUARD_VERSION << "\n";
    return kExitOk;
  }
  std::cerr << "mcpguard: unknown command '" << command
            << "' (commands: check, eval, help; see 'mcpguard help')\n";
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
