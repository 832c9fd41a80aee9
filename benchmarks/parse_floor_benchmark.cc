// The floor: nothing can check a message faster than it can read it.
//
// BM_ParseFloor* read the benchmark messages the fastest way RapidJSON knows
// (its own "fastest" recipe): the bytes are copied into a reused buffer and
// parsed in situ with the default (recursive, non-validating) flags, SSE4.2
// scanning (RAPIDJSON_SSE42, set by the build on x86_64), and both the DOM
// and the parse stack drawing from memory pools over reused static buffers,
// so an iteration never touches the heap. BM_ParseFloorIterativePair is the
// same with RapidJSON's iterative reader. BM_ParseDefault is the ordinary
// `Document::Parse` for context, and BM_JsonParserPair is mcpguard's own
// parser (in situ too, but iterative, UTF-8 validating and limit-checking)
// on the pair the checks read, to show how much of a Check is reading.
#include <cstring>
#include <vector>

#include "bench_messages.h"
#include "benchmark/benchmark.h"
#include "json/limits.h"
#include "json/parser.h"
#include "floor_parser.h"
#include "rapidjson/document.h"

namespace mcpguard::bench {
namespace {

void BM_ParseFloor(benchmark::State& state) {
  const std::string& request = ToolsCallRequest();
  auto parser = std::make_unique<FloorParser>();
  for (auto _ : state) {
    if (!parser->Parse(request)) {
      state.SkipWithError("parse failed");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(request.size()));
}
BENCHMARK(BM_ParseFloor);

// The same two messages a BM_Check* iteration checks.
void BM_ParseFloorPair(benchmark::State& state) {
  const std::string& request = ToolsCallRequest();
  const std::string& response = ToolsCallResponse();
  auto parser = std::make_unique<FloorParser>();
  for (auto _ : state) {
    if (!parser->Parse(request) || !parser->Parse(response)) {
      state.SkipWithError("parse failed");
      break;
    }
  }
  state.SetItemsProcessed(2 * state.iterations());
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(request.size() + response.size()));
}
BENCHMARK(BM_ParseFloorPair);

// Context: the floor's pair again with kParseIterativeFlag (which mcpguard
// must use: no recursion on hostile nesting), to split JsonParser's distance
// from the floor into the iterative reader's share and the rest.
void BM_ParseFloorIterativePair(benchmark::State& state) {
  const std::string& request = ToolsCallRequest();
  const std::string& response = ToolsCallResponse();
  auto parser = std::make_unique<FloorParser>();
  for (auto _ : state) {
    if (!parser->Parse<rapidjson::kParseIterativeFlag>(request) ||
        !parser->Parse<rapidjson::kParseIterativeFlag>(response)) {
      state.SkipWithError("parse failed");
      break;
    }
  }
  state.SetItemsProcessed(2 * state.iterations());
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(request.size() + response.size()));
}
BENCHMARK(BM_ParseFloorIterativePair);

void BM_ParseDefault(benchmark::State& state) {
  const std::string& request = ToolsCallRequest();
  for (auto _ : state) {
    rapidjson::Document document;
    document.Parse(request.data(), request.size());
    benchmark::DoNotOptimize(&document);
    if (document.HasParseError()) {
      state.SkipWithError("parse failed");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(request.size()));
}
BENCHMARK(BM_ParseDefault);

void BM_JsonParserPair(benchmark::State& state) {
  const std::string& request = ToolsCallRequest();
  const std::string& response = ToolsCallResponse();
  const internal::JsonLimits limits;
  internal::JsonParser parser;
  for (auto _ : state) {
    bool ok = parser.Parse(request, limits);
    ok &= parser.Parse(response, limits);
    if (!ok) {
      state.SkipWithError("parse failed");
      break;
    }
  }
  state.SetItemsProcessed(2 * state.iterations());
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(request.size() + response.size()));
}
BENCHMARK(BM_JsonParserPair);

}  // namespace
}  // namespace mcpguard::bench
