// A compiled mcpguard.v1.Condition tree, evaluated in three-valued logic.
//
// Design note: a field of the wrong type (a number where a string matcher
// expects a string) is neither true nor false but kUndecidable. all/any/not
// follow Kleene's logic (false wins in `all`, true wins in `any`, `not` keeps
// undecidable). The rule then fails closed: an undecidable DENY or ASK rule
// matches, an undecidable ALLOW rule does not. A missing field is simply
// false (use `present` to require one).
#ifndef MCPGUARD_POLICY_CONDITION_H_
#define MCPGUARD_POLICY_CONDITION_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "json/pointer.h"
#include "mcpguard/v1/policy.pb.h"
#include "policy/command_matcher.h"
#include "policy/path_matcher.h"
#include "policy/resolved_fields.h"
#include "policy/string_matcher.h"
#include "policy/url_matcher.h"
#include "rapidjson/document.h"

namespace mcpguard::internal {

enum class Truth { kFalse, kTrue, kUndecidable };

class Condition;

// Why a condition was undecidable: the first field matcher that could not be
// decided. Filled only when evaluation returns kUndecidable.
struct Undecided {
  const Condition* field = nullptr;
  const rapidjson::Value* value = nullptr;
  bool element = false;  // `value` is an element of the field's array.
  // `value` is where the pointer (or element_pointer) could not go on: a
  // string, number or boolean it needed to step into.
  bool blocked = false;
};

// Immutable. Thread-safe.
class Condition {
 public:
  // Errors name the sub-field relative to the condition, e.g.
  // "all.conditions[0].field.pointer: ...". Each field's pointer gets its
  // number from `numbering`, shared by all of a policy's conditions.
  static absl::StatusOr<std::unique_ptr<Condition>> Compile(
      const mcpguard::v1::Condition& proto, FieldNumbering* numbering, int depth = 0);

  // Evaluates against the message `fields` was begun with (its params or
  // result). Never allocates.
  Truth Evaluate(ResolvedFields* fields, Undecided* undecided) const;

  // For a field condition: "/arguments/path is a number; the matcher expects
  // a string". Used in deny reasons.
  // For an element (Undecided::element): "an element of /arguments/paths
  // is a number; the matcher expects a string".
  std::string DescribeUndecided(const Undecided& undecided) const;

  // Why the condition holds or not for the message `fields` was begun with,
  // in one line: the failing field of an `all`, every field of an `any`.
  // For explanations only; allocates (condition_explain.cc).
  std::string Explain(ResolvedFields* fields) const;

 private:
  enum class Kind { kAll, kAny, kNot, kString, kNumber, kPresent, kPath, kUrl, kCommand, kLength };
  using Elements = mcpguard::v1::FieldMatcher::Elements;
  Condition() = default;
  absl::Status CompileMatcher(const mcpguard::v1::FieldMatcher& field);
  Truth EvaluateField(ResolvedFields* fields, Undecided* undecided) const;
  // What a field matcher accepts: "path within \"/srv\"", "a number >= 1".
  std::string DescribeMatcher() const;
  // The matcher on one value (the field's value, or one of its elements):
  // kUndecidable when the value has the wrong type.
  Truth MatchValue(const rapidjson::Value& value, ResolvedFields* fields) const;
  // elements: ANY or ALL over `array`; sets *culprit to the first
  // undecidable element when that decides (*blocked: the value inside it
  // element_pointer could not step into).
  Truth MatchElements(const rapidjson::Value& array, ResolvedFields* fields,
                      const rapidjson::Value** culprit, bool* blocked) const;

  Kind kind_ = Kind::kAll;
  std::vector<std::unique_ptr<Condition>> children_;
  std::optional<JsonPointer> pointer_;
  std::optional<JsonPointer> element_pointer_;  // Inside each element.
  uint32_t field_number_ = 0;  // pointer_'s FieldNumbering number.
  Elements elements_ = mcpguard::v1::FieldMatcher::VALUE;
  std::unique_ptr<StringMatcher> string_;
  std::unique_ptr<PathMatcher> path_;
  std::unique_ptr<UrlMatcher> url_;
  std::unique_ptr<CommandMatcher> command_;
  std::optional<double> min_, max_;
  bool exclusive_min_ = false, exclusive_max_ = false;
  std::optional<uint32_t> min_length_, max_length_;
  bool present_ = false;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_CONDITION_H_
