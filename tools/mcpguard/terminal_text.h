// Text from a message, made safe to print on a terminal or in a log of one
// line per message.
#ifndef MCPGUARD_TOOLS_MCPGUARD_TERMINAL_TEXT_H_
#define MCPGUARD_TOOLS_MCPGUARD_TERMINAL_TEXT_H_

#include <string>
#include <string_view>

namespace mcpguard::cli {

// `text` with every control byte (below 0x20, and 0x7F) written as \xHH and
// "\" as "\\", so that a method or tool name a client chose cannot start a
// line of its own ("...\nmcpguard proxy: to_server allow ...") or send the
// terminal escape sequences. UTF-8 passes as it is.
std::string TerminalSafe(std::string_view text);

}  // namespace mcpguard::cli

#endif  // MCPGUARD_TOOLS_MCPGUARD_TERMINAL_TEXT_H_
