// Sample MCP messages shared by tests (the same shapes the benchmarks use,
// benchmarks/bench_messages.cc).
#ifndef MCPGUARD_TESTS_SUPPORT_SAMPLE_MESSAGES_H_
#define MCPGUARD_TESTS_SUPPORT_SAMPLE_MESSAGES_H_

#include <string>

namespace mcpguard::test_support {

// A ~1 KB tools/call of "filesystem.read_file" with id "req-8f14e45f": nested
// arguments, an array, \u escapes and a 16-entry _meta.trace.
std::string ToolsCallRequest();

}  // namespace mcpguard::test_support

#endif  // MCPGUARD_TESTS_SUPPORT_SAMPLE_MESSAGES_H_
