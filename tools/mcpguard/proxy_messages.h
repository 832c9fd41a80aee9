// What the stdio proxy reads of the messages it passes on, beside the
// guard: ids to match answers with requests, the request a cancellation
// names, and the error responses it writes itself. Ids are compared as the
// session keys them: an integral number by its integer whatever its
// spelling ("302.0" and "3.02e2" are 302), as a server answers.
#ifndef MCPGUARD_TOOLS_PROXY_MESSAGES_H_
#define MCPGUARD_TOOLS_PROXY_MESSAGES_H_

#include <optional>
#include <string>
#include <string_view>

namespace mcpguard::cli {

// The "id" member of a JSON-RPC message as compact JSON text; nullopt when
// the message is not an object with an id.
std::optional<std::string> IdOf(std::string_view message);

// The request a notifications/cancelled names, as IdOf gives ids; nullopt
// for any other message.
std::optional<std::string> CancelledRequestOf(std::string_view message);

// A line that will be a request to the guard: an object with a method and
// an id. (Whatever else the guard makes of it.)
bool IsRequest(std::string_view line);

// A JSON-RPC error response to `id_json` (compact JSON). `message` must be
// plain ASCII without quotes or backslashes (the proxy's own texts).
std::string ErrorResponse(std::string_view id_json, int code, std::string_view message);

}  // namespace mcpguard::cli

#endif  // MCPGUARD_TOOLS_PROXY_MESSAGES_H_
