// What the validation benchmarks read, shared with the ajv comparison
// (benchmarks/ajv/), which loads the same bytes from files this binary
// writes (--dump_validation_fixtures=DIR).
#ifndef MCPGUARD_BENCHMARKS_VALIDATION_FIXTURES_H_
#define MCPGUARD_BENCHMARKS_VALIDATION_FIXTURES_H_

#include <string>

namespace mcpguard::bench {

// A tool's inputSchema (JSON Schema 2020-12) with 20 properties: nested
// objects, arrays, enums, patterns, numeric bounds, a format.
const std::string& Arguments20Schema();
// A ~1 KB tools/call whose arguments satisfy Arguments20Schema.
const std::string& ToolsCall20();
// A tools/list result message listing 100 tools with realistic schemas.
const std::string& LargeToolsList();

// Writes the three as schema.json, call.json and tools_list.json into `dir`,
// with mcpguard's 2025-11-25 MCP definitions as mcp_2025-11-25.json.
bool DumpValidationFixtures(const std::string& dir);

}  // namespace mcpguard::bench

#endif  // MCPGUARD_BENCHMARKS_VALIDATION_FIXTURES_H_
