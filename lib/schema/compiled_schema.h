// A JSON Schema (2020-12 or draft-07), compiled once into an immutable
// validator for tool arguments, tool results and MCP messages.
//
// Design note: Compile walks the schema document once and turns every
// subschema into a node of one flat array; keywords become small typed checks
// (type masks, numeric bounds, prebuilt RE2 patterns, property tables hashed
// for lookup), $ref/$anchor/$defs are resolved to node indices at compile
// time, and keywords that need annotations (unevaluatedProperties/Items) are
// marked so that only the schemas that use them pay for tracking. Validation
// walks the instance and the nodes together, stops at the first failure
// (fail fast: a guard needs a verdict, not an error list), and only then
// builds the instance and keyword pointers of that failure.
//
// Files: schema_index (locations, $id, anchors, $ref resolution), uri,
// schema_compiler + keyword_compiler (nodes), schema_program (the compiled
// form), schema_validator + validate_{scalar,array,object} (validation),
// json_number (exact comparisons, multipleOf), json_equality (enum, const,
// uniqueItems), utf8_length, formats + format_*, schema_regex, issue_text.
//
// Cost: a successful Validate allocates nothing on the heap unless the
// schema uses unevaluatedProperties/unevaluatedItems (per-location sets
// beyond 128 members or items) or uniqueItems on an array of more than 8
// items (a hash table), or `unknown` receives reports. Object members are
// first compared with the property declared after the previous member's,
// then looked up in each schema's small hash table of "properties": usually
// one comparison per member. Leaf schemas with only type-specific keywords
// skip the general path ($ref, applicators, annotations), and anchored
// patterns made of ASCII character classes ("^[a-z][a-z0-9_-]{0,31}$") are
// matched without RE2.
// Recursion is bounded by max_validation_depth; each level costs a few
// hundred bytes of C stack, so the default (256) needs well under 1 MiB.
#ifndef MCPGUARD_SCHEMA_COMPILED_SCHEMA_H_
#define MCPGUARD_SCHEMA_COMPILED_SCHEMA_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rapidjson/document.h"

namespace mcpguard::internal {

enum class SchemaDialect {
  kDraft7,        // http://json-schema.org/draft-07/schema#
  kDraft2020_12,  // https://json-schema.org/draft/2020-12/schema
};

struct SchemaOptions {
  // The dialect of a schema whose root has no "$schema". A "$schema" naming
  // another dialect than these two is a compile error.
  SchemaDialect default_dialect = SchemaDialect::kDraft2020_12;
  // "format" is an annotation unless this is set; then date-time, date,
  // email, uri, uuid, ipv4, ipv6 and hostname are asserted (other formats
  // stay annotations).
  bool assert_formats = false;
  // Bounds on what a hostile or careless schema can cost. Exceeding one at
  // compile time is a compile error. Regexes are also bounded
  // (kMaxSchemaRegexProgramSize and 8 MiB each, schema/schema_regex.h), and
  // enum/const/uniqueItems equality stops at nesting 512 (failing closed).
  uint32_t max_nodes = 10000;        // Subschemas in one document.
  uint32_t max_schema_depth = 64;    // Nesting of subschemas in the document.
  // Validation recursion (instance nesting plus $ref hops). An instance
  // deeper than this fails validation with a clear message, never a crash.
  uint32_t max_validation_depth = 256;
  // Subschemas one validation may enter through $ref, $dynamicRef or an
  // applicator (allOf, anyOf, oneOf, not, if, ...). Shared subschemas can
  // multiply: N levels of `allOf: [{$ref: next}, {$ref: next}]` make 2^N
  // visits from a schema of a few kilobytes. Past this the validation fails
  // (closed) with a message naming the bound; a million visits take tens of
  // milliseconds.
  uint32_t max_validation_steps = 1000000;
  // Work one validation may spend in RE2 on "pattern" and
  // "patternProperties", counted before each search as the string's length
  // in bytes times the pattern's program size (RE2::ProgramSize()). RE2
  // searches with a DFA, but a DFA that outgrows its memory falls back to an
  // NFA whose time is that product (5-10 ns a unit: `a[ab]{1000}c` takes
  // 5 s over 1 MB). Past the bound the validation fails (closed) with a
  // message naming it, before the search that would cross it. Ordinary
  // patterns (a few dozen instructions) on strings of hundreds of kilobytes
  // stay inside; patterns of the "^[a-z0-9_-]{1,64}$" kind are matched
  // without RE2 and cost nothing here.
  uint64_t max_pattern_work = uint64_t{1} << 25;
};

// The first failure found. Pointers are RFC 6901 JSON Pointers.
//
// The schema pointer is where the failing keyword is written: a failure
// reached through $ref or $dynamicRef points into the referenced schema
// ("/$defs/Node/type"), not at the $ref. A false schema points at itself
// ("/additionalProperties"). When anyOf/oneOf fails, the issue is the
// keyword's own ("/anyOf"), unless one alternative was clearly the one meant
// (the others failed on a type, const or enum that tells them apart, or it
// got strictly deepest into the instance): then it is that alternative's.
struct SchemaIssue {
  // Into the instance validated, e.g. "/options/depth" ("" for the root).
  std::string instance_pointer;
  // The failing keyword in the schema document, e.g.
  // "/properties/options/properties/depth/maximum".
  std::string schema_pointer;
  // One line, e.g. "3 is greater than the maximum 2".
  std::string message;
};

// Immutable. Thread-safe: any number of threads may Validate at once.
class CompiledSchema {
 public:
  // A compiled subschema, for Find and Validate(at, ...).
  using Node = uint32_t;

