// The MCP protocol versions mcpguard knows, by their dated names.
#ifndef MCPGUARD_VALIDATE_MCP_VERSION_H_
#define MCPGUARD_VALIDATE_MCP_VERSION_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace mcpguard::internal {

// Ordered: a later version compares greater, so definitions can say
// `if (v >= McpVersion::k2025_06_18)`.
enum class McpVersion : uint8_t {
  k2025_03_26,
  k2025_06_18,
  k2025_11_25,
  // Stateless: no initialize handshake; version, client info and client
  // capabilities travel in every request's `_meta`.
  k2026_07_28,
};

inline constexpr McpVersion kLatestMcpVersion = McpVersion::k2026_07_28;

// Every version, oldest first.
absl::Span<const McpVersion> AllMcpVersions();

// "2025-06-18" -> k2025_06_18. Exact match only; nullopt for anything else
// (unknown dates, surrounding spaces, other spellings).
std::optional<McpVersion> ParseMcpVersion(absl::string_view name);

// The dated name, e.g. "2025-06-18". Points to static storage.
absl::string_view McpVersionName(McpVersion version);

// Every version's name, oldest first, for messages: "2025-03-26, 2025-06-18, ...".
std::string McpVersionList();

}  // namespace mcpguard::internal

#endif  // MCPGUARD_VALIDATE_MCP_VERSION_H_
