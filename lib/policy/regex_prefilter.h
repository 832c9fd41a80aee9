// Necessary conditions for a regex to match, checked with substring search
// before the regex runs.
//
// Design note: most policy regexes are "contains" tests in disguise
// (`.*/[.]ssh/.*`), and for a short string RE2's per-call setup costs far more
// than a substring search. RE2's own prefilter analysis (re2::FilteredRE2)
// reduces a regex to an AND/OR formula over literal "atoms" that any match
// must contain. We keep two sound consequences of that formula, found by
// querying it at compile time:
//   - required atoms: the formula fails when that atom alone is missing, so
//     (the formula being monotone) every match contains it;
//   - any-of atoms: the formula fails when no atom is present, so every match
//     contains at least one.
// A text that breaks either cannot match, and the regex is skipped. Texts that
// pass still go to RE2, so the prefilter can only save work, never decide a
// match. Atoms are lowercased, so they are searched ignoring ASCII case; to
// keep that sound the prefilter is derived only for case-sensitive patterns
// made of ASCII with no inline flags and no escapes that name non-ASCII runes
// (whose lowercase may be ASCII: KELVIN SIGN lowers to "k"). Other patterns
// get an empty prefilter that lets every text through.
#ifndef MCPGUARD_POLICY_REGEX_PREFILTER_H_
#define MCPGUARD_POLICY_REGEX_PREFILTER_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "re2/re2.h"

namespace mcpguard::internal {

// Immutable. Thread-safe.
class RegexPrefilter {
 public:
  // Atoms longer than this are cut to their first kMaxAtomBytes bytes (a
  // prefix of a required substring is still required), bounding the search.
  static constexpr size_t kMaxAtomBytes = 16;

  // Derives the prefilter for `pattern` compiled with `options`. Never fails:
  // a pattern it cannot analyze safely gets a prefilter that passes all.
  static RegexPrefilter Derive(absl::string_view pattern, const RE2::Options& options);

  // False only when no text like `text` can contain a match.
  bool MayMatch(absl::string_view text) const;

  // Whether MayMatch can ever return false.
  bool filters() const { return !required_.empty() || !any_of_.empty(); }

  // ASCII-lowercased atoms, for tests and explanations.
  const std::vector<std::string>& required() const { return required_; }
  const std::vector<std::string>& any_of() const { return any_of_; }

 private:
  std::vector<std::string> required_;  // Each must occur.
  std::vector<std::string> any_of_;    // When set, one of them must occur.
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_REGEX_PREFILTER_H_
