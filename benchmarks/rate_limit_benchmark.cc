// What a rate limit adds to a Check: the benchmark pair (request and its
// response, as BM_Check50Rules) under the 50-rule policy as it is, with a
// rate limit the request matches none of, and with one it draws a token from
// (a bucket that never runs dry: 4e9 tokens refilled every second), in the
// same run as the parse floor (BM_ParseFloorPair):
//   BM_CheckOneRateLimit - BM_CheckNoRateLimit = one rate-limit check
// (key building, one lock, one hash lookup, the bucket arithmetic).
// BM_TokenBucketTake is the bucket table alone. Times are per message
// (items = 2 per iteration) for the Check pairs.
#include <cstdio>
#include <memory>
#include <string>
#include <utility>

#include "bench_messages.h"
#include "benchmark/benchmark.h"
#include "session/token_bucket_table.h"

namespace mcpguard::bench {
namespace {

constexpr char kUnmatchedLimit[] =
    "rate_limits { id: \"shell\" target { tools: \"shell.*\" } requests: 1 period_seconds: 60 }\n";
constexpr char kMatchedLimit[] =
    "rate_limits { id: \"reads\" target { tools: \"filesystem.*\" } requests: 4000000000 "
    "period_seconds: 1 }\n";

std::shared_ptr<const CompiledPolicy> PolicyWith(const char* rate_limits) {
  auto policy = CompilePolicy(PolicyText(0) + rate_limits, {PolicyFormat::kTextproto, "<bench>"});
  if (!policy.ok()) {
    std::fprintf(stderr, "rate-limit benchmark policy: %s\n",
                 std::string(policy.status().message()).c_str());
    return nullptr;
  }
  return *std::move(policy);
}

void CheckPairs(benchmark::State& state, const char* rate_limits) {
  std::shared_ptr<const CompiledPolicy> policy = PolicyWith(rate_limits);
  if (policy == nullptr) {
    state.SkipWithError("the policy does not compile");
    return;
  }
  const std::string& request = ToolsCallRequest();
  const std::string& response = ToolsCallResponse();
  std::unique_ptr<Session> session = NewBenchSession(std::move(policy));
  // Warm up (buffers, the in-flight table, the bucket) and check that the
  // request is allowed by the rule the other Check benchmarks measure.
  for (int i = 0; i < 100; ++i) {
    Verdict verdict = session->Check(request, Direction::kToServer);
    session->Check(response, Direction::kToClient);
    if (!verdict.allowed() || verdict.rule_id() != "allow-read-projects" ||
        !verdict.notes().empty()) {
      state.SkipWithError("the request is not allowed by allow-read-projects");
      return;
    }
  }
  TimeCheckPairs(state, *session, request, response);
}

void BM_CheckNoRateLimit(benchmark::State& state) { CheckPairs(state, ""); }
BENCHMARK(BM_CheckNoRateLimit);

void BM_CheckUnmatchedRateLimit(benchmark::State& state) { CheckPairs(state, kUnmatchedLimit); }
BENCHMARK(BM_CheckUnmatchedRateLimit);

void BM_CheckOneRateLimit(benchmark::State& state) { CheckPairs(state, kMatchedLimit); }
BENCHMARK(BM_CheckOneRateLimit);

// One draw from a bucket already in the table, with a key as long as the
// benchmark request's (id, numbers and length fields, subject, tool name).
void BM_TokenBucketTake(benchmark::State& state) {
  internal::TokenBucketTable table;
  const std::string key = "reads" + std::string(24, '#') + "alice" + "filesystem.read_file";
  internal::BucketDraw draw;
  draw.key = key;
  draw.rate = internal::BucketRate{4000000000u, 1, 4000000000u};
  int64_t now = 0;
  for (auto _ : state) {
    now += 1000;
    if (!table.TakeAll(absl::MakeSpan(&draw, 1), now, 65536, nullptr).taken) {
      state.SkipWithError("the bucket ran dry");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TokenBucketTake);

}  // namespace
}  // namespace mcpguard::bench
