// mcpguard's own definitions of the MCP messages of each protocol version,
// as a JSON Schema 2020-12 document, compiled once, and the table of methods
// that says which definition applies to a message's params and result.
//
// The definitions are authored in C++ (mcp_defs_*.cc), not copied from the
// published schema.json files; tests/validate/mcp_definitions_spec_test.cc
// cross-checks them against those files. Objects the specification declares
// as closed interfaces carry "x-mcpguard-closed": undeclared members are
// reported through CompiledSchema::Validate's `unknown`, not rejected.
#ifndef MCPGUARD_VALIDATE_MCP_SCHEMA_H_
#define MCPGUARD_VALIDATE_MCP_SCHEMA_H_

#include <cstdint>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "mcpguard/direction.h"
#include "rapidjson/document.h"
#include "schema/compiled_schema.h"
#include "validate/mcp_version.h"

namespace mcpguard::internal {

// Our JSON Schema document for `version`: {"$schema": ..., "$defs": {...}}.
// Built on first use, then immutable; thread-safe. The reference is valid
// for the life of the process.
const rapidjson::Document& McpSchemaDocument(McpVersion version);

// McpSchemaDocument(version) compiled with default SchemaOptions. Compiled on
// first use, thread-safe, valid for the life of the process. Look a
// definition up with Find(def) using the *_def pointers below. If the
// document failed to compile (a bug in mcpguard, caught by the tests), the
// returned schema rejects every instance, so callers fail closed.
const CompiledSchema& McpCompiledSchema(McpVersion version);

// How error data names mcpguard's definitions of `version`:
// "mcp-2025-11-25". Points to static storage.
absl::string_view McpSchemaName(McpVersion version);

// Who may send a method.
enum class McpSender : uint8_t { kClient, kServer, kEither };

struct McpMethodSpec {
  absl::string_view method;  // "tools/call"
  MessageKind kind;          // kRequest or kNotification.
  McpSender sender;
  // The params definition ("/$defs/CallToolRequestParams"), or "" when the
  // method has no params of its own: then params may be absent, or an object
  // that validates against McpGenericParamsDef(kind) (_meta only).
  absl::string_view params_def;
  bool params_required;
  // Requests only: the definition of a successful response's `result`
  // ("/$defs/CallToolResult"; in 2026-07-28 possibly a union with an
  // InputRequiredResult, e.g. "/$defs/CallToolResultResponse/properties/result").
  // "" for notifications.
  absl::string_view result_def;
  // The whole message type ("/$defs/CallToolRequest"). Before 2025-11-25 the
  // spec's message types hold only method and params.
  absl::string_view message_def;
};

// Every method of `version`, in a stable order. Valid for the life of the
// process.
absl::Span<const McpMethodSpec> McpMethods(McpVersion version);

// The method named `method` in `version`, or null if that version has no
// such method (e.g. "server/discover" before 2026-07-28, "initialize" in
// 2026-07-28). Exact, case-sensitive match. Valid for the life of the
// process.
const McpMethodSpec* FindMcpMethod(McpVersion version, absl::string_view method);

// "/$defs/RequestParams" or "/$defs/NotificationParams": what the params of
// a method with an empty params_def must satisfy.
absl::string_view McpGenericParamsDef(MessageKind kind);

// The definition an error response's `error` object must satisfy for
// `code` in `version`: a specific shape when the version defines one
// (e.g. -32042 in 2025-11-25, -32021 in 2026-07-28), otherwise
// "/$defs/Error".
absl::string_view McpErrorDef(McpVersion version, int64_t code);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_VALIDATE_MCP_SCHEMA_H_
