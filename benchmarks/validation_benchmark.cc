// Validation beside the parse floor of the same bytes:
//   BM_ValidateArguments20 / BM_ParseFloorCall20     target <= 0.3 (issue 3)
//   BM_ValidateToolsList / BM_ParseFloorToolsList    (context: a big result)
// and, for the ajv comparison (benchmarks/compare_ajv.sh), the same work with
// parsing included, as ajv's JSON.parse + validate does.
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "benchmark/benchmark.h"
#include "floor_parser.h"
#include "json/limits.h"
#include "json/parser.h"
#include "rapidjson/document.h"
#include "schema/compiled_schema.h"
#include "validate/envelope.h"
#include "validate/mcp_validator.h"
#include "validation_fixtures.h"

namespace mcpguard::bench {
namespace {

using internal::CompiledSchema;

// Parses `text` or exits: fixtures are ours, a failure is a bug.
std::unique_ptr<rapidjson::Document> ParseOrExit(const std::string& text) {
  auto doc = std::make_unique<rapidjson::Document>();
  doc->Parse(text.data(), text.size());
  if (doc->HasParseError()) {
    std::fprintf(stderr, "validation fixture is not JSON\n");
    std::exit(1);
  }
  return doc;
}

// Runs `step` once per iteration, stopping with `error` when it fails, and
// counts one message of `bytes` bytes per iteration.
template <typename Step>
void PerMessage(benchmark::State& state, size_t bytes, const char* error, Step step) {
  for (auto _ : state) {
    if (!step()) {
      state.SkipWithError(error);
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes));
}

const CompiledSchema& Arguments20() {
  static const CompiledSchema* const schema = [] {
    std::unique_ptr<rapidjson::Document> doc = ParseOrExit(Arguments20Schema());
    auto compiled = CompiledSchema::Compile(*doc);
    if (!compiled.ok()) {
      std::fprintf(stderr, "Arguments20Schema: %s\n",
                   std::string(compiled.status().message()).c_str());
      std::exit(1);
    }
    return compiled->release();
  }();
  return *schema;
}

void BM_ParseFloorCall20(benchmark::State& state) {
  const std::string& message = ToolsCall20();
  FloorParser parser;
  PerMessage(state, message.size(), "parse failed", [&] { return parser.Parse(message); });
}
BENCHMARK(BM_ParseFloorCall20);

void BM_ValidateArguments20(benchmark::State& state) {
  std::unique_ptr<rapidjson::Document> doc = ParseOrExit(ToolsCall20());
  const rapidjson::Value& arguments = (*doc)["params"]["arguments"];
  const CompiledSchema& schema = Arguments20();
  PerMessage(state, ToolsCall20().size(), "the fixture's arguments do not validate",
             [&] { return schema.Validate(arguments); });
}
BENCHMARK(BM_ValidateArguments20);

// mcpguard's parser (limits, UTF-8, duplicate keys) and the validation: the
// same work as ajv's JSON.parse + validate in benchmarks/ajv/bench.mjs.
void BM_ParseAndValidateCall20(benchmark::State& state) {
  const std::string& message = ToolsCall20();
  const CompiledSchema& schema = Arguments20();
  const internal::JsonLimits limits;
  internal::JsonParser parser;
  PerMessage(state, message.size(), "parse or validation failed", [&] {
    return parser.Parse(message, limits) && schema.Validate(parser.root()["params"]["arguments"]);
  });
}
BENCHMARK(BM_ParseAndValidateCall20);

void BM_ParseFloorToolsList(benchmark::State& state) {
  const std::string& message = LargeToolsList();
  FloorParser parser(1 << 20);
  PerMessage(state, message.size(), "parse failed", [&] { return parser.Parse(message); });
}
BENCHMARK(BM_ParseFloorToolsList);

// The result against mcpguard's 2025-11-25 definition of ListToolsResult.
void BM_ValidateToolsList(benchmark::State& state) {
  std::unique_ptr<rapidjson::Document> doc = ParseOrExit(LargeToolsList());
  const rapidjson::Value& result = (*doc)["result"];
  const internal::McpValidator& validator =
      internal::McpValidator::For(internal::McpVersion::k2025_11_25);
  internal::MessageProblem problem;
  PerMessage(state, LargeToolsList().size(), "the tools/list fixture does not validate",
             [&] { return validator.CheckResult("tools/list", result, &problem, nullptr); });
}
BENCHMARK(BM_ValidateToolsList);

void BM_ParseAndValidateToolsList(benchmark::State& state) {
  const std::string& message = LargeToolsList();
  const internal::McpValidator& validator =
      internal::McpValidator::For(internal::McpVersion::k2025_11_25);
  internal::JsonLimits limits;
  internal::JsonParser parser;
  internal::MessageProblem problem;
  PerMessage(state, message.size(), "parse or validation failed", [&] {
    return parser.Parse(message, limits) &&
           validator.CheckResult("tools/list", parser.root()["result"], &problem, nullptr);
  });
}
BENCHMARK(BM_ParseAndValidateToolsList);

}  // namespace
}  // namespace mcpguard::bench
