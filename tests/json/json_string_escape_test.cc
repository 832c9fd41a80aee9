#include "json/json_string_escape.h"

#include <random>
#include <string>

#include "gtest/gtest.h"
#include "json/json_appender.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"
#include "support/guarded_page.h"

namespace mcpguard::internal {
namespace {

std::string ByRapidJson(const std::string& text) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string Escaped(const std::string& text, HexCase hex) {
  std::string out = "prefix";
  AppendJsonString(text, hex, &out);
  EXPECT_EQ(out.substr(0, 6), "prefix") << "appends, never clears";
  return out.substr(6);
}

// Texts of every length to 80 with bytes that need escaping (and bytes
// that do not: 0x20, 0x7F, '/', UTF-8) at random places, so that each
// position of the 16-byte blocks and of the tail is tried.
std::string RandomText(std::mt19937& rng, size_t length) {
  static constexpr unsigned char kInteresting[] = {0x00, 0x01, 0x08, 0x09, 0x0A, 0x0C, 0x0D,
                                                   0x1F, 0x20, '"',  '\\', '/',  0x7F, 0x80,
                                                   0xC3, 0xA9, 0xFF};
  std::string text;
  for (size_t i = 0; i < length; ++i) {
    const unsigned roll = rng() % 16;
    if (roll == 0) {
      text.push_back(static_cast<char>(kInteresting[rng() % sizeof(kInteresting)]));
    } else {
      text.push_back(static_cast<char>('a' + rng() % 26));
    }
  }
  return text;
}

// Escaping one byte at a time, as RFC 8259 says: the reference.
std::string Reference(const std::string& text, HexCase hex) {
  const char* digits = hex == HexCase::kUpper ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string out = "\"";
  for (const char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c == '\b') {
      out += "\\b";
    } else if (c == '\f') {
      out += "\\f";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20) {
      out += "\\u00";
      out += digits[c >> 4];
      out += digits[c & 0xF];
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

TEST(AppendJsonString, EscapesAsTheByteByByteReference) {
  std::mt19937 rng(20261207);
  for (size_t length = 0; length <= 80; ++length) {
    for (int trial = 0; trial < 50; ++trial) {
      const std::string text = RandomText(rng, length);
      ASSERT_EQ(Escaped(text, HexCase::kUpper), Reference(text, HexCase::kUpper)) << length;
      ASSERT_EQ(Escaped(text, HexCase::kLower), Reference(text, HexCase::kLower)) << length;
    }
  }
}

// Below 16 bytes RapidJSON's Writer escapes byte by byte too (longer
// strings take its vector scan, which lets 0x1A-0x1F through: json_writer.h).
TEST(AppendJsonString, WritesWhatRapidJsonsWriterWritesForShortStrings) {
  std::mt19937 rng(7);
  for (size_t length = 0; length < 16; ++length) {
    for (int trial = 0; trial < 200; ++trial) {
      const std::string text = RandomText(rng, length);
      ASSERT_EQ(Escaped(text, HexCase::kUpper), ByRapidJson(text)) << "length " << length;
    }
  }
}

TEST(AppendJsonString, LowerCaseHexDiffersOnlyInTheHexDigits) {
  EXPECT_EQ(Escaped(std::string("a\x1f\"b\\\n", 6), HexCase::kLower), "\"a\\u001f\\\"b\\\\\\n\"");
  EXPECT_EQ(Escaped(std::string("a\x1f", 2), HexCase::kUpper), "\"a\\u001F\"");
  EXPECT_EQ(Escaped(std::string("\0", 1), HexCase::kLower), "\"\\u0000\"");
  EXPECT_EQ(Escaped("", HexCase::kLower), "\"\"");
  std::string out;
  AppendJsonString(absl::string_view(), HexCase::kUpper, &out);  // Null data.
  EXPECT_EQ(out, "\"\"");
}

TEST(FirstByteToEscape, FindsTheFirstOfEachKindAtEveryPosition) {
  for (const char special : {'"', '\\', '\x00', '\x1f', '\n'}) {
    for (size_t at = 0; at < 40; ++at) {
      std::string text(40, 'x');
      text[at] = special;
      if (at + 3 < text.size()) text[at + 3] = '"';  // A later one does not count.
      EXPECT_EQ(FirstByteToEscape(text), at) << static_cast<int>(special) << " at " << at;
    }
  }
  EXPECT_EQ(FirstByteToEscape(std::string(40, ' ')), 40u);
  EXPECT_EQ(FirstByteToEscape(std::string(33, '\x7f')), 33u);
}

// Every length to 48 (the short paths, the blocks and the overlapping
// tail), every position, each kind of byte to escape.
TEST(FirstByteToEscape, AgreesWithAByteScanAtEveryLengthAndPosition) {
  for (size_t n = 0; n <= 48; ++n) {
    EXPECT_EQ(FirstByteToEscape(std::string(n, 'x')), n);
    for (size_t at = 0; at < n; ++at) {
      for (const char special : {'"', '\\', '\x00', '\x1a', '\x1f'}) {
        std::string text(n, 'x');
        text[at] = special;
        ASSERT_EQ(FirstByteToEscape(text), at) << n << " " << at << " " << int{special};
        text[n - 1] = '\n';  // A later one changes nothing.
        ASSERT_EQ(FirstByteToEscape(text), at) << n << " " << at;
      }
    }
  }
}

// Texts that end at an unreadable page: no load may pass their end.
TEST(FirstByteToEscape, ReadsNothingPastTheEnd) {
  for (size_t n = 0; n <= 40; ++n) {
    test_support::GuardedPage page;
    ASSERT_TRUE(page.ok());
    char* text = page.end() - n;
    for (size_t k = 0; k < n; ++k) text[k] = 'a';
    EXPECT_EQ(FirstByteToEscape(absl::string_view(text, n)), n);
    if (n > 0) {
      text[n - 1] = '"';
      EXPECT_EQ(FirstByteToEscape(absl::string_view(text, n)), n - 1);
    }
  }
}

TEST(JsonAppender, WritesWhatRapidJsonsWriterWritesForTheSameCalls) {
  std::string mine;
  JsonAppender a(&mine);
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  a.StartObject(), w.StartObject();
  a.Key("name"), w.Key("name");
  a.String("va\"lue\n"), w.String("va\"lue\n");
  a.Key("empty"), w.Key("empty");
  a.StartArray(), w.StartArray();
  a.EndArray(), w.EndArray();
  a.Key("list"), w.Key("list");
  a.StartArray(), w.StartArray();
  for (const double d : {0.0, 0.5, 1.0, 0.875, 1e300, 1e-7, -2.25}) a.Double(d), w.Double(d);
  for (const uint64_t u : {uint64_t{0}, uint64_t{7}, ~uint64_t{0}}) a.Uint64(u), w.Uint64(u);
  a.StartObject(), w.StartObject();
  a.Key("k"), w.Key("k");
  a.String(""), w.String("");
  a.EndObject(), w.EndObject();
  a.StartObject(), w.StartObject();
  a.EndObject(), w.EndObject();
  a.EndArray(), w.EndArray();
  a.Key("raw"), w.Key("raw");
  a.Raw(R"({"a":[1]})"), w.RawValue(R"({"a":[1]})", 9, rapidjson::kObjectType);
  a.EndObject(), w.EndObject();
  EXPECT_EQ(mine, std::string(buffer.GetString(), buffer.GetSize()));
}

TEST(JsonAppender, WritesNonFiniteNumbersAsZero) {
  std::string out;
  JsonAppender a(&out);
  a.StartArray();
  a.Double(std::nan(""));
  a.Double(HUGE_VAL);
  a.EndArray();
  EXPECT_EQ(out, "[0.0,0.0]");
}

}  // namespace
}  // namespace mcpguard::internal
