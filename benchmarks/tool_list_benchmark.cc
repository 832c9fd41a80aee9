// tools/list filtering (issue 4): the 100-tool list of validation_fixtures,
// answered to a principal who may call 20 of the tools, so the result is
// rewritten without the other 80. Beside it, the same exchange with
// filtering off and the parse floor of the request and the list:
//   BM_CheckToolsListFiltered / BM_ParseFloorToolsListPair
//   BM_CheckToolsListUnfiltered / BM_ParseFloorToolsListPair
// Validation is off in both, so the difference is the filter alone.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "benchmark/benchmark.h"
#include "floor_parser.h"
#include "mcpguard/guard.h"
#include "validation_fixtures.h"

namespace mcpguard::bench {
namespace {

constexpr std::string_view kListRequest = R"({"jsonrpc":"2.0","id":"list","method":"tools/list"})";

constexpr std::string_view kPolicy = R"(
name: "tool-list" default_effect: DENY
validation { mcp_messages: OFF tool_schemas: OFF }
rules { id: "list" effect: ALLOW target { methods: "tools/list" } }
rules { id: "first-twenty" effect: ALLOW target { tools: "svc?.invoke" tools: "svc1?.invoke" } }
rules { id: "no-svc13" effect: DENY target { tools: "svc13.invoke" }
  condition { field { pointer: "/arguments/mode" string { exact: "write" } } } }
)";

std::unique_ptr<Session> NewListSession(bool filter) {
  PolicyLoadOptions options;
  options.format = PolicyFormat::kTextproto;
  options.source_name = "tool-list.textproto";
  std::string text(kPolicy);
  if (!filter) text += "list_filtering { tools: OFF }\n";
  auto policy = CompilePolicy(text, options);
  if (!policy.ok()) {
    std::fprintf(stderr, "tool list benchmark policy: %s\n",
                 std::string(policy.status().message()).c_str());
    std::exit(1);
  }
  auto engine = Engine::Create(*std::move(policy));
  if (!engine.ok()) std::exit(1);
  SessionOptions session;
  session.principal.subject = "alice";
  session.server_id = "services";
  // The session keeps what it needs of the engine alive.
  return (*engine)->NewSession(std::move(session));
}

void CheckList(benchmark::State& state, bool filter) {
  std::unique_ptr<Session> session = NewListSession(filter);
  const std::string& list = LargeToolsList();
  const Decision expected = filter ? Decision::kRewrite : Decision::kAllow;
  for (auto _ : state) {
    const Verdict request = session->Check(kListRequest, Direction::kToServer);
    const Verdict response = session->Check(list, Direction::kToClient);
    if (!request.allowed() || response.decision() != expected) {
      state.SkipWithError(("unexpected verdict: " + std::string(response.reason())).c_str());
      return;
    }
    if (filter && response.replacement().size() * 3 > list.size()) {
      state.SkipWithError("the rewritten list is not about a fifth of the original");
      return;
    }
    benchmark::DoNotOptimize(response.replacement().data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(kListRequest.size() + list.size()) *
                          state.iterations());
}

void BM_ParseFloorToolsListPair(benchmark::State& state) {
  FloorParser parser(1 << 20);
  const std::string request(kListRequest);
  const std::string& list = LargeToolsList();
  for (auto _ : state) {
    if (!parser.Parse(request) || !parser.Parse(list)) {
      state.SkipWithError("parse failed");
      return;
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(kListRequest.size() + list.size()) *
                          state.iterations());
}
BENCHMARK(BM_ParseFloorToolsListPair);

void BM_CheckToolsListFiltered(benchmark::State& state) { CheckList(state, true); }
BENCHMARK(BM_CheckToolsListFiltered);

void BM_CheckToolsListUnfiltered(benchmark::State& state) { CheckList(state, false); }
BENCHMARK(BM_CheckToolsListUnfiltered);

}  // namespace
}  // namespace mcpguard::bench
