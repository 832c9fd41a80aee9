#include "json/text_check.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace mcpguard::internal {
namespace {

struct TextCase {
  const char* name;
  std::string bytes;
  TextProblem problem;
  size_t offset;  // bytes.size() when there is no problem.
};

TEST(CheckJsonText, FindsTheFirstBadByte) {
  const std::string ascii64(64, 'a');
  const TextProblem kNone = TextProblem::kNone;
  const TextProblem kUtf8 = TextProblem::kInvalidUtf8;
  const TextProblem kControl = TextProblem::kControlCharacter;
  const std::vector<TextCase> cases = {
      {"Empty", "", kNone, 0},
      {"Ascii", "hello", kNone, 5},
      {"JsonWhitespace", "{\t\r\n}", kNone, 5},
      {"NulIsLeftToTheReader", std::string("a\0b", 3), kNone, 3},
      {"TwoByte", "\xC3\xA9", kNone, 2},
      {"ThreeByte", "\xE2\x82\xAC", kNone, 3},
      {"FourByte", "\xF0\x9F\x98\x80", kNone, 4},
      {"Highest", "\xF4\x8F\xBF\xBF", kNone, 4},
      {"LastBeforeSurrogates", "\xED\x9F\xBF", kNone, 3},
      {"FirstAfterSurrogates", "\xEE\x80\x80", kNone, 3},
      {"Delete", "\x7F", kNone, 1},
      {"LoneContinuation", "a\x80", kUtf8, 1},
      {"OverlongC0", "\xC0\xAF", kUtf8, 0},
      {"OverlongC1", "\xC1\xBF", kUtf8, 0},
      {"OverlongThreeByte", "\xE0\x9F\xBF", kUtf8, 0},
      {"OverlongFourByte", "\xF0\x8F\xBF\xBF", kUtf8, 0},
      {"Surrogate", "ab\xED\xA0\x80", kUtf8, 2},
      {"AboveMax", "\xF4\x90\x80\x80", kUtf8, 0},
      {"F5", "\xF5\x80\x80\x80", kUtf8, 0},
      {"FF", "\xFF", kUtf8, 0},
      {"TruncatedAtEnd", "ok\xE2\x82", kUtf8, 2},
      {"BadThirdByte", "\xE2\x82" "a", kUtf8, 0},
      {"BadFourthByte", "\xF0\x9F\x98" "a", kUtf8, 0},
      {"ControlOne", "a\x01", kControl, 1},
      {"Escape", "\x1B", kControl, 0},
      {"UnitSeparator", "\x1F", kControl, 0},
      {"VerticalTab", "\x0B", kControl, 0},
      {"FormFeed", "\x0C", kControl, 0},
      // Past the 64- and 16-byte fast paths.
      {"Utf8AfterSixtyFour", ascii64 + "\xFF", kUtf8, 64},
      {"ControlAfterSixtyFour", ascii64 + "\x1A", kControl, 64},
      {"InSecondBlock", ascii64 + "0123456789abcdef" + "xyz\xFE", kUtf8, 83},
      {"ControlAfterWhitespace", ascii64 + "\n\t" + ascii64 + "\x1C", kControl, 130},
      {"ValidAfterLongAscii", ascii64 + "\xC3\xA9" + ascii64, kNone, 130},
  };
  for (const TextCase& c : cases) {
    SCOPED_TRACE(c.name);
    const TextCheck check = CheckJsonText(c.bytes.data(), c.bytes.size());
    EXPECT_EQ(check.problem, c.problem);
    EXPECT_EQ(check.offset, c.offset);
  }
}

TEST(CheckJsonText, NotesEveryPossibleLowSurrogateEscape) {
  const std::string ascii64(64, 'a');
  struct EscapeCase {
    const char* name;
    std::string bytes;
    bool flagged;
  };
  const std::vector<EscapeCase> cases = {
      // The low half of a pair counts too: only the parser can tell.
      {"LowHalfOfAPair", ascii64 + R"("\n\t\u00e9\ud83d\ude00")", true},
      {"OnlyHighAndOthers", R"("\n\u00e9\ud83d\\")", false},
      {"LowerCase", R"("\udc00")", true},
      {"UpperCase", R"("\uDFFF")", true},
      {"MixedCase", R"("\uDc01")", true},
      {"HighSurrogate", R"("\udbff")", false},
      {"BelowSurrogates", R"("\ud7ff")", false},
      // An escaped backslash before "udc00" also counts: the parser then
      // looks, and finds no escape.
      {"EscapedBackslash", R"("\\udc00")", true},
      {"InSecondBlock", ascii64 + ascii64 + R"("\uDE01")", true},
      {"CutShort", R"(\ud)", false},
      {"OutsideAString", ascii64 + "\\uDE01", true},
  };
  for (const EscapeCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(CheckJsonText(c.bytes.data(), c.bytes.size()).low_surrogate_escape, c.flagged);
  }
  // Backslashes stop the fast loop but are not problems.
  const std::string escapes = ascii64 + R"("\\\"\/")" + ascii64;
  const TextCheck check = CheckJsonText(escapes.data(), escapes.size());
  EXPECT_EQ(check.problem, TextProblem::kNone);
  EXPECT_EQ(check.offset, escapes.size());
}

}  // namespace
}  // namespace mcpguard::internal
