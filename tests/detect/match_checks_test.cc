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
}  // namespace mcpguard::internal
