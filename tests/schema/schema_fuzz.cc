// Fuzzes CompiledSchema: the input is a schema and an instance separated by
// a line "---" (without one, the schema document is validated against
// itself). Checks what the API promises rather than only that it does not
// crash:
//  - a compile error is InvalidArgument or Unimplemented and starts with a
//    schema pointer that resolves in the schema document ("" for the root);
//  - a false validation fills an issue whose instance_pointer resolves in
//    the instance and whose message is not empty; every x-mcpguard-closed
//    report resolves too;
//  - the verdict does not depend on asking for the issue or the reports.
// A violated property aborts, which libFuzzer reports as a crash.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "json/limits.h"
#include "json/parser.h"
#include "json/pointer.h"
#include "rapidjson/document.h"
#include "schema/compiled_schema.h"

namespace {

using mcpguard::internal::CompiledSchema;
using mcpguard::internal::JsonLimits;
using mcpguard::internal::JsonParser;
using mcpguard::internal::JsonPointer;
using mcpguard::internal::SchemaIssue;
using mcpguard::internal::SchemaOptions;

constexpr size_t kMaxInput = 16 << 10;

void Check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "schema_fuzz: property violated: %s\n", what);
  std::abort();
}

bool Resolves(absl::string_view pointer, const rapidjson::Value& document) {
  auto parsed = JsonPointer::Parse(pointer);
  return parsed.ok() && parsed->Resolve(document) != nullptr;
}

// Some prefix of `message` that ends before a ": " is a pointer into the
// schema (member names may themselves hold ": ").
bool StartsWithResolvingPointer(absl::string_view message, const rapidjson::Value& schema) {
  for (size_t colon = message.find(": "); colon != absl::string_view::npos;
       colon = message.find(": ", colon + 1)) {
    if (Resolves(message.substr(0, colon), schema)) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput) return 0;
  const absl::string_view input(reinterpret_cast<const char*>(data), size);
  static JsonParser* const schema_parser = new JsonParser();
  static JsonParser* const instance_parser = new JsonParser();
  const size_t split = input.find("\n---\n");
  const absl::string_view schema_text = input.substr(0, split);
  JsonLimits limits;
  limits.max_depth = 48;
  if (!schema_parser->Parse(schema_text, limits)) return 0;
  const rapidjson::Value& schema_doc = schema_parser->root();
  const rapidjson::Value* instance = &schema_doc;
  if (split != absl::string_view::npos) {
    if (!instance_parser->Parse(input.substr(split + 5), limits)) return 0;
    instance = &instance_parser->root();
  }

  SchemaOptions options;
  options.max_nodes = 500;
  options.max_schema_depth = 32;
  options.max_validation_depth = 64;
  options.assert_formats = (size % 2) == 1;
  auto compiled = CompiledSchema::Compile(schema_doc, options);
  if (!compiled.ok()) {
    const absl::StatusCode code = compiled.status().code();
    Check(code == absl::StatusCode::kInvalidArgument || code == absl::StatusCode::kUnimplemented,
          "compile error code");
    Check(StartsWithResolvingPointer(compiled.status().message(), schema_doc),
          "compile error starts with a pointer into the schema");
    return 0;
  }
  const CompiledSchema& schema = **compiled;
  SchemaIssue issue;
  std::vector<SchemaIssue> unknown;
  const bool valid = schema.Validate(*instance, &issue, &unknown);
  Check(schema.Validate(*instance) == valid, "verdict independent of the issue");
  if (!valid) {
    Check(Resolves(issue.instance_pointer, *instance), "issue instance pointer resolves");
    Check(!issue.message.empty(), "issue has a message");
    Check(unknown.empty(), "no reports from a failed validation");
  }
  for (const SchemaIssue& report : unknown) {
    Check(Resolves(report.instance_pointer, *instance), "unknown member pointer resolves");
    Check(Resolves(report.schema_pointer, schema_doc), "closed keyword pointer resolves");
  }
  return 0;
}
