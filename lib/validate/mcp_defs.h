// mcpguard's own MCP definitions, one Add*Defs function per area, each
// writing the $defs of one protocol version (mcp_defs_*.cc). Assembled and
// cached by mcp_schema.cc; nothing else should call these.
//
// Conventions shared by every area (so the files read alike):
// - A TypeScript interface of the specification is a closed object (Obj());
//   undeclared members are reported, not rejected. Index signatures, `_meta`,
//   `experimental`, tool arguments and embedded JSON Schemas are open.
// - A result type inherits the index signature of `Result`, so it is open;
//   the members it declares are still typed and required as the spec says.
// - Every params object may carry `_meta`, also in the older versions whose
//   schema only declares it on the generic params.
// - A type keeps its specification name; types that the older versions wrote
//   inline (e.g. the params of tools/call before 2025-11-25) get the name the
//   later versions gave them, so a method's params_def is the same name in
//   every version.
#ifndef MCPGUARD_VALIDATE_MCP_DEFS_H_
#define MCPGUARD_VALIDATE_MCP_DEFS_H_

#include "absl/strings/string_view.h"
#include "validate/mcp_version.h"
#include "validate/schema_builder.h"

namespace mcpguard::internal::mcp_defs {

// Short names for the versions the definitions compare against.
inline constexpr McpVersion k0618 = McpVersion::k2025_06_18;
inline constexpr McpVersion k1125 = McpVersion::k2025_11_25;
inline constexpr McpVersion k0728 = McpVersion::k2026_07_28;

using schema_builder::Schema;
using schema_builder::SchemaDefs;

// --- Shapes whose form depends on the version (mcp_defs_base.cc).

// `_meta` of content blocks, resources, tools and other entities.
Schema MetaObj(McpVersion v);
// `_meta` of results.
Schema ResultMeta(McpVersion v);
// A closed request params object with its `_meta` (required from
// 2026-07-28 on, where it carries the protocol version and client info).
Schema RequestParamsBase(McpVersion v);
// A closed notification params object with its optional `_meta`.
Schema NotificationParamsBase(McpVersion v);
// An open result object with its `_meta` (and, from 2026-07-28,
// the required `resultType`).
Schema ResultBase(McpVersion v);
// A result clients may cache (2026-07-28): ResultBase plus ttlMs and
// cacheScope.
Schema CacheableResultBase(McpVersion v);

// A request message type. Before 2025-11-25 the spec's request types hold
// only method and params (open: the JSON-RPC envelope adds jsonrpc and id);
// from 2025-11-25 on they are whole JSON-RPC requests.
Schema RequestMessage(McpVersion v, absl::string_view method, Schema params, bool params_required);
// The same for notifications (no id).
Schema NotificationMessage(McpVersion v, absl::string_view method, Schema params,
                           bool params_required);
// A request a server embeds in an InputRequiredResult (2026-07-28): method
// and params, no JSON-RPC envelope.
Schema InputRequestMessage(absl::string_view method, Schema params, bool params_required);
// A whole JSON-RPC result response carrying `result` (2026-07-28).
Schema ResultResponse(Schema result);
// The union of a result that may instead ask for input (2026-07-28): a
// result whose resultType is "input_required" is an InputRequiredResult,
// any other is `def_name`.
Schema OrInputRequired(absl::string_view def_name);

// Any content block (mcp_defs_content.cc); an inline union in 2025-03-26,
// which has no ContentBlock type.
Schema ContentBlockRef(McpVersion v);

// --- The areas. Each adds the definitions it owns for version `v`.
void AddBaseDefs(McpVersion v, SchemaDefs* defs);       // JSON-RPC, ids, Result, errors.
void AddLifecycleDefs(McpVersion v, SchemaDefs* defs);  // Handshake, discovery, ping,
                                                        // cancellation, progress, logging.
void AddContentDefs(McpVersion v, SchemaDefs* defs);    // Content blocks, annotations, icons.
void AddToolDefs(McpVersion v, SchemaDefs* defs);
void AddResourceDefs(McpVersion v, SchemaDefs* defs);       // Resources and subscriptions.
void AddPromptDefs(McpVersion v, SchemaDefs* defs);         // Prompts and completion.
void AddClientFeatureDefs(McpVersion v, SchemaDefs* defs);  // Sampling, elicitation, roots.
void AddTaskDefs(McpVersion v, SchemaDefs* defs);           // Tasks (2025-11-25).
// The unions of every request, notification and result each side sends.
// Last: it only names types the other areas added.
void AddMessageUnionDefs(McpVersion v, SchemaDefs* defs);

}  // namespace mcpguard::internal::mcp_defs

#endif  // MCPGUARD_VALIDATE_MCP_DEFS_H_
