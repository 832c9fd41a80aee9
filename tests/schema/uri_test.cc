#include "schema/uri.h"

#include <string>

#include "gtest/gtest.h"

namespace mcpguard::internal {
namespace {

TEST(Uri, ResolvesRfc3986Examples) {
  const char* base = "http://a/b/c/d;p?q";
  EXPECT_EQ(ResolveUri(base, "g"), "http://a/b/c/g");
  EXPECT_EQ(ResolveUri(base, "../g"), "http://a/b/g");
  EXPECT_EQ(ResolveUri(base, "../../../g"), "http://a/g");
  EXPECT_EQ(ResolveUri(base, "//g"), "http://g");
  EXPECT_EQ(ResolveUri(base, "#s"), "http://a/b/c/d;p?q#s");
  EXPECT_EQ(ResolveUri(base, "?y"), "http://a/b/c/d;p?y");
  EXPECT_EQ(ResolveUri(base, "./g/."), "http://a/b/c/g/");
  EXPECT_EQ(ResolveUri(base, "urn:x:y"), "urn:x:y");
}

TEST(Uri, HandlesUrnAndFragments) {
  EXPECT_EQ(ResolveUri("urn:uuid:1234", "#/$defs/a"), "urn:uuid:1234#/$defs/a");
  EXPECT_EQ(StripFragment("http://x/y#z"), "http://x/y");
  EXPECT_EQ(UriFragment("http://x/y#z"), "z");
  EXPECT_EQ(UriFragment("http://x/y"), "");
}

TEST(Uri, PercentDecodes) {
  std::string out;
  EXPECT_TRUE(PercentDecode("a%25b%22", &out));
  EXPECT_EQ(out, "a%b\"");
  EXPECT_FALSE(PercentDecode("%2", &out));
  EXPECT_FALSE(PercentDecode("%zz", &out));
}

}  // namespace
}  // namespace mcpguard::internal
