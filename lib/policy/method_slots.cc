#include "policy/method_slots.h"

#include <algorithm>

#include "absl/strings/str_join.h"
#include "validate/mcp_schema.h"
#include "validate/mcp_version.h"

namespace mcpguard::internal {
namespace {

uint8_t Bit(Direction direction, MessageKind kind) {
  return static_cast<uint8_t>(1u << SlotOf(direction, kind));
}

// A request travels toward the side that does not send it; its response
// comes back the other way. A notification only travels one way.
uint8_t SpecSlots(const McpMethodSpec& spec) {
  const bool client = spec.sender != McpSender::kServer;
  const bool server = spec.sender != McpSender::kClient;
  uint8_t slots = 0;
  if (spec.kind == MessageKind::kRequest) {
    if (client) slots |= Bit(Direction::kToServer, MessageKind::kRequest) |
                         Bit(Direction::kToClient, MessageKind::kResponse);
    if (server) slots |= Bit(Direction::kToClient, MessageKind::kRequest) |
                         Bit(Direction::kToServer, MessageKind::kResponse);
  } else {
    if (client) slots |= Bit(Direction::kToServer, MessageKind::kNotification);
    if (server) slots |= Bit(Direction::kToClient, MessageKind::kNotification);
  }
  return slots;
}

}  // namespace

const std::vector<absl::string_view>& KnownMcpMethods() {
  static const auto* const methods = [] {
    auto* all = new std::vector<absl::string_view>();
    for (McpVersion version : AllMcpVersions()) {
      for (const McpMethodSpec& spec : McpMethods(version)) all->push_back(spec.method);
    }
    std::sort(all->begin(), all->end());
    all->erase(std::unique(all->begin(), all->end()), all->end());
    return all;
  }();
  return *methods;
}

uint8_t McpMethodSlots(absl::string_view method, bool* in_every_version) {
  uint8_t slots = 0;
  bool every = true;
  for (McpVersion version : AllMcpVersions()) {
    const McpMethodSpec* spec = FindMcpMethod(version, method);
    if (spec == nullptr) {
      every = false;
    } else {
      slots |= SpecSlots(*spec);
    }
  }
  if (in_every_version != nullptr) *in_every_version = every;
  return slots;
}

uint8_t ReachableSlots(const CompiledTarget& target, const ValidationSettings& validation) {
  if (!validation.mcp_messages) return kAllSlots;
  const bool unknown_pass = validation.allow_unknown_methods;
  uint8_t slots = 0;
  auto add = [&](absl::string_view method) {
    // A target with names matches only messages that carry one of its kind.
    if (!target.names.empty() && NameKindOf(method) != target.name_kind) return;
    bool every = false;
    const uint8_t method_slots = McpMethodSlots(method, &every);
    // A version that does not define the method lets it through anywhere.
    slots |= unknown_pass && !every ? kAllSlots : method_slots;
  };
  if (target.methods.empty()) {
    for (absl::string_view method : MethodsNaming(target.name_kind)) add(method);
    return slots;
  }
  for (const Glob& glob : target.methods) {
    if (glob.is_literal()) {
      add(glob.literal());
      continue;
    }
    // An unknown method that reaches the rules may match the glob; it never
    // carries a tool, resource or prompt name, though.
    if (unknown_pass && target.names.empty()) return kAllSlots;
    for (absl::string_view method : KnownMcpMethods()) {
      if (glob.Matches(method)) add(method);
    }
  }
  return slots;
}

std::string DescribeSlots(uint8_t slots) {
  static constexpr const char* kNames[kSlotCount] = {
      "request to_server",  "notification to_server", "response to_server",
      "request to_client",  "notification to_client", "response to_client"};
  std::vector<const char*> names;
  for (int slot = 0; slot < kSlotCount; ++slot) {
    if (slots & (1u << slot)) names.push_back(kNames[slot]);
  }
  return names.empty() ? "nothing" : absl::StrJoin(names, ", ");
}

}  // namespace mcpguard::internal
