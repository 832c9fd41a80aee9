#include "schema/schema_compiler.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "rapidjson/document.h"
#include "schema/leaf_check.h"
#include "schema/schema_index.h"
#include "schema/schema_program.h"
#include "schema/uri.h"

namespace mcpguard::internal {
namespace {

absl::string_view View(const rapidjson::Value& s) {
  return absl::string_view(s.GetString(), s.GetStringLength());
}

absl::StatusOr<SchemaDialect> DetectDialect(const rapidjson::Value& document,
                                            const SchemaOptions& options) {
  if (!document.IsObject()) return options.default_dialect;
  auto schema = document.FindMember("$schema");
  if (schema == document.MemberEnd()) return options.default_dialect;
  if (!schema->value.IsString()) {
    return absl::InvalidArgumentError("/$schema: must be a string");
  }
  absl::string_view uri = View(schema->value);
  if (absl::EndsWith(uri, "#")) uri.remove_suffix(1);
  if (uri == "http://json-schema.org/draft-07/schema") return SchemaDialect::kDraft7;
  if (uri == "https://json-schema.org/draft/2020-12/schema") return SchemaDialect::kDraft2020_12;
  return absl::UnimplementedError(
      absl::StrCat("/$schema: unsupported dialect \"", View(schema->value),
                   "\" (supported: draft-07 and 2020-12)"));
}

uint8_t TypeBitFor(absl::string_view name) {
  if (name == "null") return kTypeNull;
  if (name == "boolean") return kTypeBoolean;
  if (name == "object") return kTypeObject;
  if (name == "array") return kTypeArray;
  if (name == "number") return kTypeNumber;
  if (name == "string") return kTypeString;
  if (name == "integer") return kTypeInteger;
  return 0;
}

bool IsEmptyNode(const SchemaNode& n) {
  return n.types == kTypeAny && n.ref == kNoIndex && n.dynamic_ref == kNoIndex &&
         n.const_value == kNoIndex && !n.has_enum && n.number == kNoIndex &&
         n.string == kNoIndex && n.array == kNoIndex && n.object == kNoIndex &&
         n.applicators == kNoIndex;
}

// Folds int64 bounds into NumberKeywords::int_low/int_high.
void SetIntBounds(NumberKeywords* k) {
  using Kind = JsonNumber::Kind;
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  if (k->present & NumberKeywords::kMultipleOf) return;
  int64_t low = kMin, high = kMax;
  if (k->present & NumberKeywords::kMinimum) {
    if (k->minimum.kind != Kind::kInt) return;
    low = std::max(low, k->minimum.i);
  }
  if (k->present & NumberKeywords::kExclusiveMinimum) {
    if (k->exclusive_minimum.kind != Kind::kInt || k->exclusive_minimum.i == kMax) return;
    low = std::max(low, k->exclusive_minimum.i + 1);
  }
  if (k->present & NumberKeywords::kMaximum) {
    if (k->maximum.kind != Kind::kInt) return;
    high = std::min(high, k->maximum.i);
  }
  if (k->present & NumberKeywords::kExclusiveMaximum) {
    if (k->exclusive_maximum.kind != Kind::kInt || k->exclusive_maximum.i == kMin) return;
    high = std::min(high, k->exclusive_maximum.i - 1);
  }
  k->int_bounds = true;
  k->int_low = low;
  k->int_high = high;
}

}  // namespace

absl::StatusOr<std::unique_ptr<SchemaProgram>> CompileSchemaProgram(
    const rapidjson::Value& document, const SchemaOptions& options) {
  auto program = std::make_unique<SchemaProgram>();
  absl::StatusOr<SchemaDialect> dialect = DetectDialect(document, options);
  if (!dialect.ok()) return dialect.status();
  program->dialect = *dialect;
  program->options = options;
  SchemaCompiler compiler(document, program.get());
  absl::Status status = compiler.Run();
  if (!status.ok()) return status;
  return program;
}

SchemaCompiler::SchemaCompiler(const rapidjson::Value& document, SchemaProgram* program)
    : document_(document),
      program_(program),
      index_(document, program->dialect, program->options) {}

absl::Status SchemaCompiler::Run() {
  absl::Status status = index_.Build();
  if (!status.ok()) return status;
  // References may add locations while this loop runs; they are compiled in
  // turn, so node i is always location i.
  for (uint32_t i = 0; i < index_.locations().size(); ++i) {
    status = CompileNode(i);
    if (!status.ok()) return status;
  }
  for (uint32_t i = 0; i < program_->pointers.size(); ++i) {
    program_->node_by_pointer.emplace(program_->pointers[i], i);
  }
  for (NumberKeywords& k : program_->numbers) SetIntBounds(&k);
  if (!program_->uses_dynamic_scope) {
    constexpr uint16_t kNotPlain = SchemaNode::kFalseSchema | SchemaNode::kEmpty |
                                   SchemaNode::kRefOnly | SchemaNode::kUsesUnevaluated;
    for (SchemaNode& node : program_->nodes) {
      if ((node.flags & kNotPlain) == 0 && node.ref == kNoIndex &&
          node.dynamic_ref == kNoIndex && node.applicators == kNoIndex) {
        node.flags |= SchemaNode::kPlain;
      }
    }
  }
  program_->leaves.reserve(program_->nodes.size());
  for (const SchemaNode& node : program_->nodes) {
    program_->leaves.push_back(MakeLeafCheck(node, program_));
  }
  return absl::OkStatus();
}

std::string SchemaCompiler::KeywordPointer(uint32_t index, absl::string_view keyword) const {
  std::string pointer = index_.locations()[index].pointer;
  AppendPointerToken(&pointer, keyword);
  return pointer;
}

absl::StatusOr<uint32_t> SchemaCompiler::Child(uint32_t index, absl::string_view keyword) const {
  const std::string pointer = KeywordPointer(index, keyword);
  std::optional<uint32_t> child = index_.Find(pointer);
  if (!child.has_value()) {
    return absl::InvalidArgumentError(
        absl::StrCat(pointer, ": a schema must be an object or a boolean"));
  }
  return *child;
}

absl::StatusOr<uint32_t> SchemaCompiler::Child(uint32_t index, absl::string_view keyword,
                                               absl::string_view name) const {
  std::string pointer = KeywordPointer(index, keyword);
  AppendPointerToken(&pointer, name);
  std::optional<uint32_t> child = index_.Find(pointer);
  if (!child.has_value()) {
    return absl::InvalidArgumentError(
        absl::StrCat(pointer, ": a schema must be an object or a boolean"));
  }
  return *child;
}

absl::StatusOr<Range> SchemaCompiler::ChildList(uint32_t index, absl::string_view keyword,
                                                const rapidjson::Value& v) {
  Range range{static_cast<uint32_t>(program_->node_lists.size()), 0};
  if (!v.IsArray()) {
    return absl::InvalidArgumentError(
        absl::StrCat(KeywordPointer(index, keyword), ": must be an array of schemas"));
  }
  for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
    absl::StatusOr<uint32_t> child = Child(index, keyword, absl::StrCat(i));
    if (!child.ok()) return child.status();
    program_->node_lists.push_back(*child);
    ++range.count;
  }
  return range;
}

