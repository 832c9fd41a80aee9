// SchemaCompiler: the keywords that check one instance type (numbers,
// strings, arrays, objects).
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "rapidjson/document.h"
#include "schema/compiled_schema.h"
#include "schema/formats.h"
#include "schema/json_number.h"
#include "schema/schema_compiler.h"
#include "schema/schema_index.h"
#include "schema/schema_program.h"
#include "schema/schema_regex.h"

namespace mcpguard::internal {
namespace {

absl::string_view View(const rapidjson::Value& s) {
  return absl::string_view(s.GetString(), s.GetStringLength());
}

}  // namespace

absl::string_view SchemaCompiler::Intern(absl::string_view text) {
  program_->strings.emplace_back(text);
  return program_->strings.back();
}

absl::Status SchemaCompiler::CountRegex(const RE2& regex, absl::string_view pointer) {
  program_->regex_program_size += regex.ProgramSize();
  if (program_->regex_program_size <= kMaxSchemaRegexTotalProgramSize) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      pointer, ": the schema's regular expressions are too large together (program size ",
      program_->regex_program_size, " so far, limit ", kMaxSchemaRegexTotalProgramSize, ")"));
}

ObjectKeywords& SchemaCompiler::ObjectOf(SchemaNode* node) {
  if (node->object == kNoIndex) {
    node->object = static_cast<uint32_t>(program_->objects.size());
    program_->objects.emplace_back();
  }
  return program_->objects[node->object];
}

ArrayKeywords& SchemaCompiler::ArrayOf(SchemaNode* node) {
  if (node->array == kNoIndex) {
    node->array = static_cast<uint32_t>(program_->arrays.size());
    program_->arrays.emplace_back();
  }
  return program_->arrays[node->array];
}

absl::StatusOr<uint32_t> SchemaCompiler::Count(uint32_t index, absl::string_view key,
                                               const rapidjson::Value& v) const {
  if (!v.IsNumber() || !IsIntegral(JsonNumber::From(v)) || v.GetDouble() < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(KeywordPointer(index, key), ": must be a non-negative integer"));
  }
  const double d = v.GetDouble();
  // Anything above 2^32 - 2 is as good as unbounded (kNoIndex).
  return d >= static_cast<double>(kNoIndex) ? kNoIndex - 1 : static_cast<uint32_t>(d);
}

absl::Status SchemaCompiler::CompileNumberKeyword(uint32_t index, absl::string_view key,
                                                  const rapidjson::Value& v, SchemaNode* node,
                                                  bool* handled) {
  uint8_t bit = 0;
  if (key == "minimum") bit = NumberKeywords::kMinimum;
  if (key == "maximum") bit = NumberKeywords::kMaximum;
  if (key == "exclusiveMinimum") bit = NumberKeywords::kExclusiveMinimum;
  if (key == "exclusiveMaximum") bit = NumberKeywords::kExclusiveMaximum;
  if (key == "multipleOf") bit = NumberKeywords::kMultipleOf;
  if (bit == 0) return absl::OkStatus();
  *handled = true;
  if (!v.IsNumber()) {
    return absl::InvalidArgumentError(absl::StrCat(KeywordPointer(index, key), ": must be a number"));
  }
  const JsonNumber n = JsonNumber::From(v);
  if (bit == NumberKeywords::kMultipleOf && CompareNumbers(n, JsonNumber()) <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(KeywordPointer(index, key), ": must be greater than 0"));
  }
  if (node->number == kNoIndex) {
    node->number = static_cast<uint32_t>(program_->numbers.size());
    program_->numbers.emplace_back();
  }
  NumberKeywords& numbers = program_->numbers[node->number];
  numbers.present |= bit;
  switch (bit) {
    case NumberKeywords::kMinimum: numbers.minimum = n; break;
    case NumberKeywords::kMaximum: numbers.maximum = n; break;
    case NumberKeywords::kExclusiveMinimum: numbers.exclusive_minimum = n; break;
    case NumberKeywords::kExclusiveMaximum: numbers.exclusive_maximum = n; break;
    default: numbers.multiple_of = n; break;
  }
  return absl::OkStatus();
}

