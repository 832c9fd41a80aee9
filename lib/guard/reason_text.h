// Verdict::reason() is "one line for logs and humans", but reasons quote
// what messages carry (tool names, methods, ids): a newline there would
// forge a log line, an escape sequence rewrite a terminal, a NUL cut the
// string short for C callers that read it with strlen.
#ifndef MCPGUARD_GUARD_REASON_TEXT_H_
#define MCPGUARD_GUARD_REASON_TEXT_H_

#include <string>

namespace mcpguard::internal {

// `reason` with every ASCII control character (U+0000-U+001F, U+007F)
// written as \xNN; unchanged (and not copied) when it has none.
std::string OneLineReason(std::string reason);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_GUARD_REASON_TEXT_H_
