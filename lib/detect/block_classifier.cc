#include "detect/block_classifier.h"

#include <cstring>
#include <initializer_list>

#include "detect/gate.h"

#if defined(__SSSE3__)
#include <immintrin.h>
#endif

namespace mcpguard::internal {
namespace {

// Adds the bytes (hi, each of `lo`) to bucket `bucket` of a table pair.
void AddRectangle(uint8_t* lo_table, uint8_t* hi_table, int bucket, std::initializer_list<int> hi,
                  std::initializer_list<int> lo) {
  for (int h : hi) hi_table[h] |= static_cast<uint8_t>(1u << bucket);
  for (int l : lo) lo_table[l] |= static_cast<uint8_t>(1u << bucket);
}

constexpr ByteClass kWordBytes{"A-Za-z0-9_"};

// Copies a 16-byte table to the other three lanes of its 64 bytes.
void ReplicateLanes(uint8_t* table) {
  for (int lane = 1; lane < 4; ++lane) std::memcpy(table + 16 * lane, table, 16);
}

// Bucket bits of the class table (see block_classifier.h).
constexpr uint8_t kTokenBuckets = 0x1F;
constexpr int kDigitBucket = 5;
constexpr uint8_t kClusterBuckets = 0x60;
constexpr int kCapitalBucket = 7;
constexpr uint8_t kWordBuckets = 0x17;

#if defined(__SSSE3__)
// The buckets of the 16 bytes `v` in a table pair.
__m128i Buckets16(__m128i v, const uint8_t* lo_table, const uint8_t* hi_table) {
  const __m128i nibble = _mm_set1_epi8(0x0F);
  const __m128i lo = _mm_shuffle_epi8(_mm_load_si128(reinterpret_cast<const __m128i*>(lo_table)),
                                      _mm_and_si128(v, nibble));
  const __m128i hi = _mm_shuffle_epi8(_mm_load_si128(reinterpret_cast<const __m128i*>(hi_table)),
                                      _mm_and_si128(_mm_srli_epi16(v, 4), nibble));
  return _mm_and_si128(lo, hi);
}

// Bit i set when byte i of `buckets` has one of the bits of `any`.
uint64_t AnyOf16(__m128i buckets, uint8_t any) {
  const __m128i hit = _mm_and_si128(buckets, _mm_set1_epi8(static_cast<char>(any)));
  return static_cast<uint16_t>(~_mm_movemask_epi8(_mm_cmpeq_epi8(hit, _mm_setzero_si128())));
}

// Bit i set when byte i of `buckets` has bit `bit`: moved to the top of the
// byte (a 16-bit shift only brings the low byte's top bits into the high
// byte's bottom ones) and read by MOVMSKB.
template <int kBit>
uint64_t Bit16(__m128i buckets) {
  return static_cast<uint16_t>(_mm_movemask_epi8(_mm_slli_epi16(buckets, 7 - kBit)));
}

__attribute__((target("avx2"))) __m256i Buckets32(__m256i v, const uint8_t* lo_table,
                                                  const uint8_t* hi_table) {
  const __m256i nibble = _mm256_set1_epi8(0x0F);
  const __m256i lo = _mm256_shuffle_epi8(
      _mm256_load_si256(reinterpret_cast<const __m256i*>(lo_table)), _mm256_and_si256(v, nibble));
  const __m256i hi =
      _mm256_shuffle_epi8(_mm256_load_si256(reinterpret_cast<const __m256i*>(hi_table)),
                          _mm256_and_si256(_mm256_srli_epi16(v, 4), nibble));
  return _mm256_and_si256(lo, hi);
}

__attribute__((target("avx2"))) uint64_t AnyOf32(__m256i buckets, uint8_t any) {
  const __m256i hit = _mm256_and_si256(buckets, _mm256_set1_epi8(static_cast<char>(any)));
  return static_cast<uint32_t>(
      ~_mm256_movemask_epi8(_mm256_cmpeq_epi8(hit, _mm256_setzero_si256())));
}

template <int kBit>
__attribute__((target("avx2"))) uint64_t Bit32(__m256i buckets) {
  return static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_slli_epi16(buckets, 7 - kBit)));
}

