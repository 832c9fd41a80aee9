#include "schema_testing.h"

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "gtest/gtest.h"
#include "rapidjson/document.h"
#include "rapidjson/error/en.h"
#include "schema/compiled_schema.h"

namespace mcpguard::internal {

rapidjson::Document ParseJsonForTest(absl::string_view text) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseFullPrecisionFlag>(text.data(), text.size());
  if (doc.HasParseError()) {
    ADD_FAILURE() << "bad JSON in test: " << rapidjson::GetParseError_En(doc.GetParseError())
                  << " at " << doc.GetErrorOffset() << ": " << text;
    doc.SetNull();
  }
  return doc;
}

absl::StatusOr<std::unique_ptr<const CompiledSchema>> CompileForTest(
    absl::string_view schema, const SchemaOptions& options) {
  rapidjson::Document doc = ParseJsonForTest(schema);
  return CompiledSchema::Compile(doc, options);
}

}  // namespace mcpguard::internal
