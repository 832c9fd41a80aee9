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

#if defined(__SSSE3__)
#include <tmmintrin.h>
#endif

namespace mcpguard::internal {

// Largest RE2 program (RE2::ProgramSize()) a schema regex may compile to, and
// the memory RE2 may use for one. Bounds what a hostile schema costs.
inline constexpr int kMaxSchemaRegexProgramSize = 5000;
inline constexpr int64_t kMaxSchemaRegexMemory = 8 << 20;
// All the regexes of one schema document together: each costs its program
// and, as it matches, a DFA cache of its own, and a hostile server can list
// thousands of them (a review kept 400 MB with one 300 KB tools/list).
inline constexpr int kMaxSchemaRegexTotalProgramSize = 50000;

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
      p = SkipRun(atom, p, stop);
      if (static_cast<size_t>(p - start) < atom.min) return false;
    }
    return p == end;
  }

 private:
  struct Atom {
    bool in[256] = {};  // Only ASCII entries are ever set.
    // The same set for the 16-bytes-at-a-time scan: bit h of entry l is set
    // when the character 16 * h + l is in the set (h < 8: ASCII only).
    uint8_t by_low_nibble[16] = {};
    uint32_t min = 1;
    uint32_t max = 1;
    void Add(unsigned char c) {
      in[c] = true;
      if (c < 0x80) by_low_nibble[c & 0x0F] |= static_cast<uint8_t>(1u << (c >> 4));
    }
  };

  // The first byte in [p, stop) that is not in the atom's set, or stop.
  static const unsigned char* SkipRun(const Atom& atom, const unsigned char* p,
                                      const unsigned char* stop) {
#if defined(__SSSE3__)
    if (stop - p >= 16) {
      // Two table lookups per byte (Hyperscan's "shufti"): the byte's low
      // nibble selects the high nibbles allowed with it, its high nibble
      // selects one bit (none for bytes >= 0x80).
      const __m128i by_low = _mm_loadu_si128(reinterpret_cast<const __m128i*>(atom.by_low_nibble));
      const __m128i high_bit = _mm_setr_epi8(1, 2, 4, 8, 16, 32, 64, -128, 0, 0, 0, 0, 0, 0, 0, 0);
      const __m128i nibble = _mm_set1_epi8(0x0F);
      do {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i allowed = _mm_shuffle_epi8(by_low, _mm_and_si128(bytes, nibble));
        const __m128i bit =
            _mm_shuffle_epi8(high_bit, _mm_and_si128(_mm_srli_epi16(bytes, 4), nibble));
        const int outside = _mm_movemask_epi8(
            _mm_cmpeq_epi8(_mm_and_si128(allowed, bit), _mm_setzero_si128()));
        if (outside != 0) return p + __builtin_ctz(static_cast<unsigned>(outside));
        p += 16;
      } while (stop - p >= 16);
    }
#endif
    while (p < stop && atom.in[*p]) ++p;
    return p;
  }

  std::vector<Atom> atoms_;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_SCHEMA_SCHEMA_REGEX_H_