// The buckets of the 64 bytes `v`, the 16-byte tables in each lane.
__attribute__((target("avx512bw"))) __m512i Buckets64(__m512i v, const uint8_t* lo_table,
                                                      const uint8_t* hi_table) {
  const __m512i nibble = _mm512_set1_epi8(0x0F);
  const __m512i lo = _mm512_shuffle_epi8(_mm512_load_si512(lo_table), _mm512_and_si512(v, nibble));
  const __m512i hi = _mm512_shuffle_epi8(_mm512_load_si512(hi_table),
                                         _mm512_and_si512(_mm512_srli_epi16(v, 4), nibble));
  return _mm512_and_si512(lo, hi);
}
#endif

}  // namespace

BlockClassifier::BlockClassifier(SimdLevel level) : level_(SupportedSimdLevel(level)) {
  for (int b = 0; b < 256; ++b) {
    const unsigned char c = static_cast<unsigned char>(b);
    if (kTokenRunBytes.Has(c)) flags_[b] |= kToken;
    if (c >= '0' && c <= '9') flags_[b] |= kDigit;
    if (kDigitClusterBytes.Has(c)) flags_[b] |= kCluster;
    if (c == '.') flags_[b] |= kDot;
    if (c >= 'A' && c <= 'Z') flags_[b] |= kCapital;
    if (kWordBytes.Has(c)) flags_[b] |= kWord;
  }
  // kTokenRunBytes = A-Za-z0-9+/_.- exactly, in buckets 0-4.
  AddRectangle(class_lo_, class_hi_, 0, {0x3}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  AddRectangle(class_lo_, class_hi_, 1, {0x4, 0x6},
               {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15});
  AddRectangle(class_lo_, class_hi_, 2, {0x5, 0x7}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  AddRectangle(class_lo_, class_hi_, 3, {0x2}, {0xB, 0xD, 0xE, 0xF});  // + - . /
  AddRectangle(class_lo_, class_hi_, 4, {0x5}, {0xF});                 // _
  // Digits (5), and with bucket 6 kDigitClusterBytes: space ( ) + - .
  AddRectangle(class_lo_, class_hi_, 5, {0x3}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  AddRectangle(class_lo_, class_hi_, 6, {0x2}, {0x0, 0x8, 0x9, 0xB, 0xD, 0xE});
  // Capitals, with @ [ \ ] ^ _ (checked again where it matters).
  AddRectangle(class_lo_, class_hi_, 7, {0x4, 0x5},
               {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15});
  ReplicateLanes(class_lo_);
  ReplicateLanes(class_hi_);
}

void BlockClassifier::Finish() {
  // Anchor buckets by high nibble; 0x1 shares with 0x2, 0xE with 0xF (a
  // superset there costs a few flag lookups, never a missed anchor).
  for (int b = 0; b < 256; ++b) {
    if (!(flags_[b] & kAnchor)) continue;
    const int hi = b >> 4;
    const int bucket = hi <= 2 ? 0 : hi >= 0xE ? 7 : hi <= 7 ? hi - 2 : 6;
    anchor_hi_[hi] |= static_cast<uint8_t>(1u << bucket);
    anchor_lo_[b & 15] |= static_cast<uint8_t>(1u << bucket);
  }
  ReplicateLanes(anchor_lo_);
  ReplicateLanes(anchor_hi_);
}

void BlockClassifier::Classify(const unsigned char* p, BlockMasks* m) const {
  switch (level_) {
    case SimdLevel::kAvx512:
      ClassifyAvx512(p, m);
      return;
    case SimdLevel::kAvx2:
      ClassifyAvx2(p, m);
      return;
    case SimdLevel::kSsse3:
      ClassifySsse3(p, m);
      return;
    case SimdLevel::kScalar:
      break;
  }
  ClassifyScalar(p, m);
}

void BlockClassifier::ClassifyScalar(const unsigned char* p, BlockMasks* m) const {
  for (int i = 0; i < 64; ++i) {
    const uint8_t f = flags_[p[i]];
    const uint64_t bit = uint64_t{1} << i;
    if (f & kAnchor) m->anchor |= bit;
    if (f & kToken) m->token |= bit;
    if (f & kDigit) m->digit |= bit;
    if (f & kCluster) m->cluster |= bit;
    if (f & kDot) m->dot |= bit;
    if (f & kCapital) m->capital |= bit;
    if (f & kWord) m->word |= bit;
  }
}

#if defined(__SSSE3__)
void BlockClassifier::ClassifySsse3(const unsigned char* p, BlockMasks* m) const {
  const __m128i dot = _mm_set1_epi8('.');
  for (int chunk = 0; chunk < 4; ++chunk) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * chunk));
    const __m128i anchors = Buckets16(v, anchor_lo_, anchor_hi_);
    const __m128i classes = Buckets16(v, class_lo_, class_hi_);
    const int shift = 16 * chunk;
    m->anchor |= AnyOf16(anchors, 0xFF) << shift;
    m->token |= AnyOf16(classes, kTokenBuckets) << shift;
    m->digit |= Bit16<kDigitBucket>(classes) << shift;
    m->cluster |= AnyOf16(classes, kClusterBuckets) << shift;
    m->dot |= uint64_t{static_cast<uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, dot)))} << shift;
    m->capital |= Bit16<kCapitalBucket>(classes) << shift;
    m->word |= AnyOf16(classes, kWordBuckets) << shift;
  }
}

