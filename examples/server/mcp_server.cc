// A small stdio MCP server that guards itself with mcpguard, inline.
//
//   mcpguard_example_server [POLICY]   (default: examples/server/policy.textproto)
//
// Newline-delimited JSON-RPC on stdin/stdout (MCP's stdio transport). Every
// message is checked where it crosses the server's edge: each incoming
// request or notification before it is handled (Direction::kToServer), each
// outgoing response before it is written (Direction::kToClient). Tools:
// echo {text}, add {a, b}, read_setting {key}, shutdown. docs/integration.md
// walks through the call sites.
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include "mcpguard/guard.h"
#include "rapidjson/document.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace {

using rapidjson::Document;
using rapidjson::Value;

std::string ToJson(const Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

// {"jsonrpc":"2.0","id":<id>,"result":<result>}
std::string Response(const Value& id, const Value& result) {
  Document response(rapidjson::kObjectType);
  auto& alloc = response.GetAllocator();
  response.AddMember("jsonrpc", "2.0", alloc);
  response.AddMember("id", Value(id, alloc), alloc);
  response.AddMember("result", Value(result, alloc), alloc);
  return ToJson(response);
}

// The result of tools/call: one text content item.
Value TextResult(const std::string& text, Document::AllocatorType& alloc, bool is_error = false) {
  Value item(rapidjson::kObjectType);
  item.AddMember("type", "text", alloc);
  item.AddMember("text", Value(text.c_str(), alloc), alloc);
  Value content(rapidjson::kArrayType);
  content.PushBack(item, alloc);
  Value result(rapidjson::kObjectType);
  result.AddMember("content", content, alloc);
  if (is_error) result.AddMember("isError", true, alloc);
  return result;
}

constexpr char kTools[] = R"({"tools":[
 {"name":"echo","description":"Returns the text it is given.",
  "inputSchema":{"type":"object","properties":{"text":{"type":"string"}},"required":["text"]}},
 {"name":"add","description":"Adds two numbers.",
  "inputSchema":{"type":"object","properties":{"a":{"type":"number"},"b":{"type":"number"}},
                 "required":["a","b"]}},
 {"name":"read_setting","description":"Reads one configuration setting by key.",
  "inputSchema":{"type":"object","properties":{"key":{"type":"string"}},"required":["key"]}},
 {"name":"shutdown","description":"Stops the server.",
  "inputSchema":{"type":"object","properties":{}}}]})";

// The server's own logic: the result of an allowed request. The guard has
// already checked the request against the policy and the tool's schema.
Value Handle(const Document& request, Document::AllocatorType& alloc, bool* stop) {
  const std::string method = request["method"].GetString();
  if (method == "initialize") {
    Document result;
    result.Parse(R"({"protocolVersion":"2025-06-18","capabilities":{"tools":{}},
                     "serverInfo":{"name":"mcpguard-example-server","version":"1.0.0"}})");
    return Value(result, alloc);
  }
  if (method == "tools/list") {
    Document result;
    result.Parse(kTools);
    return Value(result, alloc);
  }
  if (method == "tools/call") {
    const Value& params = request["params"];
    const std::string tool = params["name"].GetString();
    const Value& args = params["arguments"];
    if (tool == "echo") return TextResult(args["text"].GetString(), alloc);
    if (tool == "add") {
      std::ostringstream sum;
      sum << args["a"].GetDouble() + args["b"].GetDouble();
      return TextResult(sum.str(), alloc);
    }
    if (tool == "read_setting") {
      const std::string key = args["key"].GetString();
      // A careless setting store: the deploy token sits next to the colour.
      if (key == "deploy.token") {
        return TextResult("deploy.token = ghp_4Qm8rT2vX9kL1nB7cD3fG6hJ0pS5wY8zA2eR", alloc);
      }
      return TextResult(key + " = blue", alloc);
    }
    if (tool == "shutdown") {
      *stop = true;
      return TextResult("stopping", alloc);
    }
    return TextResult("no such tool: " + tool, alloc, /*is_error=*/true);
  }
  return Value(rapidjson::kObjectType);  // ping and anything else: {}.
}

void Send(const std::string& message) {
  std::fwrite(message.data(), 1, message.size(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string policy_path =
      argc > 1 ? argv[1] : MCPGUARD_EXAMPLE_DIR "/server/policy.textproto";
  auto policy = mcpguard::LoadPolicyFile(policy_path);
  if (!policy.ok()) {
    std::cerr << policy.status().message() << "\n";
    return 1;
  }
  auto engine = mcpguard::Engine::Create(*policy);
  if (!engine.ok()) {
    std::cerr << engine.status().message() << "\n";
    return 1;
  }
  // One session per connection; a stdio server has exactly one. The
  // principal comes from however the host authenticated the client.
  mcpguard::SessionOptions options;
  options.principal.subject = "local-user";
  options.server_id = "example";
  std::unique_ptr<mcpguard::Session> session = (*engine)->NewSession(options);

  bool stop = false;
  for (std::string line; !stop && std::getline(std::cin, line);) {
    if (line.empty()) continue;
    // Call site 1: every incoming message, before anything else reads it.
    mcpguard::Verdict in = session->Check(line, mcpguard::Direction::kToServer);
    if (!in.allowed() && in.decision() != mcpguard::Decision::kRewrite) {
      // Refused (or malformed): answer with the ready error; a refused
      // notification gets no answer.
      if (!in.error_response().empty()) Send(std::string(in.error_response()));
      continue;
    }
    Document request;
    std::string_view bytes = in.allowed() ? std::string_view(line) : in.replacement();
    request.Parse(bytes.data(), bytes.size());
    if (!request.HasMember("id")) continue;  // A notification: nothing to answer.
    Document scratch;
    Value result = Handle(request, scratch.GetAllocator(), &stop);
    std::string response = Response(request["id"], result);

    // Call site 2: every outgoing response, before it is written. tools/list
    // comes back filtered for this principal, secrets redacted.
    mcpguard::Verdict out = session->Check(response, mcpguard::Direction::kToClient);
    if (out.allowed()) {
      Send(response);
    } else {
      Send(std::string(out.replacement()));  // The rewrite, or the error.
    }
  }
  return 0;
}
