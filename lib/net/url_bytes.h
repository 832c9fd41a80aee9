// The bytes WHATWG URL parsers drop before reading a URL: C0 controls and
// spaces at either end, tabs and newlines anywhere ("fi\tle:" is "file:").
#ifndef MCPGUARD_NET_URL_BYTES_H_
#define MCPGUARD_NET_URL_BYTES_H_

namespace mcpguard::internal {

// Trimmed from both ends of a URL.
inline bool IsUrlC0OrSpace(char c) { return static_cast<unsigned char>(c) <= 0x20; }
// Removed wherever they are.
inline bool IsUrlTabOrNewline(char c) { return c == '\t' || c == '\n' || c == '\r'; }

}  // namespace mcpguard::internal

#endif  // MCPGUARD_NET_URL_BYTES_H_
