// Which way an MCP message travels, and the JSON-RPC shape it has.
#ifndef MCPGUARD_DIRECTION_H_
#define MCPGUARD_DIRECTION_H_

namespace mcpguard {

// Every message is checked from one direction. A client SDK and a server SDK
// call the same entry point; the direction says where the bytes are going.
enum class Direction {
  // Client requests and notifications, and client responses to server
  // requests (sampling, elicitation, roots).
  kToServer,
  // Server responses, and server requests and notifications.
  kToClient,
};

// The JSON-RPC 2.0 shape of a message, as far as it could be read.
enum class MessageKind {
  kUnknown,  // The message could not be classified (malformed).
  kRequest,
  kNotification,
  kResponse,  // A result or an error response.
};

inline const char* DirectionName(Direction d) {
  return d == Direction::kToServer ? "to_server" : "to_client";
}

// The way a message's answer travels: a request to the server is answered
// to the client, and the other way round.
inline Direction OppositeDirection(Direction d) {
  return d == Direction::kToServer ? Direction::kToClient : Direction::kToServer;
}

}  // namespace mcpguard

#endif  // MCPGUARD_DIRECTION_H_
