// Evaluation with argument conditions (issue 4): tools/call requests whose
// rules read a path (path matcher + regex), a URL (url matcher) and a
// command line (command matcher), each answered by a small result, beside
// the parse floor of the same six messages in the same run:
//   BM_CheckArguments / BM_ParseFloorArguments     target <= 1.6
// Validation is off: the rules' cost, as in BM_Check50RulesUnvalidated.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "benchmark/benchmark.h"
#include "floor_parser.h"
#include "interleaved_timer.h"
#include "mcpguard/guard.h"

namespace mcpguard::bench {
namespace {

struct Exchange {
  std::string request;
  std::string response;
};

std::string Call(int id, std::string_view tool, std::string_view arguments) {
  return "{\"jsonrpc\":\"2.0\",\"id\":" + std::to_string(id) +
         ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + std::string(tool) +
         "\",\"arguments\":" + std::string(arguments) +
         ",\"_meta\":{\"progressToken\":\"p-" + std::to_string(id) + "\"}}}";
}

std::string Result(int id, std::string_view text) {
  return "{\"jsonrpc\":\"2.0\",\"id\":" + std::to_string(id) +
         ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"" + std::string(text) +
         "\"}],\"isError\":false}}";
}

const std::vector<Exchange>& Exchanges() {
  static const auto* const exchanges = new std::vector<Exchange>{
      {Call(1, "fs.read_file",
            R"({"path":"/srv/project/src/guard/session_state.cc","encoding":"utf-8",)"
            R"("max_bytes":65536,"offset":0})"),
       Result(1, "#include \\\"guard/session_state.h\\\"\\n\\nnamespace mcpguard::internal {")},
      {Call(2, "web.fetch",
            R"({"url":"https://api.example.com/v1/items?limit=10&cursor=abc123",)"
            R"("method":"GET","headers":{"accept":"application/json","user-agent":"mcp"}})"),
       Result(2, "{\\\"items\\\":[{\\\"id\\\":1},{\\\"id\\\":2}],\\\"next\\\":null}")},
      {Call(3, "shell.run",
            R"({"command":"git log --oneline -n 20 -- 'src/policy dir'",)"
            R"("cwd":"/srv/project","timeout_ms":5000})"),
       Result(3, "c274522 Validation problems name their own schema\\n037a362 Guard")},
  };
  return *exchanges;
}

constexpr std::string_view kPolicy = R"(
name: "arguments" default_effect: DENY
validation { mcp_messages: OFF tool_schemas: OFF }
rules { id: "deny-secrets" effect: DENY target { tools: "fs.*" }
  condition { field { pointer: "/arguments/path" string { regex: ".*/[.](ssh|aws|gnupg)/.*" } } } }
rules { id: "allow-read-project" effect: ALLOW target { tools: "fs.read_file" }
  condition { all {
    conditions { field { pointer: "/arguments/path"
                         path { roots: "/srv/project" roots: "/tmp/scratch" deny: "*/.env" } } }
    conditions { field { pointer: "/arguments/max_bytes" number { max: 1048576 } } } } } }
rules { id: "deny-write-outside" effect: DENY target { tools: "fs.write_file" }
  condition { not { field { pointer: "/arguments/path" path { roots: "/srv/project" } } } } }
rules { id: "deny-fetch-internal" effect: DENY target { tools: "web.*" }
  condition { not { field { pointer: "/arguments/url" url { allow_internal: false } } } } }
rules { id: "allow-fetch-example" effect: ALLOW target { tools: "web.fetch" }
  condition { all {
    conditions { field { pointer: "/arguments/url"
                         url { schemes: "https" allow_hosts: "*.example.com" } } }
    conditions { field { pointer: "/arguments/method" string { regex: "GET|HEAD" } } } } } }
rules { id: "deny-shell-injection" effect: DENY target { tools: "shell.*" }
  condition { not { field { pointer: "/arguments/command"
                            command { executables: "git" executables: "ls" executables: "make" } } } } }
rules { id: "allow-shell-project" effect: ALLOW target { tools: "shell.run" }
  condition { field { pointer: "/arguments/cwd" path { roots: "/srv/project" } } } }
rules { id: "ask-deploy" effect: ASK target { tools: "deploy.*" } }
rules { id: "allow-github-read" effect: ALLOW target { tools: "github.get_*" tools: "github.search_*" } }
rules { id: "deny-github-evil" effect: DENY target { tools: "github.*" }
  condition { field { pointer: "/arguments/owner" string { regex: "(evil|untrusted).*" } } } }
)";

std::shared_ptr<const CompiledPolicy> ArgumentPolicy() {
  static const auto* const policy = [] {
    PolicyLoadOptions options;
    options.format = PolicyFormat::kTextproto;
    options.source_name = "arguments.textproto";
    auto compiled = CompilePolicy(kPolicy, options);
    if (!compiled.ok()) {
      std::fprintf(stderr, "argument benchmark policy: %s\n",
                   std::string(compiled.status().message()).c_str());
      std::exit(1);
    }
    return new std::shared_ptr<const CompiledPolicy>(*std::move(compiled));
  }();
  return *policy;
}

std::unique_ptr<Session> NewArgumentSession() {
  auto engine = Engine::Create(ArgumentPolicy());
  if (!engine.ok()) std::exit(1);
  SessionOptions options;
  options.principal.subject = "alice";
  options.server_id = "tools";
  options.session_id = "argument-benchmark";
  return (*engine)->NewSession(std::move(options));
}

void BM_ParseFloorArguments(benchmark::State& state) {
  FloorParser parser;
  size_t bytes = 0;
  for (const Exchange& e : Exchanges()) bytes += e.request.size() + e.response.size();
  for (auto _ : state) {
    for (const Exchange& e : Exchanges()) {
      if (!parser.Parse(e.request) || !parser.Parse(e.response)) {
        state.SkipWithError("parse failed");
        return;
      }
    }
  }
  state.SetItemsProcessed(2 * static_cast<int64_t>(Exchanges().size()) * state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes) * state.iterations());
}
BENCHMARK(BM_ParseFloorArguments);

