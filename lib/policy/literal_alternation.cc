#include "policy/literal_alternation.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"

namespace mcpguard::internal {
namespace {

// Printable ASCII that RE2 reads as itself everywhere in a pattern: not a
// metacharacter, not the start of an escape, class, group, repetition or
// anchor. ('}' and ']' alone are literal to RE2, but are left out rather
// than relied on.)
bool IsPlainLiteral(char c) {
  if (c < 0x20 || c > 0x7E) return false;
  switch (c) {
    case '\\': case '^': case '$': case '.': case '|': case '?': case '*': case '+':
    case '(': case ')': case '[': case ']': case '{': case '}':
      return false;
    default:
      return true;
  }
}

}  // namespace

std::optional<LiteralAlternation> LiteralAlternation::Parse(absl::string_view pattern,
                                                            bool ignore_case) {
  LiteralAlternation result;
  result.ignore_case_ = ignore_case;
  for (absl::string_view alternative : absl::StrSplit(pattern, '|')) {
    for (char c : alternative) {
      if (!IsPlainLiteral(c)) return std::nullopt;
    }
    result.alternatives_.emplace_back(ignore_case ? absl::AsciiStrToLower(alternative)
                                                  : std::string(alternative));
  }
  return result;
}

LiteralAlternation::Answer LiteralAlternation::FullMatch(absl::string_view text) const {
  if (ignore_case_) {
    for (char c : text) {
      if (static_cast<unsigned char>(c) >= 0x80) return Answer::kAskRe2;
    }
  }
  for (const std::string& alternative : alternatives_) {
    if (ignore_case_ ? absl::EqualsIgnoreCase(text, alternative) : text == alternative) {
      return Answer::kMatch;
    }
  }
  return Answer::kNoMatch;
}

}  // namespace mcpguard::internal
