#include "sample_messages.h"

#include "absl/strings/str_cat.h"

namespace mcpguard::test_support {

std::string ToolsCallRequest() {
  std::string message =
      "{\"jsonrpc\":\"2.0\",\"id\":\"req-8f14e45f\",\"method\":\"tools/call\","
      "\"params\":{\"name\":\"filesystem.read_file\",\"arguments\":{"
      "\"path\":\"/home/user/projects/mcpguard/README.md\",\"encoding\":\"utf-8\","
      "\"max_bytes\":65536,\"follow_symlinks\":false,\"offset\":0,"
      "\"tags\":[\"docs\",\"readme\",\"\\u00e9t\\u00e9\"],\"ratio\":0.75,"
      "\"options\":{\"recursive\":false,\"pattern\":null,\"depth\":3}},"
      "\"_meta\":{\"progressToken\":42,\"trace\":[";
  for (int i = 0; i < 16; ++i) {
    absl::StrAppend(&message, i == 0 ? "" : ",", "{\"span\":\"span-", i,
                    "\",\"start\":", 1700000000 + i, ",\"ok\":true}");
  }
  message += "]}}}";
  return message;
}

}  // namespace mcpguard::test_support

namespace mcpguard::test_support {

std::vector<std::pair<std::string, Direction>> SessionSetup() {
  return {
      {R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":)"
       R"("2025-11-25","capabilities":{},"clientInfo":{"name":"test","version":"1"}}})",
       Direction::kToServer},
      {R"({"jsonrpc":"2.0","id":0,"result":{"protocolVersion":"2025-11-25",)"
       R"("capabilities":{"tools":{}},"serverInfo":{"name":"fs","version":"1"}}})",
       Direction::kToClient},
      {R"({"jsonrpc":"2.0","method":"notifications/initialized"})", Direction::kToServer},
      {R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})", Direction::kToServer},
      {R"({"jsonrpc":"2.0","id":1,"result":{"tools":[{"name":"filesystem.read_file",)"
       R"("inputSchema":{"type":"object","properties":{"path":{"type":"string"},)"
       R"("encoding":{"enum":["utf-8","ascii"]},"max_bytes":{"type":"integer","minimum":1},)"
       R"("tags":{"type":"array","items":{"type":"string"}},)"
       R"("options":{"type":"object","properties":{"depth":{"type":"integer"}}}},)"
       R"("required":["path"]}}]}})",
       Direction::kToClient},
  };
}

}  // namespace mcpguard::test_support
