#include "policy/principal_matcher.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "policy/field_error.h"
#include "policy/scope_token.h"

namespace mcpguard::internal {
namespace {

using Proto = mcpguard::v1::PrincipalMatcher;

bool Holds(const std::vector<std::string>& values, const std::string& name) {
  return std::find(values.begin(), values.end(), name) != values.end();
}

}  // namespace

absl::StatusOr<std::unique_ptr<PrincipalMatcher>> PrincipalMatcher::Compile(const Proto& proto,
                                                                             int depth) {
  if (depth > kMaxMatcherNesting) {
    return absl::InvalidArgumentError(
        absl::StrCat("principal matchers nest deeper than ", kMaxMatcherNesting));
  }
  std::unique_ptr<PrincipalMatcher> m(new PrincipalMatcher());
  m->kind_ = proto.kind_case();
  switch (proto.kind_case()) {
    case Proto::kAnyone:
      if (!proto.anyone()) {
        return absl::InvalidArgumentError(
            "anyone: false matches nobody; omit `principal` or use `not`");
      }
      break;
    case Proto::kSubject: {
      auto subject = StringMatcher::Compile(proto.subject());
      if (!subject.ok()) return WithField("subject", subject.status());
      m->subject_ = *std::move(subject);
      break;
    }
    case Proto::kRole:
    case Proto::kScope:
      m->name_ = proto.kind_case() == Proto::kRole ? proto.role() : proto.scope();
      if (m->name_.empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat(proto.kind_case() == Proto::kRole ? "role" : "scope", " is empty"));
      }
      // A session's scopes are single tokens (SplitScopeLists): "a b" would
      // match none.
      if (proto.kind_case() == Proto::kScope && !ValidScopeToken(m->name_)) {
        return absl::InvalidArgumentError(
            "scope: an OAuth scope is one or more printable ASCII characters without space, "
            "'\"' or '\\' (RFC 6749 section 3.3); for two scopes, use `all` with one `scope` each");
      }
      break;
    case Proto::kClaim: {
      m->name_ = proto.claim().name();
      if (m->name_.empty()) return absl::InvalidArgumentError("claim.name is empty");
      if (proto.claim().has_value()) {
        auto value = StringMatcher::Compile(proto.claim().value());
        if (!value.ok()) return WithField("claim.value", value.status());
        m->subject_ = *std::move(value);
      }
      break;
    }
    case Proto::kAll:
    case Proto::kAny: {
      const char* field = proto.kind_case() == Proto::kAll ? "all" : "any";
      const auto& list = proto.kind_case() == Proto::kAll ? proto.all() : proto.any();
      if (list.matchers().empty()) {
        return absl::InvalidArgumentError(absl::StrCat(field, " has no matchers"));
      }
      for (int i = 0; i < list.matchers_size(); ++i) {
        auto child = Compile(list.matchers(i), depth + 1);
        if (!child.ok()) {
          return WithField(absl::StrCat(field, ".matchers[", i, "]"), child.status());
        }
        m->children_.push_back(*std::move(child));
      }
      break;
    }
    case Proto::kNot: {
      auto child = Compile(proto.not_(), depth + 1);
      if (!child.ok()) return WithField("not", child.status());
      m->children_.push_back(*std::move(child));
      break;
    }
    case Proto::KIND_NOT_SET:
      return absl::InvalidArgumentError(
          "principal matcher sets nothing (anyone, subject, role, scope, claim, all, any or "
          "not)");
  }
  return m;
}

bool PrincipalMatcher::Matches(const Principal& principal) const {
  switch (kind_) {
    case Kind::kAnyone:
      return true;
    case Kind::kSubject:
      return subject_->Matches(principal.subject);
    case Kind::kRole:
      return Holds(principal.roles, name_);
    case Kind::kScope:
      return Holds(principal.scopes, name_);
    case Kind::kClaim: {
      auto claim = principal.claims.find(name_);
      if (claim == principal.claims.end()) return false;
      if (subject_ == nullptr) return true;
      for (const std::string& value : claim->second) {
        if (subject_->Matches(value)) return true;
      }
      return false;
    }
    case Kind::kAll:
      for (const auto& child : children_) {
        if (!child->Matches(principal)) return false;
      }
      return true;
    case Kind::kAny:
      for (const auto& child : children_) {
        if (child->Matches(principal)) return true;
      }
      return false;
    case Kind::kNot:
      return !children_.front()->Matches(principal);
    case Kind::KIND_NOT_SET:
      break;
  }
  return false;
}

}  // namespace mcpguard::internal