absl::Status SchemaCompiler::CompileStringKeyword(uint32_t index, absl::string_view key,
                                                  const rapidjson::Value& v, SchemaNode* node,
                                                  bool* handled) {
  if (key != "minLength" && key != "maxLength" && key != "pattern" && key != "format") {
    return absl::OkStatus();
  }
  *handled = true;
  auto strings = [&]() -> StringKeywords& {
    if (node->string == kNoIndex) {
      node->string = static_cast<uint32_t>(program_->strings_keywords.size());
      program_->strings_keywords.emplace_back();
    }
    return program_->strings_keywords[node->string];
  };
  if (key == "format") {
    if (!v.IsString()) {
      return absl::InvalidArgumentError(absl::StrCat(KeywordPointer(index, key), ": must be a string"));
    }
    const StringFormat format = StringFormatFromName(View(v));
    if (program_->options.assert_formats && format != StringFormat::kNone) {
      strings().format = format;
    }
    return absl::OkStatus();
  }
  if (key == "pattern") {
    const std::string pointer = KeywordPointer(index, key);
    if (!v.IsString()) return absl::InvalidArgumentError(absl::StrCat(pointer, ": must be a string"));
    auto regex = CompileSchemaRegex(View(v), pointer);
    if (!regex.ok()) return regex.status();
    if (absl::Status total = CountRegex(**regex, pointer); !total.ok()) return total;
    strings().pattern = regex->get();
    program_->regexes.push_back(*std::move(regex));
    if (std::optional<SimplePattern> simple = SimplePattern::Parse(View(v))) {
      program_->simple_patterns.push_back(*std::move(simple));
      strings().simple_pattern = &program_->simple_patterns.back();
    }
    return absl::OkStatus();
  }
  absl::StatusOr<uint32_t> count = Count(index, key, v);
  if (!count.ok()) return count.status();
  (key == "minLength" ? strings().min_length : strings().max_length) = *count;
  return absl::OkStatus();
}

absl::Status SchemaCompiler::CompileArrayKeyword(uint32_t index, absl::string_view key,
                                                 const rapidjson::Value& v, SchemaNode* node,
                                                 bool* handled) {
  const bool draft7 = program_->dialect == SchemaDialect::kDraft7;
  *handled = true;
  if (key == "items" && draft7 && v.IsArray()) {
    absl::StatusOr<Range> list = ChildList(index, key, v);
    if (!list.ok()) return list.status();
    ArrayOf(node).prefix_items = *list;
    ArrayOf(node).items_is_tuple = true;
    return absl::OkStatus();
  }
  if (key == "prefixItems" && !draft7) {
    absl::StatusOr<Range> list = ChildList(index, key, v);
    if (!list.ok()) return list.status();
    ArrayOf(node).prefix_items = *list;
    return absl::OkStatus();
  }
  if (key == "items" || key == "contains" || (!draft7 && key == "unevaluatedItems") ||
      (draft7 && key == "additionalItems")) {
    if (key == "items" && v.IsArray()) {
      return absl::InvalidArgumentError(absl::StrCat(
          KeywordPointer(index, key), ": must be a schema (2020-12 uses prefixItems for tuples)"));
    }
    absl::StatusOr<uint32_t> child = Child(index, key);
    if (!child.ok()) return child.status();
    ArrayKeywords& array = ArrayOf(node);
    if (key == "items") array.items = *child;
    if (key == "contains") array.contains = *child;
    if (key == "additionalItems") array.additional_items = *child;
    if (key == "unevaluatedItems") {
      array.unevaluated_items = *child;
      node->flags |= SchemaNode::kUsesUnevaluated;
    }
    return absl::OkStatus();
  }
  if (key == "uniqueItems") {
    if (!v.IsBool()) {
      return absl::InvalidArgumentError(absl::StrCat(KeywordPointer(index, key), ": must be a boolean"));
    }
    if (v.GetBool()) ArrayOf(node).unique_items = true;
    return absl::OkStatus();
  }
  if (key == "minItems" || key == "maxItems" ||
      (!draft7 && (key == "minContains" || key == "maxContains"))) {
    absl::StatusOr<uint32_t> count = Count(index, key, v);
    if (!count.ok()) return count.status();
    ArrayKeywords& array = ArrayOf(node);
    if (key == "minItems") array.min_items = *count;
    if (key == "maxItems") array.max_items = *count;
    if (key == "minContains") {
      array.min_contains = *count;
      array.has_min_contains = true;
    }
    if (key == "maxContains") {
      array.max_contains = *count;
      array.has_max_contains = true;
    }
    return absl::OkStatus();
  }
  *handled = false;
  return absl::OkStatus();
}

