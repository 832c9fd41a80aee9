// Checks MCP requests, notifications and results against mcpguard's own
// definitions of one protocol version (mcp_schema.h).
//
// Design note: the method table of each version is resolved once into
// compiled schema nodes, so checking a message is one hash lookup of its
// method and one validation walk of its params or result; nothing is looked
// up by name per message. Problems come back with the JSON-RPC code to
// answer with and two pointers: into the message, and to the keyword of the
// definition that failed.
#ifndef MCPGUARD_VALIDATE_MCP_VALIDATOR_H_
#define MCPGUARD_VALIDATE_MCP_VALIDATOR_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "mcpguard/direction.h"
#include "rapidjson/document.h"
#include "schema/compiled_schema.h"
#include "validate/envelope.h"
#include "validate/mcp_schema.h"
#include "validate/mcp_version.h"

namespace mcpguard::internal {

// What is wrong with a message.
struct MessageProblem {
  int code = 0;                // JSON-RPC error code (mcpguard::ErrorCode).
  std::string reason;          // One line.
  std::string pointer;         // Into the message: "/params/name".
  std::string schema_pointer;  // Into the schema named by `schema`.
  // Which schema failed, when one did: McpSchemaName(version) for
  // mcpguard's definitions, "inputSchema" or "outputSchema" for a tool's.
  // Static storage.
  absl::string_view schema;
};

// Immutable, one per protocol version. Thread-safe.
class McpValidator {
 public:
  // Built on first use; lives for the program.
  static const McpValidator& For(McpVersion version);

  McpVersion version() const { return version_; }

  // The method's definition in this version, or null if it has none.
  const McpMethodSpec* Find(absl::string_view method) const;

  // A request or notification travelling in `direction`. Unknown methods
  // fail with kMethodNotFound unless `allow_unknown`; methods sent by the
  // wrong party fail with kMethodNotFound; bad params with kInvalidParams.
  // Members the definitions do not declare in closed objects go to
  // `unknown` (may be null), with pointers relative to the message.
  bool CheckRequest(const Envelope& envelope, Direction direction, bool allow_unknown,
                    MessageProblem* problem, std::vector<SchemaIssue>* unknown) const;

  // The result of a request for `method` (a method this version defines;
  // others pass). Failures use kInternalError: the peer that answered broke
  // the protocol, and the requester gets an error instead of the result.
  bool CheckResult(absl::string_view method, const rapidjson::Value& result,
                   MessageProblem* problem, std::vector<SchemaIssue>* unknown) const;

 private:
  struct Method {
    const McpMethodSpec* spec = nullptr;
    bool has_params = false;
    CompiledSchema::Node params = 0;
    bool has_result = false;
    CompiledSchema::Node result = 0;
  };
  explicit McpValidator(McpVersion version);

  McpVersion version_;
  const CompiledSchema& schema_;
  absl::flat_hash_map<absl::string_view, Method> methods_;
};

// Where a message says which protocol version it speaks: params._meta
// ["io.modelcontextprotocol/protocolVersion"] (2026-07-28 and later send it
// on every request). Empty when absent or not a string.
absl::string_view DeclaredProtocolVersion(const rapidjson::Value* params);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_VALIDATE_MCP_VALIDATOR_H_
