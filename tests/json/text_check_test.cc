#include "json/text_check.h"

#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "base/simd_level.h"
#include "gtest/gtest.h"
#include "support/guarded_page.h"

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
  for (SimdLevel level : RunnableSimdLevels()) {
    SCOPED_TRACE(SimdLevelName(level));
    for (const TextCase& c : cases) {
      SCOPED_TRACE(c.name);
      const TextCheck check = CheckJsonText(c.bytes.data(), c.bytes.size(), level);
      EXPECT_EQ(check.problem, c.problem);
      EXPECT_EQ(check.offset, c.offset);
    }
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
  for (SimdLevel level : RunnableSimdLevels()) {
    SCOPED_TRACE(SimdLevelName(level));
    for (const EscapeCase& c : cases) {
      SCOPED_TRACE(c.name);
      EXPECT_EQ(CheckJsonText(c.bytes.data(), c.bytes.size(), level).low_surrogate_escape,
                c.flagged);
    }
    // Backslashes need a look but are not problems.
    const std::string escapes = ascii64 + R"("\\\"\/")" + ascii64;
    const TextCheck check = CheckJsonText(escapes.data(), escapes.size(), level);
    EXPECT_EQ(check.problem, TextProblem::kNone);
    EXPECT_EQ(check.offset, escapes.size());
  }
}

// The reference: byte at a time, decoding each UTF-8 sequence to its code
// point and refusing overlong forms, surrogates and anything past U+10FFFF
// (RFC 3629), instead of the lead-byte table the scanner uses.
TextCheck ReferenceCheck(const std::string& bytes) {
  TextCheck result;
  const size_t size = bytes.size();
  size_t i = 0;
  while (i < size) {
    const unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80) {
      if (c < 0x20 && c != 0 && c != '\t' && c != '\n' && c != '\r') {
        result.problem = TextProblem::kControlCharacter;
        result.offset = i;
        return result;
      }
      if (c == '\\' && i + 3 < size && bytes[i + 1] == 'u' &&
          (bytes[i + 2] == 'd' || bytes[i + 2] == 'D') &&
          std::string("cdefCDEF").find(bytes[i + 3]) != std::string::npos) {
        result.low_surrogate_escape = true;
      }
      ++i;
      continue;
    }
    const int length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    uint32_t code_point = c & (0x7F >> length);
    bool ok = length != 0 && i + length <= size;
    for (int k = 1; ok && k < length; ++k) {
      const unsigned char next = static_cast<unsigned char>(bytes[i + k]);
      ok = (next & 0xC0) == 0x80;
      code_point = code_point << 6 | (next & 0x3F);
    }
    const uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    ok = ok && code_point >= smallest[length] && code_point <= 0x10FFFF &&
         !(code_point >= 0xD800 && code_point <= 0xDFFF);
    if (!ok) {
      result.problem = TextProblem::kInvalidUtf8;
      result.offset = i;
      return result;
    }
    i += length;
  }
  result.offset = size;
  return result;
}

// Random texts from pieces that need a look (escapes, whitespace, every
// kind of UTF-8 sequence, well-formed or not, control bytes) among runs of
// ASCII, so that they fall at every offset of a 64-byte block and across
// block ends, compared with the reference at every level.
TEST(CheckJsonText, EveryLevelAgreesWithTheReferenceOnRandomTexts) {
  const std::vector<std::string> pieces = {
      "\\udc00", "\\uDFFF", "\\ud83d", "\\\\", "\\\"", "\\", "\n", "\t", "\r",
      std::string(1, '\0'), "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
      "\xED\x9F\xBF", "\xF4\x8F\xBF\xBF", "\xC3", "\xE2\x82", "\xF0\x9F\x98",
      "\x80", "\xBF", "\xC0\xAF", "\xE0\x9F\xBF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
      "\xF5", "\xFF", "\x01", "\x1F", "\x7F"};
  std::mt19937 random(20261206);
  int bad = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string text;
    const int parts = static_cast<int>(random() % 12);
    // Rarely a bad piece, so that most texts run to the end.
    const bool allow_bad = random() % 4 == 0;
    for (int k = 0; k < parts; ++k) {
      text.append(random() % 90, 'a');
      size_t piece = random() % pieces.size();
      if (!allow_bad) piece %= 15;  // The well-formed ones come first.
      text += pieces[piece];
    }
    text.append(random() % 70, 'z');
    const TextCheck expected = ReferenceCheck(text);
    bad += expected.problem != TextProblem::kNone;
    for (SimdLevel level : RunnableSimdLevels()) {
      const TextCheck got = CheckJsonText(text.data(), text.size(), level);
      ASSERT_EQ(got.problem, expected.problem)
          << SimdLevelName(level) << " round " << round << " " << absl::CHexEscape(text);
      ASSERT_EQ(got.offset, expected.offset) << SimdLevelName(level) << " round " << round;
      ASSERT_EQ(got.low_surrogate_escape, expected.low_surrogate_escape)
          << SimdLevelName(level) << " round " << round;
    }
  }
  // Both outcomes were exercised.
  EXPECT_GT(bad, 200);
  EXPECT_LT(bad, 3800);
}

// Texts that end where readable memory ends: no level may read past the
// last byte (the AVX-512 path reads the last partial block with a masked
// load; the others copy it), or this test dies of SIGSEGV.
TEST(CheckJsonText, ReadsNothingPastTheEnd) {
  const test_support::GuardedPage memory;
  ASSERT_TRUE(memory.ok());
  char* const guard = memory.end();
  for (size_t size = 0; size <= 200; ++size) {
    char* text = guard - size;
    std::memset(text, 'a', size);
    if (size >= 2) std::memcpy(guard - 2, "\xC3\xA9", 2);  // Ends with a sequence.
    for (SimdLevel level : RunnableSimdLevels()) {
      const TextCheck check = CheckJsonText(text, size, level);
      EXPECT_EQ(check.problem, TextProblem::kNone) << SimdLevelName(level) << " " << size;
      EXPECT_EQ(check.offset, size) << SimdLevelName(level) << " " << size;
    }
    if (size >= 1) {
      std::memset(text, 'a', size);
      guard[-1] = '\xE2';  // A sequence cut short by the end of memory.
      for (SimdLevel level : RunnableSimdLevels()) {
        const TextCheck check = CheckJsonText(text, size, level);
        EXPECT_EQ(check.problem, TextProblem::kInvalidUtf8) << SimdLevelName(level) << " " << size;
        EXPECT_EQ(check.offset, size - 1) << SimdLevelName(level) << " " << size;
      }
    }
  }
}

}  // namespace
}  // namespace mcpguard::internal
