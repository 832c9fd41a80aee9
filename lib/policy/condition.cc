#include "policy/condition.h"

#include <cmath>
#include <cstddef>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "policy/field_error.h"
#include "policy/principal_matcher.h"  // kMaxMatcherNesting
#include "schema/utf8_length.h"

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

// Compiles `proto` with Matcher::Compile into *out; errors are prefixed with
// `field`.
template <typename Matcher, typename Proto>
absl::Status CompileInto(const Proto& proto, absl::string_view field,
                         std::unique_ptr<Matcher>* out) {
  auto matcher = Matcher::Compile(proto);
  if (!matcher.ok()) return WithField(field, matcher.status());
  *out = *std::move(matcher);
  return absl::OkStatus();
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
  if (!field.element_pointer().empty()) {
    if (field.elements() == FieldProto::VALUE) {
      return absl::InvalidArgumentError(
          "field.element_pointer: needs elements ANY or ALL (it points inside each element)");
    }
    absl::StatusOr<JsonPointer> inside = JsonPointer::Parse(field.element_pointer());
    if (!inside.ok()) return WithField("field.element_pointer", inside.status());
    c->element_pointer_ = *std::move(inside);
  }
  absl::Status matcher = c->CompileMatcher(field);
  if (!matcher.ok()) return matcher;
  return c;
}

absl::Status Condition::CompileMatcher(const FieldProto& field) {
  elements_ = field.elements();
  if (elements_ != FieldProto::VALUE && field.match_case() == FieldProto::kPresent) {
    return absl::InvalidArgumentError(
        "field.elements: applies to string, number, path, url, command and length matchers, "
        "not to present");
  }
  switch (field.match_case()) {
    case FieldProto::kString:
      kind_ = Kind::kString;
      return CompileInto<StringMatcher>(field.string(), "field.string", &string_);
    case FieldProto::kNumber: {
      kind_ = Kind::kNumber;
      const auto& range = field.number();
      if (!range.has_min() && !range.has_max()) {
        return absl::InvalidArgumentError("field.number: set min, max or both");
      }
      if (range.has_min()) {
        if (!std::isfinite(range.min())) {
          return absl::InvalidArgumentError("field.number.min: must be a finite number");
        }
        min_ = range.min();
      }
      if (range.has_max()) {
        if (!std::isfinite(range.max())) {
          return absl::InvalidArgumentError("field.number.max: must be a finite number");
        }
        max_ = range.max();
      }
      if (min_ && max_ &&
          (*min_ > *max_ || (*min_ == *max_ && (range.exclusive_min() || range.exclusive_max())))) {
        return absl::InvalidArgumentError(
            absl::StrFormat("field.number: the range [%g, %g] is empty", *min_, *max_));
      }
      exclusive_min_ = range.exclusive_min();
      exclusive_max_ = range.exclusive_max();
      return absl::OkStatus();
    }
    case FieldProto::kPresent:
      kind_ = Kind::kPresent;
      present_ = field.present();
      return absl::OkStatus();
    case FieldProto::kPath:
      kind_ = Kind::kPath;
      return CompileInto<PathMatcher>(field.path(), "field.path", &path_);
    case FieldProto::kUrl:
      kind_ = Kind::kUrl;
      return CompileInto<UrlMatcher>(field.url(), "field.url", &url_);
    case FieldProto::kCommand:
      kind_ = Kind::kCommand;
      return CompileInto<CommandMatcher>(field.command(), "field.command", &command_);
    case FieldProto::kLength: {
      kind_ = Kind::kLength;
      const auto& range = field.length();
      if (!range.has_min() && !range.has_max()) {
        return absl::InvalidArgumentError("field.length: set min, max or both");
      }
      if (range.has_min()) min_length_ = range.min();
      if (range.has_max()) max_length_ = range.max();
      if (min_length_ && max_length_ && *min_length_ > *max_length_) {
        return absl::InvalidArgumentError(absl::StrCat(
            "field.length: the range [", *min_length_, ", ", *max_length_, "] is empty"));
      }
      return absl::OkStatus();
    }
    case FieldProto::MATCH_NOT_SET:
      break;
  }
  return absl::InvalidArgumentError(
      "field sets no matcher (string, number, present, path, url, command or length)");
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
  const rapidjson::Value* blocked = nullptr;
  const rapidjson::Value* value = fields->Resolve(field_number_, *pointer_, &blocked);
  if (kind_ == Kind::kPresent && (value != nullptr || blocked == nullptr)) {
    return (value != nullptr) == present_ ? Truth::kTrue : Truth::kFalse;
  }
  // The value to blame if undecidable: the field's own, an element, or
  // where the pointer could not go on (a `present` test too: "options":
  // "recursive" is not plainly without /options/recursive).
  const rapidjson::Value* culprit = value;
  bool element_blocked = false;
  Truth result;
  if (value == nullptr) {
    // Absent is false; a value of another shape on the way is undecidable
    // ("target": "/etc/passwd" where /target/path is read), or a DENY would
    // be dodged by the shape a lenient server also accepts.
    if (blocked == nullptr) return Truth::kFalse;
    culprit = blocked;
    result = Truth::kUndecidable;
  } else if (elements_ == FieldProto::VALUE) {
    result = MatchValue(*value, fields);
  } else if (!value->IsArray()) {
    result = Truth::kUndecidable;
  } else {
    result = MatchElements(*value, fields, &culprit, &element_blocked);
  }
  if (result == Truth::kUndecidable && undecided != nullptr && undecided->field == nullptr) {
    undecided->field = this;
    undecided->value = culprit;
    undecided->element = value != nullptr && culprit != value;
    undecided->blocked = value == nullptr || element_blocked;
  }
  return result;
}

