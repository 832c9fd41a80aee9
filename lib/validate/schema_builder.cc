#include "validate/schema_builder.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "schema/compiled_schema.h"

namespace mcpguard::internal::schema_builder {
namespace {

constexpr absl::string_view kRefPrefix = "#/$defs/";

using Allocator = rapidjson::Document::AllocatorType;

rapidjson::Value Text(absl::string_view s, Allocator& alloc) {
  return rapidjson::Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), alloc);
}

rapidjson::Value LiteralValue(const Literal& literal, Allocator& alloc) {
  if (const auto* s = std::get_if<std::string>(&literal)) return Text(*s, alloc);
  if (const auto* i = std::get_if<int64_t>(&literal)) return rapidjson::Value(*i);
  return rapidjson::Value(std::get<bool>(literal));
}

absl::string_view LiteralType(const Literal& literal) {
  if (std::holds_alternative<std::string>(literal)) return "string";
  if (std::holds_alternative<int64_t>(literal)) return "integer";
  return "boolean";
}

void EmitList(const char* keyword, const std::vector<Schema>& list, rapidjson::Value* out,
              Allocator& alloc) {
  if (list.empty()) return;
  rapidjson::Value array(rapidjson::kArrayType);
  for (const Schema& s : list) {
    rapidjson::Value v;
    s.Emit(&v, alloc);
    array.PushBack(v, alloc);
  }
  out->AddMember(rapidjson::StringRef(keyword), array, alloc);
}

}  // namespace

Schema& Schema::SetMember(absl::string_view name, Schema schema, bool required) {
  auto it = std::find(member_names_.begin(), member_names_.end(), name);
  if (it == member_names_.end()) {
    member_names_.emplace_back(name);
    member_schemas_.push_back(std::move(schema));
  } else {
    member_schemas_[it - member_names_.begin()] = std::move(schema);
  }
  required_.erase(std::remove(required_.begin(), required_.end(), name), required_.end());
  if (required) required_.emplace_back(name);
  return *this;
}

Schema& Schema::Req(absl::string_view name, Schema schema) {
  return SetMember(name, std::move(schema), true);
}

Schema& Schema::Opt(absl::string_view name, Schema schema) {
  return SetMember(name, std::move(schema), false);
}

Schema& Schema::Drop(absl::string_view name) {
  auto it = std::find(member_names_.begin(), member_names_.end(), name);
  if (it != member_names_.end()) {
    member_schemas_.erase(member_schemas_.begin() + (it - member_names_.begin()));
    member_names_.erase(it);
  }
  required_.erase(std::remove(required_.begin(), required_.end(), name), required_.end());
  return *this;
}

bool Schema::Has(absl::string_view name) const { return Member(name) != nullptr; }

const Schema* Schema::Member(absl::string_view name) const {
  auto it = std::find(member_names_.begin(), member_names_.end(), name);
  if (it == member_names_.end()) return nullptr;
  return &member_schemas_[it - member_names_.begin()];
}

Schema& Schema::Closed() {
  closed_ = true;
  return *this;
}

Schema& Schema::Open() {
  closed_ = false;
  return *this;
}

Schema& Schema::Format(absl::string_view format) {
  format_ = std::string(format);
  return *this;
}

Schema& Schema::Min(double minimum) {
  minimum_ = minimum;
  return *this;
}

Schema& Schema::Max(double maximum) {
  maximum_ = maximum;
  return *this;
}

Schema& Schema::MaxItems(uint32_t max_items) {
  max_items_ = max_items;
  return *this;
}

void Schema::Emit(rapidjson::Value* out, Allocator& alloc) const {
  out->SetObject();
  if (!ref_.empty()) {
    out->AddMember("$ref", Text(absl::StrCat(kRefPrefix, ref_), alloc), alloc);
  }
  if (types_.size() == 1) {
    out->AddMember("type", Text(types_[0], alloc), alloc);
  } else if (!types_.empty()) {
    rapidjson::Value array(rapidjson::kArrayType);
    for (const std::string& t : types_) array.PushBack(Text(t, alloc), alloc);
    out->AddMember("type", array, alloc);
  }
  if (const_) out->AddMember("const", LiteralValue(*const_, alloc), alloc);
  if (!enum_.empty()) {
    rapidjson::Value array(rapidjson::kArrayType);
    for (const Literal& l : enum_) array.PushBack(LiteralValue(l, alloc), alloc);
    out->AddMember("enum", array, alloc);
  }
  if (!format_.empty()) out->AddMember("format", Text(format_, alloc), alloc);
  if (minimum_) out->AddMember("minimum", *minimum_, alloc);
  if (maximum_) out->AddMember("maximum", *maximum_, alloc);
  if (!member_names_.empty()) {
    rapidjson::Value properties(rapidjson::kObjectType);
    for (size_t i = 0; i < member_names_.size(); ++i) {
      rapidjson::Value v;
      member_schemas_[i].Emit(&v, alloc);
      properties.AddMember(Text(member_names_[i], alloc), v, alloc);
    }
    out->AddMember("properties", properties, alloc);
  }
  if (!required_.empty()) {
    rapidjson::Value array(rapidjson::kArrayType);
    for (const std::string& r : required_) array.PushBack(Text(r, alloc), alloc);
    out->AddMember("required", array, alloc);
  }
  if (additional_) {
    rapidjson::Value v;
    additional_->Emit(&v, alloc);
    out->AddMember("additionalProperties", v, alloc);
  }
  if (items_) {
    rapidjson::Value v;
    items_->Emit(&v, alloc);
    out->AddMember("items", v, alloc);
  }
  if (max_items_) out->AddMember("maxItems", *max_items_, alloc);
  EmitList("anyOf", any_of_, out, alloc);
  EmitList("oneOf", one_of_, out, alloc);
  EmitList("allOf", all_of_, out, alloc);
  if (closed_) {
    out->AddMember(Text(CompiledSchema::kClosedKeyword, alloc), rapidjson::Value(true), alloc);
  }
}

