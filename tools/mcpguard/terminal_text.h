// Text from a message, made safe to print on a terminal or in a log of one
// line per message.
#ifndef MCPGUARD_TOOLS_MCPGUARD_TERMINAL_TEXT_H_
#define MCPGUARD_TOOLS_MCPGUARD_TERMINAL_TEXT_H_

#include <string>
#include <string_view>

namespace mcpguard::cli {

// `text` with every control byte (below 0x20, and 0x7F) and every byte that
// is not UTF-8 written as \xHH, C1 controls, bidi controls and invisible
// (default-ignorable) characters as \uXXXX, and "\" as "\\", so that a
// method or tool name a client chose cannot start a line of its own
// ("...\nmcpguard proxy: to_server allow ..."), send the terminal escape
// sequences, reorder the line or hide a difference. Other UTF-8 passes as
// it is.
std::string TerminalSafe(std::string_view text);

}  // namespace mcpguard::cli

#endif  // MCPGUARD_TOOLS_MCPGUARD_TERMINAL_TEXT_H_
