#include "schema/compiled_schema.h"

#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rapidjson/document.h"
#include "schema/schema_compiler.h"
#include "schema/schema_program.h"
#include "schema/schema_validator.h"

namespace mcpguard::internal {

struct CompiledSchema::Impl {
  std::unique_ptr<SchemaProgram> program;
};

CompiledSchema::CompiledSchema(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

CompiledSchema::~CompiledSchema() = default;

absl::StatusOr<std::unique_ptr<const CompiledSchema>> CompiledSchema::Compile(
    const rapidjson::Value& document, const SchemaOptions& options) {
  absl::StatusOr<std::unique_ptr<SchemaProgram>> program = CompileSchemaProgram(document, options);
  if (!program.ok()) return program.status();
  auto impl = std::make_unique<Impl>();
  impl->program = *std::move(program);
  return std::unique_ptr<const CompiledSchema>(new CompiledSchema(std::move(impl)));
}

CompiledSchema::Node CompiledSchema::root() const { return 0; }

std::optional<CompiledSchema::Node> CompiledSchema::Find(absl::string_view pointer) const {
  const auto& by_pointer = impl_->program->node_by_pointer;
  auto it = by_pointer.find(pointer);
  if (it == by_pointer.end()) return std::nullopt;
  return it->second;
}

bool CompiledSchema::Validate(const rapidjson::Value& instance, SchemaIssue* issue,
                              std::vector<SchemaIssue>* unknown) const {
  return Validate(root(), instance, issue, unknown);
}

bool CompiledSchema::Validate(Node at, const rapidjson::Value& instance, SchemaIssue* issue,
                              std::vector<SchemaIssue>* unknown) const {
  SchemaValidator validator(*impl_->program, issue, unknown);
  return validator.Run(at, instance);
}

SchemaDialect CompiledSchema::dialect() const { return impl_->program->dialect; }

int64_t CompiledSchema::regex_program_size() const {
  return impl_->program->regex_program_size;
}

}  // namespace mcpguard::internal