void Schema::CollectRefs(std::vector<std::string>* names) const {
  if (!ref_.empty()) names->push_back(ref_);
  for (const Schema& s : member_schemas_) s.CollectRefs(names);
  if (additional_) additional_->CollectRefs(names);
  if (items_) items_->CollectRefs(names);
  for (const auto* list : {&any_of_, &one_of_, &all_of_}) {
    for (const Schema& s : *list) s.CollectRefs(names);
  }
}

Schema Types(std::initializer_list<absl::string_view> types) {
  Schema s;
  for (absl::string_view t : types) s.types_.emplace_back(t);
  return s;
}

Schema Ref(absl::string_view def_name) {
  Schema s;
  s.ref_ = std::string(def_name);
  return s;
}

Schema Const(Literal value) {
  Schema s = Types({LiteralType(value)});
  s.const_ = std::move(value);
  return s;
}

Schema Enum(std::initializer_list<absl::string_view> values) {
  Schema s = Str();
  for (absl::string_view v : values) s.enum_.emplace_back(std::string(v));
  return s;
}

Schema ArrOf(Schema items) {
  Schema s = Types({"array"});
  s.items_ = std::make_shared<const Schema>(std::move(items));
  return s;
}

Schema MapOf(Schema values) {
  Schema s = Types({"object"});
  s.additional_ = std::make_shared<const Schema>(std::move(values));
  return s;
}

Schema Obj() {
  Schema s = Types({"object"});
  s.closed_ = true;
  return s;
}

Schema OpenObj() { return Types({"object"}); }

Schema AnyOf(std::initializer_list<Schema> branches) {
  Schema s;
  s.any_of_.assign(branches.begin(), branches.end());
  return s;
}

Schema AnyOfList(std::vector<Schema> branches) {
  Schema s;
  s.any_of_ = std::move(branches);
  return s;
}

Schema OneOf(std::initializer_list<Schema> branches) {
  Schema s;
  s.one_of_.assign(branches.begin(), branches.end());
  return s;
}

Schema AllOf(std::initializer_list<Schema> parts) {
  Schema s;
  s.all_of_.assign(parts.begin(), parts.end());
  return s;
}

void SchemaDefs::Add(absl::string_view name, Schema schema) {
  defs_.insert_or_assign(std::string(name), std::move(schema));
}

bool SchemaDefs::Has(absl::string_view name) const { return defs_.find(name) != defs_.end(); }

const Schema* SchemaDefs::Find(absl::string_view name) const {
  auto it = defs_.find(name);
  return it == defs_.end() ? nullptr : &it->second;
}

std::vector<std::string> SchemaDefs::DanglingRefs() const {
  std::vector<std::string> refs;
  for (const auto& [name, schema] : defs_) schema.CollectRefs(&refs);
  std::sort(refs.begin(), refs.end());
  refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
  refs.erase(
      std::remove_if(refs.begin(), refs.end(), [this](const std::string& r) { return Has(r); }),
      refs.end());
  return refs;
}

rapidjson::Document SchemaDefs::ToDocument() const {
  rapidjson::Document doc(rapidjson::kObjectType);
  Allocator& alloc = doc.GetAllocator();
  doc.AddMember("$schema", Text(kDraft2020_12, alloc), alloc);
  rapidjson::Value defs(rapidjson::kObjectType);
  for (const auto& [name, schema] : defs_) {
    rapidjson::Value v;
    schema.Emit(&v, alloc);
    defs.AddMember(Text(name, alloc), v, alloc);
  }
  doc.AddMember("$defs", defs, alloc);
  return doc;
}

}  // namespace mcpguard::internal::schema_builder