  // Compiles `document`. Errors (absl::StatusCode::kInvalidArgument) name the
  // schema pointer of the offending keyword: "/properties/a/minimum: must be
  // a number". Unsupported features are kUnimplemented with the pointer: a
  // $ref to another document (remote references), a "pattern" RE2 cannot
  // express (lookaround, backreferences), an unknown "$schema".
  static absl::StatusOr<std::unique_ptr<const CompiledSchema>> Compile(
      const rapidjson::Value& document, const SchemaOptions& options = SchemaOptions());

  // The document's root schema.
  Node root() const;

  // The subschema at `pointer` in the document ("/$defs/Tool"), if the
  // compiler saw a schema there.
  std::optional<Node> Find(absl::string_view pointer) const;

  // True when `instance` is valid against the root (or `at`). On false, fills
  // *issue when it is non-null. Never throws; never recurses past
  // max_validation_depth: a deeper instance, or a schema that loops without
  // consuming the instance ({"$ref": "#"}), fails with a message naming the
  // bound, even under "not".
  //
  // `unknown` (optional) collects non-fatal findings from the vendor keyword
  // kClosedKeyword: in a schema that sets it to true, an instance member not
  // named by "properties" or matched by "patternProperties" is reported here
  // (instance pointer of the member, schema pointer of the keyword, message
  // "unknown member \"x\"") instead of failing validation. Members are only
  // reported from subschemas on the path that validated.
  bool Validate(const rapidjson::Value& instance, SchemaIssue* issue = nullptr,
                std::vector<SchemaIssue>* unknown = nullptr) const;
  bool Validate(Node at, const rapidjson::Value& instance, SchemaIssue* issue = nullptr,
                std::vector<SchemaIssue>* unknown = nullptr) const;

  // Marks an object schema whose undeclared members are reported, not
  // rejected (see Validate). Used by mcpguard's own MCP definitions, where
  // the specification's TypeScript interfaces are closed but forward
  // compatibility asks for tolerance. Ignored by other validators.
  static constexpr absl::string_view kClosedKeyword = "x-mcpguard-closed";

  SchemaDialect dialect() const;

  // The RE2 programs of its regexes together, in instructions: what most of
  // a large compiled schema's memory is (each also grows a DFA as it
  // matches), for caches that bound what they keep.
  int64_t regex_program_size() const;

  ~CompiledSchema();

 private:
  struct Impl;
  explicit CompiledSchema(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_SCHEMA_COMPILED_SCHEMA_H_