Applicators& SchemaCompiler::ApplicatorsOf(SchemaNode* node) {
  if (node->applicators == kNoIndex) {
    node->applicators = static_cast<uint32_t>(program_->applicators.size());
    program_->applicators.emplace_back();
  }
  return program_->applicators[node->applicators];
}

absl::Status SchemaCompiler::CompileNode(uint32_t index) {
  // Copied: resolving references may grow the location table.
  const SchemaLocation location = index_.locations()[index];
  SchemaNode node;
  node.pointer = index;
  node.resource = location.resource;
  program_->pointers.push_back(location.pointer);
  const rapidjson::Value& schema = *location.value;
  if (schema.IsBool()) {
    node.flags = schema.GetBool() ? SchemaNode::kEmpty : SchemaNode::kFalseSchema;
    program_->nodes.push_back(node);
    return absl::OkStatus();
  }
  const bool draft7 = program_->dialect == SchemaDialect::kDraft7;
  auto ref = schema.FindMember("$ref");
  if (draft7 && ref != schema.MemberEnd()) {
    absl::Status status = CompileKeyword(index, "$ref", ref->value, &node);
    if (!status.ok()) return status;
    node.flags |= SchemaNode::kRefOnly;
    program_->nodes.push_back(node);
    return absl::OkStatus();
  }
  for (auto m = schema.MemberBegin(); m != schema.MemberEnd(); ++m) {
    absl::Status status = CompileKeyword(index, View(m->name), m->value, &node);
    if (!status.ok()) return status;
  }
  if (node.array != kNoIndex) {
    ArrayKeywords& array = program_->arrays[node.array];
    if (array.items_is_tuple) {
      array.items = array.additional_items;
      array.items_is_additional = true;
    }
    if (array.contains == kNoIndex) {
      array.has_min_contains = array.has_max_contains = false;
    }
  }
  if (node.object != kNoIndex) {
    absl::Status status = FinishObject(index, &node);
    if (!status.ok()) return status;
  }
  if (IsEmptyNode(node)) node.flags |= SchemaNode::kEmpty;
  program_->nodes.push_back(node);
  return absl::OkStatus();
}

