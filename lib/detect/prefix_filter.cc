#include "detect/prefix_filter.h"

#include <algorithm>
#include <cstddef>

#include <cstring>

#if defined(__SSSE3__)
#include <immintrin.h>
#endif

namespace mcpguard::internal {
namespace {

constexpr int kBuckets = 8;

unsigned char Lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }

unsigned char OtherCase(unsigned char c) {
  if (c >= 'a' && c <= 'z') return c - ('a' - 'A');
  if (c >= 'A' && c <= 'Z') return c + ('a' - 'A');
  return c;
}

}  // namespace

PrefixFilter::PrefixFilter(const std::vector<Prefix>& prefixes, SimdLevel level)
    : level_(SupportedSimdLevel(level)) {
  // Buckets of about equal size, a first byte (either case) never split.
  std::vector<Prefix> sorted = prefixes;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Prefix& a, const Prefix& b) {
    return Lower(a.bytes[0]) < Lower(b.bytes[0]);
  });
  const size_t per_bucket = (sorted.size() + kBuckets - 1) / kBuckets;
  int bucket = 0;
  size_t in_bucket = 0;
  for (size_t i = 0; i < sorted.size(); ++i) {
    const Prefix& prefix = sorted[i];
    if (in_bucket >= per_bucket && bucket + 1 < kBuckets &&
        Lower(prefix.bytes[0]) != Lower(sorted[i - 1].bytes[0])) {
      ++bucket;
      in_bucket = 0;
    }
    ++in_bucket;
    const uint8_t bit = static_cast<uint8_t>(1u << bucket);
    for (int j = 0; j < 3; ++j) {
      const unsigned char c = prefix.bytes[j];
      for (unsigned char b : {c, prefix.ignore_case ? OtherCase(c) : c}) {
        lo_[j][b & 15] |= bit;
        hi_[j][b >> 4] |= bit;
      }
    }
  }
  for (int j = 0; j < 3; ++j) {
    for (int lane = 1; lane < 4; ++lane) {
      std::memcpy(lo_[j] + 16 * lane, lo_[j], 16);
      std::memcpy(hi_[j] + 16 * lane, hi_[j], 16);
    }
  }
}

bool PrefixFilter::Passes(const unsigned char* p) const {
  uint8_t buckets = 0xFF;
  for (int j = 0; j < 3; ++j) buckets &= lo_[j][p[j] & 15] & hi_[j][p[j] >> 4];
  return buckets != 0;
}

uint64_t PrefixFilter::Candidates(const unsigned char* p) const {
  switch (level_) {
    case SimdLevel::kAvx512:
      return CandidatesAvx512(p);
    case SimdLevel::kAvx2:
      return CandidatesAvx2(p);
    case SimdLevel::kSsse3:
      return CandidatesSsse3(p);
    case SimdLevel::kScalar:
      break;
  }
  return CandidatesScalar(p);
}

uint64_t PrefixFilter::CandidatesScalar(const unsigned char* p) const {
  uint64_t out = 0;
  for (int i = 0; i < 64; ++i) {
    if (Passes(p + i)) out |= uint64_t{1} << i;
  }
  return out;
}

#if defined(__SSSE3__)
uint64_t PrefixFilter::CandidatesSsse3(const unsigned char* p) const {
  const __m128i nibble = _mm_set1_epi8(0x0F);
  uint64_t out = 0;
  for (int chunk = 0; chunk < 4; ++chunk) {
    __m128i buckets = _mm_set1_epi8(static_cast<char>(0xFF));
    for (int j = 0; j < 3; ++j) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * chunk + j));
      const __m128i lo = _mm_shuffle_epi8(
          _mm_load_si128(reinterpret_cast<const __m128i*>(lo_[j])), _mm_and_si128(v, nibble));
      const __m128i hi =
          _mm_shuffle_epi8(_mm_load_si128(reinterpret_cast<const __m128i*>(hi_[j])),
                           _mm_and_si128(_mm_srli_epi16(v, 4), nibble));
      buckets = _mm_and_si128(buckets, _mm_and_si128(lo, hi));
    }
    const int empty = _mm_movemask_epi8(_mm_cmpeq_epi8(buckets, _mm_setzero_si128()));
    out |= uint64_t{static_cast<uint16_t>(~empty)} << (16 * chunk);
  }
  return out;
}

__attribute__((target("avx2"))) uint64_t PrefixFilter::CandidatesAvx2(
    const unsigned char* p) const {
  const __m256i nibble = _mm256_set1_epi8(0x0F);
  uint64_t out = 0;
  for (int half = 0; half < 2; ++half) {
    __m256i buckets = _mm256_set1_epi8(static_cast<char>(0xFF));
    for (int j = 0; j < 3; ++j) {
      const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32 * half + j));
      const __m256i lo =
          _mm256_shuffle_epi8(_mm256_load_si256(reinterpret_cast<const __m256i*>(lo_[j])),
                              _mm256_and_si256(v, nibble));
      const __m256i hi =
          _mm256_shuffle_epi8(_mm256_load_si256(reinterpret_cast<const __m256i*>(hi_[j])),
                              _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble));
      buckets = _mm256_and_si256(buckets, _mm256_and_si256(lo, hi));
    }
    const int empty = _mm256_movemask_epi8(_mm256_cmpeq_epi8(buckets, _mm256_setzero_si256()));
    out |= uint64_t{static_cast<uint32_t>(~empty)} << (32 * half);
  }
  return out;
}

__attribute__((target("avx512bw"))) uint64_t PrefixFilter::CandidatesAvx512(
    const unsigned char* p) const {
  const __m512i nibble = _mm512_set1_epi8(0x0F);
  __m512i buckets = _mm512_set1_epi8(static_cast<char>(0xFF));
  for (int j = 0; j < 3; ++j) {
    const __m512i v = _mm512_loadu_si512(p + j);
    const __m512i lo = _mm512_shuffle_epi8(_mm512_load_si512(lo_[j]), _mm512_and_si512(v, nibble));
    const __m512i hi = _mm512_shuffle_epi8(_mm512_load_si512(hi_[j]),
                                           _mm512_and_si512(_mm512_srli_epi16(v, 4), nibble));
    buckets = _mm512_and_si512(buckets, _mm512_and_si512(lo, hi));
  }
  return _mm512_test_epi8_mask(buckets, buckets);
}
#else
// Never chosen: SupportedSimdLevel gives kScalar without SSSE3.
uint64_t PrefixFilter::CandidatesSsse3(const unsigned char* p) const {
  return CandidatesScalar(p);
}
uint64_t PrefixFilter::CandidatesAvx2(const unsigned char* p) const {
  return CandidatesScalar(p);
}
uint64_t PrefixFilter::CandidatesAvx512(const unsigned char* p) const {
  return CandidatesScalar(p);
}
#endif

}  // namespace mcpguard::internal
