// Where MCP lets each method's messages travel, as target slots (SlotOf),
// for the policy lint: under MCP validation a request the client sends
// travels to_server and its response to_client, a server's notification
// travels to_client, and so on. Anything else is rejected before any rule.
#ifndef MCPGUARD_POLICY_METHOD_SLOTS_H_
#define MCPGUARD_POLICY_METHOD_SLOTS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "policy/compiled_rule.h"
#include "policy/validation_settings.h"

namespace mcpguard::internal {

inline constexpr uint8_t kAllSlots = (1u << kSlotCount) - 1;

// Every method some MCP version mcpguard knows defines, sorted, without
// duplicates. Built once; valid for the life of the process.
const std::vector<absl::string_view>& KnownMcpMethods();

// The slots the messages of `method` can occupy in a session of any known
// protocol version; 0 when no version defines it. *in_every_version (may be
// null) says whether every version defines it.
uint8_t McpMethodSlots(absl::string_view method, bool* in_every_version = nullptr);

// The slots in which a message `target` matches can reach the rules under
// `validation`: kAllSlots when MCP validation is off, or when a method the
// target may match is unknown to some version and allow_unknown_methods lets
// it through. Not intersected with target.slots.
uint8_t ReachableSlots(const CompiledTarget& target, const ValidationSettings& validation);

// "request to_server, response to_client", in slot order; "nothing" for 0.
std::string DescribeSlots(uint8_t slots);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_METHOD_SLOTS_H_