absl::Status SchemaCompiler::CompileKeyword(uint32_t index, absl::string_view key,
                                            const rapidjson::Value& v, SchemaNode* node) {
  const bool draft7 = program_->dialect == SchemaDialect::kDraft7;
  if (key == "type") {
    uint8_t types = 0;
    auto add = [&](const rapidjson::Value& name, absl::string_view pointer) -> absl::Status {
      const uint8_t bit = name.IsString() ? TypeBitFor(View(name)) : 0;
      if (bit == 0) {
        return absl::InvalidArgumentError(absl::StrCat(
            pointer, ": must be one of null, boolean, object, array, number, string, integer"));
      }
      types |= bit;
      return absl::OkStatus();
    };
    const std::string pointer = KeywordPointer(index, key);
    if (v.IsArray()) {
      if (v.Empty()) return absl::InvalidArgumentError(absl::StrCat(pointer, ": must not be empty"));
      for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
        absl::Status status = add(v[i], absl::StrCat(pointer, "/", i));
        if (!status.ok()) return status;
      }
    } else {
      absl::Status status = add(v, pointer);
      if (!status.ok()) return status;
    }
    // "number" includes "integer".
    if (types & kTypeNumber) types |= kTypeInteger;
    node->types = types;
    return absl::OkStatus();
  }
  if (key == "enum") {
    if (!v.IsArray()) {
      return absl::InvalidArgumentError(
          absl::StrCat(KeywordPointer(index, key), ": must be an array"));
    }
    node->has_enum = true;
    node->enum_values = {static_cast<uint32_t>(program_->values.size()), v.Size()};
    for (const rapidjson::Value& item : v.GetArray()) {
      program_->values.emplace_back(item, program_->values_document.GetAllocator());
    }
    return absl::OkStatus();
  }
  if (key == "const") {
    node->const_value = static_cast<uint32_t>(program_->values.size());
    program_->values.emplace_back(v, program_->values_document.GetAllocator());
    return absl::OkStatus();
  }
  if (key == "$ref" || (!draft7 && key == "$dynamicRef")) {
    const std::string pointer = KeywordPointer(index, key);
    if (!v.IsString()) return absl::InvalidArgumentError(absl::StrCat(pointer, ": must be a string"));
    absl::StatusOr<uint32_t> target = index_.Resolve(View(v), index, pointer);
    if (!target.ok()) return target.status();
    if (key == "$ref") {
      node->ref = *target;
      return absl::OkStatus();
    }
    node->dynamic_ref = *target;
    // Dynamic only when the initial target declares the same dynamic anchor
    // ("bookending"); otherwise it is a plain reference.
    const absl::string_view fragment = UriFragment(View(v));
    const std::vector<DynamicAnchor>* anchors = index_.DynamicAnchors(fragment);
    if (!fragment.empty() && fragment[0] != '/' && anchors != nullptr &&
        index_.HasDynamicAnchor(*target, fragment)) {
      node->dynamic_targets = {static_cast<uint32_t>(program_->dynamic_targets.size()),
                               static_cast<uint32_t>(anchors->size())};
      for (const DynamicAnchor& anchor : *anchors) {
        program_->dynamic_targets.push_back({anchor.resource, anchor.location});
      }
      program_->uses_dynamic_scope = true;
    }
    return absl::OkStatus();
  }
  if (key == "allOf" || key == "anyOf" || key == "oneOf") {
    absl::StatusOr<Range> list = ChildList(index, key, v);
    if (!list.ok()) return list.status();
    Applicators& a = ApplicatorsOf(node);
    (key == "allOf" ? a.all_of : key == "anyOf" ? a.any_of : a.one_of) = *list;
    return absl::OkStatus();
  }
  if (key == "not" || key == "if" || key == "then" || key == "else") {
    absl::StatusOr<uint32_t> child = Child(index, key);
    if (!child.ok()) return child.status();
    Applicators& a = ApplicatorsOf(node);
    (key == "not" ? a.not_node : key == "if" ? a.if_node : key == "then" ? a.then_node
                                                                        : a.else_node) = *child;
    return absl::OkStatus();
  }
  bool handled = false;
  absl::Status status = CompileNumberKeyword(index, key, v, node, &handled);
  if (!status.ok() || handled) return status;
  status = CompileStringKeyword(index, key, v, node, &handled);
  if (!status.ok() || handled) return status;
  status = CompileArrayKeyword(index, key, v, node, &handled);
  if (!status.ok() || handled) return status;
  // Anything else is an annotation or an unknown keyword: ignored.
  return CompileObjectKeyword(index, key, v, node, &handled);
}

}  // namespace mcpguard::internal