__attribute__((target("avx2"))) void BlockClassifier::ClassifyAvx2(const unsigned char* p,
                                                                  BlockMasks* m) const {
  const __m256i dot = _mm256_set1_epi8('.');
  for (int half = 0; half < 2; ++half) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32 * half));
    const __m256i anchors = Buckets32(v, anchor_lo_, anchor_hi_);
    const __m256i classes = Buckets32(v, class_lo_, class_hi_);
    const int shift = 32 * half;
    m->anchor |= AnyOf32(anchors, 0xFF) << shift;
    m->token |= AnyOf32(classes, kTokenBuckets) << shift;
    m->digit |= Bit32<kDigitBucket>(classes) << shift;
    m->cluster |= AnyOf32(classes, kClusterBuckets) << shift;
    m->dot |= uint64_t{static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, dot)))}
              << shift;
    m->capital |= Bit32<kCapitalBucket>(classes) << shift;
    m->word |= AnyOf32(classes, kWordBuckets) << shift;
  }
}

__attribute__((target("avx512bw"))) void BlockClassifier::ClassifyAvx512(const unsigned char* p,
                                                                        BlockMasks* m) const {
  const __m512i v = _mm512_loadu_si512(p);
  const __m512i anchors = Buckets64(v, anchor_lo_, anchor_hi_);
  const __m512i classes = Buckets64(v, class_lo_, class_hi_);
  // VPTESTMB: a mask bit per byte with any of the bits asked for.
  auto any_of = [&classes](uint8_t buckets) __attribute__((target("avx512bw"))) {
    return static_cast<uint64_t>(
        _mm512_test_epi8_mask(classes, _mm512_set1_epi8(static_cast<char>(buckets))));
  };
  m->anchor = _mm512_test_epi8_mask(anchors, anchors);
  m->token = any_of(kTokenBuckets);
  m->digit = any_of(1u << kDigitBucket);
  m->cluster = any_of(kClusterBuckets);
  m->dot = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('.'));
  m->capital = any_of(1u << kCapitalBucket);
  m->word = any_of(kWordBuckets);
}
#else
// Never chosen: SupportedSimdLevel gives kScalar without SSSE3.
void BlockClassifier::ClassifySsse3(const unsigned char* p, BlockMasks* m) const {
  ClassifyScalar(p, m);
}
void BlockClassifier::ClassifyAvx2(const unsigned char* p, BlockMasks* m) const {
  ClassifyScalar(p, m);
}
void BlockClassifier::ClassifyAvx512(const unsigned char* p, BlockMasks* m) const {
  ClassifyScalar(p, m);
}
#endif

}  // namespace mcpguard::internal
