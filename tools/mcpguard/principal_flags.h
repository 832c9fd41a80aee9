// The flags that describe eval's session: who calls, and which server.
#ifndef MCPGUARD_TOOLS_PRINCIPAL_FLAGS_H_
#define MCPGUARD_TOOLS_PRINCIPAL_FLAGS_H_

#include <string>

#include "arg_cursor.h"
#include "mcpguard/session.h"

namespace mcpguard::cli {

// If the cursor is at --principal SUBJECT, --role ROLE, --scope SCOPE,
// --claim NAME=VALUE, --server ID or --session-id ID, consumes it into
// *options and returns true; --role, --scope and --claim may repeat (a
// claim named again gets another value), the others may not. A bad value sets
// *error (and still returns true).
bool TakeSessionFlag(ArgCursor& cursor, SessionOptions* options, std::string* error);

// Help text for these flags, one per line, for a command's --help.
extern const char kSessionFlagsHelp[];

}  // namespace mcpguard::cli

#endif  // MCPGUARD_TOOLS_PRINCIPAL_FLAGS_H_
