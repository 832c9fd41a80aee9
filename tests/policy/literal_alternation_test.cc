#include "policy/literal_alternation.h"

#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "re2/re2.h"

namespace mcpguard::internal {
namespace {

using Answer = LiteralAlternation::Answer;

TEST(LiteralAlternation, TakesOnlyPlainLiteralText) {
  EXPECT_TRUE(LiteralAlternation::Parse("utf-8|ascii|latin-1", false).has_value());
  EXPECT_TRUE(LiteralAlternation::Parse("read_file", false).has_value());
  EXPECT_TRUE(LiteralAlternation::Parse("a||b", false).has_value());
  EXPECT_TRUE(LiteralAlternation::Parse("a b,c:d=e@f/g", false).has_value());
  for (const char* pattern : {".*", "a.b", "a*", "a+", "a?", "(a|b)", "[ab]", "a{2}", "^a", "a$",
                              "\\d", "a\\|b", "(?i)a", "caf\xC3\xA9", "a\tb", "}", "]"}) {
    SCOPED_TRACE(pattern);
    EXPECT_FALSE(LiteralAlternation::Parse(pattern, false).has_value());
  }
}

TEST(LiteralAlternation, AnswersAsFullMatchDoes) {
  const LiteralAlternation enc = *LiteralAlternation::Parse("utf-8|ascii|latin-1", false);
  EXPECT_EQ(enc.FullMatch("utf-8"), Answer::kMatch);
  EXPECT_EQ(enc.FullMatch("latin-1"), Answer::kMatch);
  EXPECT_EQ(enc.FullMatch("UTF-8"), Answer::kNoMatch);
  EXPECT_EQ(enc.FullMatch("utf-8 "), Answer::kNoMatch);
  EXPECT_EQ(enc.FullMatch("utf"), Answer::kNoMatch);
  EXPECT_EQ(enc.FullMatch(""), Answer::kNoMatch);
  const LiteralAlternation empty = *LiteralAlternation::Parse("a|", false);
  EXPECT_EQ(empty.FullMatch(""), Answer::kMatch);
  const LiteralAlternation folded = *LiteralAlternation::Parse("Kilo|s", true);
  EXPECT_EQ(folded.FullMatch("kILO"), Answer::kMatch);
  EXPECT_EQ(folded.FullMatch("S"), Answer::kMatch);
  // RE2 folds by Unicode rules: KELVIN SIGN is a "k", LONG S an "s". Those
  // texts go to RE2.
  EXPECT_EQ(folded.FullMatch("\xE2\x84\xAAilo"), Answer::kAskRe2);
  EXPECT_EQ(folded.FullMatch("\xC5\xBF"), Answer::kAskRe2);
  EXPECT_EQ(enc.FullMatch("utf-8\xC3\xA9"), Answer::kNoMatch);  // Case-sensitive: still sure.
}

// Random alternations and texts near them: wherever the fast path answers,
// it answers as RE2 does.
TEST(LiteralAlternation, AgreesWithRe2OnRandomPatternsAndTexts) {
  std::mt19937 random(7);
  const std::string alphabet = "abKkSs-_ 9";
  auto word = [&](size_t max) {
    std::string w;
    for (size_t n = random() % (max + 1); n > 0; --n) w += alphabet[random() % alphabet.size()];
    return w;
  };
  int answered = 0;
  for (int round = 0; round < 3000; ++round) {
    std::vector<std::string> alternatives;
    for (int n = 1 + random() % 4; n > 0; --n) alternatives.push_back(word(5));
    std::string pattern;
    for (size_t i = 0; i < alternatives.size(); ++i) pattern += (i ? "|" : "") + alternatives[i];
    const bool ignore_case = random() % 2;
    const auto fast = LiteralAlternation::Parse(pattern, ignore_case);
    ASSERT_TRUE(fast.has_value()) << pattern;
    RE2::Options options;
    options.set_case_sensitive(!ignore_case);
    const RE2 re(pattern, options);
    ASSERT_TRUE(re.ok()) << pattern;
    for (int t = 0; t < 8; ++t) {
      std::string text = t < 3 ? alternatives[random() % alternatives.size()] : word(6);
      if (t == 2 && !text.empty()) text[random() % text.size()] ^= 0x20;  // Flip a case.
      if (t == 7) text += "\xE2\x84\xAA";                                    // KELVIN SIGN.
      const Answer answer = fast->FullMatch(text);
      if (answer == Answer::kAskRe2) continue;
      ++answered;
      EXPECT_EQ(answer == Answer::kMatch, RE2::FullMatch(text, re))
          << "pattern \"" << pattern << "\" text \"" << text << "\" ignore_case " << ignore_case;
    }
  }
  EXPECT_GT(answered, 20000);
}

}  // namespace
}  // namespace mcpguard::internal
