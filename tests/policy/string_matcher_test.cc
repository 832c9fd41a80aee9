#include "policy/string_matcher.h"

#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"

namespace mcpguard::internal {
namespace {

mcpguard::v1::StringMatcher Parse(const std::string& text) {
  mcpguard::v1::StringMatcher proto;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &proto)) << text;
  return proto;
}

struct MatchCase {
  const char* name;
  const char* matcher;
  std::string text;
  bool matches;
};

class StringMatcherTest : public testing::TestWithParam<MatchCase> {};

TEST_P(StringMatcherTest, Matches) {
  const MatchCase& c = GetParam();
  auto m = StringMatcher::Compile(Parse(c.matcher));
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ((*m)->Matches(c.text), c.matches) << c.matcher << " on \"" << c.text << "\"";
}

INSTANTIATE_TEST_SUITE_P(
    All, StringMatcherTest,
    testing::Values(
        MatchCase{"ExactYes", "exact: \"/srv\"", "/srv", true},
        MatchCase{"ExactNo", "exact: \"/srv\"", "/srv/", false},
        MatchCase{"ExactEmpty", "exact: \"\"", "", true},
        MatchCase{"ExactIgnoreCase", "exact: \"ABC\" ignore_case: true", "abc", true},
        MatchCase{"PrefixYes", "prefix: \"/srv/\"", "/srv/a", true},
        MatchCase{"PrefixNo", "prefix: \"/srv/\"", "/srv", false},
        MatchCase{"PrefixIgnoreCase", "prefix: \"/SRV/\" ignore_case: true", "/srv/x", true},
        MatchCase{"SuffixYes", "suffix: \".md\"", "a.md", true},
        MatchCase{"SuffixNo", "suffix: \".md\"", "a.mdx", false},
        MatchCase{"SuffixIgnoreCase", "suffix: \".MD\" ignore_case: true", "a.md", true},
        MatchCase{"ContainsYes", "contains: \"..\"", "/srv/../etc", true},
        MatchCase{"ContainsNo", "contains: \"..\"", "/srv/etc", false},
        MatchCase{"ContainsIgnoreCase", "contains: \"SSH\" ignore_case: true", "/home/.ssh/id", true},
        MatchCase{"ContainsIgnoreCaseNo", "contains: \"SSH\" ignore_case: true", "/home/sh", false},
        MatchCase{"GlobYes", "glob: \"/srv/*.md\"", "/srv/a/b.md", true},
        MatchCase{"GlobNo", "glob: \"/srv/*.md\"", "/etc/b.md", false},
        MatchCase{"RegexFullMatch", "regex: \"[a-z]+\"", "abc", true},
        MatchCase{"RegexIsAnchored", "regex: \"[a-z]+\"", "abc1", false},
        MatchCase{"RegexIgnoreCase", "regex: \"abc\" ignore_case: true", "ABC", true},
        // `.` matches a newline: a value with one still "contains" what the
        // regex looks for.
        MatchCase{"RegexDotMatchesNewline", "regex: \".*-c.*\"", "git -c x log 'a\nb'", true},
        MatchCase{"RegexDotMatchesNewlineAtEnd", "regex: \"a.*\"", "ab\n", true},
        MatchCase{"RegexClassStillExcludes", "regex: \"[^\\\\n]*\"", "a\nb", false},
        MatchCase{"EmbeddedNul", "exact: \"a\\000b\"", std::string("a\0b", 3), true},
        MatchCase{"EmbeddedNulPrefixOnly", "exact: \"a\"", std::string("a\0b", 3), false}),
    [](const testing::TestParamInfo<MatchCase>& param_info) { return std::string(param_info.param.name); });

struct ErrorCase {
  const char* name;
  const char* matcher;
  const char* message_part;
};

class StringMatcherErrorTest : public testing::TestWithParam<ErrorCase> {};

TEST_P(StringMatcherErrorTest, RejectedAtCompile) {
  const ErrorCase& c = GetParam();
  auto m = StringMatcher::Compile(Parse(c.matcher));
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(m.status().message().find(c.message_part), absl::string_view::npos) << m.status();
}

INSTANTIATE_TEST_SUITE_P(
    All, StringMatcherErrorTest,
    testing::Values(
        ErrorCase{"Unset", "", "sets no pattern"},
        ErrorCase{"EmptyPrefix", "prefix: \"\"", "present: true"},
        ErrorCase{"EmptyContains", "contains: \"\"", "present: true"},
        ErrorCase{"EmptyGlob", "glob: \"\"", "empty glob"},
        ErrorCase{"BadRegex", "regex: \"a(b\"", "invalid regex"},
        ErrorCase{"BackreferenceUnsupported", "regex: \"(a)\\\\1\"", "invalid regex"},
        ErrorCase{"HugeRegex", "regex: \"((a{1,100}){1,100}){1,100}\"", "invalid regex"},
        ErrorCase{"ProgramTooLarge",
                  "regex: \"[a-z]{900}[0-9]{900}[A-Z]{900}[a-f]{900}[g-k]{900}[l-p]{900}\"",
                  "instructions"}),
    [](const testing::TestParamInfo<ErrorCase>& param_info) { return std::string(param_info.param.name); });

TEST(StringMatcher, DescribeNamesKindAndPattern) {
  auto m = StringMatcher::Compile(Parse("prefix: \"/srv/\" ignore_case: true"));
  ASSERT_TRUE(m.ok());
  EXPECT_EQ((*m)->Describe(), "prefix \"/srv/\" (ignore case)");
}

}  // namespace
}  // namespace mcpguard::internal
