// The classifier's vector paths give the masks of the byte-at-a-time path:
// exactly, except the two the gated scan checks again byte by byte
// (anchors and capitals), where they may be supersets within documented
// bounds.
#include "detect/block_classifier.h"

#include <cstdint>
#include <random>
#include <string>

#include "absl/strings/str_cat.h"
#include "base/simd_level.h"
#include "gtest/gtest.h"

namespace mcpguard::internal {
namespace {

BlockClassifier WithAnchors(SimdLevel level) {
  BlockClassifier classifier(level);
  for (int b : {0x40, 0x3A, 0x3C, 0x6B, 0x4B, 0x7A, 0xC5, 0x84, 0x1B, 0xE2}) {  // @ : < k K z ...
    classifier.AddAnchor(static_cast<unsigned char>(b));
  }
  classifier.Finish();
  return classifier;
}

// Blocks of every byte value, of text-like bytes, and of random bytes.
std::vector<std::string> Blocks() {
  std::vector<std::string> blocks;
  for (int start = 0; start < 256; start += 64) {
    std::string block;
    for (int b = start; b < start + 64; ++b) block += static_cast<char>(b);
    blocks.push_back(block);
  }
  std::mt19937 random(7);
  const std::string text_bytes =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ._-/+:@()[]<>\n\t\x80\xC5";
  for (int round = 0; round < 3000; ++round) {
    std::string block;
    for (int i = 0; i < 64; ++i) {
      block += round % 2 ? text_bytes[random() % text_bytes.size()]
                         : static_cast<char>(random() % 256);
    }
    blocks.push_back(block);
  }
  return blocks;
}

TEST(BlockClassifier, VectorPathsGiveTheByteAtATimeMasks) {
  const BlockClassifier scalar = WithAnchors(SimdLevel::kScalar);
  ASSERT_EQ(scalar.level(), SimdLevel::kScalar);
  int compared = 0;
  for (SimdLevel level : {SimdLevel::kSsse3, SimdLevel::kAvx2, SimdLevel::kAvx512}) {
    const BlockClassifier vector = WithAnchors(level);
    if (vector.level() != level) continue;  // Not on this machine.
    ++compared;
    for (const std::string& block : Blocks()) {
      const unsigned char* p = reinterpret_cast<const unsigned char*>(block.data());
      BlockMasks want, got;
      scalar.Classify(p, &want);
      vector.Classify(p, &got);
      SCOPED_TRACE(SimdLevelName(level));
      EXPECT_EQ(got.token, want.token);
      EXPECT_EQ(got.digit, want.digit);
      EXPECT_EQ(got.cluster, want.cluster);
      EXPECT_EQ(got.dot, want.dot);
      EXPECT_EQ(got.word, want.word);
      EXPECT_EQ(got.high, want.high);
      for (int i = 0; i < 64; ++i) EXPECT_EQ((want.high >> i) & 1, p[i] >= 0x80 ? 1u : 0u) << i;
      // Supersets: every anchor byte, and bytes of the anchors' high nibble
      // buckets; every capital, and at most the other bytes 0x40-0x5F.
      EXPECT_EQ(got.anchor & want.anchor, want.anchor);
      EXPECT_EQ(got.capital & want.capital, want.capital);
      for (int i = 0; i < 64; ++i) {
        if ((got.capital >> i) & 1) {
          EXPECT_TRUE(p[i] >= 0x40 && p[i] <= 0x5F) << i;
        }
      }
      if (HasFailure()) return;
    }
  }
  if (compared == 0) GTEST_SKIP() << "no vector instructions here";
}

// The fixed classes, byte by byte.
TEST(BlockClassifier, FlagsNameTheClasses) {
  const BlockClassifier classifier = WithAnchors(SimdLevel::kScalar);
  EXPECT_EQ(classifier.flags('7') & (BlockClassifier::kDigit | BlockClassifier::kToken |
                                     BlockClassifier::kWord | BlockClassifier::kCluster),
            BlockClassifier::kDigit | BlockClassifier::kToken | BlockClassifier::kWord |
                BlockClassifier::kCluster);
  EXPECT_TRUE(classifier.flags('Q') & BlockClassifier::kCapital);
  EXPECT_FALSE(classifier.flags('[') & BlockClassifier::kCapital);
  EXPECT_TRUE(classifier.flags('.') & BlockClassifier::kDot);
  EXPECT_TRUE(classifier.flags('@') & BlockClassifier::kAnchor);
  EXPECT_FALSE(classifier.flags('a') & BlockClassifier::kAnchor);
  EXPECT_FALSE(classifier.flags(' ') & BlockClassifier::kWord);
}

}  // namespace
}  // namespace mcpguard::internal
