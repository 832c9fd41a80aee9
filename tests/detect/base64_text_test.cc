// DecodeBase64Text: which values are read as the text they encode, and
// EncodeBase64Like: a redacted text encoded back as it came.
#include "detect/base64_text.h"

#include <string>

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"

namespace mcpguard::internal {
namespace {

const std::string kText = "aws_access_key_id = AKIAQ3EGRZLN5XJ2B7WV\n";

TEST(DecodeBase64Text, ReadsEachFormOfBase64) {
  const std::string padded = absl::Base64Escape(kText);
  ASSERT_EQ(padded.back(), '=');
  Base64Text out;
  ASSERT_TRUE(DecodeBase64Text(padded, &out));
  EXPECT_EQ(out.decoded, kText);
  EXPECT_FALSE(out.web_safe);
  EXPECT_TRUE(out.padded);

  ASSERT_TRUE(DecodeBase64Text(padded.substr(0, padded.find('=')), &out));
  EXPECT_EQ(out.decoded, kText);
  EXPECT_FALSE(out.padded);

  const std::string web_safe = absl::WebSafeBase64Escape(kText + "?>?>");
  ASSERT_NE(web_safe.find_first_of("-_"), std::string::npos);
  ASSERT_TRUE(DecodeBase64Text(web_safe, &out));
  EXPECT_EQ(out.decoded, kText + "?>?>");
  EXPECT_TRUE(out.web_safe);

  // A length that needed no padding: standard base64 is taken to pad,
  // web-safe not to.
  ASSERT_TRUE(DecodeBase64Text(absl::Base64Escape(kText + "ab"), &out));
  EXPECT_TRUE(out.padded);
  ASSERT_TRUE(DecodeBase64Text(absl::WebSafeBase64Escape(kText + "?>?>"), &out));
  EXPECT_FALSE(out.padded);

  // MIME line breaks between characters.
  std::string wrapped = padded;
  wrapped.insert(20, "\r\n");
  ASSERT_TRUE(DecodeBase64Text(wrapped, &out));
  EXPECT_EQ(out.decoded, kText);
}

TEST(DecodeBase64Text, TextOutsideAsciiAndAFewControlsAreText) {
  Base64Text out;
  const std::string russian = "Пароль от базы: hunter2, сервер db.internal\n";
  EXPECT_TRUE(DecodeBase64Text(absl::Base64Escape(russian), &out));
  EXPECT_EQ(out.decoded, russian);
  // An ANSI colour code in a log: 2 escape bytes in 40.
  EXPECT_TRUE(DecodeBase64Text(absl::Base64Escape("\x1b[31merror\x1b[0m: disk full on /dev/sda1"),
                               &out));
}

TEST(DecodeBase64Text, RefusesWhatIsNotBase64OfText) {
  Base64Text out;
  const std::string padded = absl::Base64Escape(kText);
  // Too short to carry a finding.
  EXPECT_FALSE(DecodeBase64Text(absl::Base64Escape("short text"), &out));
  // Prose, a URL, a path: not base64 at all.
  EXPECT_FALSE(DecodeBase64Text("The quick brown fox jumps over the lazy dog", &out));
  EXPECT_FALSE(DecodeBase64Text("https://example.com/a/very/long/path/to/a/resource", &out));
  // Both alphabets, padding inside, too much padding.
  std::string mixed = padded;
  mixed[3] = '+';
  mixed[7] = '_';
  EXPECT_FALSE(DecodeBase64Text(mixed, &out));
  std::string inner_pad = padded;
  inner_pad[10] = '=';
  EXPECT_FALSE(DecodeBase64Text(inner_pad, &out));
  EXPECT_FALSE(DecodeBase64Text(padded + "==", &out));
  // The same past the first 64 bytes, which are read a block at a time.
  const std::string longer = absl::Base64Escape(kText + kText + kText + kText);
  ASSERT_GT(longer.size(), 150u);
  ASSERT_TRUE(DecodeBase64Text(longer, &out));
  for (const char intruder : {' ', '=', '.', '"'}) {
    std::string spoiled = longer;
    spoiled[130] = intruder;
    EXPECT_FALSE(DecodeBase64Text(spoiled, &out)) << intruder;
  }
  // Binary: an image header, invalid UTF-8, too many controls.
  constexpr char kPng[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
  std::string png(kPng, sizeof(kPng) - 1);
  EXPECT_FALSE(DecodeBase64Text(absl::Base64Escape(png), &out));
  EXPECT_FALSE(DecodeBase64Text(absl::Base64Escape(std::string(30, '\xff')), &out));
  EXPECT_FALSE(DecodeBase64Text(absl::Base64Escape(std::string("a\x01") + std::string(30, '\x02')),
                                &out));
  EXPECT_FALSE(DecodeBase64Text(absl::Base64Escape(std::string(30, '\0')), &out));
  // A hex digest is base64 by its alphabet but decodes to bytes, not text.
  EXPECT_FALSE(DecodeBase64Text(
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", &out));
}

TEST(EncodeBase64Like, EncodesAsTheOriginalCame) {
  const std::string redacted = "aws_access_key_id = [REDACTED:aws_access_key_id]\n";
  const std::string padded = absl::Base64Escape(kText);
  const std::string web_safe = absl::WebSafeBase64Escape(kText + "?>?");  // 59 characters.
  ASSERT_NE(web_safe.size() % 4, 0u);
  for (const std::string& original :
       {padded, padded.substr(0, padded.find('=')), web_safe,
        web_safe + std::string(4 - web_safe.size() % 4, '=')}) {
    Base64Text form;
    ASSERT_TRUE(DecodeBase64Text(original, &form)) << original;
    const std::string encoded = EncodeBase64Like(redacted, form);
    if (form.padded) {
      EXPECT_EQ(encoded.size() % 4, 0u) << original << " -> " << encoded;
    } else {
      EXPECT_EQ(encoded.find('='), std::string::npos) << original << " -> " << encoded;
    }
    EXPECT_EQ(encoded.find_first_of(form.web_safe ? "+/" : "-_"), std::string::npos) << encoded;
    Base64Text back;
    ASSERT_TRUE(DecodeBase64Text(encoded, &back)) << encoded;
    EXPECT_EQ(back.decoded, redacted);
  }
}

}  // namespace
}  // namespace mcpguard::internal
