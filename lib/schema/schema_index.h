// Where the subschemas of a document are and what they are called: the
// first compile pass. It walks every keyword that holds subschemas (for the
// document's dialect), computes each subschema's base URI from "$id", and
// records resources, "$anchor"s and "$dynamicAnchor"s, so that "$ref" can be
// resolved to a location: by URI, by JSON Pointer fragment (percent-decoded,
// ~0 and ~1 escapes) relative to a resource, or by anchor.
//
// A "$ref" may also point at a location the walk did not visit as a schema
// (an unknown keyword's value, "definitions" in 2020-12); such a location is
// added (and walked) on demand. Identifiers inside values that are not
// schemas (enum, const, unknown keywords) are never registered.
#ifndef MCPGUARD_SCHEMA_SCHEMA_INDEX_H_
#define MCPGUARD_SCHEMA_SCHEMA_INDEX_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "json/pointer.h"
#include "rapidjson/document.h"
#include "schema/compiled_schema.h"

namespace mcpguard::internal {

// Base URI of a root schema without "$id". Relative references resolve
// against it, so one that leaves the document names a URI that is not here.
inline constexpr absl::string_view kDefaultBaseUri = "mcpguard:/schema.json";

struct SchemaLocation {
  const rapidjson::Value* value = nullptr;  // Object or boolean.
  std::string pointer;    // RFC 6901 pointer into the document.
  std::string base_uri;   // Base URI for this schema's keywords (own $id applied).
  uint32_t resource = 0;  // Location of the enclosing resource root.
  uint32_t depth = 0;     // Subschema nesting below the root.
};

// A dynamic anchor defined in a resource.
struct DynamicAnchor {
  uint32_t resource = 0;
  uint32_t location = 0;
};

class SchemaIndex {
 public:
  SchemaIndex(const rapidjson::Value& document, SchemaDialect dialect,
              const SchemaOptions& options);

  // Walks the document from its root (location 0). Errors name the pointer:
  // a subschema that is not an object or boolean, a non-string "$id", more
  // than max_nodes subschemas, nesting deeper than max_schema_depth.
  absl::Status Build();

  // Resolves `reference` (the value of a $ref at location `from`, whose
  // keyword is at `keyword_pointer`) to a location, walking it if new.
  // kUnimplemented when it names another document; kInvalidArgument when it
  // names nothing in this one.
  absl::StatusOr<uint32_t> Resolve(absl::string_view reference, uint32_t from,
                                   absl::string_view keyword_pointer);

  // The location at a document pointer, if walked.
  std::optional<uint32_t> Find(absl::string_view pointer) const;

  // Resources defining the dynamic anchor `name`.
  const std::vector<DynamicAnchor>* DynamicAnchors(absl::string_view name) const;
  // True when the location itself declares "$dynamicAnchor": name.
  bool HasDynamicAnchor(uint32_t location, absl::string_view name) const;

  // Grows while references are resolved; indices stay valid.
  const std::vector<SchemaLocation>& locations() const { return locations_; }

 private:
  absl::Status Walk(const rapidjson::Value& value, std::string pointer, const std::string& base,
                    uint32_t resource, uint32_t depth);
  absl::Status WalkChildren(const rapidjson::Value& schema, const std::string& pointer,
                            const std::string& base, uint32_t resource, uint32_t depth);
  absl::Status WalkSchema(const rapidjson::Value& value, const std::string& pointer,
                          const std::string& base, uint32_t resource, uint32_t depth);

  const rapidjson::Value& document_;
  SchemaDialect dialect_;
  SchemaOptions options_;
  std::vector<SchemaLocation> locations_;
  absl::flat_hash_map<std::string, uint32_t> by_pointer_;
  absl::flat_hash_map<std::string, uint32_t> resources_;  // Absolute URI -> location.
  absl::flat_hash_map<std::string, uint32_t> anchors_;    // "uri#name" -> location.
  absl::flat_hash_map<std::string, std::vector<DynamicAnchor>> dynamic_anchors_;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_SCHEMA_SCHEMA_INDEX_H_
