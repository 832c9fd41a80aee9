#include "schema/schema_index.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "json/pointer.h"
#include "rapidjson/document.h"
#include "schema/uri.h"

namespace mcpguard::internal {
namespace {

absl::string_view View(const rapidjson::Value& s) {
  return absl::string_view(s.GetString(), s.GetStringLength());
}

bool IsSchemaValue(const rapidjson::Value& v) { return v.IsObject() || v.IsBool(); }

// Keywords whose value is one subschema.
constexpr absl::string_view kSingleBoth[] = {"additionalProperties", "propertyNames", "contains",
                                             "not", "if", "then", "else"};
constexpr absl::string_view kSingle2020[] = {"items", "unevaluatedProperties",
                                             "unevaluatedItems"};
// Keywords whose value is an object of subschemas.
constexpr absl::string_view kMapBoth[] = {"properties", "patternProperties"};
// Keywords whose value is a non-empty array of subschemas.
constexpr absl::string_view kListBoth[] = {"allOf", "anyOf", "oneOf"};

}  // namespace


SchemaIndex::SchemaIndex(const rapidjson::Value& document, SchemaDialect dialect,
                         const SchemaOptions& options)
    : document_(document), dialect_(dialect), options_(options) {}

absl::Status SchemaIndex::Build() {
  return Walk(document_, std::string(), std::string(kDefaultBaseUri), 0, 0);
}

absl::Status SchemaIndex::Walk(const rapidjson::Value& value, std::string pointer,
                               const std::string& base, uint32_t resource, uint32_t depth) {
  if (!IsSchemaValue(value)) {
    return absl::InvalidArgumentError(
        absl::StrCat(pointer, ": a schema must be an object or a boolean"));
  }
  if (by_pointer_.contains(pointer)) return absl::OkStatus();
  if (depth > options_.max_schema_depth) {
    return absl::InvalidArgumentError(absl::StrCat(
        pointer, ": subschemas nested deeper than ", options_.max_schema_depth));
  }
  if (locations_.size() >= options_.max_nodes) {
    return absl::InvalidArgumentError(
        absl::StrCat(pointer, ": more than ", options_.max_nodes, " subschemas"));
  }
  return WalkSchema(value, pointer, base, resource, depth);
}

absl::Status SchemaIndex::WalkSchema(const rapidjson::Value& value, const std::string& pointer,
                                     const std::string& parent_base, uint32_t parent_resource,
                                     uint32_t depth) {
  const uint32_t index = static_cast<uint32_t>(locations_.size());
  std::string base = parent_base;
  uint32_t resource = index == 0 ? 0 : parent_resource;
  const bool draft7 = dialect_ == SchemaDialect::kDraft7;
  if (index == 0) resources_.emplace(base, 0);
  if (value.IsObject()) {
    const bool ref_only = draft7 && value.HasMember("$ref");
    auto id = value.FindMember("$id");
    if (id != value.MemberEnd() && !ref_only) {
      if (!id->value.IsString()) {
        return absl::InvalidArgumentError(absl::StrCat(pointer, "/$id: must be a string"));
      }
      const std::string uri = ResolveUri(parent_base, View(id->value));
      const absl::string_view fragment = UriFragment(uri);
      if (draft7 && !View(id->value).empty() && View(id->value)[0] == '#') {
        // draft-07 location-independent identifier: a plain-name anchor.
        anchors_.emplace(absl::StrCat(StripFragment(uri), "#", fragment), index);
      } else {
        base = std::string(StripFragment(uri));
        resource = index;
        resources_.emplace(base, index);
        if (draft7 && !fragment.empty()) anchors_.emplace(uri, index);
      }
    }
    if (!draft7) {
      for (absl::string_view keyword : {"$anchor", "$dynamicAnchor"}) {
        auto anchor = value.FindMember(rapidjson::StringRef(keyword.data(), keyword.size()));
        if (anchor == value.MemberEnd()) continue;
        if (!anchor->value.IsString()) {
          return absl::InvalidArgumentError(
              absl::StrCat(pointer, "/", keyword, ": must be a string"));
        }
        anchors_.emplace(absl::StrCat(base, "#", View(anchor->value)), index);
        if (keyword == "$dynamicAnchor") {
          dynamic_anchors_[View(anchor->value)].push_back({resource, index});
        }
      }
    }
    locations_.push_back({&value, pointer, base, resource, depth});
    by_pointer_.emplace(pointer, index);
    // draft-07: siblings of $ref are ignored, so nothing under them is a
    // schema (they stay reachable through a JSON Pointer $ref).
    if (ref_only) return absl::OkStatus();
    return WalkChildren(value, pointer, base, resource, depth);
  }
  locations_.push_back({&value, pointer, base, resource, depth});
  by_pointer_.emplace(pointer, index);
  return absl::OkStatus();
}

absl::Status SchemaIndex::WalkChildren(const rapidjson::Value& schema, const std::string& pointer,
                                       const std::string& base, uint32_t resource,
                                       uint32_t depth) {
  const bool draft7 = dialect_ == SchemaDialect::kDraft7;
  for (auto m = schema.MemberBegin(); m != schema.MemberEnd(); ++m) {
    const absl::string_view key = View(m->name);
    const rapidjson::Value& v = m->value;
    std::string child = pointer;
    AppendPointerToken(&child, key);
    auto walk_one = [&]() { return Walk(v, child, base, resource, depth + 1); };
    auto walk_map = [&](bool strict) -> absl::Status {
      if (!v.IsObject()) {
        if (!strict) return absl::OkStatus();
        return absl::InvalidArgumentError(absl::StrCat(child, ": must be an object"));
      }
      for (auto e = v.MemberBegin(); e != v.MemberEnd(); ++e) {
        if (!strict && !IsSchemaValue(e->value)) continue;
        std::string entry = child;
        AppendPointerToken(&entry, View(e->name));
        absl::Status status = Walk(e->value, std::move(entry), base, resource, depth + 1);
        if (!status.ok()) return status;
      }
      return absl::OkStatus();
    };
    auto walk_list = [&]() -> absl::Status {
      if (!v.IsArray() || v.Empty()) {
        return absl::InvalidArgumentError(absl::StrCat(child, ": must be a non-empty array"));
      }
      for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
        absl::Status status =
            Walk(v[i], absl::StrCat(child, "/", i), base, resource, depth + 1);
        if (!status.ok()) return status;
      }
      return absl::OkStatus();
    };
    auto in = [&](auto& list) {
      for (absl::string_view k : list) {
        if (k == key) return true;
      }
      return false;
    };
    absl::Status status;
    if (!draft7 && key == "items" && v.IsArray()) {
      return absl::InvalidArgumentError(
          absl::StrCat(child, ": must be a schema (2020-12 uses prefixItems for tuples)"));
    }
    if (in(kSingleBoth) || (!draft7 && in(kSingle2020)) || (draft7 && key == "additionalItems")) {
      status = walk_one();
    } else if (draft7 && key == "items") {
      status = v.IsArray() ? walk_list() : walk_one();
      if (v.IsArray() && v.Empty()) status = absl::OkStatus();
    } else if (in(kMapBoth) || (!draft7 && key == "dependentSchemas")) {
      status = walk_map(true);
    } else if (key == "$defs" || key == "definitions") {
      // The dialect's own keyword must hold schemas; the other one is walked
      // too (documents mix them), skipping members that are not schemas.
      status = walk_map((key == "$defs") != draft7);
    } else if (key == "dependencies") {
      status = walk_map(false);
    } else if (in(kListBoth) || (!draft7 && key == "prefixItems")) {
      status = walk_list();
    }
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::StatusOr<uint32_t> SchemaIndex::Resolve(absl::string_view reference, uint32_t from,
                                              absl::string_view keyword_pointer) {
  const std::string uri = ResolveUri(locations_[from].base_uri, reference);
  const std::string document(StripFragment(uri));
  std::string fragment;
  if (!PercentDecode(UriFragment(uri), &fragment)) {
    return absl::InvalidArgumentError(
        absl::StrCat(keyword_pointer, ": bad percent-escape in \"", reference, "\""));
  }
  auto resource = resources_.find(document);
  if (resource == resources_.end()) {
    return absl::UnimplementedError(absl::StrCat(
        keyword_pointer, ": \"", reference,
        "\" points to another document (remote references are not supported)"));
  }
  if (fragment.empty()) return resource->second;
  if (fragment[0] != '/') {
    auto anchor = anchors_.find(absl::StrCat(document, "#", fragment));
    if (anchor == anchors_.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat(keyword_pointer, ": no anchor \"", fragment, "\" for \"", reference, "\""));
    }
    return anchor->second;
  }
  const SchemaLocation& target_resource = locations_[resource->second];
  std::string target = absl::StrCat(target_resource.pointer, fragment);
  if (auto found = by_pointer_.find(target); found != by_pointer_.end()) return found->second;
  absl::StatusOr<JsonPointer> parsed = JsonPointer::Parse(target);
  const rapidjson::Value* value = parsed.ok() ? parsed->Resolve(document_) : nullptr;
  if (value == nullptr || !IsSchemaValue(*value)) {
    return absl::InvalidArgumentError(absl::StrCat(keyword_pointer, ": \"", reference,
                                                   "\" does not point to a schema"));
  }
  const std::string target_base = target_resource.base_uri;
  const uint32_t target_resource_index = resource->second;
  const uint32_t depth = static_cast<uint32_t>(std::count(target.begin(), target.end(), '/'));
  absl::Status status = Walk(*value, target, target_base, target_resource_index, depth);
  if (!status.ok()) return status;
  return by_pointer_.at(target);
}

std::optional<uint32_t> SchemaIndex::Find(absl::string_view pointer) const {
  auto it = by_pointer_.find(pointer);
  if (it == by_pointer_.end()) return std::nullopt;
  return it->second;
}

const std::vector<DynamicAnchor>* SchemaIndex::DynamicAnchors(absl::string_view name) const {
  auto it = dynamic_anchors_.find(name);
  return it == dynamic_anchors_.end() ? nullptr : &it->second;
}

bool SchemaIndex::HasDynamicAnchor(uint32_t location, absl::string_view name) const {
  const rapidjson::Value& value = *locations_[location].value;
  if (!value.IsObject()) return false;
  auto anchor = value.FindMember("$dynamicAnchor");
  return anchor != value.MemberEnd() && anchor->value.IsString() && View(anchor->value) == name;
}

}  // namespace mcpguard::internal
