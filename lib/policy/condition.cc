#include "policy/condition.h"

#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"
#include "policy/field_error.h"
#include "absl/strings/str_format.h"
#include "policy/principal_matcher.h"  // kMaxMatcherNesting

namespace mcpguard::internal {
namespace {

using Proto = mcpguard::v1::Condition;
using FieldProto = mcpguard::v1::FieldMatcher;

const char* JsonTypeName(const rapidjson::Value& v) {
  switch (v.GetType()) {
    case rapidjson::kNullType: return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType: return "a boolean";
    case rapidjson::kObjectType: return "an object";
    case rapidjson::kArrayType: return "an array";
    case rapidjson::kStringType: return "a string";
    case rapidjson::kNumberType: return "a number";
  }
  return "unknown";
}

}  // namespace

absl::StatusOr<std::unique_ptr<Condition>> Condition::Compile(const Proto& proto,
                                                              FieldNumbering* numbering,
                                                              int depth) {
  if (depth > kMaxMatcherNesting) {
    return absl::InvalidArgumentError(
        absl::StrCat("conditions nest deeper than ", kMaxMatcherNesting));
  }
  std::unique_ptr<Condition> c(new Condition());
  switch (proto.kind_case()) {
    case Proto::kAll:
    case Proto::kAny: {
      bool all = proto.kind_case() == Proto::kAll;
      const char* field = all ? "all" : "any";
      const auto& list = all ? proto.all() : proto.any();
      c->kind_ = all ? Kind::kAll : Kind::kAny;
      if (list.conditions().empty()) {
        return absl::InvalidArgumentError(absl::StrCat(field, " has no conditions"));
      }
      for (int i = 0; i < list.conditions_size(); ++i) {
        auto child = Compile(list.conditions(i), numbering, depth + 1);
        if (!child.ok()) return WithField(absl::StrCat(field, ".conditions[", i, "]"), child.status());
        c->children_.push_back(*std::move(child));
      }
      return c;
    }
    case Proto::kNot: {
      c->kind_ = Kind::kNot;
      auto child = Compile(proto.not_(), numbering, depth + 1);
      if (!child.ok()) return WithField("not", child.status());
      c->children_.push_back(*std::move(child));
      return c;
    }
    case Proto::kField:
      break;
    case Proto::KIND_NOT_SET:
      return absl::InvalidArgumentError("condition sets nothing (all, any, not or field)");
  }

  const FieldProto& field = proto.field();
  absl::StatusOr<JsonPointer> pointer = JsonPointer::Parse(field.pointer());
  if (!pointer.ok()) return WithField("field.pointer", pointer.status());
  c->pointer_ = *std::move(pointer);
  c->field_number_ = numbering->Number(*c->pointer_);
  switch (field.match_case()) {
    case FieldProto::kString: {
      c->kind_ = Kind::kString;
      auto matcher = StringMatcher::Compile(field.string());
      if (!matcher.ok()) return WithField("field.string", matcher.status());
      c->string_ = *std::move(matcher);
      break;
    }
    case FieldProto::kNumber: {
      c->kind_ = Kind::kNumber;
      const auto& range = field.number();
      if (!range.has_min() && !range.has_max()) {
        return absl::InvalidArgumentError("field.number: set min, max or both");
      }
      if (range.has_min()) {
        if (!std::isfinite(range.min())) {
          return absl::InvalidArgumentError("field.number.min: must be a finite number");
        }
        c->min_ = range.min();
      }
      if (range.has_max()) {
        if (!std::isfinite(range.max())) {
          return absl::InvalidArgumentError("field.number.max: must be a finite number");
        }
        c->max_ = range.max();
      }
      if (c->min_ && c->max_ &&
          (*c->min_ > *c->max_ ||
           (*c->min_ == *c->max_ && (range.exclusive_min() || range.exclusive_max())))) {
        return absl::InvalidArgumentError(
            absl::StrFormat("field.number: the range [%g, %g] is empty", *c->min_, *c->max_));
      }
      c->exclusive_min_ = range.exclusive_min();
      c->exclusive_max_ = range.exclusive_max();
      break;
    }
    case FieldProto::kPresent:
      c->kind_ = Kind::kPresent;
      c->present_ = field.present();
      break;
    case FieldProto::MATCH_NOT_SET:
      return absl::InvalidArgumentError("field sets no matcher (string, number or present)");
  }
  return c;
}

Truth Condition::Evaluate(ResolvedFields* fields, Undecided* undecided) const {
  switch (kind_) {
    case Kind::kAll:
    case Kind::kAny: {
      // `decisive` ends the list: false for all, true for any. A child left
      // undecidable only matters if no child is decisive; then, and only
      // then, the first such child is what *undecided reports.
      const Truth decisive = kind_ == Kind::kAll ? Truth::kFalse : Truth::kTrue;
      const Undecided before = undecided != nullptr ? *undecided : Undecided();
      bool undecidable = false;
      for (const auto& child : children_) {
        Truth t = child->Evaluate(fields, undecided);
        if (t == decisive) {
          if (undecided != nullptr) *undecided = before;
          return decisive;
        }
        if (t == Truth::kUndecidable) undecidable = true;
      }
      if (undecidable) return Truth::kUndecidable;
      return decisive == Truth::kFalse ? Truth::kTrue : Truth::kFalse;
    }
    case Kind::kNot: {
      Truth t = children_.front()->Evaluate(fields, undecided);
      if (t == Truth::kUndecidable) return t;
      return t == Truth::kTrue ? Truth::kFalse : Truth::kTrue;
    }
    default:
      return EvaluateField(fields, undecided);
  }
}

Truth Condition::EvaluateField(ResolvedFields* fields, Undecided* undecided) const {
  const rapidjson::Value* value = fields->Resolve(field_number_, *pointer_);
  if (kind_ == Kind::kPresent) {
    return (value != nullptr) == present_ ? Truth::kTrue : Truth::kFalse;
  }
  if (value == nullptr) return Truth::kFalse;
  if (kind_ == Kind::kString) {
    if (value->IsString()) {
      return string_->Matches(absl::string_view(value->GetString(), value->GetStringLength()))
                 ? Truth::kTrue
                 : Truth::kFalse;
    }
  } else if (value->IsNumber()) {
    double v = value->GetDouble();
    if (min_ && (exclusive_min_ ? !(v > *min_) : !(v >= *min_))) return Truth::kFalse;
    if (max_ && (exclusive_max_ ? !(v < *max_) : !(v <= *max_))) return Truth::kFalse;
    return Truth::kTrue;
  }
  if (undecided != nullptr && undecided->field == nullptr) {
    undecided->field = this;
    undecided->value = value;
  }
  return Truth::kUndecidable;
}

std::string Condition::DescribeUndecided(const rapidjson::Value* value) const {
  const char* expected = kind_ == Kind::kString ? "a string" : "a number";
  return absl::StrCat(pointer_ ? pointer_->text() : std::string(), " is ",
                      value ? JsonTypeName(*value) : "missing", "; the matcher expects ", expected);
}

}  // namespace mcpguard::internal
