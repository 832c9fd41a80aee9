#include "policy/ascii_search.h"

#include <cctype>
#include <string>

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
