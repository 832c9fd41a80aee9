// Validation of one instance against a compiled program. One SchemaValidator
// per Validate call; it holds only the caller's output pointers and a few
// counters, and descends with its path and dynamic scope on the C stack.
//
// Allocation: none on a successful validation of a schema without
// unevaluatedProperties, unevaluatedItems or uniqueItems on arrays of more
// than 8 items (those need per-location sets or a hash table), except the
// entries appended to `unknown` for x-mcpguard-closed. Failure builds the
// pointers and the message once, at the failing keyword.
//
// Speculative subschemas (anyOf, oneOf, not, if, contains, and the ranking
// re-runs of a failed anyOf/oneOf) run "quiet": their failures build
// nothing and are not reported. Exceeding max_validation_depth,
// max_validation_steps or max_pattern_work is the one failure that is never
// speculative: it aborts the whole validation (so `not` cannot turn it into
// a pass).
#ifndef MCPGUARD_SCHEMA_SCHEMA_VALIDATOR_H_
#define MCPGUARD_SCHEMA_SCHEMA_VALIDATOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/strings/string_view.h"
#include "rapidjson/document.h"
#include "re2/re2.h"
#include "schema/compiled_schema.h"
#include "schema/evaluated_set.h"
#include "schema/issue_text.h"
#include "schema/schema_program.h"

namespace mcpguard::internal {

// The resources entered so far, innermost first ($dynamicRef's scope).
struct DynamicScope {
  const DynamicScope* parent = nullptr;
  uint32_t resource = 0;
};

// Where the validator is: the instance value, its path, the dynamic scope
// and the recursion depth (instance nesting plus $ref and applicator hops).
struct InstanceAt {
  const rapidjson::Value* value = nullptr;
  const InstancePath* path = nullptr;
  const DynamicScope* scope = nullptr;
  uint32_t depth = 0;
};

class SchemaValidator {
 public:
  // What a failure was on: type, const/enum (which often tell alternatives
  // apart), or anything else.
  enum class FailureKind { kOther, kType, kValue };

  SchemaValidator(const SchemaProgram& program, SchemaIssue* issue,
                  std::vector<SchemaIssue>* unknown)
      : p_(program), issue_(issue), unknown_(unknown) {}

  // Validates `instance` against `node`; see CompiledSchema::Validate.
  bool Run(uint32_t node, const rapidjson::Value& instance);

 private:
  // schema_validator.cc
  bool Validate(uint32_t node, const InstanceAt& at, EvaluatedSet* evaluated);
  bool ValidateGeneral(uint32_t node, const InstanceAt& at, EvaluatedSet* evaluated);
  bool ValidateKeywords(uint32_t node, const SchemaNode& n, const InstanceAt& at,
                        EvaluatedSet* ev);
  bool ValidateTypeKeywords(uint32_t node, const SchemaNode& n, const InstanceAt& at,
                            EvaluatedSet* ev);
  bool ValidateValueKeywords(uint32_t node, const InstanceAt& at, EvaluatedSet* ev);
  bool FailType(uint32_t node, const InstanceAt& at);
  bool ValidateApplicators(uint32_t node, const InstanceAt& at, EvaluatedSet* evaluated);
  bool FailAlternatives(uint32_t node, absl::string_view keyword, Range alternatives,
                        const InstanceAt& at, std::string message);
  uint32_t DynamicTarget(const SchemaNode& n, const DynamicScope* scope) const;
  // Which bound a validation hit: max_validation_depth, _steps or
  // max_pattern_work.
  enum class Bound { kDepth, kSteps, kPatternWork };
  bool Abort(uint32_t node, const InstanceAt& at, Bound bound);
  // RegexSearch of `text`, charged to max_pattern_work first: false when
  // that bound is crossed (the validation aborts at `keyword` of `node`,
  // "pattern" or "patternProperties"), else true with the search's result
  // in *found.
  bool PatternSearch(const RE2& regex, absl::string_view text, uint32_t node,
                     absl::string_view keyword, const InstanceAt& at, bool* found);
  // validate_scalar.cc
  bool ValidateNumber(uint32_t node, const InstanceAt& at);
  bool ValidateString(uint32_t node, const InstanceAt& at);
  bool ValidateEnumConst(uint32_t node, const InstanceAt& at);
  // validate_array.cc
  bool ValidateArray(uint32_t node, const InstanceAt& at, EvaluatedSet* evaluated);
  bool ValidateContains(uint32_t node, const InstanceAt& at, EvaluatedSet* evaluated);
  bool ValidateUniqueItems(uint32_t node, const InstanceAt& at);
  bool ValidateUnevaluatedItems(uint32_t node, const InstanceAt& at, EvaluatedSet* evaluated);
  // validate_object.cc
  bool ValidateObject(uint32_t node, const InstanceAt& at, EvaluatedSet* evaluated);
  bool ValidateMember(uint32_t node, const InstanceAt& at, rapidjson::Value::ConstMemberIterator m,
                      EvaluatedSet* evaluated, uint64_t* seen_required);
  bool FailAdditional(uint32_t node, const InstancePath* step);
  bool ValidateDependencies(uint32_t node, const InstanceAt& at, EvaluatedSet* evaluated);
  bool ValidateUnevaluatedProperties(uint32_t node, const InstanceAt& at, EvaluatedSet* evaluated);

