// A policy regex that is nothing but literal alternatives, such as
// "utf-8|ascii|latin-1", decided by comparing strings instead of running RE2.
//
// Design note: enumerations written as regexes are common in policies, and
// for a short value RE2's per-call work (and the hundreds of instructions of
// its matcher that a check then pulls into the instruction cache) costs far
// more than a few string compares. The fast path only takes patterns whose
// every byte is plain printable ASCII with no regex meaning, so that a full
// match is exactly equality with one alternative. With ignore_case, RE2
// folds case by Unicode rules (KELVIN SIGN matches "k"); a text with any
// non-ASCII byte is therefore left to RE2, and an ASCII text compared
// ignoring ASCII case, which is what those rules come to for ASCII.
#ifndef MCPGUARD_POLICY_LITERAL_ALTERNATION_H_
#define MCPGUARD_POLICY_LITERAL_ALTERNATION_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace mcpguard::internal {

// Immutable. Thread-safe.
class LiteralAlternation {
 public:
  // The alternatives of `pattern`, or nothing when the pattern holds any
  // byte that is not plain literal text or '|'.
  static std::optional<LiteralAlternation> Parse(absl::string_view pattern, bool ignore_case);

  enum class Answer { kMatch, kNoMatch, kAskRe2 };
  // What RE2::FullMatch of the pattern says of `text`, or kAskRe2 when the
  // fast path cannot tell (ignore_case and a non-ASCII byte).
  Answer FullMatch(absl::string_view text) const;

 private:
  bool ignore_case_ = false;
  std::vector<std::string> alternatives_;  // Lowercased with ignore_case_.
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_LITERAL_ALTERNATION_H_
