#include "json/text_check.h"

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "absl/base/attributes.h"
#include "absl/base/optimization.h"
#include "base/simd_level.h"

#if defined(__SSE2__)
#include <immintrin.h>
#endif

namespace mcpguard::internal {
namespace {

// Flagged bytes: below 0x20, above 0x7F, or the backslash. JSON is mostly
// printable ASCII, so most 64-byte blocks have none and cost one mask.
bool IsFlagged(unsigned char c) { return c < 0x20 || c >= 0x80 || c == '\\'; }

// Each Flagged* returns, for the 64 bytes at `p`, bit k set when byte k is
// flagged. As signed bytes, those above 0x7F are negative, so one signed
// "less than 0x20" takes both them and the control bytes.
uint64_t FlaggedScalar(const unsigned char* p) {
  uint64_t mask = 0;
  for (int k = 0; k < 64; ++k) mask |= uint64_t{IsFlagged(p[k])} << k;
  return mask;
}

#if defined(__SSE2__)
// SSE2 is all this test needs; it serves the kSsse3 level.
uint64_t FlaggedSse2(const unsigned char* p) {
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i backslash = _mm_set1_epi8('\\');
  uint64_t mask = 0;
  for (int k = 0; k < 4; ++k) {
    const __m128i s = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    const __m128i flagged = _mm_or_si128(_mm_cmplt_epi8(s, space), _mm_cmpeq_epi8(s, backslash));
    mask |= uint64_t{static_cast<uint32_t>(_mm_movemask_epi8(flagged))} << (16 * k);
  }
  return mask;
}

__attribute__((target("avx2"))) uint64_t FlaggedAvx2(const unsigned char* p) {
  const __m256i space = _mm256_set1_epi8(0x20);
  const __m256i backslash = _mm256_set1_epi8('\\');
  uint64_t mask = 0;
  for (int k = 0; k < 2; ++k) {
    const __m256i s = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32 * k));
    const __m256i flagged =
        _mm256_or_si256(_mm256_cmpgt_epi8(space, s), _mm256_cmpeq_epi8(s, backslash));
    mask |= uint64_t{static_cast<uint32_t>(_mm256_movemask_epi8(flagged))} << (32 * k);
  }
  return mask;
}

__attribute__((target("avx512bw"))) inline uint64_t Flagged512(__m512i s) {
  return _mm512_cmplt_epi8_mask(s, _mm512_set1_epi8(0x20)) |
         _mm512_cmpeq_epi8_mask(s, _mm512_set1_epi8('\\'));
}

__attribute__((target("avx512bw"))) uint64_t FlaggedAvx512(const unsigned char* p) {
  return Flagged512(_mm512_loadu_si512(p));
}

// The first `n` < 64 bytes at `p` by a masked load, which reads (and may
// fault on) none of the others; they load as zero and are masked off.
__attribute__((target("avx512bw"))) uint64_t FlaggedTailAvx512(const unsigned char* p, size_t n) {
  const __mmask64 valid = (uint64_t{1} << n) - 1;
  return Flagged512(_mm512_maskz_loadu_epi8(valid, p)) & valid;
}
#endif

// The last partial block (`n` < 64 bytes) through a copy padded with spaces,
// which are never flagged.
template <uint64_t (*kFlagged)(const unsigned char*)>
ABSL_ATTRIBUTE_ALWAYS_INLINE inline uint64_t FlaggedTailByCopy(const unsigned char* p, size_t n) {
  unsigned char block[64];
  std::memset(block, ' ', sizeof(block));
  std::memcpy(block, p, n);
  return kFlagged(block);
}

// The length of the well-formed UTF-8 sequence at p[i] (lead byte >= 0x80),
// or 0. Per Unicode Table 3-7 the lead byte fixes the length and the allowed
// range of the second byte.
size_t Utf8SequenceLength(const unsigned char* p, size_t i, size_t size) {
  const unsigned char lead = p[i];
  size_t length;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead == 0xE0) {
    length = 3;
    low = 0xA0;  // No overlongs.
  } else if (lead == 0xED) {
    length = 3;
    high = 0x9F;  // No surrogates.
  } else if (lead >= 0xE1 && lead <= 0xEF) {
    length = 3;
  } else if (lead == 0xF0) {
    length = 4;
    low = 0x90;  // No overlongs.
  } else if (lead >= 0xF1 && lead <= 0xF3) {
    length = 4;
  } else if (lead == 0xF4) {
    length = 4;
    high = 0x8F;  // Nothing above U+10FFFF.
  } else {
    return 0;  // A continuation byte, C0, C1 or F5-FF.
  }
  if (size - i < length) return 0;
  if (p[i + 1] < low || p[i + 1] > high) return 0;
  for (size_t k = 2; k < length; ++k) {
    if ((p[i + k] & 0xC0) != 0x80) return 0;
  }
  return length;
}

