// Byte-set lookups by nibble tables ("shufti", from Hyperscan), shared by the
// block classifier and the prefix filter. A table pair is two 64-byte
// tables (the same 16 bytes in each 16-byte lane, for AVX2 and AVX-512): a
// byte b is in bucket k when bit k is set in both lo[b & 15] and hi[b >> 4],
// so each bucket holds a product of low-nibble and high-nibble sets (a
// superset of the bytes added to it, exact when they form such a product).
// The lookups read 16, 32 or 64 bytes with two PSHUFB; the wider ones are
// compiled for their instruction set and called only where the CPU has it
// (base/simd_level.h).
#ifndef MCPGUARD_DETECT_NIBBLE_TABLES_H_
#define MCPGUARD_DETECT_NIBBLE_TABLES_H_

#include <cstdint>
#include <cstring>

#if defined(__SSSE3__)
#include <immintrin.h>
#endif

namespace mcpguard::internal {

// Puts byte `b` in the buckets `bits` of the pair (lo, hi).
inline void AddToBuckets(uint8_t* lo, uint8_t* hi, unsigned char b, uint8_t bits) {
  lo[b & 15] |= bits;
  hi[b >> 4] |= bits;
}

// Copies a table's first 16 bytes to the other three lanes of its 64.
inline void ReplicateLanes(uint8_t* table) {
  for (int lane = 1; lane < 4; ++lane) std::memcpy(table + 16 * lane, table, 16);
}

#if defined(__SSSE3__)
// The buckets of each byte of `v` in the pair (lo, hi); the tables aligned
// to their width.
inline __m128i Buckets16(__m128i v, const uint8_t* lo, const uint8_t* hi) {
  const __m128i nibble = _mm_set1_epi8(0x0F);
  return _mm_and_si128(
      _mm_shuffle_epi8(_mm_load_si128(reinterpret_cast<const __m128i*>(lo)),
                       _mm_and_si128(v, nibble)),
      _mm_shuffle_epi8(_mm_load_si128(reinterpret_cast<const __m128i*>(hi)),
                       _mm_and_si128(_mm_srli_epi16(v, 4), nibble)));
}

__attribute__((target("avx2"))) inline __m256i Buckets32(__m256i v, const uint8_t* lo,
                                                         const uint8_t* hi) {
  const __m256i nibble = _mm256_set1_epi8(0x0F);
  return _mm256_and_si256(
      _mm256_shuffle_epi8(_mm256_load_si256(reinterpret_cast<const __m256i*>(lo)),
                          _mm256_and_si256(v, nibble)),
      _mm256_shuffle_epi8(_mm256_load_si256(reinterpret_cast<const __m256i*>(hi)),
                          _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble)));
}

__attribute__((target("avx512bw"))) inline __m512i Buckets64(__m512i v, const uint8_t* lo,
                                                             const uint8_t* hi) {
  const __m512i nibble = _mm512_set1_epi8(0x0F);
  return _mm512_and_si512(
      _mm512_shuffle_epi8(_mm512_load_si512(lo), _mm512_and_si512(v, nibble)),
      _mm512_shuffle_epi8(_mm512_load_si512(hi),
                          _mm512_and_si512(_mm512_srli_epi16(v, 4), nibble)));
}

// Bit i set when byte i of `v` is not zero.
inline uint64_t NonZero16(__m128i v) {
  return static_cast<uint16_t>(~_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128())));
}

__attribute__((target("avx2"))) inline uint64_t NonZero32(__m256i v) {
  return static_cast<uint32_t>(~_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, _mm256_setzero_si256())));
}
#endif

}  // namespace mcpguard::internal

#endif  // MCPGUARD_DETECT_NIBBLE_TABLES_H_
