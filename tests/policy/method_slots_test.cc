#include "policy/method_slots.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace mcpguard::internal {
namespace {

uint8_t Bit(Direction direction, MessageKind kind) {
  return static_cast<uint8_t>(1u << SlotOf(direction, kind));
}

const uint8_t kRequestToServer = Bit(Direction::kToServer, MessageKind::kRequest);
const uint8_t kResponseToServer = Bit(Direction::kToServer, MessageKind::kResponse);
const uint8_t kNotificationToServer = Bit(Direction::kToServer, MessageKind::kNotification);
const uint8_t kRequestToClient = Bit(Direction::kToClient, MessageKind::kRequest);
const uint8_t kResponseToClient = Bit(Direction::kToClient, MessageKind::kResponse);
const uint8_t kNotificationToClient = Bit(Direction::kToClient, MessageKind::kNotification);

struct MethodCase {
  const char* method;
  uint8_t slots;
  bool in_every_version;
};

class McpMethodSlotsTest : public testing::TestWithParam<MethodCase> {};

TEST_P(McpMethodSlotsTest, FollowsTheSenderAndKind) {
  const MethodCase& c = GetParam();
  bool every = !c.in_every_version;
  EXPECT_EQ(McpMethodSlots(c.method, &every), c.slots) << c.method;
  EXPECT_EQ(every, c.in_every_version) << c.method;
}

INSTANTIATE_TEST_SUITE_P(
    Methods, McpMethodSlotsTest,
    testing::Values(
        // The client's request goes to the server, its result comes back.
        MethodCase{"tools/call", static_cast<uint8_t>(kRequestToServer | kResponseToClient), true},
        // The server's request (not in the stateless 2026-07-28).
        MethodCase{"sampling/createMessage",
                   static_cast<uint8_t>(kRequestToClient | kResponseToServer), false},
        // Either side sends ping (not in 2026-07-28 either).
        MethodCase{"ping",
                   static_cast<uint8_t>(kRequestToServer | kResponseToClient | kRequestToClient |
                                        kResponseToServer),
                   false},
        MethodCase{"notifications/cancelled",
                   static_cast<uint8_t>(kNotificationToServer | kNotificationToClient), true},
        MethodCase{"notifications/tools/list_changed", kNotificationToClient, true},
        MethodCase{"tools/delete", 0, false}));

CompiledTarget Target(std::vector<std::string> methods, std::vector<std::string> tools = {}) {
  CompiledTarget target;
  target.slots = kAllSlots;
  for (const std::string& m : methods) target.methods.push_back(*Glob::Compile(m));
  for (const std::string& t : tools) target.names.push_back(*Glob::Compile(t));
  if (!tools.empty()) target.name_kind = NameKind::kTool;
  return target;
}

ValidationSettings Settings(bool mcp_messages, bool allow_unknown_methods) {
  ValidationSettings settings;
  settings.mcp_messages = mcp_messages;
  settings.allow_unknown_methods = allow_unknown_methods;
  return settings;
}

TEST(ReachableSlots, StrictValidationKnowsWhereEachMethodTravels) {
  const ValidationSettings strict = Settings(true, false);
  EXPECT_EQ(ReachableSlots(Target({"tools/call"}), strict), kRequestToServer | kResponseToClient);
  EXPECT_EQ(ReachableSlots(Target({}, {"read_*"}), strict), kRequestToServer | kResponseToClient);
  EXPECT_EQ(ReachableSlots(Target({"notifications/tools/*"}), strict), kNotificationToClient);
  EXPECT_EQ(ReachableSlots(Target({"tools/delete", "x/*"}), strict), 0);
  // With names, only the methods that carry them count.
  EXPECT_EQ(ReachableSlots(Target({"tools/list"}, {"x"}), strict), 0);
}

TEST(ReachableSlots, UnknownMethodsReachEverySlotWhenAllowed) {
  const ValidationSettings lenient = Settings(true, true);
  EXPECT_EQ(ReachableSlots(Target({"x/*"}), lenient), kAllSlots);
  EXPECT_EQ(ReachableSlots(Target({"tools/delete"}), lenient), kAllSlots);
  // Defined by every version: still validated.
  EXPECT_EQ(ReachableSlots(Target({"tools/call"}), lenient), kRequestToServer | kResponseToClient);
  // Unknown in 2026-07-28, so unchecked there.
  EXPECT_EQ(ReachableSlots(Target({"ping"}), lenient), kAllSlots);
  // An unknown method never carries a tool name.
  EXPECT_EQ(ReachableSlots(Target({"*"}, {"x"}), lenient), kRequestToServer | kResponseToClient);
}

TEST(ReachableSlots, EverySlotWithoutMcpValidation) {
  EXPECT_EQ(ReachableSlots(Target({"tools/call"}), Settings(false, false)), kAllSlots);
}

TEST(DescribeSlots, NamesEachSlotInOrder) {
  EXPECT_EQ(DescribeSlots(kRequestToServer | kResponseToClient),
            "request to_server, response to_client");
  EXPECT_EQ(DescribeSlots(kAllSlots),
            "request to_server, notification to_server, response to_server, request to_client, "
            "notification to_client, response to_client");
  EXPECT_EQ(DescribeSlots(0), "nothing");
}

TEST(KnownMcpMethods, SortedUniqueAndComplete) {
  const std::vector<absl::string_view>& known = KnownMcpMethods();
  EXPECT_TRUE(std::is_sorted(known.begin(), known.end()));
  EXPECT_EQ(std::adjacent_find(known.begin(), known.end()), known.end());
  for (absl::string_view method : {"initialize", "server/discover", "tools/call", "tasks/get"}) {
    EXPECT_TRUE(std::binary_search(known.begin(), known.end(), method)) << method;
  }
}

}  // namespace
}  // namespace mcpguard::internal
