// Session::Check on the benchmark messages, to compare with the parse floor
// (parse_floor_benchmark.cc) measured in the same run.
//
// An allowed request stays in flight until its response is checked, so each
// iteration checks the request and then its response: the session's state is
// the same at the start of every iteration, as in a long-lived connection.
// Times are per message (items = 2 per iteration), comparable with
// BM_ParseFloorPair, which reads the same two messages.
#include <memory>
#include <utility>

#include "bench_messages.h"
#include "interleaved_timer.h"
#include "benchmark/benchmark.h"

namespace mcpguard::bench {
namespace {

void CheckPairs(benchmark::State& state, std::shared_ptr<const CompiledPolicy> policy) {
  const std::string& request = ToolsCallRequest();
  const std::string& response = ToolsCallResponse();
  std::unique_ptr<Session> session = NewBenchSession(std::move(policy));
  // Warm up: the parser's buffers and the in-flight table reach their
  // steady-state sizes.
  for (int i = 0; i < 100; ++i) {
    session->Check(request, Direction::kToServer);
    session->Check(response, Direction::kToClient);
  }
  TimeCheckPairs(state, *session, request, response);
}

void BM_Check50Rules(benchmark::State& state) { CheckPairs(state, Policy50()); }

// The ratios of issue 2's target measured within every iteration (see
// interleaved_timer.h): the floor parse of the pair, then the pair checked
// under the 50 rules without validation (the rules alone) and with it.
// Counters: ns per pair of each, and check_x_floor (rules alone) and
// validated_x_floor, each over the floor.
void BM_Check50RulesInterleaved(benchmark::State& state) {
  std::unique_ptr<Session> rules = NewBenchSession(Policy50Unvalidated());
  std::unique_ptr<Session> validated = NewBenchSession(Policy50());
  const InterleavedTimer timer =
      TimePairsInterleaved(state, *rules, *validated, {"floor", "check", "validated"});
  const int64_t n = state.iterations();
  state.counters["check_x_floor"] = timer.PerRun(1, n) / timer.PerRun(0, n);
  state.counters["validated_x_floor"] = timer.PerRun(2, n) / timer.PerRun(0, n);
}
BENCHMARK(BM_Check50RulesInterleaved);
BENCHMARK(BM_Check50Rules);

// The rules alone: validation off (what Check cost before the validator).
void BM_Check50RulesUnvalidated(benchmark::State& state) {
  CheckPairs(state, Policy50Unvalidated());
}
BENCHMARK(BM_Check50RulesUnvalidated);

// The same with the secrets and personal-data detectors on: every string
// value and member name of the request's arguments and of the result
// scanned (nothing is found in them).
void BM_Check50RulesWithDetectors(benchmark::State& state) {
  CheckPairs(state, Policy50WithDetectors());
}
BENCHMARK(BM_Check50RulesWithDetectors);

// 9,950 more rules on other tools: the rule index should make them free.
void BM_Check10000Rules(benchmark::State& state) { CheckPairs(state, Policy10000()); }
BENCHMARK(BM_Check10000Rules);

// A denied request is not recorded in flight, so it is checked alone. It
// costs more: the verdict carries a JSON-RPC error response built for it.
void BM_CheckDenied(benchmark::State& state) {
  const std::string& request = DeniedToolsCallRequest();
  std::unique_ptr<Session> session = NewBenchSession(Policy50());
  for (auto _ : state) {
    Verdict verdict = session->Check(request, Direction::kToServer);
    if (verdict.allowed()) {
      state.SkipWithError("the denied request was allowed");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(request.size()));
}
BENCHMARK(BM_CheckDenied);

}  // namespace
}  // namespace mcpguard::bench
