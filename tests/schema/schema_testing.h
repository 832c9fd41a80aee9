// Helpers shared by the schema tests.
#ifndef MCPGUARD_TESTS_SCHEMA_SCHEMA_TESTING_H_
#define MCPGUARD_TESTS_SCHEMA_SCHEMA_TESTING_H_

#include <memory>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rapidjson/document.h"
#include "schema/compiled_schema.h"

namespace mcpguard::internal {

// Parses JSON text; a parse error fails the current test and yields null.
rapidjson::Document ParseJsonForTest(absl::string_view text);

// Parses and compiles a schema.
absl::StatusOr<std::unique_ptr<const CompiledSchema>> CompileForTest(
    absl::string_view schema, const SchemaOptions& options = SchemaOptions());

}  // namespace mcpguard::internal

#endif  // MCPGUARD_TESTS_SCHEMA_SCHEMA_TESTING_H_
