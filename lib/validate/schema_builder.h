// A small value-type builder for JSON Schema 2020-12 documents, used to
// author mcpguard's own MCP definitions in C++ (mcp_defs_*.cc).
//
// Design note: a `Schema` is a plain tree of values, copied freely while the
// definitions are assembled (so a version can start from the shape of
// another type and add members), then emitted once into RapidJSON. Only the
// keywords mcpguard's schema engine supports are expressible: type,
// properties, required, additionalProperties, items, enum, const, anyOf,
// oneOf, allOf, $ref to "#/$defs/<name>", minimum/maximum, maxItems, format
// (an annotation) and the vendor keyword x-mcpguard-closed. Building happens
// once per protocol version at first use; nothing here is on a hot path.
//
//   SchemaDefs defs;
//   defs.Add("Tool", Obj().Req("name", Str()).Opt("title", Str())
//                         .Req("inputSchema", OpenObj().Req("type", Const("object"))));
//   rapidjson::Document doc = defs.ToDocument();
#ifndef MCPGUARD_VALIDATE_SCHEMA_BUILDER_H_
#define MCPGUARD_VALIDATE_SCHEMA_BUILDER_H_

#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "absl/strings/string_view.h"
#include "rapidjson/document.h"

namespace mcpguard::internal::schema_builder {

// A JSON literal usable in "const" and "enum".
using Literal = std::variant<std::string, int64_t, bool>;

// One JSON Schema. Value semantics; the default is `{}` (any value).
// Thread-compatible.
class Schema {
 public:
  Schema() = default;

  // --- Object members. Adding a name that is already declared replaces its
  // schema and its required flag, so a version can override one member.
  Schema& Req(absl::string_view name, Schema schema);  // Required member.
  Schema& Opt(absl::string_view name, Schema schema);  // Optional member.
  Schema& Drop(absl::string_view name);                // Forget a member.
  bool Has(absl::string_view name) const;
  // The declared schema of member `name`, or null.
  const Schema* Member(absl::string_view name) const;

  // Undeclared members are reported by the engine, not rejected
  // ("x-mcpguard-closed": true). Obj() starts closed, OpenObj() open.
  Schema& Closed();
  Schema& Open();
  bool closed() const { return closed_; }

  // --- Other keywords.
  Schema& Format(absl::string_view format);  // Annotation only.
  Schema& Min(double minimum);
  Schema& Max(double maximum);
  Schema& MaxItems(uint32_t max_items);

  // Writes this schema into `out` (replacing its value).
  void Emit(rapidjson::Value* out, rapidjson::Document::AllocatorType& alloc) const;

  // Every "#/$defs/<name>" this schema refers to, appended to `names`.
  void CollectRefs(std::vector<std::string>* names) const;

 private:
  friend Schema Types(std::initializer_list<absl::string_view> types);
  friend Schema Ref(absl::string_view def_name);
  friend Schema Const(Literal value);
  friend Schema Enum(std::initializer_list<absl::string_view> values);
  friend Schema ArrOf(Schema items);
  friend Schema MapOf(Schema values);
  friend Schema Obj();
  friend Schema OpenObj();
  friend Schema AnyOf(std::initializer_list<Schema> branches);
  friend Schema AnyOfList(std::vector<Schema> branches);
  friend Schema OneOf(std::initializer_list<Schema> branches);
  friend Schema AllOf(std::initializer_list<Schema> parts);

  Schema& SetMember(absl::string_view name, Schema schema, bool required);

  std::vector<std::string> types_;
  std::string ref_;  // A $defs name; empty when not a reference.
  std::optional<Literal> const_;
  std::vector<Literal> enum_;
  std::string format_;
  std::optional<double> minimum_;
  std::optional<double> maximum_;
  std::optional<uint32_t> max_items_;
  // Declared members, in authoring order, and which of them are required.
  std::vector<std::string> member_names_;
  std::vector<Schema> member_schemas_;
  std::vector<std::string> required_;
  // additionalProperties and items; shared because they are never mutated
  // after construction.
  std::shared_ptr<const Schema> additional_;
  std::shared_ptr<const Schema> items_;
  std::vector<Schema> any_of_;
  std::vector<Schema> one_of_;
  std::vector<Schema> all_of_;
  bool closed_ = false;
};

// Leaves.
inline Schema Any() { return Schema(); }
Schema Types(std::initializer_list<absl::string_view> types);  // {"type": [...]}
inline Schema Str() { return Types({"string"}); }
inline Schema Int() { return Types({"integer"}); }
inline Schema Num() { return Types({"number"}); }
inline Schema Bool() { return Types({"boolean"}); }
inline Schema Uri() { return Str().Format("uri"); }
// {"$ref": "#/$defs/<def_name>"}.
Schema Ref(absl::string_view def_name);
// A constant with its JSON type: Const("text"), ConstInt(-32602).
Schema Const(Literal value);
inline Schema Const(const char* value) { return Const(Literal(std::string(value))); }
inline Schema ConstInt(int64_t value) { return Const(Literal(value)); }
// A string from a fixed set.
Schema Enum(std::initializer_list<absl::string_view> values);

// Containers.
Schema ArrOf(Schema items);
// An object whose every member matches `values` (an index signature).
Schema MapOf(Schema values);
// A closed object: add members with Req/Opt.
Schema Obj();
// An open object: any members, plus those declared with Req/Opt.
Schema OpenObj();

// Combinators.
Schema AnyOf(std::initializer_list<Schema> branches);
Schema AnyOfList(std::vector<Schema> branches);
Schema OneOf(std::initializer_list<Schema> branches);
Schema AllOf(std::initializer_list<Schema> parts);

// The named definitions of one document. Thread-compatible.
class SchemaDefs {
 public:
  // Adds or replaces definition `name`.
  void Add(absl::string_view name, Schema schema);
  bool Has(absl::string_view name) const;
  // Null when absent. Valid until the next Add.
  const Schema* Find(absl::string_view name) const;
  size_t size() const { return defs_.size(); }

  // Names referenced by some definition but not defined, sorted, unique.
  std::vector<std::string> DanglingRefs() const;

  // {"$schema": "https://json-schema.org/draft/2020-12/schema",
  //  "$defs": {<name>: <schema>, ...}} with names sorted.
  rapidjson::Document ToDocument() const;

 private:
  std::map<std::string, Schema, std::less<>> defs_;
};

inline constexpr absl::string_view kDraft2020_12 = "https://json-schema.org/draft/2020-12/schema";

}  // namespace mcpguard::internal::schema_builder

#endif  // MCPGUARD_VALIDATE_SCHEMA_BUILDER_H_
