// Compiles "pattern" and "patternProperties" regular expressions with RE2,
// under the same limits as the policy layer's regexes.
#ifndef MCPGUARD_SCHEMA_SCHEMA_REGEX_H_
#define MCPGUARD_SCHEMA_SCHEMA_REGEX_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "re2/re2.h"

namespace mcpguard::internal {

// Largest RE2 program (RE2::ProgramSize()) a schema regex may compile to, and
// the memory RE2 may use for one. Bounds what a hostile schema costs.
inline constexpr int kMaxSchemaRegexProgramSize = 5000;
inline constexpr int64_t kMaxSchemaRegexMemory = 8 << 20;

// The compiled regex, unanchored (JSON Schema patterns search, they do not
// match the whole string). Errors, with `pointer` (the keyword's schema
// pointer) as prefix:
//  - kUnimplemented for ECMA-262 syntax RE2 cannot express: lookaround,
//    backreferences, unknown escapes or Unicode classes;
//  - kInvalidArgument for a malformed pattern or one over the size limit.
absl::StatusOr<std::unique_ptr<const RE2>> CompileSchemaRegex(absl::string_view pattern,
                                                               absl::string_view pointer);

// Unanchored search; never allocates.
bool RegexSearch(const RE2& regex, absl::string_view text);

// A pattern simple enough to match without RE2, with the same result:
// "^" atoms "$", where an atom is a set of ASCII characters (a literal, \d,
// \w, an escaped punctuation character, or a [...] class of those and
// ranges) with an optional greedy ?, *, +, {n}, {n,} or {n,m}, and where an
// atom of variable count shares no character with any atom after it (so
// greedy matching never needs to backtrack). Such patterns ("^[a-z][a-z0-9_-]
// {0,31}$", "^[0-9a-f]{64}$") are common in tool schemas. Since every atom
// matches one ASCII byte, bytes and code points count alike.
class SimplePattern {
 public:
  // The pattern, or nullopt when it is not of that form (then use RE2).
  static std::optional<SimplePattern> Parse(absl::string_view pattern);

  // Same result as RegexSearch with the RE2 compiled from the pattern.
  bool Matches(absl::string_view text) const {
    const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
    const unsigned char* const end = p + text.size();
    for (const Atom& atom : atoms_) {
      const size_t left = static_cast<size_t>(end - p);
      const unsigned char* const stop = p + (left < atom.max ? left : atom.max);
      const unsigned char* const start = p;
      while (p < stop && atom.in[*p]) ++p;
      if (static_cast<size_t>(p - start) < atom.min) return false;
    }
    return p == end;
  }

 private:
  struct Atom {
    bool in[256] = {};  // Only ASCII entries are ever set.
    uint32_t min = 1;
    uint32_t max = 1;
    void Add(unsigned char c) { in[c] = true; }
  };
  std::vector<Atom> atoms_;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_SCHEMA_SCHEMA_REGEX_H_
