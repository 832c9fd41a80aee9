// Whether a text has a byte outside ASCII: the test before any Unicode work
// (normalization, folding), which ASCII text never needs.
#ifndef MCPGUARD_BASE_NON_ASCII_H_
#define MCPGUARD_BASE_NON_ASCII_H_

#include "absl/strings/string_view.h"

namespace mcpguard::internal {

// 32 bytes a step; stops at the first byte 0x80-0xFF.
bool HasNonAscii(absl::string_view text);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_BASE_NON_ASCII_H_
