// SHA-256 and HMAC-SHA256 from OpenSSL's libcrypto, as lowercase hex.
#ifndef MCPGUARD_BASE_SHA256_H_
#define MCPGUARD_BASE_SHA256_H_

#include <string>

#include "absl/strings/string_view.h"

namespace mcpguard::internal {

// 64 lowercase hex digits; empty only if libcrypto fails (which callers
// treat as a mismatch, never as a match).
std::string Sha256Hex(absl::string_view bytes);

// HMAC-SHA256 of `bytes` under `key`, as 64 lowercase hex digits; empty
// only if libcrypto fails.
std::string HmacSha256Hex(absl::string_view key, absl::string_view bytes);

// True for 64 lowercase hex digits: the form Sha256Hex returns.
bool IsSha256Hex(absl::string_view text);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_BASE_SHA256_H_
