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
  for (auto _ : state) {
    if (!parser.Parse(message)) {
      state.SkipWithError("parse failed");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(message.size()));
}
BENCHMARK(BM_ParseFloorCall20);

void BM_ValidateArguments20(benchmark::State& state) {
  std::unique_ptr<rapidjson::Document> doc = ParseOrExit(ToolsCall20());
  const rapidjson::Value& arguments = (*doc)["params"]["arguments"];
  const CompiledSchema& schema = Arguments20();
  for (auto _ : state) {
    if (!schema.Validate(arguments)) {
      state.SkipWithError("the fixture's arguments do not validate");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(ToolsCall20().size()));
}
BENCHMARK(BM_ValidateArguments20);

// mcpguard's parser (limits, UTF-8, duplicate keys) and the validation: the
// same work as ajv's JSON.parse + validate in benchmarks/ajv/bench.mjs.
void BM_ParseAndValidateCall20(benchmark::State& state) {
  const std::string& message = ToolsCall20();
  const CompiledSchema& schema = Arguments20();
  const internal::JsonLimits limits;
  internal::JsonParser parser;
  for (auto _ : state) {
    bool ok = parser.Parse(message, limits);
    if (ok) {
      const rapidjson::Value& root = parser.root();
      ok = schema.Validate(root["params"]["arguments"]);
    }
    if (!ok) {
      state.SkipWithError("parse or validation failed");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(message.size()));
}
BENCHMARK(BM_ParseAndValidateCall20);

void BM_ParseFloorToolsList(benchmark::State& state) {
  const std::string& message = LargeToolsList();
  FloorParser parser(1 << 20);
  for (auto _ : state) {
    if (!parser.Parse(message)) {
      state.SkipWithError("parse failed");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(message.size()));
}
BENCHMARK(BM_ParseFloorToolsList);

// The result against mcpguard's 2025-11-25 definition of ListToolsResult.
void BM_ValidateToolsList(benchmark::State& state) {
  std::unique_ptr<rapidjson::Document> doc = ParseOrExit(LargeToolsList());
  const rapidjson::Value& result = (*doc)["result"];
  const internal::McpValidator& validator =
      internal::McpValidator::For(internal::McpVersion::k2025_11_25);
  internal::MessageProblem problem;
  for (auto _ : state) {
    if (!validator.CheckResult("tools/list", result, &problem, nullptr)) {
      state.SkipWithError(problem.reason.c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(LargeToolsList().size()));
}
BENCHMARK(BM_ValidateToolsList);

void BM_ParseAndValidateToolsList(benchmark::State& state) {
  const std::string& message = LargeToolsList();
  const internal::McpValidator& validator =
      internal::McpValidator::For(internal::McpVersion::k2025_11_25);
  internal::JsonLimits limits;
  internal::JsonParser parser;
  internal::MessageProblem problem;
  for (auto _ : state) {
    bool ok = parser.Parse(message, limits);
    if (ok) ok = validator.CheckResult("tools/list", parser.root()["result"], &problem, nullptr);
    if (!ok) {
      state.SkipWithError("parse or validation failed");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(message.size()));
}
BENCHMARK(BM_ParseAndValidateToolsList);

}  // namespace
}  // namespace mcpguard::bench
