// Sample MCP messages shared by tests (the same shapes the benchmarks use,
// benchmarks/bench_messages.cc).
#ifndef MCPGUARD_TESTS_SUPPORT_SAMPLE_MESSAGES_H_
#define MCPGUARD_TESTS_SUPPORT_SAMPLE_MESSAGES_H_

#include <string>
#include <utility>
#include <vector>

#include "mcpguard/direction.h"

namespace mcpguard::test_support {

// A ~1 KB tools/call of "filesystem.read_file" with id "req-8f14e45f": nested
// arguments, an array, \u escapes and a 16-entry _meta.trace.
std::string ToolsCallRequest();

// What a validating session must see before ToolsCallRequest is allowed:
// initialize (2025-11-25) and its result, notifications/initialized, and a
// tools/list result declaring filesystem.read_file's inputSchema.
std::vector<std::pair<std::string, Direction>> SessionSetup();

}  // namespace mcpguard::test_support

#endif  // MCPGUARD_TESTS_SUPPORT_SAMPLE_MESSAGES_H_
