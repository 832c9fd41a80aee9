#include "json/duplicate_keys.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gtest/gtest.h"

namespace mcpguard::internal {
namespace {

struct DuplicateCase {
  const char* name;
  std::vector<std::string> keys;
  int repeat;  // Index in document order of the reported key, or -1.
};

// Views into one buffer, in document order, as the parser provides them.
std::vector<absl::string_view> Views(const std::vector<std::string>& keys,
                                     std::string* buffer) {
  buffer->clear();
  for (const std::string& key : keys) *buffer += key;
  std::vector<absl::string_view> views;
  size_t at = 0;
  for (const std::string& key : keys) {
    views.emplace_back(buffer->data() + at, key.size());
    at += key.size();
  }
  return views;
}

std::vector<std::string> Numbered(int count) {
  std::vector<std::string> keys;
  for (int i = 0; i < count; ++i) keys.push_back(absl::StrCat("k", i));
  return keys;
}

std::vector<std::string> With(std::vector<std::string> keys,
                              std::vector<std::string> more) {
  keys.insert(keys.end(), more.begin(), more.end());
  return keys;
}

TEST(FindDuplicateKey, ReportsTheEarliestRepeat) {
  const std::vector<DuplicateCase> cases = {
      {"None", {}, -1},
      {"One", {"a"}, -1},
      {"Distinct", {"a", "b", "ab", ""}, -1},
      {"Pair", {"a", "a"}, 1},
      {"DistinctPair", {"a", "b"}, -1},
      {"ThreeDistinct", {"span", "start", "ok"}, -1},
      {"ThreeSameLength", {"ab", "ac", "bc"}, -1},
      {"ThirdRepeatsFirst", {"ab", "x", "ab"}, 2},
      {"ThirdRepeatsSecond", {"x", "ab", "ab"}, 2},
      {"SecondRepeatsFirstOfThree", {"ab", "ab", "ab"}, 1},
      {"FourWithSharedSignatures", {"ab", "ab2", "a2b", "ab2"}, 3},
      {"EarliestRepeat", {"a", "b", "b", "a"}, 2},
      {"Empty", {"", "x", ""}, 2},
      {"EmptyPair", {"", ""}, 1},
      // Same length, first and last byte: only the middle tells them apart.
      {"SameEndsDistinct", {"abc", "axc"}, -1},
      {"SameEndsRepeat", {"abc", "axc", "abc"}, 2},
      {"SameEndsFour", {"type", "tote", "tyle", "type"}, 3},
      {"SameLengthOtherEnds", {"type", "text"}, -1},
      {"Nul", {std::string("a\0b", 3), std::string("a\0c", 3), std::string("a\0b", 3)}, 2},
      {"SixteenDistinct", Numbered(16), -1},
      {"SortedPathDistinct", Numbered(40), -1},
      {"SortedPathRepeat", With(Numbered(40), {"k15", "k2"}), 40},
      {"SortedPathTriple", With(Numbered(20), {"k3", "k3"}), 20},
      {"SortedPathLaterPairFirst", With(Numbered(20), {"z", "k9", "z"}), 21},
  };
  for (const DuplicateCase& c : cases) {
    SCOPED_TRACE(c.name);
    std::string buffer;
    std::vector<absl::string_view> views = Views(c.keys, &buffer);
    const absl::string_view* found = FindDuplicateKey(views.data(), views.size());
    if (c.repeat < 0) {
      EXPECT_EQ(found, nullptr);
      continue;
    }
    ASSERT_NE(found, nullptr);
    // Sorting may move the views, so identify the key by its position.
    const std::vector<absl::string_view> original = Views(c.keys, &buffer);
    EXPECT_EQ(found->data(), original[c.repeat].data());
    EXPECT_EQ(*found, c.keys[c.repeat]);
  }
}

}  // namespace
}  // namespace mcpguard::internal