  // A member or item `child` whose LeafCheck `leaf` did not settle it, with
  // its depth under max_validation_depth: a plain object or array schema
  // goes straight to its keywords, anything else through Validate. (Nothing
  // runs after an abort, so the aborted_ check is not needed either.)
  ABSL_ATTRIBUTE_ALWAYS_INLINE bool ValidateChild(uint32_t node, const LeafCheck& leaf,
                                                  const InstanceAt& child) {
    const rapidjson::Type type = child.value->GetType();
    if (leaf.containers >> type & 1) {
      return type == rapidjson::kObjectType ? ValidateObject(node, child, nullptr)
                                            : ValidateArray(node, child, nullptr);
    }
    return Validate(node, child, nullptr);
  }

  // The child location of an item or member.
  static InstanceAt Item(const InstanceAt& at, const InstancePath& step,
                         const rapidjson::Value& value) {
    return InstanceAt{&value, &step, at.scope, at.depth + 1};
  }
  // The same location one hop deeper (in-place applicators, $ref).
  static InstanceAt Hop(const InstanceAt& at) {
    return InstanceAt{at.value, at.path, at.scope, at.depth + 1};
  }

  // Records a failure of `keyword` (a token under the node's pointer, "" for
  // the node itself, `name` a second token when not empty) unless quiet.
  // `message` is only called when the issue is wanted. Always false.
  template <typename MessageFn>
  bool Fail(const InstancePath* path, uint32_t node, absl::string_view keyword,
            MessageFn&& message, absl::string_view name = absl::string_view(),
            FailureKind kind = FailureKind::kOther) {
    if (quiet_ > 0) return false;
    fail_depth_ = PathDepth(path);
    fail_kind_ = kind;
    if (issue_ != nullptr) {
      issue_->instance_pointer = InstancePointer(path);
      issue_->schema_pointer = KeywordPointer(node, keyword, name);
      issue_->message = message();
    }
    return false;
  }
  std::string KeywordPointer(uint32_t node, absl::string_view keyword,
                             absl::string_view name) const;
  size_t UnknownMark() const { return unknown_ == nullptr ? 0 : unknown_->size(); }
  void UnknownRollback(size_t mark) {
    if (unknown_ != nullptr && unknown_->size() > mark) unknown_->resize(mark);
  }

  const SchemaProgram& p_;
  SchemaIssue* issue_;
  std::vector<SchemaIssue>* unknown_;
  int quiet_ = 0;
  bool aborted_ = false;
  // Subschemas entered through $ref or an applicator so far, against
  // max_validation_steps.
  uint64_t steps_ = 0;
  // RE2 work charged so far (bytes times program size), against
  // max_pattern_work.
  uint64_t pattern_work_ = 0;
  // Where and how the recorded failure happened, to rank the alternatives
  // of anyOf/oneOf.
  uint32_t fail_depth_ = 0;
  FailureKind fail_kind_ = FailureKind::kOther;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_SCHEMA_SCHEMA_VALIDATOR_H_
