#include "detect/match_checks.h"

#include "gtest/gtest.h"

namespace mcpguard::internal {
namespace {

TEST(PassesLuhn, KnownTestCardsPassAndOneDigitOffFails) {
  for (const char* card : {"4111111111111111", "4111 1111 1111 1111", "5555-5555-5555-4444",
                           "378282246310005", "6011111111111117", "3530111333300000",
                           "2223003122003222"}) {
    EXPECT_TRUE(PassesLuhn(card)) << card;
  }
  EXPECT_FALSE(PassesLuhn("4111111111111112"));
  EXPECT_FALSE(PassesLuhn("1234567812345670"));  // Luhn-valid, but no card network.
  EXPECT_FALSE(PassesLuhn("411111111111"));      // Too short.
}

TEST(PassesIban, ChecksLengthAndMod97) {
  EXPECT_TRUE(PassesIban("GB82 WEST 1234 5698 7654 32"));
  EXPECT_TRUE(PassesIban("DE89370400440532013000"));
  EXPECT_TRUE(PassesIban("FR1420041010050500013M02606"));
  EXPECT_FALSE(PassesIban("GB82 WEST 1234 5698 7654 33"));
  EXPECT_FALSE(PassesIban("DE8937040044053201300"));  // One digit short for DE.
  EXPECT_FALSE(PassesIban("ZZ89370400440532013000"));  // No such country.
}

TEST(IsIpv4HostAddress, RefusesAddressesNoOneHasAsTheirs) {
  EXPECT_TRUE(IsIpv4HostAddress("203.0.113.7"));
  EXPECT_TRUE(IsIpv4HostAddress("10.4.0.17"));
  EXPECT_TRUE(IsIpv4HostAddress("1.0.0.1"));
  EXPECT_TRUE(IsIpv4HostAddress("254.1.1.254"));
  EXPECT_FALSE(IsIpv4HostAddress("0.0.0.0"));        // Any address: a bind address.
  EXPECT_FALSE(IsIpv4HostAddress("0.1.2.3"));        // "This network".
  EXPECT_FALSE(IsIpv4HostAddress("255.255.255.0"));  // A netmask.
  EXPECT_FALSE(IsIpv4HostAddress("255.255.255.255"));
  EXPECT_FALSE(IsIpv4HostAddress("10.20.0.0"));      // A network.
  EXPECT_FALSE(IsIpv4HostAddress("1.0.0.0"));
  EXPECT_FALSE(IsIpv4HostAddress("192.168.1.255"));  // Broadcast.
  EXPECT_FALSE(IsIpv4HostAddress("1.2"));
  EXPECT_FALSE(IsIpv4HostAddress(""));
}

TEST(PassesUsSsn, RefusesNeverIssuedNumbers) {
  EXPECT_TRUE(PassesUsSsn("123-45-6789"));
  EXPECT_FALSE(PassesUsSsn("000-45-6789"));
  EXPECT_FALSE(PassesUsSsn("666-45-6789"));
  EXPECT_FALSE(PassesUsSsn("900-45-6789"));
  EXPECT_FALSE(PassesUsSsn("123-00-6789"));
  EXPECT_FALSE(PassesUsSsn("123-45-0000"));
}

TEST(LooksLikeGeneratedSecret, MixedRandomValuesYesWordsAndPlaceholdersNo) {
  EXPECT_TRUE(LooksLikeGeneratedSecret("Zq8vR2mX9kL4pW7tY3nB6"));
  EXPECT_FALSE(LooksLikeGeneratedSecret("session_timeout_seconds"));
  EXPECT_FALSE(LooksLikeGeneratedSecret("aaaaaaaaaaaaaaaa1"));
  EXPECT_FALSE(LooksLikeGeneratedSecret("<your-token-here-123>"));
  EXPECT_FALSE(LooksLikeGeneratedSecret("short1A"));
  EXPECT_NEAR(ShannonEntropy("abcd"), 2.0, 1e-9);
  EXPECT_EQ(ShannonEntropy(""), 0);
}

}  // namespace
// Emoji ZWJ sequences and subdivision flags render as one picture: not
// reported. Anything else made of those characters hides text.
TEST(IsNotEmojiZwj, EmojiSequencesAreBenignOtherJoinsAreNot) {
  EXPECT_FALSE(IsNotEmojiZwj("\u200d\U0001F469\u200d"));                 // 👨‍👩‍👧's middle
  EXPECT_FALSE(IsNotEmojiZwj("\u200d\u2764\uFE0F\u200d"));              // ❤️ between joiners
  EXPECT_FALSE(IsNotEmojiZwj("\u200d\U0001F469\U0001F3FD\u200d"));      // with a skin tone
  EXPECT_TRUE(IsNotEmojiZwj("\u200d\u200d"));                             // nothing between
  EXPECT_TRUE(IsNotEmojiZwj("\u200d" "ab" "\u200d"));                     // letters between
  EXPECT_TRUE(IsNotEmojiZwj("\u200b\U0001F469\u200d"));                  // a zero-width space
  EXPECT_TRUE(IsNotEmojiZwj("\u200b\u200b"));
  EXPECT_TRUE(IsNotEmojiZwj("\xFF"));                                      // ill-formed
}

TEST(IsNotFlagTags, SubdivisionFlagsAreBenignOtherTagRunsAreNot) {
  // 🏴 + g b e n g + CANCEL TAG: the flag of England (the check sees the tags).
  EXPECT_FALSE(IsNotFlagTags("\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F"));
  EXPECT_FALSE(IsNotFlagTags("\U000E0075\U000E0073\U000E0063\U000E0061\U000E007F"));  // usca
  // ASCII hidden as tags: "ignore previous" has a space and is long.
  std::string hidden;
  for (char c : std::string("ignore previous")) {
    const char32_t tag = 0xE0000 + static_cast<unsigned char>(c);
    hidden += static_cast<char>(0xF3);
    hidden += static_cast<char>(0x80 | ((tag >> 12) & 0x3F));
    hidden += static_cast<char>(0x80 | ((tag >> 6) & 0x3F));
    hidden += static_cast<char>(0x80 | (tag & 0x3F));
  }
  EXPECT_TRUE(IsNotFlagTags(hidden));
  EXPECT_TRUE(IsNotFlagTags(hidden.substr(0, 4 * 5)));                       // no CANCEL TAG
  EXPECT_TRUE(IsNotFlagTags("\U000E0067\U000E0062\U000E007F"));           // too short
}

}  // namespace mcpguard::internal
