// Running the built `mcpguard` command (tools/) from a test, as a user would:
// shared by the command's test files.
#ifndef MCPGUARD_TESTS_TOOLS_CLI_TESTING_H_
#define MCPGUARD_TESTS_TOOLS_CLI_TESTING_H_

#include <string>
#include <vector>

namespace mcpguard::cli_testing {

// build/tools/mcpguard, and the example policy and session it ships with.
extern const std::string kBinary;
extern const std::string kExamples;
extern const std::string kPolicy;
extern const std::string kSession;

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `mcpguard ARGS` through the shell (ARGS is shell syntax; the paths
// used in tests have no spaces). stderr goes to a file so it stays apart.
RunResult RunMcpguard(const std::string& args);
// Runs `feed | mcpguard ARGS` (stdin a pipe, which the feed closes when it
// ends), under a timeout of `timeout_seconds` (exit 124 if it hangs).
RunResult RunMcpguardPiped(const std::string& feed, const std::string& args,
                           int timeout_seconds = 60);

// The whole file; "" if it cannot be read.
std::string ReadFile(const std::string& path);

// A path under the test temp dir that is unique to this process and test,
// so tests run in parallel (ctest -j) never share a file.
std::string TempPath(const std::string& name);

// Writes `contents` to TempPath(name) and returns that path.
std::string WriteTemp(const std::string& name, const std::string& contents);

// `text` split at newlines (without them).
std::vector<std::string> Lines(const std::string& text);

}  // namespace mcpguard::cli_testing

#endif  // MCPGUARD_TESTS_TOOLS_CLI_TESTING_H_
