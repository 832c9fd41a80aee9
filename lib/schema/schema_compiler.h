// The second compile pass: turns every location found by SchemaIndex into a
// SchemaNode, checking each keyword's value (errors name the keyword's
// pointer) and resolving references to node indices. Node i is location i.
#ifndef MCPGUARD_SCHEMA_SCHEMA_COMPILER_H_
#define MCPGUARD_SCHEMA_SCHEMA_COMPILER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rapidjson/document.h"
#include "schema/compiled_schema.h"
#include "schema/schema_index.h"
#include "schema/schema_program.h"

namespace mcpguard::internal {

// Compiles `document` into a program. See CompiledSchema::Compile for the
// errors.
absl::StatusOr<std::unique_ptr<SchemaProgram>> CompileSchemaProgram(
    const rapidjson::Value& document, const SchemaOptions& options);

// Per-node compilation; one instance compiles one document.
class SchemaCompiler {
 public:
  SchemaCompiler(const rapidjson::Value& document, SchemaProgram* program);

  absl::Status Run();

 private:
  // schema_compiler.cc: the node, references, type/enum/const, applicators.
  absl::Status CompileNode(uint32_t index);
  absl::Status CompileKeyword(uint32_t index, absl::string_view key, const rapidjson::Value& v,
                              SchemaNode* node);
  absl::StatusOr<uint32_t> Child(uint32_t index, absl::string_view keyword) const;
  absl::StatusOr<uint32_t> Child(uint32_t index, absl::string_view keyword,
                                 absl::string_view name) const;
  absl::StatusOr<Range> ChildList(uint32_t index, absl::string_view keyword,
                                  const rapidjson::Value& v);
  std::string KeywordPointer(uint32_t index, absl::string_view keyword) const;
  Applicators& ApplicatorsOf(SchemaNode* node);

  // keyword_compiler.cc: keywords of one instance type.
  absl::Status CompileNumberKeyword(uint32_t index, absl::string_view key,
                                    const rapidjson::Value& v, SchemaNode* node, bool* handled);
  absl::Status CompileStringKeyword(uint32_t index, absl::string_view key,
                                    const rapidjson::Value& v, SchemaNode* node, bool* handled);
  absl::Status CompileArrayKeyword(uint32_t index, absl::string_view key,
                                   const rapidjson::Value& v, SchemaNode* node, bool* handled);
  absl::Status CompileObjectKeyword(uint32_t index, absl::string_view key,
                                    const rapidjson::Value& v, SchemaNode* node, bool* handled);
  absl::Status FinishObject(uint32_t index, SchemaNode* node);
  absl::StatusOr<uint32_t> Count(uint32_t index, absl::string_view key,
                                 const rapidjson::Value& v) const;
  absl::string_view Intern(absl::string_view text);
  // Adds `regex` to the document's total (kMaxSchemaRegexTotalProgramSize).
  absl::Status CountRegex(const RE2& regex, absl::string_view pointer);
  ObjectKeywords& ObjectOf(SchemaNode* node);
  ArrayKeywords& ArrayOf(SchemaNode* node);

  const rapidjson::Value& document_;
  SchemaProgram* program_;
  SchemaIndex index_;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_SCHEMA_SCHEMA_COMPILER_H_
