// InsituReader against RapidJSON's recursive in situ reader: the same events
// with the stream at the same place, the same error code and offset, the
// same end position, on generated JSON and on mutations of it, with handlers
// that refuse at any event.
#include "json/insitu_reader.h"

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "json/reader_differential.h"
#include "rapidjson/reader.h"

namespace mcpguard::internal {
namespace {

using test_support::Outcome;
using test_support::WithInsituReader;
using test_support::WithRapidJson;

void ExpectSame(const std::string& text, int refuse_at, InsituReader* reader) {
  const Outcome expected = WithRapidJson(text, refuse_at);
  const Outcome actual = WithInsituReader(text, refuse_at, reader);
  SCOPED_TRACE(absl::StrCat("text \"", absl::CEscape(text), "\" refusing event ", refuse_at));
  ASSERT_EQ(actual.code, expected.code);
  ASSERT_EQ(actual.offset, expected.offset);
  ASSERT_EQ(actual.end, expected.end);
  ASSERT_EQ(actual.log, expected.log);
}

TEST(InsituReader, AgreesWithRapidJsonOnHandWrittenTexts) {
  InsituReader reader;
  const std::vector<std::string> texts = {
      "", " ", "null", "nul", "nulx", "true", "tru", "false", "fals", "1", "-", "-0", "01",
      "1.", "1e", "1e400", "2e308", "1.5e-3", "-9223372036854775808", "18446744073709551616",
      "\"\"", "\"a\"", "\"a", "\"\\", "\"\\x\"", "\"\\u12\"", "\"\\u00e9\"", "\"\\uD83D\\uDE00\"",
      "\"\\uD83D\"", "\"\\uD83Dx\"", "\"\\uD83D\\u0041\"", "\"\\uDC00\"", "\"\\u0000\"",
      "\"a\tb\"", "\"\x01\"", "\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"", "[]", "[", "[1", "[1,", "[1,]",
      "[1 2]", "{}", "{", "{\"a\"", "{\"a\":", "{\"a\":1", "{\"a\":1,", "{\"a\":1,}", "{1:2}",
      "{\"a\" 1}", "{\"a\":1 \"b\":2}", " [ 1 , { \"k\" : [ ] } ] ", "[] x", "{} {}",
      "\"0123456789abcdef0123456789abcdef\\n0123456789abcdef\"",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}",
      "[\"\xC3\xA9\xF0\x9F\x98\x80\"]", "[nul", "[tr", "{\"a\":f}",
  };
  for (const std::string& text : texts) {
    for (int refuse_at = -1; refuse_at < 12; ++refuse_at) ExpectSame(text, refuse_at, &reader);
  }
}

// Raw bytes 0x1A-0x1F are left out: RapidJSON's SSE2 string scan tests
// `max(c, 0x19) == 0x19`, so it lets them through a string where its
// byte-at-a-time prologue refuses them, depending on alignment; this reader
// always refuses them, and CheckJsonText stops the parser at them before
// either reader sees one (the ControlCharacter1F case in parser_test.cc).
//
// Generated JSON: nested values, strings with every kind of escape (and some
// broken ones), numbers of every form RapidJSON reads or refuses, random
// whitespace; then each text cut short and with bytes replaced, inserted and
// removed.
class Generator {
 public:
  explicit Generator(uint32_t seed) : random_(seed) {}

  std::string Value(int depth) {
    switch (Pick(depth > 3 ? 5 : 7)) {
      case 0: return Pick(3) == 0 ? "null" : Pick(2) == 0 ? "true" : "false";
      case 1: return Number();
      case 2: case 3: case 4: return String();
      case 5: {
        std::string out = "[" + Space();
        for (int n = Pick(5), i = 0; i < n; ++i) {
          out += (i > 0 ? "," + Space() : "") + Value(depth + 1) + Space();
        }
        return out + "]";
      }
      default: {
        std::string out = "{" + Space();
        for (int n = Pick(5), i = 0; i < n; ++i) {
          out += (i > 0 ? "," + Space() : "") + String() + Space() + ":" + Space() +
                 Value(depth + 1) + Space();
        }
        return out + "}";
      }
    }
  }

  std::string Mutate(std::string text) {
    const char bytes[] = "\"\\{}[],: \n\t\x01\x00u0aZ-+.eE9\xC3\xA9";
    for (int n = 1 + Pick(3); n > 0 && !text.empty(); --n) {
      const size_t at = random_() % text.size();
      const char c = bytes[random_() % (sizeof(bytes) - 1)];
      switch (Pick(4)) {
        case 0: text[at] = c; break;
        case 1: text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c); break;
        case 2: text.erase(at, 1); break;
        default: text.resize(at); break;
      }
    }
    return text;
  }

  int Pick(int n) { return static_cast<int>(random_() % static_cast<uint32_t>(n)); }

 private:
  std::string Space() {
    static const char* const kSpaces[] = {"", "", "", " ", "\n  ", "\t", "\r\n"};
    return kSpaces[Pick(7)];
  }
  std::string Number() {
    static const char* const kNumbers[] = {
        "0", "7", "-1", "42", "2147483647", "2147483648", "-2147483649", "4294967296",
        "9223372036854775807", "18446744073709551615", "18446744073709551616", "1.5", "-0.0",
        "1e10", "1E-5", "6.02e+23", "1e400", "2e308", "1.7976931348623157e308", "0.1",
        "123456789012345678901234567890", "00", "1.", ".5", "-", "1e", "+1", "0x10",
        "123456789", "999999999", "1000000000", "9999999999", "10", "3e2", "5E1", "0e1",
        "01", "1-"};
    return kNumbers[Pick(static_cast<int>(std::size(kNumbers)))];
  }
  std::string String() {
    static const char* const kPieces[] = {
        "a", "key", "0123456789abcdef", "tools/call", " ", "\\n", "\\\"", "\\\\", "\\/",
        "\\u00e9", "\\u0000", "\\uD83D\\uDE00", "\\uDC00", "\\uD800", "\\uD800\\u0041",
        "\\u12G4", "\\x", "\xC3\xA9", "\xF0\x9F\x98\x80", "\t", "\x19", "\\b\\f\\r\\t"};
    std::string out = "\"";
    for (int n = Pick(6); n > 0; --n) {
      // Mostly plain text, so that runs cross 16-byte steps.
      out += Pick(3) == 0 ? kPieces[Pick(static_cast<int>(std::size(kPieces)))]
                          : std::string(static_cast<size_t>(Pick(20)), 'x');
    }
    return out + "\"";
  }

  std::mt19937 random_;
};

TEST(InsituReader, AgreesWithRapidJsonOnGeneratedAndMutatedTexts) {
  InsituReader reader;
  Generator generate(20261206);  // Fixed: a failure reproduces.
  int accepted = 0, refused = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text = generate.Value(0);
    if (round % 2 == 1) text = generate.Mutate(text);
    const int refuse_at = generate.Pick(4) == 0 ? generate.Pick(20) : -1;
    ExpectSame(text, refuse_at, &reader);
    if (HasFatalFailure()) return;
    (WithRapidJson(text, -1).code == rapidjson::kParseErrorNone ? accepted : refused) += 1;
  }
  // Not vacuous: both outcomes were compared many times.
  EXPECT_GT(accepted, 1000);
  EXPECT_GT(refused, 1000);
}

}  // namespace
}  // namespace mcpguard::internal