absl::Status SchemaCompiler::CompileObjectKeyword(uint32_t index, absl::string_view key,
                                                  const rapidjson::Value& v, SchemaNode* node,
                                                  bool* handled) {
  const bool draft7 = program_->dialect == SchemaDialect::kDraft7;
  const std::string pointer = KeywordPointer(index, key);
  auto string_list = [&](const rapidjson::Value& list, absl::string_view list_pointer,
                         Range* range) -> absl::Status {
    if (!list.IsArray()) {
      return absl::InvalidArgumentError(absl::StrCat(list_pointer, ": must be an array of strings"));
    }
    range->begin = static_cast<uint32_t>(program_->names.size());
    for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
      if (!list[i].IsString()) {
        return absl::InvalidArgumentError(absl::StrCat(list_pointer, "/", i, ": must be a string"));
      }
      program_->names.push_back(Intern(View(list[i])));
      program_->name_bits.push_back(0xFF);
    }
    range->count = list.Size();
    return absl::OkStatus();
  };
  *handled = true;
  if (key == "properties" || key == "patternProperties") {
    ObjectKeywords& object = ObjectOf(node);
    const bool patterns = key == "patternProperties";
    Range& range = patterns ? object.pattern_properties : object.properties;
    range.begin = static_cast<uint32_t>(patterns ? program_->patterns.size()
                                                 : program_->properties.size());
    for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) {
      absl::StatusOr<uint32_t> child = Child(index, key, View(m->name));
      if (!child.ok()) return child.status();
      if (patterns) {
        std::string entry_pointer = pointer;
        AppendPointerToken(&entry_pointer, View(m->name));
        auto regex = CompileSchemaRegex(View(m->name), entry_pointer);
        if (!regex.ok()) return regex.status();
        if (absl::Status total = CountRegex(**regex, entry_pointer); !total.ok()) return total;
        program_->patterns.push_back({regex->get(), *child});
        program_->regexes.push_back(*std::move(regex));
      } else {
        program_->properties.push_back({Intern(View(m->name)), *child, 0xFF});
      }
      ++range.count;
    }
    return absl::OkStatus();
  }
  if (key == "additionalProperties" || key == "propertyNames" ||
      (!draft7 && key == "unevaluatedProperties")) {
    absl::StatusOr<uint32_t> child = Child(index, key);
    if (!child.ok()) return child.status();
    ObjectKeywords& object = ObjectOf(node);
    if (key == "additionalProperties") object.additional_properties = *child;
    if (key == "propertyNames") object.property_names = *child;
    if (key == "unevaluatedProperties") {
      object.unevaluated_properties = *child;
      node->flags |= SchemaNode::kUsesUnevaluated;
    }
    return absl::OkStatus();
  }
  if (key == "required") return string_list(v, pointer, &ObjectOf(node).required);
  if (key == "minProperties" || key == "maxProperties") {
    absl::StatusOr<uint32_t> count = Count(index, key, v);
    if (!count.ok()) return count.status();
    (key == "minProperties" ? ObjectOf(node).min_properties : ObjectOf(node).max_properties) =
        *count;
    return absl::OkStatus();
  }
  const bool dependent_required = !draft7 && key == "dependentRequired";
  const bool dependent_schemas = !draft7 && key == "dependentSchemas";
  if (dependent_required || dependent_schemas || key == "dependencies") {
    if (!v.IsObject()) return absl::InvalidArgumentError(absl::StrCat(pointer, ": must be an object"));
    ObjectOf(node);  // Before taking references: it may grow the table.
    for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) {
      const absl::string_view name = Intern(View(m->name));
      std::string entry_pointer = pointer;
      AppendPointerToken(&entry_pointer, name);
      if (dependent_required || (!dependent_schemas && m->value.IsArray())) {
        DependentRequired entry{name, {}, key == "dependencies" ? "dependencies" : "dependentRequired"};
        absl::Status status = string_list(m->value, entry_pointer, &entry.required);
        if (!status.ok()) return status;
        ObjectKeywords& object = program_->objects[node->object];
        if (object.dependent_required.count == 0) {
          object.dependent_required.begin = static_cast<uint32_t>(program_->dependent_required.size());
        } else if (object.dependent_required.begin + object.dependent_required.count !=
                   program_->dependent_required.size()) {
          return absl::InvalidArgumentError(absl::StrCat(
              pointer, ": dependentRequired and array-valued dependencies in one schema"));
        }
        program_->dependent_required.push_back(entry);
        ++object.dependent_required.count;
        continue;
      }
      absl::StatusOr<uint32_t> child = Child(index, key, name);
      if (!child.ok()) return child.status();
      ObjectKeywords& object = program_->objects[node->object];
      if (object.dependent_schemas.count == 0) {
        object.dependent_schemas.begin = static_cast<uint32_t>(program_->dependent_schemas.size());
      } else if (object.dependent_schemas.begin + object.dependent_schemas.count !=
                 program_->dependent_schemas.size()) {
        return absl::InvalidArgumentError(absl::StrCat(
            pointer, ": dependentSchemas and schema-valued dependencies in one schema"));
      }
      program_->dependent_schemas.push_back(
          {name, *child, key == "dependencies" ? "dependencies" : "dependentSchemas"});
      ++object.dependent_schemas.count;
    }
    return absl::OkStatus();
  }
  if (key == CompiledSchema::kClosedKeyword) {
    if (!v.IsBool()) return absl::InvalidArgumentError(absl::StrCat(pointer, ": must be a boolean"));
    if (v.GetBool()) ObjectOf(node).closed = true;
    return absl::OkStatus();
  }
  *handled = false;
  return absl::OkStatus();
}

