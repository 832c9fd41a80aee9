#include "policy/contradiction.h"

#include <algorithm>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/util/message_differencer.h"

namespace mcpguard::internal {
namespace {

namespace pb = ::mcpguard::v1;
using google::protobuf::util::MessageDifferencer;

std::string Join(const std::string& path, const std::string& member) {
  return path.empty() ? member : absl::StrCat(path, ".", member);
}

struct FieldAt {
  std::string path;  // Relative path of the FieldMatcher ("all.conditions[0].field").
  const pb::FieldMatcher* field;
};

// The field matchers that must all hold for `condition` to be true. The
// compiler has bounded the nesting, so the recursion is shallow.
void CollectConjuncts(const pb::Condition& condition, const std::string& path,
                      std::vector<FieldAt>* out) {
  if (condition.has_all()) {
    const auto& list = condition.all().conditions();
    for (int i = 0; i < list.size(); ++i) {
      CollectConjuncts(list[i], Join(path, absl::StrCat("all.conditions[", i, "]")), out);
    }
  } else if (condition.has_field()) {
    out->push_back({Join(path, "field"), &condition.field()});
  }
}

// One end of a number range; `set` false: unbounded.
struct Bound {
  bool set = false;
  double value = 0;
  bool exclusive = false;
};

// The tighter of two lower (`lower`) or upper bounds.
Bound Tighter(const Bound& a, const Bound& b, bool lower) {
  if (!a.set) return b;
  if (!b.set) return a;
  if (a.value == b.value) return {true, a.value, a.exclusive || b.exclusive};
  return (a.value > b.value) == lower ? a : b;
}

std::string DescribeRange(const pb::NumberRange& range) {
  return absl::StrFormat(
      "%s%s, %s%s", range.has_min() && !range.exclusive_min() ? "[" : "(",
      range.has_min() ? absl::StrFormat("%g", range.min()) : "-inf",
      range.has_max() ? absl::StrFormat("%g", range.max()) : "+inf",
      range.has_max() && !range.exclusive_max() ? "]" : ")");
}

std::string DescribeLength(const pb::LengthRange& range) {
  return absl::StrCat("[", range.has_min() ? absl::StrCat(range.min()) : "0", ", ",
                      range.has_max() ? absl::StrCat(range.max()) : "+inf", "]");
}

bool NumberRangesDisjoint(const pb::NumberRange& a, const pb::NumberRange& b) {
  const Bound lo = Tighter({a.has_min(), a.min(), a.exclusive_min()},
                           {b.has_min(), b.min(), b.exclusive_min()}, /*lower=*/true);
  const Bound hi = Tighter({a.has_max(), a.max(), a.exclusive_max()},
                           {b.has_max(), b.max(), b.exclusive_max()}, /*lower=*/false);
  if (!lo.set || !hi.set) return false;
  return lo.value > hi.value || (lo.value == hi.value && (lo.exclusive || hi.exclusive));
}

bool LengthRangesDisjoint(const pb::LengthRange& a, const pb::LengthRange& b) {
  if (!(a.has_min() || b.has_min()) || !(a.has_max() || b.has_max())) return false;
  const uint32_t lo = std::max(a.has_min() ? a.min() : 0u, b.has_min() ? b.min() : 0u);
  uint32_t hi = UINT32_MAX;
  if (a.has_max()) hi = std::min(hi, a.max());
  if (b.has_max()) hi = std::min(hi, b.max());
  return lo > hi;
}

// Two exact string matchers no string satisfies together. Mixed case
// folding is left alone.
bool ExactStringsDiffer(const pb::StringMatcher& a, const pb::StringMatcher& b) {
  if (!a.has_exact() || !b.has_exact() || a.ignore_case() != b.ignore_case()) return false;
  return a.ignore_case() ? !absl::EqualsIgnoreCase(a.exact(), b.exact()) : a.exact() != b.exact();
}

// A contradiction between two matchers on the same pointer, `first` before
// `second`.
std::optional<Contradiction> Between(const FieldAt& first, const FieldAt& second) {
  const pb::FieldMatcher& a = *first.field;
  const pb::FieldMatcher& b = *second.field;
  const std::string& pointer = a.pointer();
  Contradiction c;
  c.field = second.path;
  c.pointer = pointer;
  const bool a_present = a.match_case() == pb::FieldMatcher::kPresent;
  const bool b_present = b.match_case() == pb::FieldMatcher::kPresent;
  if (a_present && b_present) {
    if (a.present() == b.present()) return std::nullopt;
    c.message = absl::StrCat(pointer, " must be ", a.present() ? "present" : "absent", " (",
                             first.path, ") and ", b.present() ? "present" : "absent", " (",
                             second.path, ")");
    return c;
  }
  if (a_present != b_present) {
    // A missing field makes every other matcher false, whatever `elements`.
    const FieldAt& absent = a_present ? first : second;
    const FieldAt& other = a_present ? second : first;
    if (absent.field->present()) return std::nullopt;
    c.message = absl::StrCat(pointer, " must be absent (", absent.path, ") and match ",
                             other.path, ", which is false for a missing field");
    return c;
  }
  // Both read the value itself; with `elements` different elements could
  // satisfy each.
  if (a.elements() != pb::FieldMatcher::VALUE || b.elements() != pb::FieldMatcher::VALUE) {
    return std::nullopt;
  }
  c.only_for_expected_type = true;
  if (a.has_number() && b.has_number() && NumberRangesDisjoint(a.number(), b.number())) {
    c.message = absl::StrCat(pointer, " must be a number in ", DescribeRange(a.number()), " (",
                             first.path, ") and in ", DescribeRange(b.number()), " (",
                             second.path, ")");
    return c;
  }
  if (a.has_length() && b.has_length() && LengthRangesDisjoint(a.length(), b.length())) {
    c.message = absl::StrCat(pointer, " must be a string of length ", DescribeLength(a.length()),
                             " (", first.path, ") and ", DescribeLength(b.length()), " (",
                             second.path, ")");
    return c;
  }
  if (a.has_string() && b.has_string() && ExactStringsDiffer(a.string(), b.string())) {
    c.message = absl::StrCat(pointer, " must equal \"", absl::CEscape(a.string().exact()), "\" (",
                             first.path, ") and \"", absl::CEscape(b.string().exact()), "\" (",
                             second.path, ")");
    return c;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Contradiction> FindConditionContradiction(const pb::Condition& condition) {
  std::vector<FieldAt> conjuncts;
  CollectConjuncts(condition, "", &conjuncts);
  // Policies hold a handful of conjuncts per rule: pairs are cheap.
  for (size_t j = 1; j < conjuncts.size(); ++j) {
    for (size_t i = 0; i < j; ++i) {
      if (conjuncts[i].field->pointer() != conjuncts[j].field->pointer()) continue;
      if (std::optional<Contradiction> c = Between(conjuncts[i], conjuncts[j])) return c;
    }
  }
  return std::nullopt;
}

namespace {

std::optional<Contradiction> PrincipalAt(const pb::PrincipalMatcher& matcher,
                                         const std::string& path) {
  switch (matcher.kind_case()) {
    case pb::PrincipalMatcher::kAll: {
      const auto& list = matcher.all().matchers();
      for (int i = 0; i < list.size(); ++i) {
        std::optional<Contradiction> c =
            PrincipalAt(list[i], Join(path, absl::StrCat("all.matchers[", i, "]")));
        if (c) return c;
      }
      for (int j = 0; j < list.size(); ++j) {
        if (!list[j].has_not_()) continue;
        for (int i = 0; i < list.size(); ++i) {
          if (i == j || !MessageDifferencer::Equals(list[i], list[j].not_())) continue;
          Contradiction c;
          c.field = Join(path, absl::StrCat("all.matchers[", j, "]"));
          c.message = absl::StrCat("`all` holds a matcher (all.matchers[", i,
                                   "]) and its negation (all.matchers[", j, "])");
          return c;
        }
      }
      return std::nullopt;
    }
    case pb::PrincipalMatcher::kAny: {
      const auto& list = matcher.any().matchers();
      for (int i = 0; i < list.size(); ++i) {
        if (!PrincipalAt(list[i], Join(path, absl::StrCat("any.matchers[", i, "]")))) {
          return std::nullopt;
        }
      }
      Contradiction c;
      c.field = path;
      c.message = "no matcher of `any` can match anyone";
      return c;
    }
    case pb::PrincipalMatcher::kNot:
      if (matcher.not_().has_anyone()) {
        Contradiction c;
        c.field = path;
        c.message = "`not { anyone: true }` matches nobody";
        return c;
      }
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

}  // namespace

std::optional<Contradiction> FindPrincipalContradiction(const pb::PrincipalMatcher& principal) {
  return PrincipalAt(principal, "");
}

}  // namespace mcpguard::internal
