// The one place JSON-RPC error responses are built.
#ifndef MCPGUARD_GUARD_JSONRPC_ERROR_H_
#define MCPGUARD_GUARD_JSONRPC_ERROR_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "rapidjson/document.h"

namespace mcpguard::internal {

// What goes into the error's `data` object; empty fields are left out.
struct ErrorData {
  absl::string_view rule;     // The rule that denied.
  absl::string_view reason;   // One line of detail.
  absl::string_view pointer;  // JSON Pointer of the offending member.
  // JSON Pointer of the schema keyword that failed, in the schema named by
  // `schema` (a tool's inputSchema, or mcpguard's MCP definitions).
  absl::string_view schema_pointer;
  absl::string_view schema;
  int64_t offset = -1;        // Byte offset of a parse error.
  // Step-up (RFC 6750 section 3.1): "insufficient_scope" and the scopes
  // the request needs, space-separated.
  absl::string_view error;
  absl::string_view scope;
  int64_t retry_after_ms = -1;  // A rate limit's retry hint.
};

// The standard message for a code ("Parse error", "Invalid Request", ...,
// "Denied by policy" for kPolicyDenied).
absl::string_view ErrorMessageFor(int code);

// {"jsonrpc":"2.0","id":<id_json>,"error":{"code":..,"message":..,"data":{..}}}
// `id_json` is the id as JSON text ("7", "\"abc\"", "null").
std::string BuildErrorResponse(absl::string_view id_json, int code, const ErrorData& data);

// The JSON text of a parsed id.
std::string IdToJson(const rapidjson::Value& id);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_GUARD_JSONRPC_ERROR_H_