absl::Status SchemaCompiler::FinishObject(uint32_t /*index*/, SchemaNode* node) {
  ObjectKeywords& object = program_->objects[node->object];
  PropertyEntry* const entries = program_->properties.data() + object.properties.begin;
  if (object.properties.count > 0) {
    uint32_t slots = 2;
    while (slots < 2 * object.properties.count) slots *= 2;
    object.slots_begin = static_cast<uint32_t>(program_->property_slots.size());
    object.slots_mask = slots - 1;
    program_->property_slots.resize(program_->property_slots.size() + slots, kNoIndex);
    uint32_t* table = program_->property_slots.data() + object.slots_begin;
    for (uint32_t i = 0; i < object.properties.count; ++i) {
      uint64_t slot = PropertyNameHash(entries[i].name) & object.slots_mask;
      while (table[slot] != kNoIndex) slot = (slot + 1) & object.slots_mask;
      table[slot] = i;
    }
  }
  // Required names that are also properties get a bit, found during the
  // member pass instead of by a lookup.
  uint8_t next_bit = 0;
  for (uint32_t r = 0; r < object.required.count; ++r) {
    const uint32_t name_index = object.required.begin + r;
    const PropertyEntry* lookup =
        FindPropertyEntry(*program_, object, program_->names[name_index]);
    if (lookup == nullptr) {
      object.required_all_bits = false;
      continue;
    }
    PropertyEntry* found = entries + (lookup - entries);
    if (found->required_bit == 0xFF) {
      if (next_bit == 64) {
        object.required_all_bits = false;
        continue;
      }
      found->required_bit = next_bit++;
      found->required_flag = uint64_t{1} << found->required_bit;
    }
    program_->name_bits[name_index] = found->required_bit;
    object.required_mask |= uint64_t{1} << found->required_bit;
  }
  return absl::OkStatus();
}

}  // namespace mcpguard::internal
