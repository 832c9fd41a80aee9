// A small MCP host that launches a stdio server and guards its own side of
// the connection with mcpguard, inline.
//
//   mcpguard_example_host [--policy POLICY] -- SERVER [ARGS...]
//
// It plays a scripted session (what a model might ask for) and checks every
// message where it crosses the host's edge: each request before it is sent
// (Direction::kToServer), each message from the server before the host
// reads it (Direction::kToClient). One line per exchange on stdout.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "mcpguard/guard.h"

namespace {

// The server process, its stdin as a FILE to write and its stdout to read.
struct Server {
  pid_t pid = -1;
  FILE* to = nullptr;
  FILE* from = nullptr;
};

bool Launch(std::vector<char*> argv, Server* server) {
  int in[2], out[2];
  if (pipe(in) != 0 || pipe(out) != 0) return false;
  server->pid = fork();
  if (server->pid < 0) return false;
  if (server->pid == 0) {
    dup2(in[0], STDIN_FILENO);
    dup2(out[1], STDOUT_FILENO);
    for (int fd : {in[0], in[1], out[0], out[1]}) close(fd);
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    std::perror(argv[0]);
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  server->to = fdopen(in[1], "w");
  server->from = fdopen(out[0], "r");
  return server->to != nullptr && server->from != nullptr;
}

bool ReadLine(FILE* from, std::string* line) {
  line->clear();
  for (int c; (c = std::fgetc(from)) != EOF;) {
    if (c == '\n') return true;
    line->push_back(static_cast<char>(c));
  }
  return !line->empty();
}

// One request of the script, and what to call it in the output.
struct Step {
  const char* label;
  const char* message;
};

constexpr Step kScript[] = {
    {"initialize",
     R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",)"
     R"("capabilities":{},"clientInfo":{"name":"mcpguard-example-host","version":"1.0.0"}}})"},
    {"initialized", R"({"jsonrpc":"2.0","method":"notifications/initialized"})"},
    {"tools/list", R"({"jsonrpc":"2.0","id":2,"method":"tools/list"})"},
    {"echo", R"({"jsonrpc":"2.0","id":3,"method":"tools/call",)"
             R"("params":{"name":"echo","arguments":{"text":"hello"}}})"},
    {"add", R"({"jsonrpc":"2.0","id":4,"method":"tools/call",)"
            R"("params":{"name":"add","arguments":{"a":2,"b":40}}})"},
    {"read_setting colour", R"({"jsonrpc":"2.0","id":5,"method":"tools/call",)"
                            R"("params":{"name":"read_setting","arguments":{"key":"colour"}}})"},
    {"read_setting admin.password",
     R"({"jsonrpc":"2.0","id":6,"method":"tools/call",)"
     R"("params":{"name":"read_setting","arguments":{"key":"admin.password"}}})"},
    {"read_setting deploy.token",
     R"({"jsonrpc":"2.0","id":7,"method":"tools/call",)"
     R"("params":{"name":"read_setting","arguments":{"key":"deploy.token"}}})"},
    {"shutdown", R"({"jsonrpc":"2.0","id":8,"method":"tools/call",)"
                 R"("params":{"name":"shutdown","arguments":{}}})"},
};

void Report(const char* label, const char* side, const mcpguard::Verdict& verdict,
            std::string_view message) {
  std::cout << label << ": " << side << " " << mcpguard::DecisionName(verdict.decision());
  if (!verdict.rule_id().empty()) std::cout << " (" << verdict.rule_id() << ")";
  std::cout << ": " << message << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::string policy_path = MCPGUARD_EXAMPLE_DIR "/host/policy.textproto";
  int first = 1;
  if (argc > 2 && std::string(argv[1]) == "--policy") {
    policy_path = argv[2];
    first = 3;
  }
  if (first < argc && std::string(argv[first]) == "--") ++first;
  if (first >= argc) {
    std::cerr << "usage: mcpguard_example_host [--policy POLICY] -- SERVER [ARGS...]\n";
    return 2;
  }
  auto policy = mcpguard::LoadPolicyFile(policy_path);
  if (!policy.ok()) {
    std::cerr << policy.status().message() << "\n";
    return 1;
  }
  auto engine = mcpguard::Engine::Create(*policy);
  if (!engine.ok()) return 1;
  mcpguard::SessionOptions options;
  options.principal.subject = "example-model";
  options.server_id = "example";
  std::unique_ptr<mcpguard::Session> session = (*engine)->NewSession(options);

  signal(SIGPIPE, SIG_IGN);
  Server server;
  if (!Launch(std::vector<char*>(argv + first, argv + argc), &server)) {
    std::perror("launch");
    return 2;
  }

  for (const Step& step : kScript) {
    // Call site 1: the host's own request, before it leaves.
    mcpguard::Verdict out = session->Check(step.message, mcpguard::Direction::kToServer);
    if (!out.allowed()) {
      Report(step.label, "request", out, out.error_response());
      continue;
    }
    std::fprintf(server.to, "%s\n", step.message);
    std::fflush(server.to);
    if (std::string(step.message).find("\"id\"") == std::string::npos) continue;

    // Call site 2: what the server sends back, before the host (and its
    // model) reads it. A tools/list comes back without hidden tools.
    std::string line;
    if (!ReadLine(server.from, &line)) {
      std::cout << step.label << ": the server closed the connection\n";
      break;
    }
    mcpguard::Verdict in = session->Check(line, mcpguard::Direction::kToClient);
    Report(step.label, "response", in, in.allowed() ? std::string_view(line) : in.replacement());
  }
  fclose(server.to);
  int status = 0;
  waitpid(server.pid, &status, 0);
  fclose(server.from);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
