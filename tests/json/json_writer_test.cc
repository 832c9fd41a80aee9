#include "json/json_writer.h"

#include <random>
#include <string>

#include "gtest/gtest.h"
#include "json/json_string_escape.h"

namespace mcpguard::internal {
namespace {

std::string Written(const std::string& text) {
  JsonTextBuffer buffer;
  JsonWriter writer(buffer);
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  return std::string(buffer.GetString(), buffer.GetSize());
}

// Every control character, at every position of strings up to 80 bytes
// long (so in the unaligned head, in aligned 16-byte blocks and in the
// tail of whatever buffer the writer fills), comes out escaped.
TEST(JsonWriter, EscapesEveryControlCharacterWherever) {
  for (int c = 0; c < 0x20; ++c) {
    for (size_t length = 1; length <= 80; length += 7) {
      for (size_t at = 0; at < length; ++at) {
        std::string text(length, 'a');
        text[at] = static_cast<char>(c);
        const std::string out = Written(text);
        for (const char byte : out) {
          ASSERT_GE(static_cast<unsigned char>(byte), 0x20)
              << "raw 0x" << std::hex << c << " at " << std::dec << at << " of " << length;
        }
        std::string expected;
        AppendJsonString(text, HexCase::kUpper, &expected);
        ASSERT_EQ(out, expected);
      }
    }
  }
}

// Random texts with several bytes to escape, UTF-8 and 0x7F among plain
// letters, keys as well as values: the same bytes AppendJsonString writes.
TEST(JsonWriter, AgreesWithAppendJsonStringOnRandomTexts) {
  static constexpr char kBytes[] = {'\0', '\x1b', '\x1f', '\n', '\t', '"', '\\', '\x7f',
                                    '\xc3', '\xa9', ' ', '/'};
  std::mt19937 rng(1207);
  for (int trial = 0; trial < 3000; ++trial) {
    std::string text(rng() % 100, 'x');
    for (char& c : text) {
      if (rng() % 6 == 0) c = kBytes[rng() % sizeof(kBytes)];
    }
    JsonTextBuffer buffer;
    JsonWriter writer(buffer);
    writer.StartObject();
    writer.Key(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    writer.EndObject();
    std::string quoted;
    AppendJsonString(text, HexCase::kUpper, &quoted);
    ASSERT_EQ(std::string(buffer.GetString(), buffer.GetSize()), "{" + quoted + ":" + quoted + "}");
  }
}

// WriteString reserves room for the worst case (2 + 6 per byte) before it
// writes: the JsonTextBuffer overloads of PutReserve and PutUnsafe are the
// ones chosen, not RapidJSON's catch-all templates, which reserve nothing.
TEST(JsonWriter, ReservesAsRapidJsonsStringBufferDoes) {
  JsonTextBuffer buffer;
  JsonWriter writer(buffer);
  const std::string text(100, 'a');
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  EXPECT_GE(buffer.stack_.GetCapacity(), 2 + 6 * text.size());
}

}  // namespace
}  // namespace mcpguard::internal
