// JSON-RPC 2.0 envelope validation: what kind of message this is, and where
// its parts are.
#ifndef MCPGUARD_VALIDATE_ENVELOPE_H_
#define MCPGUARD_VALIDATE_ENVELOPE_H_

#include <string>

#include "absl/strings/string_view.h"
#include "mcpguard/direction.h"
#include "rapidjson/document.h"

namespace mcpguard::internal {

// Views into a parsed message; valid while its document is.
struct Envelope {
  MessageKind kind = MessageKind::kUnknown;
  // The id (string or integer; null only in an error response). Null pointer
  // for a notification, or when no usable id was found.
  const rapidjson::Value* id = nullptr;
  absl::string_view method;                  // Requests and notifications.
  const rapidjson::Value* params = nullptr;  // Object or array; may be absent.
  const rapidjson::Value* result = nullptr;  // Result responses.
  const rapidjson::Value* error = nullptr;   // Error responses.
};

// A request's id and method are kept while it is in flight (up to the
// session's max_in_flight_requests of them): longer ones are refused, so
// that a peer cannot make the session hold megabytes per entry. SDKs send
// integers or UUIDs, and MCP's methods are a few dozen bytes.
inline constexpr size_t kMaxIdBytes = 256;
inline constexpr size_t kMaxMethodBytes = 256;

struct EnvelopeError {
  int code = 0;          // -32600 (invalid request).
  std::string message;   // One line, e.g. "\"jsonrpc\" must be \"2.0\"".
  std::string pointer;   // JSON Pointer of the offending member, e.g. "/id".
};

// Whether `id` is an integer id MCP peers all read alike: integral (1.0 is
// 1) and at most 2^53 - 1 in magnitude (JavaScript's safe integers).
bool IsIntegerId(const rapidjson::Value& id);

// Classifies `root` as a JSON-RPC 2.0 request, notification or response.
// Strict: the top level must be an object (batches are rejected), "jsonrpc"
// must be "2.0", no members beyond jsonrpc/id/method/params/result/error
// (unknown envelope members are a smuggling vector between parsers), a
// request id is a string (of at most kMaxIdBytes) or an integer (IsIntegerId), a method
// has at most kMaxMethodBytes, a response has exactly one of result
// and error, an error has an integer code and a string message. On failure
// returns false and fills *error; `out->id` is still set when the id itself
// was usable, so the error can be answered with it. Never allocates on
// success.
bool ParseEnvelope(const rapidjson::Value& root, Envelope* out, EnvelopeError* error);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_VALIDATE_ENVELOPE_H_
