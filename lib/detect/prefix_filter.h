// A vector filter on the places where a word-start literal of the gated
// scan (gated_scan.h) may begin: bit i of a 64-byte block is set when bytes
// i, i+1 and i+2 may be the first three bytes of one of the literals'
// prefixes. The gated scan looks up only the word starts the filter lets
// through, instead of every word start (one every five bytes of prose).
//
// Design note: this is the "Teddy" idea (Hyperscan's literal matcher): the
// prefixes are split into eight buckets, and per position of the prefix a
// pair of 16-entry tables holds, for each low and high nibble of a byte, the
// buckets whose prefixes may have a byte with that nibble there. A byte b is
// in bucket k at position j when bit k is set in both lo[j][b & 15] and
// hi[j][b >> 4]; three byte positions, each read by two PSHUFB, AND
// together. Buckets group prefixes by their first byte, so that a bucket's
// tables for the second and third bytes hold only the letters that follow
// those first bytes. The filter is a superset: it never clears the bit of a
// prefix it was given (the product of nibble sets holds every byte it was
// built from), and may set bits for others, which the lookup behind it
// turns down.
#ifndef MCPGUARD_DETECT_PREFIX_FILTER_H_
#define MCPGUARD_DETECT_PREFIX_FILTER_H_

#include <array>
#include <cstdint>
#include <vector>

#include "base/simd_level.h"

namespace mcpguard::internal {

class PrefixFilter {
 public:
  // The three bytes a literal's prefix starts with; `ignore_case` adds the
  // other case of ASCII letters.
  struct Prefix {
    std::array<unsigned char, 3> bytes;
    bool ignore_case = false;
  };

  // Accepts no position until built.
  PrefixFilter() = default;
  // Filters with the best instructions the CPU has, or at most `level`.
  explicit PrefixFilter(const std::vector<Prefix>& prefixes,
                        SimdLevel level = SimdLevel::kAvx512);

  // The candidates among the 64 positions at `p`. Reads p[0] to p[65].
  uint64_t Candidates(const unsigned char* p) const;

  SimdLevel level() const { return level_; }

  // Whether the three bytes at `p` pass, by the same tables one byte at a
  // time (for tests, and where there is no SSSE3).
  bool Passes(const unsigned char* p) const;

 private:
  uint64_t CandidatesScalar(const unsigned char* p) const;
  uint64_t CandidatesSsse3(const unsigned char* p) const;
  uint64_t CandidatesAvx2(const unsigned char* p) const;
  uint64_t CandidatesAvx512(const unsigned char* p) const;

  SimdLevel level_ = SimdLevel::kScalar;
  // [position][nibble]: bucket bits; each row four times over, for the
  // 16-byte lanes of AVX2 and AVX-512.
  alignas(64) uint8_t lo_[3][64] = {};
  alignas(64) uint8_t hi_[3][64] = {};
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_DETECT_PREFIX_FILTER_H_
