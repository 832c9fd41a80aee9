#include "policy/string_matcher.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "policy/ascii_search.h"

namespace mcpguard::internal {
namespace {

using Proto = mcpguard::v1::StringMatcher;

re2::StringPiece ToPiece(absl::string_view s) { return re2::StringPiece(s.data(), s.size()); }

}  // namespace

absl::StatusOr<std::unique_ptr<StringMatcher>> StringMatcher::Compile(const Proto& proto) {
  std::unique_ptr<StringMatcher> m(new StringMatcher());
  m->kind_ = proto.pattern_case();
  m->ignore_case_ = proto.ignore_case();
  switch (proto.pattern_case()) {
    case Proto::kExact:
      m->text_ = proto.exact();
      break;
    case Proto::kPrefix:
      m->text_ = proto.prefix();
      break;
    case Proto::kSuffix:
      m->text_ = proto.suffix();
      break;
    case Proto::kContains:
      m->text_ = proto.contains();
      break;
    case Proto::kGlob: {
      absl::StatusOr<Glob> glob = Glob::Compile(proto.glob(), proto.ignore_case());
      if (!glob.ok()) return glob.status();
      m->text_ = proto.glob();
      m->glob_ = *std::move(glob);
      return m;
    }
    case Proto::kRegex: {
      if (proto.regex().empty()) return absl::InvalidArgumentError("empty regex");
      RE2::Options options;
      options.set_log_errors(false);
      options.set_case_sensitive(!proto.ignore_case());
      // `.` matches a newline too (RE2's `s` flag): the whole value is
      // matched, so `.*X.*` must mean "contains X" whatever the value holds
      // (found by an adversarial review: one newline anywhere in a command
      // made a DENY on `.*(^|\s)-c.*` fail, and the command ran).
      options.set_dot_nl(true);
      // Policies are read once; bound the automaton memory so a hostile or
      // careless policy cannot make every check slow.
      options.set_max_mem(8 << 20);
      m->regex_ = std::make_unique<RE2>(ToPiece(proto.regex()), options);
      if (!m->regex_->ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("invalid regex \"", proto.regex(), "\": ", m->regex_->error()));
      }
      if (m->regex_->ProgramSize() > kMaxRegexProgramSize) {
        return absl::InvalidArgumentError(absl::StrFormat(
            "regex \"%s\" compiles to %d instructions; the limit is %d", proto.regex(),
            m->regex_->ProgramSize(), kMaxRegexProgramSize));
      }
      m->prefilter_ = RegexPrefilter::Derive(proto.regex(), options);
      m->literals_ = LiteralAlternation::Parse(proto.regex(), proto.ignore_case());
      m->text_ = proto.regex();
      return m;
    }
    case Proto::PATTERN_NOT_SET:
      return absl::InvalidArgumentError(
          "string matcher sets no pattern (exact, prefix, suffix, contains, glob or regex)");
  }
  if (m->text_.empty() && m->kind_ != Proto::kExact) {
    // An empty prefix/suffix/contains matches everything: almost always a
    // mistake in a security policy, and `present: true` says it plainly.
    return absl::InvalidArgumentError(
        "empty pattern matches every string; use `present: true` instead");
  }
  if (m->ignore_case_) m->text_ = absl::AsciiStrToLower(m->text_);
  return m;
}

bool StringMatcher::Matches(absl::string_view text) const {
  switch (kind_) {
    case Proto::kExact:
      return ignore_case_ ? absl::EqualsIgnoreCase(text, text_) : text == text_;
    case Proto::kPrefix:
      return ignore_case_ ? absl::StartsWithIgnoreCase(text, text_)
                          : absl::StartsWith(text, text_);
    case Proto::kSuffix:
      return ignore_case_ ? absl::EndsWithIgnoreCase(text, text_) : absl::EndsWith(text, text_);
    case Proto::kContains:
      return ignore_case_ ? ContainsIgnoringAsciiCase(text, text_) : ContainsBytes(text, text_);
    case Proto::kGlob:
      return glob_->Matches(text);
    case Proto::kRegex:
      if (literals_.has_value()) {
        const LiteralAlternation::Answer answer = literals_->FullMatch(text);
        if (answer != LiteralAlternation::Answer::kAskRe2) {
          return answer == LiteralAlternation::Answer::kMatch;
        }
      }
      return prefilter_.MayMatch(text) && RE2::FullMatch(ToPiece(text), *regex_);
    case Proto::PATTERN_NOT_SET:
      break;
  }
  return false;
}

std::string StringMatcher::Describe() const {
  const char* name = "unset";
  switch (kind_) {
    case Proto::kExact: name = "exact"; break;
    case Proto::kPrefix: name = "prefix"; break;
    case Proto::kSuffix: name = "suffix"; break;
    case Proto::kContains: name = "contains"; break;
    case Proto::kGlob: name = "glob"; break;
    case Proto::kRegex: name = "regex"; break;
    case Proto::PATTERN_NOT_SET: break;
  }
  return absl::StrFormat("%s %s%s", name, absl::StrCat("\"", absl::CEscape(text_), "\""),
                         ignore_case_ ? " (ignore case)" : "");
}

}  // namespace mcpguard::internal
