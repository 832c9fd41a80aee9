// DecodeBase64Text: which values are read as the text they encode, and
// EncodeBase64Like: a redacted text encoded back as it came.
#include "detect/base64_text.h"

#include <algorithm>
#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace mcpguard::internal {
namespace {

const std::string kText = "aws_access_key_id = AKIAQ3EGRZLN5XJ2B7WV\n";

bool Text(absl::string_view value, Base64Text* out) {
  return DecodeBase64Text(value, out) == Base64Kind::kText;
}

TEST(DecodeBase64Text, ReadsEachFormOfBase64) {
  const std::string padded = absl::Base64Escape(kText);
  ASSERT_EQ(padded.back(), '=');
  Base64Text out;
  ASSERT_TRUE(Text(padded, &out));
  EXPECT_EQ(out.decoded, kText);
  ASSERT_EQ(out.layers.size(), 1u);
  EXPECT_FALSE(out.layers[0].web_safe);
  EXPECT_TRUE(out.layers[0].padded);

  ASSERT_TRUE(Text(padded.substr(0, padded.find('=')), &out));
  EXPECT_EQ(out.decoded, kText);
  EXPECT_FALSE(out.layers[0].padded);

  const std::string web_safe = absl::WebSafeBase64Escape(kText + "?>?>");
  ASSERT_NE(web_safe.find_first_of("-_"), std::string::npos);
  ASSERT_TRUE(Text(web_safe, &out));
  EXPECT_EQ(out.decoded, kText + "?>?>");
  EXPECT_TRUE(out.layers[0].web_safe);
  EXPECT_FALSE(out.layers[0].padded);

  // A length that needed no padding: standard base64 is taken to pad.
  ASSERT_TRUE(Text(absl::Base64Escape(kText + "ab"), &out));
  EXPECT_TRUE(out.layers[0].padded);

  // MIME line breaks: the line length and break are kept.
  std::string wrapped;
  for (size_t at = 0; at < padded.size(); at += 20) {
    if (at > 0) wrapped += "\r\n";
    wrapped += padded.substr(at, 20);
  }
  ASSERT_TRUE(Text(wrapped, &out));
  EXPECT_EQ(out.decoded, kText);
  EXPECT_EQ(out.layers[0].line_length, 20u);
  EXPECT_EQ(out.layers[0].line_break, "\r\n");

  // The shortest text a detector finds: an SSN, 11 bytes, 16 characters.
  ASSERT_TRUE(Text(absl::Base64Escape("123-45-6789"), &out));
  EXPECT_EQ(out.decoded, "123-45-6789");
}

TEST(DecodeBase64Text, ReadsADataUriAndBase64OfBase64) {
  Base64Text out;
  const std::string uri = "data:text/plain;charset=utf-8;base64," + absl::Base64Escape(kText);
  ASSERT_TRUE(Text(uri, &out));
  EXPECT_EQ(out.decoded, kText);
  EXPECT_EQ(out.layers[0].prefix, "data:text/plain;charset=utf-8;base64,");
  EXPECT_EQ(DecodeBase64Text("data:text/plain," + absl::Base64Escape(kText), &out),
            Base64Kind::kNotBase64);

  const std::string inner = absl::WebSafeBase64Escape(kText + "?>?>");
  ASSERT_NE(inner.find_first_of("-_"), std::string::npos);
  ASSERT_TRUE(Text(absl::Base64Escape(inner), &out));
  EXPECT_EQ(out.decoded, kText + "?>?>");
  ASSERT_EQ(out.layers.size(), 2u);
  EXPECT_FALSE(out.layers[0].web_safe);
  EXPECT_TRUE(out.layers[1].web_safe);
  // At most kMaxBase64Layers: the fourth layer stays text.
  std::string deep = kText;
  for (int i = 0; i < 4; ++i) deep = absl::Base64Escape(deep);
  ASSERT_TRUE(Text(deep, &out));
  EXPECT_EQ(out.layers.size(), kMaxBase64Layers);
  EXPECT_EQ(out.decoded, absl::Base64Escape(kText));
}

TEST(DecodeBase64Text, TextOutsideAsciiAndAFewControlsAreText) {
  Base64Text out;
  const std::string russian = "Пароль от базы: hunter2, сервер db.internal\n";
  EXPECT_TRUE(Text(absl::Base64Escape(russian), &out));
  EXPECT_EQ(out.decoded, russian);
  // An ANSI colour code in a log: 2 escape bytes in 40.
  EXPECT_TRUE(Text(absl::Base64Escape("\x1b[31merror\x1b[0m: disk full on /dev/sda1"), &out));
}

TEST(DecodeBase64Text, TellsWhatIsNotBase64FromBinary) {
  Base64Text out;
  const std::string padded = absl::Base64Escape(kText);
  // Too short to carry a finding.
  EXPECT_EQ(DecodeBase64Text(absl::Base64Escape("short"), &out), Base64Kind::kNotBase64);
  // Prose, a URL: not base64 at all.
  EXPECT_EQ(DecodeBase64Text("The quick brown fox jumps over the lazy dog", &out),
            Base64Kind::kNotBase64);
  EXPECT_EQ(DecodeBase64Text("https://example.com/a/very/long/path/to/a/resource", &out),
            Base64Kind::kNotBase64);
  // Both alphabets, padding inside, too much padding.
  std::string mixed = padded;
  mixed[3] = '+';
  mixed[7] = '_';
  EXPECT_EQ(DecodeBase64Text(mixed, &out), Base64Kind::kNotBase64);
  std::string inner_pad = padded;
  inner_pad[10] = '=';
  EXPECT_EQ(DecodeBase64Text(inner_pad, &out), Base64Kind::kNotBase64);
  EXPECT_EQ(DecodeBase64Text(padded + "==", &out), Base64Kind::kNotBase64);
  // The same past the first 64 bytes, which are read a block at a time.
  const std::string longer = absl::Base64Escape(kText + kText + kText + kText);
  ASSERT_GT(longer.size(), 150u);
  ASSERT_TRUE(Text(longer, &out));
  for (const char intruder : {' ', '=', '.', '"'}) {
    std::string spoiled = longer;
    spoiled[130] = intruder;
    EXPECT_EQ(DecodeBase64Text(spoiled, &out), Base64Kind::kNotBase64) << intruder;
  }
  // Lines not as base64 is wrapped are text laid out by lines (found by an
  // adversarial review: a key and a card on lines of their own, then base64
  // noise, passed as an image's base64, unscanned): lines of two lengths,
  // a last line longer than the others, lines under 16 characters, two
  // kinds of break, an empty line, a leading break.
  std::string wrapped;
  for (size_t at = 0; at < longer.size(); at += 64) wrapped += longer.substr(at, 64) + "\n";
  ASSERT_TRUE(Text(wrapped, &out));
  EXPECT_EQ(out.layers[0].line_length, 64u);
  const std::string key_on_its_line = "AKIAIOSFODNN7EXAMPLE\n4111111111111111\n" + wrapped;
  EXPECT_EQ(DecodeBase64Text(key_on_its_line, &out), Base64Kind::kNotBase64);
  EXPECT_EQ(DecodeBase64Text(wrapped.substr(0, 64) + "\n" + longer.substr(64), &out),
            Base64Kind::kNotBase64);
  std::string short_lines;
  for (size_t at = 0; at < longer.size(); at += 8) short_lines += longer.substr(at, 8) + "\n";
  EXPECT_EQ(DecodeBase64Text(short_lines, &out), Base64Kind::kNotBase64);
  std::string two_breaks = wrapped;
  two_breaks.replace(64, 1, "\r\n");
  EXPECT_EQ(DecodeBase64Text(two_breaks, &out), Base64Kind::kNotBase64);
  EXPECT_EQ(DecodeBase64Text(wrapped + "\n", &out), Base64Kind::kNotBase64);
  EXPECT_EQ(DecodeBase64Text("\n" + wrapped, &out), Base64Kind::kNotBase64);
  // Binary: an image header, invalid UTF-8, too many controls, NULs.
  constexpr char kPng[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
  const std::string png(kPng, sizeof(kPng) - 1);
  EXPECT_EQ(DecodeBase64Text(absl::Base64Escape(png), &out), Base64Kind::kBinary);
  EXPECT_EQ(DecodeBase64Text(absl::Base64Escape(std::string(30, '\xff')), &out),
            Base64Kind::kBinary);
  EXPECT_EQ(DecodeBase64Text(absl::Base64Escape(std::string("a\x01") + std::string(30, '\x02')),
                             &out),
            Base64Kind::kBinary);
  EXPECT_EQ(DecodeBase64Text(absl::Base64Escape(std::string(30, '\0')), &out),
            Base64Kind::kBinary);
  // A hex digest is base64 by its alphabet but decodes to bytes, not text.
  EXPECT_EQ(DecodeBase64Text("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                             &out),
            Base64Kind::kBinary);
}

TEST(EncodeBase64Like, EncodesAsTheOriginalCame) {
  const std::string redacted = "aws_access_key_id = [REDACTED:aws_access_key_id]\n";
  const std::string padded = absl::Base64Escape(kText);
  const std::string web_safe = absl::WebSafeBase64Escape(kText + "?>?");  // 59 characters.
  ASSERT_NE(web_safe.size() % 4, 0u);
  std::string wrapped;
  for (size_t at = 0; at < padded.size(); at += 16) wrapped += padded.substr(at, 16) + "\n";
  for (const std::string& original :
       {padded, padded.substr(0, padded.find('=')), web_safe,
        web_safe + std::string(4 - web_safe.size() % 4, '='), wrapped,
        "data:text/plain;base64," + padded, absl::Base64Escape(web_safe)}) {
    Base64Text form;
    ASSERT_TRUE(Text(original, &form)) << original;
    const std::string encoded = EncodeBase64Like(redacted, form);
    const Base64Layer& outer = form.layers[0];
    EXPECT_TRUE(absl::StartsWith(encoded, outer.prefix)) << encoded;
    std::string body = encoded.substr(outer.prefix.size());
    if (outer.line_length > 0) {
      EXPECT_EQ(body.find('\n'), outer.line_length) << encoded;
      EXPECT_EQ(body.back(), '\n');
      body.erase(std::remove(body.begin(), body.end(), '\n'), body.end());
    }
    if (outer.padded) {
      EXPECT_EQ(body.size() % 4, 0u) << original << " -> " << encoded;
    } else {
      EXPECT_EQ(body.find('='), std::string::npos) << original << " -> " << encoded;
    }
    EXPECT_EQ(body.find_first_of(outer.web_safe ? "+/" : "-_"), std::string::npos) << encoded;
    Base64Text back;
    ASSERT_TRUE(Text(encoded, &back)) << encoded;
    EXPECT_EQ(back.decoded, redacted);
    EXPECT_EQ(back.layers.size(), form.layers.size());
  }
}

}  // namespace
}  // namespace mcpguard::internal
