#include "schema/schema_validator.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/base/optimization.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "rapidjson/document.h"
#include "schema/evaluated_set.h"
#include "schema/issue_text.h"
#include "schema/json_number.h"
#include "schema/schema_index.h"
#include "schema/schema_program.h"
#include "schema/schema_regex.h"

namespace mcpguard::internal {
namespace {

ABSL_ATTRIBUTE_NOINLINE bool IsIntegralDouble(const rapidjson::Value& v) {
  return IsIntegral(JsonNumber::From(v));
}

// The type bit of each rapidjson::Type (kNumberType: any number).
constexpr uint8_t kTypeBitOf[] = {kTypeNull,  kTypeBoolean, kTypeBoolean, kTypeObject,
                                  kTypeArray, kTypeString,  kTypeNumber};

ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool TypeMatches(uint8_t types, const rapidjson::Value& v) {
  const uint8_t bit = kTypeBitOf[v.GetType()];
  if (types & bit) return true;
  // "integer": any number with no fractional part.
  return bit == kTypeNumber && (types & kTypeInteger) && (!v.IsDouble() || IsIntegralDouble(v));
}

}  // namespace

bool SchemaValidator::Run(uint32_t node, const rapidjson::Value& instance) {
  const size_t mark = UnknownMark();
  const InstancePath root;
  const InstanceAt at{&instance, &root, nullptr, 0};
  if (node >= p_.nodes.size()) {
    return Fail(&root, 0, "", [&] { return absl::StrCat("no compiled schema ", node); });
  }
  const bool valid = Validate(node, at, nullptr);
  if (!valid) UnknownRollback(mark);
  return valid;
}

std::string SchemaValidator::KeywordPointer(uint32_t node, absl::string_view keyword,
                                            absl::string_view name) const {
  std::string pointer = p_.pointers[node];
  if (!keyword.empty()) AppendPointerToken(&pointer, keyword);
  if (!name.empty()) AppendPointerToken(&pointer, name);
  return pointer;
}

bool SchemaValidator::Abort(uint32_t node, const InstanceAt& at, Bound bound) {
  // Reported even inside speculative subschemas: the whole validation ends.
  aborted_ = true;
  fail_depth_ = PathDepth(at.path);
  if (issue_ != nullptr) {
    issue_->instance_pointer = InstancePointer(at.path);
    issue_->schema_pointer = p_.pointers[node];
    switch (bound) {
      case Bound::kDepth:
        issue_->message =
            absl::StrCat("validation deeper than max_validation_depth ",
                         p_.options.max_validation_depth, " (instance nesting plus references)");
        break;
      case Bound::kSteps:
        issue_->message = absl::StrCat(
            "validation took more than max_validation_steps ", p_.options.max_validation_steps,
            " subschema visits (references and applicators that multiply each other)");
        break;
      case Bound::kPatternWork:
        issue_->message = absl::StrCat(
            "matching patterns would take more than max_pattern_work ",
            p_.options.max_pattern_work,
            " (string bytes times pattern program size, summed over the validation)");
        break;
    }
  }
  return false;
}

bool SchemaValidator::PatternSearch(const RE2& regex, absl::string_view text, uint32_t node,
                                    absl::string_view keyword, const InstanceAt& at,
                                    bool* found) {
  // Charged before the search: the bound is on time not yet spent. A string
  // under 4 GiB times a program under 2^31 instructions cannot overflow.
  pattern_work_ += static_cast<uint64_t>(text.size()) * static_cast<uint64_t>(regex.ProgramSize());
  if (ABSL_PREDICT_FALSE(pattern_work_ > p_.options.max_pattern_work)) {
    Abort(node, at, Bound::kPatternWork);
    if (issue_ != nullptr) {
      issue_->schema_pointer = KeywordPointer(
          node, keyword, keyword == "patternProperties" ? regex.pattern() : absl::string_view());
    }
    return false;
  }
  *found = RegexSearch(regex, text);
  return true;
}

uint32_t SchemaValidator::DynamicTarget(const SchemaNode& n, const DynamicScope* scope) const {
  uint32_t target = n.dynamic_ref;
  // The outermost resource in the dynamic scope that defines the anchor.
  for (; scope != nullptr; scope = scope->parent) {
    for (uint32_t i = 0; i < n.dynamic_targets.count; ++i) {
      const auto& candidate = p_.dynamic_targets[n.dynamic_targets.begin + i];
      if (candidate.resource == scope->resource) target = candidate.node;
    }
  }
  return target;
}

// The keywords of the instance's type (after type, enum and const).
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool SchemaValidator::ValidateTypeKeywords(
    uint32_t node, const SchemaNode& n, const InstanceAt& at, EvaluatedSet* ev) {
  switch (at.value->GetType()) {
    case rapidjson::kNumberType:
      return n.number == kNoIndex || ValidateNumber(node, at);
    case rapidjson::kStringType:
      return n.string == kNoIndex || ValidateString(node, at);
    case rapidjson::kArrayType:
      return n.array == kNoIndex || ValidateArray(node, at, ev);
    case rapidjson::kObjectType:
      return n.object == kNoIndex || ValidateObject(node, at, ev);
    default:
      return true;
  }
}

// type, enum/const and the keywords of the instance's type.
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool SchemaValidator::ValidateKeywords(
    uint32_t node, const SchemaNode& n, const InstanceAt& at, EvaluatedSet* ev) {
  if (n.types != kTypeAny && ABSL_PREDICT_FALSE(!TypeMatches(n.types, *at.value))) {
    return FailType(node, at);
  }
  if (n.const_value != kNoIndex || n.has_enum) return ValidateValueKeywords(node, at, ev);
  return ValidateTypeKeywords(node, n, at, ev);
}

// enum/const, then the keywords of the instance's type. Out of line, so
// that the common path above only makes tail calls.
ABSL_ATTRIBUTE_NOINLINE bool SchemaValidator::ValidateValueKeywords(uint32_t node,
                                                                    const InstanceAt& at,
                                                                    EvaluatedSet* ev) {
  if (!ValidateEnumConst(node, at)) return false;
  return ValidateTypeKeywords(node, p_.nodes[node], at, ev);
}

ABSL_ATTRIBUTE_COLD ABSL_ATTRIBUTE_NOINLINE bool SchemaValidator::FailType(uint32_t node,
                                                                     const InstanceAt& at) {
  const SchemaNode& n = p_.nodes[node];
  const rapidjson::Value& v = *at.value;
  return Fail(at.path, node, "type", [&] {
    return absl::StrCat("expected ", TypeMaskNames(n.types), ", got ", JsonTypeName(v));
  }, "", FailureKind::kType);
}

bool SchemaValidator::Validate(uint32_t node, const InstanceAt& at, EvaluatedSet* evaluated) {
  const SchemaNode& n = p_.nodes[node];
  if (n.flags & SchemaNode::kPlain) {
    if (ABSL_PREDICT_FALSE(aborted_)) return false;
    if (ABSL_PREDICT_FALSE(at.depth >= p_.options.max_validation_depth)) {
      return Abort(node, at, Bound::kDepth);
    }
    return ValidateKeywords(node, n, at, evaluated);
  }
  if (n.flags & SchemaNode::kEmpty) return true;
  return ValidateGeneral(node, at, evaluated);
}

bool SchemaValidator::ValidateGeneral(uint32_t node, const InstanceAt& at_in,
                                      EvaluatedSet* evaluated) {
  const SchemaNode& n = p_.nodes[node];
  if (n.flags & SchemaNode::kFalseSchema) {
    return Fail(at_in.path, node, "", [] { return std::string("no value is allowed here (false schema)"); });
  }
  if (aborted_) return false;
  if (at_in.depth >= p_.options.max_validation_depth) return Abort(node, at_in, Bound::kDepth);
  // A few kilobytes of $refs can reach one subschema 2^N ways (each of N
  // levels an allOf of two $refs to the next): the depth bound does not
  // catch that, a count of visits does.
  if (ABSL_PREDICT_FALSE(++steps_ > p_.options.max_validation_steps)) {
    return Abort(node, at_in, Bound::kSteps);
  }
  InstanceAt at = at_in;
  DynamicScope scope_frame;
  if (p_.uses_dynamic_scope && (at.scope == nullptr || at.scope->resource != n.resource)) {
    scope_frame = DynamicScope{at.scope, n.resource};
    at.scope = &scope_frame;
  }
  // A schema with unevaluated* collects its own annotations, then hands
  // them up; others add to the caller's set (if any).
  EvaluatedSet own;
  const bool owns = (n.flags & SchemaNode::kUsesUnevaluated) != 0;
  EvaluatedSet* ev = owns ? &own : evaluated;
  const rapidjson::Value& v = *at.value;

  if (n.ref != kNoIndex) {
    if (!Validate(n.ref, Hop(at), ev)) return false;
    if (n.flags & SchemaNode::kRefOnly) return true;
  }
  if (n.dynamic_ref != kNoIndex) {
    if (!Validate(DynamicTarget(n, at.scope), Hop(at), ev)) return false;
  }
  if (!ValidateKeywords(node, n, at, ev)) return false;
  if (n.applicators != kNoIndex && !ValidateApplicators(node, at, ev)) return false;
  if (owns) {
    if (v.IsObject() && n.object != kNoIndex &&
        p_.objects[n.object].unevaluated_properties != kNoIndex &&
        !ValidateUnevaluatedProperties(node, at, &own)) {
      return false;
    }
    if (v.IsArray() && n.array != kNoIndex && p_.arrays[n.array].unevaluated_items != kNoIndex &&
        !ValidateUnevaluatedItems(node, at, &own)) {
      return false;
    }
    if (evaluated != nullptr) evaluated->Merge(own);
  }
  return true;
}

bool SchemaValidator::ValidateApplicators(uint32_t node, const InstanceAt& at,
                                          EvaluatedSet* evaluated) {
  const Applicators& a = p_.applicators[p_.nodes[node].applicators];
  const uint32_t* lists = p_.node_lists.data();
  for (uint32_t i = 0; i < a.all_of.count; ++i) {
    if (!Validate(lists[a.all_of.begin + i], Hop(at), evaluated)) return false;
  }
  if (a.any_of.count > 0) {
    bool any = false;
    ++quiet_;
    for (uint32_t i = 0; i < a.any_of.count; ++i) {
      const size_t mark = UnknownMark();
      EvaluatedSet branch;
      const bool ok = Validate(lists[a.any_of.begin + i], Hop(at), evaluated ? &branch : nullptr);
      if (!ok) UnknownRollback(mark);
      if (ok && evaluated != nullptr) evaluated->Merge(branch);
      any = any || ok;
      // Annotations need every valid branch; a plain check stops at one.
      if ((ok && evaluated == nullptr) || aborted_) break;
    }
    --quiet_;
    if (aborted_) return false;
    if (!any) {
      return FailAlternatives(node, "anyOf", a.any_of, at,
                              absl::StrCat("value matches none of the ", a.any_of.count,
                                           " alternatives of anyOf"));
    }
  }
  if (a.one_of.count > 0) {
    uint32_t matches = 0, first = 0, second = 0;
    EvaluatedSet matched;
    ++quiet_;
    for (uint32_t i = 0; i < a.one_of.count && matches < 2; ++i) {
      const size_t mark = UnknownMark();
      EvaluatedSet branch;
      if (Validate(lists[a.one_of.begin + i], Hop(at), evaluated ? &branch : nullptr)) {
        (matches == 0 ? first : second) = i;
        ++matches;
        matched = std::move(branch);
      } else {
        UnknownRollback(mark);
      }
      if (aborted_) break;
    }
    --quiet_;
    if (aborted_) return false;
    if (matches == 0) {
      return FailAlternatives(node, "oneOf", a.one_of, at,
                              absl::StrCat("value matches none of the ", a.one_of.count,
                                           " alternatives of oneOf"));
    }
    if (matches > 1) {
      return Fail(at.path, node, "oneOf", [&] {
        return absl::StrCat("value matches alternatives ", first, " and ", second,
                            " of oneOf, expected exactly one");
      });
    }
    if (evaluated != nullptr) evaluated->Merge(matched);
  }
  if (a.not_node != kNoIndex) {
    const size_t mark = UnknownMark();
    ++quiet_;
    const bool ok = Validate(a.not_node, Hop(at), nullptr);
    --quiet_;
    UnknownRollback(mark);
    if (aborted_) return false;
    if (ok) {
      return Fail(at.path, node, "not",
                  [] { return std::string("value must not match the schema in not"); });
    }
  }
  if (a.if_node != kNoIndex) {
    const size_t mark = UnknownMark();
    EvaluatedSet branch;
    ++quiet_;
    const bool ok = Validate(a.if_node, Hop(at), evaluated ? &branch : nullptr);
    --quiet_;
    if (aborted_) return false;
    if (ok) {
      if (evaluated != nullptr) evaluated->Merge(branch);
      if (a.then_node != kNoIndex && !Validate(a.then_node, Hop(at), evaluated)) return false;
    } else {
      UnknownRollback(mark);
      if (a.else_node != kNoIndex && !Validate(a.else_node, Hop(at), evaluated)) return false;
    }
  }
  return true;
}

// All alternatives failed. Re-runs each (failure path only) to find one
// worth reporting. An alternative that failed on a discriminator, a wrong
// type of the value itself or a const/enum of the value or of one of its
// members (MCP content blocks' "type"), was not the one meant. If exactly
// one alternative was meant, or one got strictly deepest into the instance,
// its own error is more useful than the keyword's.
bool SchemaValidator::FailAlternatives(uint32_t node, absl::string_view keyword,
                                       Range alternatives, const InstanceAt& at,
                                       std::string message) {
  if (quiet_ > 0 || issue_ == nullptr) {
    return Fail(at.path, node, keyword, [&] { return std::move(message); });
  }
  const uint32_t here = PathDepth(at.path);
  SchemaIssue best;
  uint32_t best_depth = 0, candidates = 0;
  bool tie = false;
  for (uint32_t i = 0; i < alternatives.count; ++i) {
    SchemaIssue scratch;
    SchemaValidator sub(p_, &scratch, nullptr);
    if (sub.Validate(p_.node_lists[alternatives.begin + i], Hop(at), nullptr)) continue;
    if (sub.aborted_) break;
    if ((sub.fail_kind_ == FailureKind::kType && sub.fail_depth_ == here) ||
        (sub.fail_kind_ == FailureKind::kValue && sub.fail_depth_ <= here + 1)) {
      continue;
    }
    ++candidates;
    if (candidates == 1 || sub.fail_depth_ > best_depth) {
      best = std::move(scratch);
      best_depth = sub.fail_depth_;
      tie = false;
    } else if (sub.fail_depth_ == best_depth) {
      tie = true;
    }
  }
  if (candidates == 1 || (candidates > 1 && !tie && best_depth > here)) {
    fail_depth_ = best_depth;
    fail_kind_ = FailureKind::kOther;
    *issue_ = std::move(best);
    return false;
  }
  return Fail(at.path, node, keyword, [&] { return std::move(message); });
}

}  // namespace mcpguard::internal
