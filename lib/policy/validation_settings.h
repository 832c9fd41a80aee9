// The compiled form of mcpguard.v1.Validation: how strictly messages are
// checked against the MCP specification and tool schemas.
#ifndef MCPGUARD_POLICY_VALIDATION_SETTINGS_H_
#define MCPGUARD_POLICY_VALIDATION_SETTINGS_H_

#include <cstdint>

#include "validate/mcp_version.h"

namespace mcpguard::internal {

enum class UnknownMemberHandling { kReport, kReject, kIgnore };

// Defaults are the strict ones a policy without `validation` gets.
struct ValidationSettings {
  bool mcp_messages = true;
  bool allow_unknown_methods = false;
  UnknownMemberHandling unknown_members = UnknownMemberHandling::kReport;
  bool tool_schemas = true;
  bool allow_unlisted_tools = false;
  bool assert_formats = false;
  McpVersion default_version = McpVersion::k2025_11_25;
  // SchemaOptions::max_pattern_work for tool schemas; 0: its default.
  uint64_t max_pattern_work = 0;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_VALIDATION_SETTINGS_H_