void BM_CheckArguments(benchmark::State& state) {
  std::unique_ptr<Session> session = NewArgumentSession();
  size_t bytes = 0;
  for (const Exchange& e : Exchanges()) bytes += e.request.size() + e.response.size();
  for (auto _ : state) {
    for (const Exchange& e : Exchanges()) {
      const Verdict request = session->Check(e.request, Direction::kToServer);
      const Verdict response = session->Check(e.response, Direction::kToClient);
      if (!request.allowed() || !response.allowed()) {
        state.SkipWithError(("not allowed: " + std::string(request.reason()) + " / " +
                             std::string(response.reason()))
                                .c_str());
        return;
      }
    }
  }
  state.SetItemsProcessed(2 * static_cast<int64_t>(Exchanges().size()) * state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes) * state.iterations());
}
BENCHMARK(BM_CheckArguments);

// Issue 4's ratio measured within every iteration (interleaved_timer.h):
// the floor parse of the six messages, then the same six checked. Counter
// check_x_floor.
void BM_CheckArgumentsInterleaved(benchmark::State& state) {
  std::unique_ptr<Session> session = NewArgumentSession();
  FloorParser parser;
  InterleavedTimer timer({"floor", "check"});
  bool ok = true;
  for (auto _ : state) {
    timer.Time(0, [&] {
      for (const Exchange& e : Exchanges()) ok &= parser.Parse(e.request) & parser.Parse(e.response);
    });
    timer.Time(1, [&] {
      for (const Exchange& e : Exchanges()) {
        const Verdict request = session->Check(e.request, Direction::kToServer);
        const Verdict response = session->Check(e.response, Direction::kToClient);
        ok &= request.allowed() && response.allowed();
      }
    });
  }
  if (!ok) state.SkipWithError("a parse or check failed");
  timer.Report(state);
  const int64_t n = state.iterations();
  state.counters["check_x_floor"] = timer.PerRun(1, n) / timer.PerRun(0, n);
}
BENCHMARK(BM_CheckArgumentsInterleaved);

}  // namespace
}  // namespace mcpguard::bench
