#include "policy/ascii_search.h"

#include <cctype>
#include <random>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "gtest/gtest.h"

namespace mcpguard::internal {
namespace {

TEST(ContainsIgnoringAsciiCase, FindsNeedlesAnywhereInAnyAsciiCase) {
  EXPECT_TRUE(ContainsIgnoringAsciiCase("/home/u/.SSH/id_rsa", "/.ssh/"));
  EXPECT_TRUE(ContainsIgnoringAsciiCase("PRIVATE KEY", "private key"));
  EXPECT_TRUE(ContainsIgnoringAsciiCase("xxAbC", "abc"));    // At the very end.
  EXPECT_TRUE(ContainsIgnoringAsciiCase("aBcxx", "abc"));    // At the start.
  EXPECT_TRUE(ContainsIgnoringAsciiCase("abc", "abc"));      // The whole text.
  EXPECT_TRUE(ContainsIgnoringAsciiCase("a/b", "/"));        // No letters at all.
  EXPECT_TRUE(ContainsIgnoringAsciiCase("anything", ""));
  EXPECT_TRUE(ContainsIgnoringAsciiCase("", ""));
}

TEST(ContainsIgnoringAsciiCase, RejectsNearMisses) {
  EXPECT_FALSE(ContainsIgnoringAsciiCase("/home/u/.sh/x", "/.ssh/"));
  EXPECT_FALSE(ContainsIgnoringAsciiCase("ab", "abc"));      // Needle longer.
  EXPECT_FALSE(ContainsIgnoringAsciiCase("", "a"));
  EXPECT_FALSE(ContainsIgnoringAsciiCase("ab/", "b/c"));     // Anchor at the end, window past it.
  EXPECT_FALSE(ContainsIgnoringAsciiCase("/c", "b/c"));      // Window before the start.
}

TEST(ContainsIgnoringAsciiCase, FoldsOnlyAsciiLetters) {
  // '@' (0x40) and '`' (0x60) differ from 'A'/'a' by case bit only.
  EXPECT_FALSE(ContainsIgnoringAsciiCase("@", "`"));
  EXPECT_FALSE(ContainsIgnoringAsciiCase("[", "{"));
  // Non-ASCII bytes compare exactly: "É" (C3 89) is not "é" (C3 A9).
  EXPECT_FALSE(ContainsIgnoringAsciiCase("\xC3\x89t\xC3\x89", "\xC3\xA9t\xC3\xA9"));
  EXPECT_TRUE(ContainsIgnoringAsciiCase("x\xC3\xA9T\xC3\xA9", "\xC3\xA9t\xC3\xA9"));
}

TEST(ContainsIgnoringAsciiCase, AgreesWithAPlainScan) {
  // Every needle over a small alphabet against every window of a text.
  const std::string text = "aB/a/bA//Ab/ba";
  const std::string alphabet = "ab/";
  for (int length = 1; length <= 4; ++length) {
    int combinations = 1;
    for (int i = 0; i < length; ++i) combinations *= 3;
    for (int n = 0; n < combinations; ++n) {
      std::string needle;
      for (int i = 0, k = n; i < length; ++i, k /= 3) needle.push_back(alphabet[k % 3]);
      std::string lowered_text = text;
      for (char& c : lowered_text) c = static_cast<char>(std::tolower(c));
      const bool expected = lowered_text.find(needle) != std::string::npos;
      EXPECT_EQ(ContainsIgnoringAsciiCase(text, needle), expected) << needle;
    }
  }
}

// Needles of letters only are searched 16 bytes at a time, others from
// their least common byte: long random haystacks with the bytes that differ
// from letters by the case bit alone ('@', '`', '[', '{', 0xC1, 0xE1),
// against a plain fold-and-find.
TEST(ContainsIgnoringAsciiCase, NeedlesAgreeWithAPlainScanOnLongTexts) {
  const std::string bytes = "abAB@`[{/.\xC1\xE1";
  std::mt19937 random(20261206);  // Fixed: a failure reproduces.
  int found = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text, needle;
    for (int n = random() % 80; n > 0; --n) text += bytes[random() % bytes.size()];
    const int kinds = round % 2 == 0 ? 2 : 4;  // Letters only, or with "." and "/".
    for (int n = 1 + random() % 4; n > 0; --n) needle += "ab./"[random() % kinds];
    std::string lowered = text;
    for (char& c : lowered) c = absl::ascii_tolower(static_cast<unsigned char>(c));
    const bool expected = lowered.find(needle) != std::string::npos;
    ASSERT_EQ(ContainsIgnoringAsciiCase(text, needle), expected)
        << absl::CEscape(text) << " / " << needle;
    found += expected;
  }
  EXPECT_GT(found, 5000);  // Not vacuous.
  EXPECT_LT(found, 19000);
}

TEST(ContainsBytes, AgreesWithStringFind) {
  // Every needle over a small alphabet against every prefix of a text, so
  // needles at the very start and end, longer than the text and empty.
  const std::string text = "aB/a/bA//Ab/ba\0x";
  const std::string alphabet = std::string("aAb/\0", 6);
  for (size_t prefix = 0; prefix <= text.size(); ++prefix) {
    const std::string haystack = text.substr(0, prefix);
    for (int length = 0; length <= 3; ++length) {
      int combinations = 1;
      for (int i = 0; i < length; ++i) combinations *= 6;
      for (int n = 0; n < combinations; ++n) {
        std::string needle;
        for (int i = 0, k = n; i < length; ++i, k /= 6) needle.push_back(alphabet[k % 6]);
        EXPECT_EQ(ContainsBytes(haystack, needle), haystack.find(needle) != std::string::npos)
            << "\"" << haystack << "\" \"" << needle << "\"";
      }
    }
  }
}

}  // namespace
}  // namespace mcpguard::internal
