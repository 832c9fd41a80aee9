// The server behind the proxy benchmark: the cheapest stdio MCP server that
// still speaks the protocol, so the benchmark measures pipes and the proxy,
// not a server. Answers initialize, tools/list (one tool, "echo") and every
// tools/call with a fixed result carrying the request's id. Request ids
// must be numbers.
#include <cstdio>
#include <iostream>
#include <string>

namespace {

// The digits after "id": in a request; "null" if there are none.
std::string IdOf(const std::string& line) {
  size_t at = line.find("\"id\":");
  if (at == std::string::npos) return "null";
  size_t start = at + 5, end = start;
  while (end < line.size() && (isdigit(static_cast<unsigned char>(line[end])) != 0)) ++end;
  return end > start ? line.substr(start, end - start) : "null";
}

}  // namespace

int main() {
  std::ios::sync_with_stdio(false);
  for (std::string line; std::getline(std::cin, line);) {
    if (line.find("\"id\":") == std::string::npos) continue;  // A notification.
    std::string result;
    if (line.find("\"initialize\"") != std::string::npos) {
      result = R"({"protocolVersion":"2025-06-18","capabilities":{"tools":{}},)"
               R"("serverInfo":{"name":"echo","version":"1"}})";
    } else if (line.find("\"tools/list\"") != std::string::npos) {
      result = R"({"tools":[{"name":"echo","description":"Echoes.","inputSchema":)"
               R"({"type":"object","properties":{"text":{"type":"string"}},"required":["text"]}}]})";
    } else {
      result = R"({"content":[{"type":"text","text":"ok"}]})";
    }
    std::cout << R"({"jsonrpc":"2.0","id":)" << IdOf(line) << R"(,"result":)" << result << "}\n"
              << std::flush;
  }
  return 0;
}
