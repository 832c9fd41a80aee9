#include "detect/prefix_filter.h"

#include <algorithm>
#include <cstddef>

#include "absl/strings/ascii.h"
#include "detect/nibble_tables.h"

namespace mcpguard::internal {
namespace {

constexpr int kBuckets = 8;

unsigned char OtherCase(unsigned char c) {
  return absl::ascii_islower(c) ? absl::ascii_toupper(c) : absl::ascii_tolower(c);
}

}  // namespace

PrefixFilter::PrefixFilter(const std::vector<Prefix>& prefixes, SimdLevel level)
    : level_(SupportedSimdLevel(level)) {
  // Buckets of about equal size, a first byte (either case) never split.
  std::vector<Prefix> sorted = prefixes;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Prefix& a, const Prefix& b) {
    return absl::ascii_tolower(a.bytes[0]) < absl::ascii_tolower(b.bytes[0]);
  });
  const size_t per_bucket = (sorted.size() + kBuckets - 1) / kBuckets;
  int bucket = 0;
  size_t in_bucket = 0;
  for (size_t i = 0; i < sorted.size(); ++i) {
    const Prefix& prefix = sorted[i];
    if (in_bucket >= per_bucket && bucket + 1 < kBuckets &&
        absl::ascii_tolower(prefix.bytes[0]) != absl::ascii_tolower(sorted[i - 1].bytes[0])) {
      ++bucket;
      in_bucket = 0;
    }
    ++in_bucket;
    const uint8_t bit = static_cast<uint8_t>(1u << bucket);
    for (int j = 0; j < 3; ++j) {
      const unsigned char c = prefix.bytes[j];
      for (unsigned char b : {c, prefix.ignore_case ? OtherCase(c) : c}) {
        AddToBuckets(lo_[j], hi_[j], b, bit);
      }
    }
  }
  for (int j = 0; j < 3; ++j) {
    ReplicateLanes(lo_[j]);
    ReplicateLanes(hi_[j]);
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
// Each: the AND over the prefix's three bytes of their buckets, read from
// p + j for byte j; a position passes when some bucket is left.
uint64_t PrefixFilter::CandidatesSsse3(const unsigned char* p) const {
  uint64_t out = 0;
  for (int chunk = 0; chunk < 4; ++chunk) {
    __m128i buckets = _mm_set1_epi8(static_cast<char>(0xFF));
    for (int j = 0; j < 3; ++j) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * chunk + j));
      buckets = _mm_and_si128(buckets, Buckets16(v, lo_[j], hi_[j]));
    }
    out |= NonZero16(buckets) << (16 * chunk);
  }
  return out;
}

__attribute__((target("avx2"))) uint64_t PrefixFilter::CandidatesAvx2(
    const unsigned char* p) const {
  uint64_t out = 0;
  for (int half = 0; half < 2; ++half) {
    __m256i buckets = _mm256_set1_epi8(static_cast<char>(0xFF));
    for (int j = 0; j < 3; ++j) {
      const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32 * half + j));
      buckets = _mm256_and_si256(buckets, Buckets32(v, lo_[j], hi_[j]));
    }
    out |= NonZero32(buckets) << (32 * half);
  }
  return out;
}

__attribute__((target("avx512bw"))) uint64_t PrefixFilter::CandidatesAvx512(
    const unsigned char* p) const {
  __m512i buckets = _mm512_set1_epi8(static_cast<char>(0xFF));
  for (int j = 0; j < 3; ++j) {
    buckets = _mm512_and_si512(buckets, Buckets64(_mm512_loadu_si512(p + j), lo_[j], hi_[j]));
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
