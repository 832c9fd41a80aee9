// Classifies the bytes of a text 64 at a time for the gated scan
// (gated_scan.h): per block, a bit mask per class of byte the gates'
// triggers are made of. With nibble tables ("shufti"), 64 bytes a step
// with AVX-512, 32 with AVX2 and 16 with SSSE3, as the CPU allows
// (base/simd_level.h); a byte at a time from a 256-entry table elsewhere.
// All give the same masks (tests/detect/block_classifier_test.cc).
#ifndef MCPGUARD_DETECT_BLOCK_CLASSIFIER_H_
#define MCPGUARD_DETECT_BLOCK_CLASSIFIER_H_

#include <array>
#include <cstdint>

#include "base/simd_level.h"

namespace mcpguard::internal {

// Masks of one 64-byte block: bit i for byte i.
struct BlockMasks {
  uint64_t anchor = 0, token = 0, digit = 0, cluster = 0, dot = 0;
  uint64_t capital = 0;  // A superset with the nibble tables: 0x40-0x5F.
  uint64_t word = 0;
  uint64_t high = 0;  // Bytes 0x80-0xFF: the block is not all ASCII.
};

class BlockClassifier {
 public:
  // What a byte is (flags()); the classes are fixed, the anchors are added.
  static constexpr uint8_t kAnchor = 1;  // The anchor byte of some gate literal.
  static constexpr uint8_t kToken = 2;   // In kTokenRunBytes.
  static constexpr uint8_t kDigit = 4;
  static constexpr uint8_t kCluster = 8;  // In kDigitClusterBytes.
  static constexpr uint8_t kDot = 16;
  static constexpr uint8_t kCapital = 32;  // A-Z.
  static constexpr uint8_t kWord = 64;     // [A-Za-z0-9_].

  // Classifies with the best instructions the CPU has, or at most `level`.
  explicit BlockClassifier(SimdLevel level = SimdLevel::kAvx512);

  // Makes `b` an anchor byte. Call Finish() after the last one.
  void AddAnchor(unsigned char b) { flags_[b] |= kAnchor; }
  void Finish();

  uint8_t flags(unsigned char b) const { return flags_[b]; }

  // The masks of the 64 bytes at `p`.
  void Classify(const unsigned char* p, BlockMasks* m) const;

  SimdLevel level() const { return level_; }

 private:
  void ClassifyScalar(const unsigned char* p, BlockMasks* m) const;
  void ClassifySsse3(const unsigned char* p, BlockMasks* m) const;
  void ClassifyAvx2(const unsigned char* p, BlockMasks* m) const;
  void ClassifyAvx512(const unsigned char* p, BlockMasks* m) const;

  SimdLevel level_;
  std::array<uint8_t, 256> flags_{};
  // Shufti tables: a byte b is in bucket k of a pair when bit k is set in
  // both lo[b & 15] and hi[b >> 4]. The first pair's buckets cover the
  // anchor bytes (a superset: flags decides), the second's are kToken (0-4),
  // kDigit (5), kCluster (5, 6), kCapital (7, a superset) and kWord (0-2, 4).
  // Each table four times over, for the 16-byte lanes of AVX2 and AVX-512.
  alignas(64) uint8_t anchor_lo_[64] = {}, anchor_hi_[64] = {};
  alignas(64) uint8_t class_lo_[64] = {}, class_hi_[64] = {};
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_DETECT_BLOCK_CLASSIFIER_H_
