#include "detect/block_classifier.h"

#include <initializer_list>

#include "detect/gate.h"

#if defined(__SSSE3__)
#include <tmmintrin.h>
#endif

namespace mcpguard::internal {
namespace {

#if defined(__SSSE3__)
// Adds the bytes (hi, each of `lo`) to bucket `bucket` of a table pair.
void AddRectangle(uint8_t* lo_table, uint8_t* hi_table, int bucket, std::initializer_list<int> hi,
                  std::initializer_list<int> lo) {
  for (int h : hi) hi_table[h] |= static_cast<uint8_t>(1u << bucket);
  for (int l : lo) lo_table[l] |= static_cast<uint8_t>(1u << bucket);
}

uint16_t Bucket16(__m128i v, const uint8_t* lo_table, const uint8_t* hi_table, uint8_t buckets) {
  const __m128i nibble = _mm_set1_epi8(0x0F);
  const __m128i lo = _mm_shuffle_epi8(_mm_load_si128(reinterpret_cast<const __m128i*>(lo_table)),
                                      _mm_and_si128(v, nibble));
  const __m128i hi = _mm_shuffle_epi8(_mm_load_si128(reinterpret_cast<const __m128i*>(hi_table)),
                                      _mm_and_si128(_mm_srli_epi16(v, 4), nibble));
  const __m128i hit =
      _mm_and_si128(_mm_and_si128(lo, hi), _mm_set1_epi8(static_cast<char>(buckets)));
  return static_cast<uint16_t>(~_mm_movemask_epi8(_mm_cmpeq_epi8(hit, _mm_setzero_si128())));
}
#endif

constexpr ByteClass kWordBytes{"A-Za-z0-9_"};

}  // namespace

BlockClassifier::BlockClassifier() {
  for (int b = 0; b < 256; ++b) {
    const unsigned char c = static_cast<unsigned char>(b);
    if (kTokenRunBytes.Has(c)) flags_[b] |= kToken;
    if (c >= '0' && c <= '9') flags_[b] |= kDigit;
    if (kDigitClusterBytes.Has(c)) flags_[b] |= kCluster;
    if (c == '.') flags_[b] |= kDot;
    if (c >= 'A' && c <= 'Z') flags_[b] |= kCapital;
    if (kWordBytes.Has(c)) flags_[b] |= kWord;
  }
#if defined(__SSSE3__)
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
#endif
}

void BlockClassifier::Finish() {
#if defined(__SSSE3__)
  // Anchor buckets by high nibble; 0x1 shares with 0x2, 0xE with 0xF (a
  // superset there costs a few flag lookups, never a missed anchor).
  for (int b = 0; b < 256; ++b) {
    if (!(flags_[b] & kAnchor)) continue;
    const int hi = b >> 4;
    const int bucket = hi <= 2 ? 0 : hi >= 0xE ? 7 : hi <= 7 ? hi - 2 : 6;
    anchor_hi_[hi] |= static_cast<uint8_t>(1u << bucket);
    anchor_lo_[b & 15] |= static_cast<uint8_t>(1u << bucket);
  }
#endif
}

void BlockClassifier::Classify(const unsigned char* p, BlockMasks* m) const {
#if defined(__SSSE3__)
  for (int chunk = 0; chunk < 4; ++chunk) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * chunk));
    const int shift = 16 * chunk;
    m->anchor |= uint64_t{Bucket16(v, anchor_lo_, anchor_hi_, 0xFF)} << shift;
    m->token |= uint64_t{Bucket16(v, class_lo_, class_hi_, 0x1F)} << shift;
    m->digit |= uint64_t{Bucket16(v, class_lo_, class_hi_, 0x20)} << shift;
    m->cluster |= uint64_t{Bucket16(v, class_lo_, class_hi_, 0x60)} << shift;
    m->dot |=
        uint64_t{static_cast<uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('.'))))}
        << shift;
    m->capital |= uint64_t{Bucket16(v, class_lo_, class_hi_, 0x80)} << shift;
    m->word |= uint64_t{Bucket16(v, class_lo_, class_hi_, 0x17)} << shift;
  }
#else
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
#endif
}

}  // namespace mcpguard::internal
