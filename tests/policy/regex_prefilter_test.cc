#include "policy/regex_prefilter.h"

#include <random>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mcpguard::internal {
namespace {

using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

RE2::Options Options(bool case_sensitive = true) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(case_sensitive);
  return options;
}

TEST(RegexPrefilter, ContainsTestsRequireTheirLiteral) {
  RegexPrefilter p = RegexPrefilter::Derive(".*/[.]ssh/.*", Options());
  EXPECT_THAT(p.required(), UnorderedElementsAre("/.ssh/"));
  EXPECT_THAT(p.any_of(), IsEmpty());
  EXPECT_FALSE(p.MayMatch("/home/user/projects/readme.md"));
  EXPECT_TRUE(p.MayMatch("/home/user/.ssh/id_rsa"));
  // Atoms are lowercased, so the search ignores case and lets this through
  // to RE2, which then says no.
  EXPECT_TRUE(p.MayMatch("/home/user/.SSH/id_rsa"));
}

TEST(RegexPrefilter, EveryLiteralOfAConjunctionIsRequired) {
  RegexPrefilter p = RegexPrefilter::Derive(".*token.*secret.*", Options());
  EXPECT_THAT(p.required(), UnorderedElementsAre("token", "secret"));
  EXPECT_FALSE(p.MayMatch("token only"));
  EXPECT_TRUE(p.MayMatch("a token and a secret"));
}

TEST(RegexPrefilter, AlternationsNeedOneOfTheirLiterals) {
  RegexPrefilter p = RegexPrefilter::Derive("(evil|untrusted).*", Options());
  EXPECT_THAT(p.required(), IsEmpty());
  EXPECT_THAT(p.any_of(), UnorderedElementsAre("evil", "untrusted"));
  EXPECT_FALSE(p.MayMatch("octocat"));
  EXPECT_TRUE(p.MayMatch("untrusted-org"));
}

TEST(RegexPrefilter, LongLiteralsAreCutToAPrefix) {
  RegexPrefilter p = RegexPrefilter::Derive(".*abcdefghijklmnopqrstuvwxyz.*", Options());
  ASSERT_EQ(p.required().size(), 1u);
  EXPECT_EQ(p.required()[0].size(), RegexPrefilter::kMaxAtomBytes);
  EXPECT_TRUE(p.MayMatch("abcdefghijklmnopq-no-more"));  // Prefix only: RE2 decides.
}

TEST(RegexPrefilter, PassesEverythingWhenItCannotBeSound) {
  // A fine pattern, but compiled to ignore case.
  EXPECT_FALSE(RegexPrefilter::Derive(".*ssh.*", Options(/*case_sensitive=*/false)).filters());
  for (const char* pattern : {
           "(?i).*ssh.*",        // Inline case folding: KELVIN SIGN matches k.
           ".*(?i:kelvin).*",    //
           ".*(?mi)kelvin.*",    //
           ".*\\x{212A}elvin.*", // Names a rune whose lowercase is ASCII.
           ".*\\p{Greek}abc.*",  // Unicode classes.
           ".*caf\xC3\xA9.*",    // Non-ASCII literal.
           ".*\\101BC.*",        // Octal escape.
           ".*",                 // Nothing to require.
           "ab",                 // Atoms shorter than RE2's minimum.
           "[a-z]+",             //
       }) {
    EXPECT_FALSE(RegexPrefilter::Derive(pattern, Options()).filters()) << pattern;
  }
  // Named groups set no flags and keep the prefilter.
  EXPECT_TRUE(RegexPrefilter::Derive(".*(?P<dir>/[.]ssh/).*", Options()).filters());
}

// The promise: MayMatch is false only for texts the regex cannot match.
// Random patterns over literals, classes, alternation and repetition are
// checked against random texts that often contain the patterns' pieces.
TEST(RegexPrefilter, NeverRejectsATextTheRegexMatches) {
  std::mt19937 rng(20261123);
  const std::vector<std::string> pieces = {
      "ssh", "SSH", "/.", "etc", "[.]", "ab", "abc", "(x|yz)", "(key|token)",
      ".*",  ".+",  "[a-c]", "k", "K", "\\.", "(?:foo)?", "bar{2}", "q*", "\\d+", "-",
  };
  const std::vector<std::string> text_pieces = {
      "ssh", "SSH", "sSh", "/.", "/", ".", "etc", "ETC", "ab", "abc", "x", "yz",
      "key", "KEY", "token", "foo", "barbar", "q", "7", "-", "\xE2\x84\xAA", "\xC5\xBF", "",
  };
  auto pick = [&](const std::vector<std::string>& from) {
    return from[std::uniform_int_distribution<size_t>(0, from.size() - 1)(rng)];
  };
  int filtered = 0, rejected = 0;
  for (int p = 0; p < 400; ++p) {
    std::string pattern;
    const int length = std::uniform_int_distribution<int>(1, 6)(rng);
    for (int i = 0; i < length; ++i) pattern += pick(pieces);
    RE2 re(pattern, Options());
    ASSERT_TRUE(re.ok()) << pattern;
    RegexPrefilter prefilter = RegexPrefilter::Derive(pattern, Options());
    if (prefilter.filters()) ++filtered;
    for (int t = 0; t < 60; ++t) {
      std::string text;
      const int text_length = std::uniform_int_distribution<int>(0, 8)(rng);
      for (int i = 0; i < text_length; ++i) text += pick(text_pieces);
      const bool matches = RE2::FullMatch(text, re);
      const bool may = prefilter.MayMatch(text);
      if (!may) ++rejected;
      ASSERT_TRUE(may || !matches) << "pattern " << pattern << " text " << text;
    }
  }
  // The property is only worth something if the prefilter often filters.
  EXPECT_GT(filtered, 100);
  EXPECT_GT(rejected, 1000);
}

}  // namespace
}  // namespace mcpguard::internal
