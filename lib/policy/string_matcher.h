// A compiled mcpguard.v1.StringMatcher.
#ifndef MCPGUARD_POLICY_STRING_MATCHER_H_
#define MCPGUARD_POLICY_STRING_MATCHER_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "mcpguard/v1/policy.pb.h"
#include "policy/glob.h"
#include "policy/literal_alternation.h"
#include "policy/regex_prefilter.h"
#include "re2/re2.h"

namespace mcpguard::internal {

// Largest RE2 program a policy regex may compile to (RE2::ProgramSize()).
// Keeps a policy from spending memory and DFA time on a giant automaton.
inline constexpr int kMaxRegexProgramSize = 5000;

// Immutable. Thread-safe (RE2 is).
class StringMatcher {
 public:
  // InvalidArgument for an unset pattern, an empty pattern, a bad glob, or a
  // regex RE2 rejects or that exceeds kMaxRegexProgramSize.
  static absl::StatusOr<std::unique_ptr<StringMatcher>> Compile(
      const mcpguard::v1::StringMatcher& proto);

  bool Matches(absl::string_view text) const;

  // Human-readable form for explanations, e.g. `prefix "/srv/"`.
  std::string Describe() const;

 private:
  using Kind = mcpguard::v1::StringMatcher::PatternCase;
  StringMatcher() = default;

  Kind kind_ = Kind::PATTERN_NOT_SET;
  bool ignore_case_ = false;
  std::string text_;  // Lowercased when ignore_case_.
  std::optional<Glob> glob_;
  std::unique_ptr<RE2> regex_;
  RegexPrefilter prefilter_;  // Skips regex_ for texts that cannot match.
  // Set when the regex is literal alternatives: decided without regex_.
  std::optional<LiteralAlternation> literals_;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_STRING_MATCHER_H_