Truth Condition::MatchElements(const rapidjson::Value& array, ResolvedFields* fields,
                               const rapidjson::Value** culprit, bool* blocked) const {
  // ANY: true wins, else undecidable, else false. ALL: false wins, else
  // undecidable, else true (the fold of `any` and `all` over children).
  const Truth decisive = elements_ == FieldProto::ANY ? Truth::kTrue : Truth::kFalse;
  const rapidjson::Value* undecidable = nullptr;
  bool undecidable_blocked = false;
  for (const rapidjson::Value& element : array.GetArray()) {
    const rapidjson::Value* value = &element;
    if (element_pointer_.has_value()) {
      const rapidjson::Value* stop = nullptr;
      value = element_pointer_->Resolve(element, &stop);
      if (value == nullptr && stop != nullptr) {
        // An element of another shape ("/etc/shadow" where {"path": ...}
        // is read): undecidable, as a plain field of the wrong type is
        // (found by an adversarial review: it counted as missing, and a
        // DENY on ANY element's /path passed ["/etc/shadow"]).
        if (undecidable == nullptr) {
          undecidable = stop;
          undecidable_blocked = true;
        }
        continue;
      }
      if (value == nullptr) {  // Missing inside this element: not a match.
        if (decisive == Truth::kFalse) return Truth::kFalse;
        continue;
      }
    }
    const Truth t = MatchValue(*value, fields);
    if (t == decisive) return decisive;
    if (t == Truth::kUndecidable && undecidable == nullptr) undecidable = value;
  }
  if (undecidable != nullptr) {
    *culprit = undecidable;
    *blocked = undecidable_blocked;
    return Truth::kUndecidable;
  }
  return decisive == Truth::kTrue ? Truth::kFalse : Truth::kTrue;
}

Truth Condition::MatchValue(const rapidjson::Value& value, ResolvedFields* fields) const {
  auto truth = [](bool b) { return b ? Truth::kTrue : Truth::kFalse; };
  if (kind_ == Kind::kNumber) {
    if (!value.IsNumber()) return Truth::kUndecidable;
    const double v = value.GetDouble();
    if (min_ && (exclusive_min_ ? !(v > *min_) : !(v >= *min_))) return Truth::kFalse;
    if (max_ && (exclusive_max_ ? !(v < *max_) : !(v <= *max_))) return Truth::kFalse;
    return Truth::kTrue;
  }
  if (!value.IsString()) return Truth::kUndecidable;
  const absl::string_view text(value.GetString(), value.GetStringLength());
  switch (kind_) {
    case Kind::kString:
      return truth(string_->Matches(text));
    case Kind::kPath:
      return truth(path_->Check(text) == PathProblem::kNone);
    case Kind::kUrl:
      return truth(url_->Check(text, fields->url_memo()) == UrlProblem::kNone);
    case Kind::kCommand:
      return truth(command_->Check(text) == CommandProblem::kNone);
    case Kind::kLength: {
      const size_t length = Utf8CodePointCount(text);
      return truth((!min_length_ || length >= *min_length_) &&
                   (!max_length_ || length <= *max_length_));
    }
    default:
      return Truth::kUndecidable;
  }
}

std::string Condition::DescribeUndecided(const Undecided& undecided) const {
  const rapidjson::Value* value = undecided.value;
  const char* expected = kind_ == Kind::kNumber ? "a number" : "a string";
  const std::string name = pointer_ ? pointer_->text() : std::string();
  if (undecided.blocked) {
    const std::string pointer =
        undecided.element ? absl::StrCat(element_pointer_->text(), " in an element of ", name)
                          : name;
    return absl::StrCat(pointer, " cannot be read: it goes through ", JsonTypeName(*value),
                        ", where it needs an object", value->IsArray() ? "" : " or an array");
  }
  if (undecided.element) {
    return absl::StrCat(element_pointer_ ? absl::StrCat(element_pointer_->text(), " in ")
                                         : std::string(),
                        "an element of ", name, " is ", JsonTypeName(*value),
                        "; the matcher expects ", expected);
  }
  if (elements_ != FieldProto::VALUE) expected = "an array";
  return absl::StrCat(name, " is ", value ? JsonTypeName(*value) : "missing",
                      "; the matcher expects ", expected);
}

}  // namespace mcpguard::internal
