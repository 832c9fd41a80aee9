// The prefix filter may let through positions no prefix starts at, but never
// holds back one that does, at any vector level; and its levels agree.
#include "detect/prefix_filter.h"

#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "base/simd_level.h"
#include "gtest/gtest.h"

namespace mcpguard::internal {
namespace {

std::vector<PrefixFilter::Prefix> SomePrefixes() {
  std::vector<PrefixFilter::Prefix> prefixes;
  for (const char* text : {"ign", "sys", "tel", "too", "now", "ask", "let", "kee", "BEG", "AKI",
                           "ghp", "glp", "sk_", "xox", "eyJ", "env", "npm", "dis", "ove", "pri"}) {
    const bool lower = text[0] >= 'a' && text[0] <= 'z' && text[2] >= 'a';
    prefixes.push_back({{static_cast<unsigned char>(text[0]), static_cast<unsigned char>(text[1]),
                         static_cast<unsigned char>(text[2])},
                        lower});
  }
  return prefixes;
}

// A 66-byte buffer holding `text` at `offset`, the rest filled with `fill`.
std::string Place(const std::string& text, int offset, char fill) {
  std::string block(80, fill);
  block.replace(static_cast<size_t>(offset), text.size(), text);
  return block;
}

TEST(PrefixFilter, EveryPrefixPassesAtEveryOffsetAndLevel) {
  for (SimdLevel level :
       {SimdLevel::kScalar, SimdLevel::kSsse3, SimdLevel::kAvx2, SimdLevel::kAvx512}) {
    const PrefixFilter filter(SomePrefixes(), level);
    SCOPED_TRACE(SimdLevelName(filter.level()));
    for (const PrefixFilter::Prefix& prefix : SomePrefixes()) {
      std::vector<std::string> forms = {std::string(prefix.bytes.begin(), prefix.bytes.end())};
      if (prefix.ignore_case) {
        std::string upper = forms[0];
        for (char& c : upper) c = static_cast<char>(c - ('a' - 'A'));
        forms.push_back(upper);
        forms.push_back(std::string(1, upper[0]) + forms[0].substr(1));
      }
      for (const std::string& form : forms) {
        for (int offset = 0; offset < 64; ++offset) {
          const std::string block = Place(form, offset, ' ');
          const uint64_t candidates =
              filter.Candidates(reinterpret_cast<const unsigned char*>(block.data()));
          EXPECT_TRUE((candidates >> offset) & 1) << form << " at " << offset;
        }
      }
    }
  }
}

TEST(PrefixFilter, TurnsDownMostOtherWordsAndTheLevelsAgree) {
  const PrefixFilter scalar(SomePrefixes(), SimdLevel::kScalar);
  const std::string words =
      "the quick brown fox jumps over lazy dogs while reading files from the disk and "
      "writing results into a table of numbers 12345 ";
  std::string text;
  while (text.size() < 64 * 40 + 2) text += words;
  int candidates = 0;
  for (size_t base = 0; base + 66 <= text.size(); base += 64) {
    const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data() + base);
    const uint64_t want = scalar.Candidates(p);
    candidates += __builtin_popcountll(want);
    for (SimdLevel level : {SimdLevel::kSsse3, SimdLevel::kAvx2, SimdLevel::kAvx512}) {
      const PrefixFilter filter(SomePrefixes(), level);
      EXPECT_EQ(filter.Candidates(p), want) << SimdLevelName(filter.level()) << " at " << base;
    }
  }
  // "over" is a prefix; "the", "quick", "fox" and most other words are not.
  EXPECT_GT(candidates, 0);
  EXPECT_LT(candidates, 64 * 40 / 10);
}

TEST(PrefixFilter, AnEmptyFilterPassesNothing) {
  const PrefixFilter filter;
  const std::string block(80, 'a');
  EXPECT_EQ(filter.Candidates(reinterpret_cast<const unsigned char*>(block.data())), 0u);
}

}  // namespace
}  // namespace mcpguard::internal
