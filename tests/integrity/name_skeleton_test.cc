#include "integrity/name_skeleton.h"

#include <string>

#include "gtest/gtest.h"

namespace mcpguard::internal {
namespace {

TEST(ToolNameSkeleton, CaseSeparatorsAndConfusablesFoldTogether) {
  const std::string base = ToolNameSkeleton("read_file");
  EXPECT_EQ(ToolNameSkeleton("Read-File"), base);
  EXPECT_EQ(ToolNameSkeleton("READFILE"), base);
  EXPECT_EQ(ToolNameSkeleton("read.file"), base);
  EXPECT_EQ(ToolNameSkeleton("re\xD0\xB0" "d_file"), base);  // Cyrillic a (U+0430).
  EXPECT_EQ(ToolNameSkeleton("\xEF\xBD\x92\xEF\xBD\x85\xEF\xBD\x81\xEF\xBD\x84_file"), base);  // Fullwidth.
  EXPECT_EQ(ToolNameSkeleton("rn"), ToolNameSkeleton("m"));  // UTS #39: "rn" looks like "m".
  EXPECT_EQ(ToolNameSkeleton("send_emai1"), ToolNameSkeleton("send_email"));  // Digit one, small L.
}

// Found by an adversarial review: look-alike hyphens (U+2010 HYPHEN, U+2011
// NON-BREAKING HYPHEN, U+2212 MINUS SIGN) became "-" in the skeleton, after
// the separators were dropped, so "read‐write‐file" was two edits from
// "read-write-file" and no squatting was seen.
TEST(ToolNameSkeleton, LookAlikeSeparatorsFoldAsTheirAsciiForms) {
  const std::string base = ToolNameSkeleton("read-write-file");
  EXPECT_EQ(ToolNameSkeleton("read\xE2\x80\x90write\xE2\x80\x90" "file"), base);
  EXPECT_EQ(ToolNameSkeleton("read\xE2\x80\x91write\xE2\x80\x91" "file"), base);
  EXPECT_EQ(ToolNameSkeleton("read\xE2\x88\x92write\xE2\x88\x92" "file"), base);
  EXPECT_EQ(ToolNameSkeleton("read_write_file"), base);
}

TEST(ToolNameSkeleton, AccentsFoldAway) {
  EXPECT_EQ(ToolNameSkeleton("send_ema\xC3\xADl"), ToolNameSkeleton("send_email"));  // í
  EXPECT_EQ(ToolNameSkeleton("query_databas\xC3\xA9"), ToolNameSkeleton("query_database"));
}

TEST(ToolNameSkeleton, DifferentNamesStayDifferent) {
  EXPECT_NE(ToolNameSkeleton("read_file"), ToolNameSkeleton("write_file"));
  EXPECT_NE(ToolNameSkeleton("get"), ToolNameSkeleton("set"));
  EXPECT_NE(ToolNameSkeleton("list_files"), ToolNameSkeleton("list_file"));
}

TEST(ToolNameSkeleton, InvalidUtf8MatchesOnlyItself) {
  EXPECT_EQ(ToolNameSkeleton("a\xFF"), "a\xFF");
  EXPECT_NE(ToolNameSkeleton("a\xFF"), ToolNameSkeleton("a\xFE"));
}

TEST(EditDistance, CountsEditsAndStopsPastTheLimit) {
  EXPECT_EQ(EditDistance("kitten", "sitting", 5), 3u);
  EXPECT_EQ(EditDistance("readfile", "readfiles", 1), 1u);
  EXPECT_EQ(EditDistance("readfile", "raedfile", 1), 1u);  // A swap is one edit.
  EXPECT_EQ(EditDistance("readfile", "rfileead", 1), 2u);  // Past the limit: limit + 1.
  EXPECT_EQ(EditDistance("abcd", "badc", 5), 2u);           // Two swaps.
  EXPECT_EQ(EditDistance("ca", "abc", 5), 3u);              // OSA: no edit of a swapped pair.
  // Code points, not bytes: one non-ASCII letter for another is one edit.
  EXPECT_EQ(EditDistance("sendemail", "sendema\xC5\x82l", 1), 1u);  // l with stroke.
  EXPECT_EQ(EditDistance("\xD0\xB0" "b", "\xD0\xB1" "b", 1), 1u);  // Cyrillic а, б.
  EXPECT_EQ(EditDistance("", "abc", 1), 2u);
  EXPECT_EQ(EditDistance("same", "same", 0), 0u);
}

}  // namespace
}  // namespace mcpguard::internal
