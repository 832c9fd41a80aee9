#include "validate/mcp_version.h"

#include "absl/strings/str_join.h"

namespace mcpguard::internal {
namespace {

constexpr McpVersion kAll[] = {McpVersion::k2025_03_26, McpVersion::k2025_06_18,
                               McpVersion::k2025_11_25, McpVersion::k2026_07_28};

}  // namespace

absl::Span<const McpVersion> AllMcpVersions() { return kAll; }

std::optional<McpVersion> ParseMcpVersion(absl::string_view name) {
  for (McpVersion v : kAll) {
    if (McpVersionName(v) == name) return v;
  }
  return std::nullopt;
}

absl::string_view McpVersionName(McpVersion version) {
  switch (version) {
    case McpVersion::k2025_03_26:
      return "2025-03-26";
    case McpVersion::k2025_06_18:
      return "2025-06-18";
    case McpVersion::k2025_11_25:
      return "2025-11-25";
    case McpVersion::k2026_07_28:
      return "2026-07-28";
  }
  return "unknown";
}

std::string McpVersionList() {
  return absl::StrJoin(kAll, ", ", [](std::string* out, McpVersion v) {
    out->append(McpVersionName(v).data(), McpVersionName(v).size());
  });
}

}  // namespace mcpguard::internal