constexpr size_t kBad = ~size_t{0};

// Checks the flagged byte at p[at] and what it starts. Returns the offset
// just past it (past the whole sequence for a UTF-8 lead byte), or kBad with
// the problem in `result`.
size_t CheckFlaggedByte(const unsigned char* p, size_t at, size_t size, TextCheck* result) {
  const unsigned char c = p[at];
  if (c == '\\') {
    if (size - at >= 4 && p[at + 1] == 'u' && (p[at + 2] | 0x20) == 'd') {
      const unsigned char hex = p[at + 3] | 0x20;  // ASCII lower case.
      if (hex >= 'c' && hex <= 'f') result->low_surrogate_escape = true;
    }
    return at + 1;
  }
  if (c < 0x20) {
    if (c == 0 || c == '\t' || c == '\n' || c == '\r') return at + 1;
    result->problem = TextProblem::kControlCharacter;
    result->offset = at;
    return kBad;
  }
  const size_t length = Utf8SequenceLength(p, at, size);
  if (length == 0) {
    result->problem = TextProblem::kInvalidUtf8;
    result->offset = at;
    return kBad;
  }
  return at + length;
}

// Handles the flagged bytes of the 64-byte block at p[i] given by `mask`.
// Returns the offset the next block starts at (past a UTF-8 sequence that
// runs over the block's end), or kBad.
ABSL_ATTRIBUTE_ALWAYS_INLINE inline size_t CheckBlock(const unsigned char* p, size_t i,
                                                      size_t size, uint64_t mask,
                                                      TextCheck* result) {
  size_t next = i + 64;
  while (mask != 0) {
    const size_t at = i + static_cast<size_t>(__builtin_ctzll(mask));
    const size_t past = CheckFlaggedByte(p, at, size, result);
    if (ABSL_PREDICT_FALSE(past == kBad)) return kBad;
    if (past - i >= 64) return past > next ? past : next;
    mask &= ~uint64_t{0} << (past - i);  // Drops the bytes just checked.
  }
  return next;
}

// The whole scan with one block test and one for the last partial block;
// always inlined into each Scan* so that the tests are inlined with the
// instructions they were compiled for.
template <uint64_t (*kFlagged)(const unsigned char*),
          uint64_t (*kFlaggedTail)(const unsigned char*, size_t)>
ABSL_ATTRIBUTE_ALWAYS_INLINE inline TextCheck ScanWith(const unsigned char* p, size_t size) {
  TextCheck result;
  size_t i = 0;
  while (size - i >= 64) {
    i = CheckBlock(p, i, size, kFlagged(p + i), &result);
    if (ABSL_PREDICT_FALSE(i == kBad)) return result;
  }
  // Flagged bytes of the last partial block are checked in place, against
  // `size`, like the others.
  if (i < size && CheckBlock(p, i, size, kFlaggedTail(p + i, size - i), &result) == kBad) {
    return result;
  }
  result.offset = size;
  return result;
}

TextCheck ScanScalar(const unsigned char* p, size_t size) {
  return ScanWith<FlaggedScalar, FlaggedTailByCopy<FlaggedScalar>>(p, size);
}

#if defined(__SSE2__)
TextCheck ScanSse2(const unsigned char* p, size_t size) {
  return ScanWith<FlaggedSse2, FlaggedTailByCopy<FlaggedSse2>>(p, size);
}

__attribute__((target("avx2"))) TextCheck ScanAvx2(const unsigned char* p, size_t size) {
  return ScanWith<FlaggedAvx2, FlaggedTailByCopy<FlaggedAvx2>>(p, size);
}

__attribute__((target("avx512bw"))) TextCheck ScanAvx512(const unsigned char* p, size_t size) {
  return ScanWith<FlaggedAvx512, FlaggedTailAvx512>(p, size);
}
#endif

}  // namespace

TextCheck CheckJsonText(const char* data, size_t size, SimdLevel level) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(data);
  switch (level) {
#if defined(__SSE2__)
    case SimdLevel::kAvx512:
      return ScanAvx512(p, size);
    case SimdLevel::kAvx2:
      return ScanAvx2(p, size);
    case SimdLevel::kSsse3:
      return ScanSse2(p, size);
#endif
    default:
      return ScanScalar(p, size);
  }
}

TextCheck CheckJsonText(const char* data, size_t size) {
  static const SimdLevel level = BestSimdLevel();
  return CheckJsonText(data, size, level);
}

}  // namespace mcpguard::internal
