// Glob patterns for method, tool and server names and for string matchers.
//
// Syntax: `*` matches any run of characters (including none and including
// '/'), `?` matches exactly one byte, `\` makes the next character literal.
// Nothing else is special. Matching is linear-time in practice: the pattern
// is split at `*` into literal segments matched greedily left to right, which
// is correct for this syntax and needs no backtracking beyond the last `*`.
#ifndef MCPGUARD_POLICY_GLOB_H_
#define MCPGUARD_POLICY_GLOB_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace mcpguard::internal {

// An immutable compiled glob. Thread-safe.
class Glob {
 public:
  // InvalidArgument for an empty pattern or a trailing unpaired `\`.
  // `ignore_case` folds ASCII letters on both sides.
  static absl::StatusOr<Glob> Compile(absl::string_view pattern, bool ignore_case = false);

  bool Matches(absl::string_view text) const;

  // True when the pattern has no wildcard: it matches exactly literal().
  bool is_literal() const { return !has_wildcard_; }
  // The unescaped text when is_literal().
  const std::string& literal() const { return segments_.front().text; }
  const std::string& pattern() const { return pattern_; }

 private:
  // A run of literal bytes and `?` (kept as a flag per byte).
  struct Segment {
    std::string text;
    std::vector<bool> any;  // any[i]: text[i] came from `?`. Empty if none.
  };
  bool SegmentAt(const Segment& s, absl::string_view text, size_t pos) const;

  std::string pattern_;
  bool ignore_case_ = false;
  bool has_wildcard_ = false;   // Any `*` or `?`.
  bool leading_star_ = false;   // Pattern starts with `*`.
  bool trailing_star_ = false;  // Pattern ends with `*`.
  // Segments between stars. A pattern without stars has exactly one.
  std::vector<Segment> segments_;
};

// True when `text` contains an unescaped glob wildcard.
bool HasGlobWildcard(absl::string_view text);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_GLOB_H_
