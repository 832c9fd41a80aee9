#include "base/nfc.h"

#include <string>

#include "gtest/gtest.h"

namespace mcpguard::internal {
namespace {

// NFC of `text` through ToNfc with room to spare, or "" when it is the
// same text (kSame); fails the test on any other result.
std::string Converted(const std::string& text) {
  char out[256];
  size_t length = 0;
  const NfcResult result = ToNfc(text, out, sizeof(out), &length);
  if (result == NfcResult::kSame) return "";
  EXPECT_EQ(result, NfcResult::kChanged) << text;
  return std::string(out, length);
}

TEST(Nfc, AsciiAndComposedTextAreTheSame) {
  EXPECT_EQ(Converted("/srv/project/README.md"), "");
  EXPECT_EQ(Converted(""), "");
  EXPECT_EQ(Converted("/srv/geheim-schl\xc3\xbcssel"), "");  // U+00FC, composed.
  EXPECT_EQ(Converted("\xe5\x8a\x9f"), "");                  // U+529F.
}

TEST(Nfc, ComposesDecomposedText) {
  // "u" + U+0308 COMBINING DIAERESIS is U+00FC.
  EXPECT_EQ(Converted("schlu\xcc\x88ssel"), "schl\xc3\xbcssel");
  // "e" + U+0301 COMBINING ACUTE ACCENT is U+00E9.
  EXPECT_EQ(Converted("cafe\xcc\x81"), "caf\xc3\xa9");
}

TEST(Nfc, MapsCanonicalSingletons) {
  EXPECT_EQ(Converted("\xe2\x84\xaaredentials"), "Kredentials");  // U+212A KELVIN SIGN.
  EXPECT_EQ(Converted("\xe2\x84\xab"), "\xc3\x85");                // U+212B ANGSTROM SIGN.
}

TEST(Nfc, KeepsCompatibilityCharacters) {
  // NFKC would map these; NFC, which filesystems' lookups use, does not.
  EXPECT_EQ(Converted("\xef\xbc\x8e\xef\xbc\x8e"), "");  // Fullwidth full stops.
  EXPECT_EQ(Converted("\xef\xac\x81le"), "");            // U+FB01 LATIN SMALL LIGATURE FI.
}

TEST(Nfc, RefusesIllFormedUtf8) {
  char out[64];
  size_t length = 99;
  for (const std::string& text :
       {std::string("/srv/\xff"), std::string("a\xc3"), std::string("\xc0\xae"),  // Overlong.
        std::string("\xed\xa0\x80"),                                              // Surrogate.
        std::string("\xf4\x90\x80\x80")}) {                                        // > U+10FFFF.
    EXPECT_EQ(ToNfc(text, out, sizeof(out), &length), NfcResult::kIllFormed) << text.size();
  }
  EXPECT_EQ(length, 99u);
}

TEST(Nfc, ReportsWhatDoesNotFit) {
  const std::string decomposed = std::string(40, 'a') + "u\xcc\x88";
  char out[64];
  size_t length = 0;
  EXPECT_EQ(ToNfc(decomposed, out, 30, &length), NfcResult::kTooLong);
  ASSERT_EQ(ToNfc(decomposed, out, 42, &length), NfcResult::kChanged);  // Exactly fits.
  EXPECT_EQ(std::string(out, length), std::string(40, 'a') + "\xc3\xbc");
}

TEST(Nfc, NfcStringComposesAndLeavesWhatItCannot) {
  EXPECT_EQ(NfcString("*/geheim-schlu\xcc\x88ssel*"), "*/geheim-schl\xc3\xbcssel*");
  EXPECT_EQ(NfcString("*/.ssh/*"), "*/.ssh/*");
  EXPECT_EQ(NfcString("bad\xff"), "bad\xff");
}

}  // namespace
}  // namespace mcpguard::internal
