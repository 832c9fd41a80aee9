#include "policy/glob.h"

#include <random>
#include <string>

#include "absl/strings/ascii.h"
#include "gtest/gtest.h"

namespace mcpguard::internal {
namespace {

struct GlobCase {
  const char* name;
  const char* pattern;
  const char* text;
  bool matches;
  bool ignore_case = false;
};

class GlobMatchTest : public testing::TestWithParam<GlobCase> {};

TEST_P(GlobMatchTest, MatchesAsSpecified) {
  const GlobCase& c = GetParam();
  absl::StatusOr<Glob> glob = Glob::Compile(c.pattern, c.ignore_case);
  ASSERT_TRUE(glob.ok()) << glob.status();
  EXPECT_EQ(glob->Matches(c.text), c.matches) << c.pattern << " vs " << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Glob, GlobMatchTest,
    testing::Values(
        GlobCase{"LiteralEqual", "read_file", "read_file", true},
        GlobCase{"LiteralLonger", "read_file", "read_files", false},
        GlobCase{"LiteralShorter", "read_file", "read_fil", false},
        GlobCase{"StarAlone", "*", "", true},
        GlobCase{"StarAloneAny", "*", "anything/at/all", true},
        GlobCase{"Prefix", "read_*", "read_text_file", true},
        GlobCase{"PrefixEmptyRest", "read_*", "read_", true},
        GlobCase{"PrefixMiss", "read_*", "write_file", false},
        GlobCase{"Suffix", "*_file", "write_file", true},
        GlobCase{"SuffixMiss", "*_file", "write_files", false},
        GlobCase{"Middle", "a*b*c", "aXXbYYc", true},
        GlobCase{"MiddleOrder", "a*b*c", "acb", false},
        GlobCase{"StarCrossesSlash", "notifications/*", "notifications/tools/list_changed", true},
        GlobCase{"HeadTailOverlap", "ab*ba", "aba", false},
        GlobCase{"HeadTailExact", "ab*ba", "abba", true},
        GlobCase{"Question", "file?", "file1", true},
        GlobCase{"QuestionNeedsOne", "file?", "file", false},
        GlobCase{"QuestionOnlyOne", "file?", "file12", false},
        GlobCase{"QuestionInFloating", "*a?c*", "xxabcxx", true},
        // A `?` that starts a segment was once read as a literal "?".
        GlobCase{"QuestionFirst", "?", "b", true},
        GlobCase{"QuestionFirstThenStar", "??*", "ba?.", true},
        GlobCase{"QuestionAfterStar", "*.?", "a.b", true},
        GlobCase{"QuestionAfterStarMiss", "*.?", "a.bc", false},
        GlobCase{"EscapedStar", "a\\*b", "a*b", true},
        GlobCase{"EscapedStarIsLiteral", "a\\*b", "axxb", false},
        GlobCase{"EscapedQuestion", "a\\?", "a?", true},
        GlobCase{"DoubleStar", "a**b", "ab", true},
        GlobCase{"RepeatedSegments", "*ab*ab*", "abab", true},
        GlobCase{"RepeatedSegmentsMiss", "*ab*ab*", "aba", false},
        GlobCase{"CaseSensitive", "Read_*", "read_file", false},
        GlobCase{"IgnoreCase", "Read_*", "READ_FILE", true, true},
        GlobCase{"IgnoreCaseQuestion", "x?Z", "XyZ", true, true},
        GlobCase{"Empty text", "a*", "", false}),
    [](const testing::TestParamInfo<GlobCase>& param_info) {
      std::string name = param_info.param.name;
      for (char& ch : name) {
        if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
      }
      return name;
    });

TEST(Glob, LiteralPatternsAreReportedAsLiteral) {
  EXPECT_TRUE(Glob::Compile("tools/call")->is_literal());
  EXPECT_EQ(Glob::Compile("tools/call")->literal(), "tools/call");
  EXPECT_TRUE(Glob::Compile("a\\*b")->is_literal());
  EXPECT_EQ(Glob::Compile("a\\*b")->literal(), "a*b");
  EXPECT_FALSE(Glob::Compile("a*")->is_literal());
  EXPECT_FALSE(Glob::Compile("a?")->is_literal());
  EXPECT_FALSE(Glob::Compile("*")->is_literal());
}

TEST(Glob, RejectsEmptyAndTrailingBackslash) {
  EXPECT_EQ(Glob::Compile("").status().code(), absl::StatusCode::kInvalidArgument);
  absl::Status s = Glob::Compile("abc\\").status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("unpaired"), absl::string_view::npos) << s;
}

TEST(Glob, HasGlobWildcardIgnoresEscapes) {
  EXPECT_TRUE(HasGlobWildcard("a*"));
  EXPECT_TRUE(HasGlobWildcard("a?"));
  EXPECT_FALSE(HasGlobWildcard("a\\*"));
  EXPECT_FALSE(HasGlobWildcard("plain"));
}

// The textbook definition, by recursion: `*` any run, `?` one byte, `\`
// escapes, letters folded when asked. Exponential, fine for short inputs.
bool ReferenceMatch(const char* p, const char* t, bool ignore_case) {
  if (*p == '\0') return *t == '\0';
  if (*p == '*') {
    for (const char* rest = t;; ++rest) {
      if (ReferenceMatch(p + 1, rest, ignore_case)) return true;
      if (*rest == '\0') return false;
    }
  }
  if (*t == '\0') return false;
  if (*p == '?') return ReferenceMatch(p + 1, t + 1, ignore_case);
  if (*p == '\\') ++p;
  const auto fold = [&](char c) {
    return ignore_case ? absl::ascii_tolower(static_cast<unsigned char>(c)) : c;
  };
  return fold(*p) == fold(*t) && ReferenceMatch(p + 1, t + 1, ignore_case);
}

TEST(Glob, AgreesWithTheReferenceOnRandomPatterns) {
  const char pattern_bytes[] = {'a', 'b', 'A', '.', '*', '?', '\\'};
  const char text_bytes[] = {'a', 'b', 'A', 'B', '.', '*', '?'};
  std::mt19937 random(20261206);  // Fixed: a failure reproduces.
  int matched = 0;
  for (int round = 0; round < 40000; ++round) {
    std::string pattern, text;
    for (int n = 1 + random() % 7; n > 0; --n) pattern += pattern_bytes[random() % 7];
    if (pattern.back() == '\\' && (pattern.size() < 2 || pattern[pattern.size() - 2] != '\\')) {
      pattern.back() = 'a';  // A trailing unpaired backslash does not compile.
    }
    for (int n = random() % 9; n > 0; --n) text += text_bytes[random() % 7];
    const bool ignore_case = random() % 2 == 0;
    absl::StatusOr<Glob> glob = Glob::Compile(pattern, ignore_case);
    if (!glob.ok()) continue;
    const bool expected = ReferenceMatch(pattern.c_str(), text.c_str(), ignore_case);
    ASSERT_EQ(glob->Matches(text), expected)
        << "pattern " << pattern << " text " << text << " ignore_case " << ignore_case;
    matched += expected;
  }
  EXPECT_GT(matched, 2000);  // Not vacuous.
}

}  // namespace
}  // namespace mcpguard::internal
