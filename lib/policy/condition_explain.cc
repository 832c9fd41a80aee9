// Condition::Explain: why a condition did not hold, for traces (slow path).
#include <string>

#include "absl/strings/str_cat.h"
#include "policy/condition.h"
#include "json/json_writer.h"

namespace mcpguard::internal {
namespace {

using FieldProto = mcpguard::v1::FieldMatcher;

// The value as JSON, cut short for one line of explanation.
std::string Excerpt(const rapidjson::Value& value) {
  JsonTextBuffer buffer;
  JsonWriter writer(buffer);
  value.Accept(writer);
  std::string text(buffer.GetString(), buffer.GetSize());
  constexpr size_t kMax = 80;
  if (text.size() > kMax) {
    size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
    text += "...";
  }
  return text;
}

}  // namespace

std::string Condition::DescribeMatcher() const {
  std::string matcher;
  switch (kind_) {
    case Kind::kString: matcher = absl::StrCat("a string with ", string_->Describe()); break;
    case Kind::kPath: matcher = absl::StrCat("a ", path_->Describe()); break;
    case Kind::kUrl: matcher = absl::StrCat("a ", url_->Describe()); break;
    case Kind::kCommand: matcher = absl::StrCat("a ", command_->Describe()); break;
    case Kind::kNumber:
      matcher = "a number";
      if (min_) absl::StrAppend(&matcher, exclusive_min_ ? " > " : " >= ", *min_);
      if (max_) absl::StrAppend(&matcher, min_ ? " and" : "", exclusive_max_ ? " < " : " <= ",
                                *max_);
      break;
    case Kind::kLength:
      matcher = "a string of";
      if (min_length_) absl::StrAppend(&matcher, " at least ", *min_length_);
      if (max_length_) absl::StrAppend(&matcher, min_length_ ? " and" : "", " at most ",
                                       *max_length_);
      absl::StrAppend(&matcher, " code points");
      break;
    default: break;
  }
  const std::string inside =
      element_pointer_ ? absl::StrCat("'s ", element_pointer_->text()) : std::string();
  switch (elements_) {
    case FieldProto::ANY: return absl::StrCat("some element", inside, " is ", matcher);
    case FieldProto::ALL: return absl::StrCat("every element", inside, " is ", matcher);
    default: return matcher;
  }
}

std::string Condition::Explain(ResolvedFields* fields) const {
  Undecided ignored;
  const bool holds = Evaluate(fields, &ignored) == Truth::kTrue;
  switch (kind_) {
    case Kind::kAll:
      for (const auto& child : children_) {
        if (child->Evaluate(fields, &ignored) != Truth::kTrue) return child->Explain(fields);
      }
      return "all of its conditions hold";
    case Kind::kAny: {
      if (holds) return "one of its conditions holds";
      std::string text = "none of: ";
      for (size_t i = 0; i < children_.size(); ++i) {
        absl::StrAppend(&text, i == 0 ? "" : "; ", children_[i]->Explain(fields));
      }
      return text;
    }
    case Kind::kNot:
      return absl::StrCat("not (", children_.front()->Explain(fields), ")");
    default:
      break;
  }
  const std::string name = pointer_->text().empty() ? "the whole value" : pointer_->text();
  const rapidjson::Value* blocked = nullptr;
  const rapidjson::Value* value = fields->Resolve(field_number_, *pointer_, &blocked);
  if (value == nullptr && blocked != nullptr) {
    Undecided undecided;
    undecided.value = blocked;
    undecided.blocked = true;
    return DescribeUndecided(undecided);
  }
  if (kind_ == Kind::kPresent) {
    return absl::StrCat(name, value != nullptr ? " is present" : " is absent",
                        holds ? "" : (present_ ? ", and must be present"
                                               : ", and must be absent"));
  }
  if (value == nullptr) return absl::StrCat(name, " is absent");
  return absl::StrCat(name, " = ", Excerpt(*value), holds ? " is " : " is not ",
                      DescribeMatcher());
}

}  // namespace mcpguard::internal
