// Checks that the fixtures decide as the benchmarks assume before timing
// anything, so a policy or library change cannot silently turn a benchmark
// of the allow path into one of the deny path (or of a parse error).
#include <cstdio>
#include <string>
#include <string_view>

#include "base/simd_level.h"
#include "bench_messages.h"
#include "benchmark/benchmark.h"
#include "validation_fixtures.h"

int main(int argc, char** argv) {
  // --dump_validation_fixtures=DIR writes what benchmarks/ajv/bench.mjs reads
  // and exits (benchmarks/compare_ajv.sh).
  constexpr std::string_view kDump = "--dump_validation_fixtures=";
  for (int i = 1; i < argc; ++i) {
    std::string_view arg(argv[i]);
    if (arg.substr(0, kDump.size()) == kDump) {
      return mcpguard::bench::DumpValidationFixtures(std::string(arg.substr(kDump.size()))) ? 0
                                                                                            : 1;
    }
  }
  // Which vector path the byte scanners take here, in every report's
  // context, so that recorded figures say what they measured.
  benchmark::AddCustomContext(
      "simd_level",
      mcpguard::internal::SimdLevelName(mcpguard::internal::BestSimdLevel()));
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  if (!mcpguard::bench::VerifyFixtures()) return 1;
  std::fprintf(stderr, "request %zu bytes, response %zu bytes, policies of %zu and %zu rules\n",
              mcpguard::bench::ToolsCallRequest().size(),
              mcpguard::bench::ToolsCallResponse().size(),
              mcpguard::bench::Policy50()->rule_count(),
              mcpguard::bench::Policy10000()->rule_count());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
