#include "schema/schema_regex.h"

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"

namespace mcpguard::internal {
namespace {

TEST(SimplePattern, ParsesAnchoredClassSequences) {
  for (const char* pattern :
       {"^[a-z][a-z0-9_-]{0,31}$", "^[0-9a-f]{64}$", "^$", "^abc$", "^\\d{4}-\\d{2}$",
        "^[A-Z]+$", "^v\\d+\\.[a-c]+$", "^[-a-c]?x*$", "^[a-z_]{1,8}:[0-9]{2,}$", "^a{3}b?$"}) {
    EXPECT_TRUE(SimplePattern::Parse(pattern).has_value()) << pattern;
  }
}

TEST(SimplePattern, LeavesOtherPatternsToRe2) {
  for (const char* pattern :
       {"[a-z]+", "^[a-z]+", "[a-z]+$", "^a.b$", "^(ab)+$", "^a|b$", "^[^a]$", "^[a-z]*[a-z]$",
        "^a*?$", "^a{2,1}$", "^\\s$", "^é$", "^[a-z-_]$", "^a{,3}$", "^\\$", "^a*a$",
        "^[a-z]?[0-9]?[a-z]$",
        "^v\\d+\\.\\d+$", "^\\w+:[0-9]$"}) {
    EXPECT_FALSE(SimplePattern::Parse(pattern).has_value()) << pattern;
  }
}

// The fast matcher and RE2 agree on every text, including near misses.
TEST(SimplePattern, AgreesWithRe2) {
  const std::vector<std::string> patterns = {
      "^[a-z][a-z0-9_-]{0,31}$", "^[0-9a-f]{4}$", "^abc$", "^\\d{2}-\\d{1,2}$", "^[A-Z]+x?$",
      "^v\\d+\\.[a-c]+$", "^[-a-c]?x*$", "^\\w{1,3}:[.]{2,}$", "^a{3}b?$", "^[.*+]{1,2}$", "^$"};
  const std::string alphabet = "abcxyzv019AZ_-.:*+\n\xc3\xa9";
  std::mt19937 random(7);
  for (const std::string& pattern : patterns) {
    std::optional<SimplePattern> simple = SimplePattern::Parse(pattern);
    ASSERT_TRUE(simple.has_value()) << pattern;
    auto regex = CompileSchemaRegex(pattern, "/pattern");
    ASSERT_TRUE(regex.ok()) << pattern;
    for (int i = 0; i < 3000; ++i) {
      std::string text;
      const int length = static_cast<int>(random() % 8);
      for (int j = 0; j < length; ++j) text += alphabet[random() % alphabet.size()];
      EXPECT_EQ(simple->Matches(text), RegexSearch(**regex, text))
          << pattern << " on \"" << text << "\"";
    }
  }
}

// Long runs go 16 bytes at a time: the first byte outside the class may sit
// at any offset of a block, and bytes >= 0x80 whose low nibble matches a
// class character must still count as outside.
TEST(SimplePattern, AgreesWithRe2OnLongRuns) {
  const std::vector<std::string> patterns = {
      "^[0-9a-f]{64}$", "^[a-z][a-z0-9_-]{0,40}$", "^\\w+$", "^[A-Za-z]{16,}:\\d*$",
      "^[ -~]*$", "^x{20}y?$"};
  // In-class characters for the patterns above, then outsiders: 0x7F,
  // non-ASCII bytes sharing a low nibble with class characters, controls.
  const std::string inside = "0123456789abcdefxyz_-AZ:y ~";
  const std::string outside = "\x7f\x80\xb0\xe1\xf9\xc3\xa9\n\x01G.";
  std::mt19937 random(11);
  for (const std::string& pattern : patterns) {
    std::optional<SimplePattern> simple = SimplePattern::Parse(pattern);
    ASSERT_TRUE(simple.has_value()) << pattern;
    auto regex = CompileSchemaRegex(pattern, "/pattern");
    ASSERT_TRUE(regex.ok()) << pattern;
    for (int i = 0; i < 4000; ++i) {
      std::string text;
      const int length = static_cast<int>(random() % 90);
      for (int j = 0; j < length; ++j) text += inside[random() % inside.size()];
      if (length > 0 && random() % 2 == 0) {
        text[random() % length] = outside[random() % outside.size()];
      }
      EXPECT_EQ(simple->Matches(text), RegexSearch(**regex, text))
          << pattern << " on \"" << absl::CEscape(text) << "\"";
    }
  }
  // A run of exactly-in-class text of every length, and one miss at every
  // offset of it.
  std::optional<SimplePattern> hex = SimplePattern::Parse("^[0-9a-f]*$");
  ASSERT_TRUE(hex.has_value());
  for (int length = 0; length <= 70; ++length) {
    std::string text(static_cast<size_t>(length), 'a');
    EXPECT_TRUE(hex->Matches(text)) << length;
    for (int miss = 0; miss < length; ++miss) {
      for (const char c : {'g', '\xe1', 'A'}) {
        std::string bad = text;
        bad[static_cast<size_t>(miss)] = c;
        EXPECT_FALSE(hex->Matches(bad)) << length << " at " << miss;
      }
    }
  }
}

}  // namespace
}  // namespace mcpguard::internal
