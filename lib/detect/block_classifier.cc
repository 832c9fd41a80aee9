#include "detect/block_classifier.h"

#include <initializer_list>

#include "detect/gate.h"
#include "detect/nibble_tables.h"

namespace mcpguard::internal {
namespace {

// Adds the bytes (hi, each of `lo`) to bucket `bucket` of a table pair.
void AddRectangle(uint8_t* lo_table, uint8_t* hi_table, int bucket, std::initializer_list<int> hi,
                  std::initializer_list<int> lo) {
  for (int h : hi) hi_table[h] |= static_cast<uint8_t>(1u << bucket);
  for (int l : lo) lo_table[l] |= static_cast<uint8_t>(1u << bucket);
}

constexpr ByteClass kWordBytes{"A-Za-z0-9_"};

// Bucket bits of the class table (see block_classifier.h).
constexpr uint8_t kTokenBuckets = 0x1F;
constexpr int kDigitBucket = 5;
constexpr uint8_t kClusterBuckets = 0x60;
constexpr int kCapitalBucket = 7;
constexpr uint8_t kWordBuckets = 0x17;

#if defined(__SSSE3__)
// Bit i set when byte i of `buckets` has one of the bits of `any`.
uint64_t AnyOf16(__m128i buckets, uint8_t any) {
  return NonZero16(_mm_and_si128(buckets, _mm_set1_epi8(static_cast<char>(any))));
}

// Bit i set when byte i of `buckets` has bit `bit`: moved to the top of the
// byte (a 16-bit shift only brings the low byte's top bits into the high
// byte's bottom ones) and read by MOVMSKB.
template <int kBit>
uint64_t Bit16(__m128i buckets) {
  return static_cast<uint16_t>(_mm_movemask_epi8(_mm_slli_epi16(buckets, 7 - kBit)));
}

__attribute__((target("avx2"))) uint64_t AnyOf32(__m256i buckets, uint8_t any) {
  return NonZero32(_mm256_and_si256(buckets, _mm256_set1_epi8(static_cast<char>(any))));
}

template <int kBit>
__attribute__((target("avx2"))) uint64_t Bit32(__m256i buckets) {
  return static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_slli_epi16(buckets, 7 - kBit)));
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
    AddToBuckets(anchor_lo_, anchor_hi_, static_cast<unsigned char>(b),
                 static_cast<uint8_t>(1u << bucket));
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
    if (p[i] >= 0x80) m->high |= bit;
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
    m->high |= uint64_t{static_cast<uint16_t>(_mm_movemask_epi8(v))} << shift;
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
    m->high |= uint64_t{static_cast<uint32_t>(_mm256_movemask_epi8(v))} << shift;
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
  m->high = _mm512_movepi8_mask(v);
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
