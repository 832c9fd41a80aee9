#include "cli_testing.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"

namespace mcpguard::cli_testing {

const std::string kBinary = std::string(MCPGUARD_BINARY_DIR) + "/tools/mcpguard";
const std::string kExamples = std::string(MCPGUARD_SOURCE_DIR) + "/examples/filesystem";
const std::string kPolicy = kExamples + "/policy.textproto";
const std::string kSession = kExamples + "/session.jsonl";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string TempPath(const std::string& name) {
  const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
  return ::testing::TempDir() + "/mcpguard_cli_test_" + std::to_string(getpid()) + "_" +
         (test != nullptr ? test->name() : "none") + "_" + name;
}

std::string WriteTemp(const std::string& name, const std::string& contents) {
  std::string path = TempPath(name);
  std::ofstream(path, std::ios::binary) << contents;
  return path;
}

namespace {

RunResult RunCommand(const std::string& command_without_stderr) {
  RunResult result;
  std::string err_path = TempPath("stderr");
  std::string command = command_without_stderr + " 2>'" + err_path + "'";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) result.out.append(buffer, n);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.err = ReadFile(err_path);
  return result;
}

}  // namespace

RunResult RunMcpguard(const std::string& args) { return RunCommand("'" + kBinary + "' " + args); }

RunResult RunMcpguardPiped(const std::string& feed, const std::string& args,
                           int timeout_seconds) {
  return RunCommand(feed + " | timeout " + std::to_string(timeout_seconds) + " '" + kBinary +
                    "' " + args);
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace mcpguard::cli_testing
