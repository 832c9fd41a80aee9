#include "principal_flags.h"

#include <utility>
#include <vector>

namespace mcpguard::cli {
namespace {

// Takes a single-valued flag; naming it twice is an error rather than a
// silent "last one wins", since the two values would describe two sessions.
bool TakeOnce(ArgCursor& cursor, const char* name, std::string* field, std::string* error) {
  std::string value;
  if (!cursor.TakeValue(name, &value, error)) return false;
  if (!error->empty()) return true;
  if (!field->empty()) {
    *error = std::string("--") + name + " given twice";
    return true;
  }
  *field = std::move(value);
  return true;
}

bool TakeRepeated(ArgCursor& cursor, const char* name, std::vector<std::string>* list,
                  std::string* error) {
  std::string value;
  if (!cursor.TakeValue(name, &value, error)) return false;
  if (error->empty()) list->push_back(std::move(value));
  return true;
}

// --claim NAME=VALUE: one value of a claim; repeat for a list claim.
bool TakeClaim(ArgCursor& cursor, SessionOptions* options, std::string* error) {
  std::string value;
  if (!cursor.TakeValue("claim", &value, error)) return false;
  if (!error->empty()) return true;
  const size_t equals = value.find('=');
  if (equals == 0 || equals == std::string::npos) {
    *error = "--claim takes NAME=VALUE (a claim name, then its value)";
    return true;
  }
  options->principal.claims[value.substr(0, equals)].push_back(value.substr(equals + 1));
  return true;
}

}  // namespace

const char kSessionFlagsHelp[] =
    "  --principal SUBJECT  the caller's subject (user or client id); default empty\n"
    "  --role ROLE          a role the caller holds; repeat for several\n"
    "  --scope SCOPE        an OAuth scope the caller's token grants (or several, apart\n"
    "                       by spaces, as a token's scope claim); repeat for several\n"
    "  --claim NAME=VALUE   a claim of the caller's token; repeat for more, or for\n"
    "                       each element of a list claim\n"
    "  --server ID          the server id the session talks to; default empty\n"
    "  --session-id ID      the host's id for the connection (for notes); default empty\n";

bool TakeSessionFlag(ArgCursor& cursor, SessionOptions* options, std::string* error) {
  return TakeOnce(cursor, "principal", &options->principal.subject, error) ||
         TakeRepeated(cursor, "role", &options->principal.roles, error) ||
         TakeRepeated(cursor, "scope", &options->principal.scopes, error) ||
         TakeClaim(cursor, options, error) ||
         TakeOnce(cursor, "server", &options->server_id, error) ||
         TakeOnce(cursor, "session-id", &options->session_id, error);
}

}  // namespace mcpguard::cli
