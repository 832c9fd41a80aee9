#include "base/simd_level.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace mcpguard::internal {
namespace {

TEST(SimdLevel, AskingForLessGivesLessAndMoreGivesTheBest) {
  const SimdLevel best = BestSimdLevel();
  EXPECT_EQ(SupportedSimdLevel(SimdLevel::kScalar), SimdLevel::kScalar);
  EXPECT_EQ(SupportedSimdLevel(SimdLevel::kAvx512), best);
  EXPECT_EQ(SupportedSimdLevel(best), best);
  EXPECT_LE(static_cast<int>(SupportedSimdLevel(SimdLevel::kSsse3)),
            static_cast<int>(SimdLevel::kSsse3));
}

TEST(SimdLevel, TheBuildDecidesTheFloor) {
#if defined(__SSSE3__)
  EXPECT_GE(static_cast<int>(BestSimdLevel()), static_cast<int>(SimdLevel::kSsse3));
#else
  EXPECT_EQ(BestSimdLevel(), SimdLevel::kScalar);
#endif
}

TEST(SimdLevel, RunnableLevelsRunFromScalarToTheBest) {
  const std::vector<SimdLevel> levels = RunnableSimdLevels();
  ASSERT_FALSE(levels.empty());
  EXPECT_EQ(levels.front(), SimdLevel::kScalar);
  EXPECT_EQ(levels.back(), BestSimdLevel());
  for (size_t i = 1; i < levels.size(); ++i) {
    EXPECT_LT(static_cast<int>(levels[i - 1]), static_cast<int>(levels[i]));
  }
}

TEST(SimdLevel, Names) {
  EXPECT_EQ(std::string(SimdLevelName(SimdLevel::kScalar)), "scalar");
  EXPECT_EQ(std::string(SimdLevelName(SimdLevel::kSsse3)), "ssse3");
  EXPECT_EQ(std::string(SimdLevelName(SimdLevel::kAvx2)), "avx2");
  EXPECT_EQ(std::string(SimdLevelName(SimdLevel::kAvx512)), "avx512");
}

}  // namespace
}  // namespace mcpguard::internal
