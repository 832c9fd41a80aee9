#include "net/uri_spelling.h"

#include <string>

#include "gtest/gtest.h"

namespace mcpguard::internal {
namespace {

TEST(AmbiguousUriSpelling, PlainUrisMeanWhatTheySay) {
  for (const char* uri :
       {"file:///srv/docs/a.md", "https://example.com/a/b?c=d#e", "custom:x", "file:///",
        "file:///srv/docs/...", "file:///a..b/.c/c./%2e%2e%2e", "note://x/a?q=../..",
        "note://x/a#/../..", "file:///my%20docs/a", "file:///my docs/a", ""}) {
    EXPECT_EQ(AmbiguousUriSpelling(uri), "") << uri;
  }
}

TEST(AmbiguousUriSpelling, SpellingsServersReadAsAnotherUri) {
  const std::string nul_inside("file:///a\0b", 11);
  EXPECT_EQ(AmbiguousUriSpelling(nul_inside), "");  // Not a URL parser's concern.
  for (const char* uri : {"file:///srv/docs/../x", "file:///srv/docs/..", "file:///./x",
                          "file:///srv/%2e%2E/x", "file:///srv/.%2e/x", "file:///srv/%2E./x",
                          "file:///srv/%2e/x", "..", "x/.", "file:///srv/docs/..?q"}) {
    EXPECT_EQ(AmbiguousUriSpelling(uri), "has a \".\" or \"..\" segment, raw or percent-encoded")
        << uri;
  }
  EXPECT_EQ(AmbiguousUriSpelling("file:///srv\\..\\x"), "holds a backslash");
  EXPECT_EQ(AmbiguousUriSpelling("fi\tle:///x"), "holds a tab or line break");
  EXPECT_EQ(AmbiguousUriSpelling("file:///x?a=\nb"), "holds a tab or line break");
  EXPECT_EQ(AmbiguousUriSpelling(" file:///x"),
            "starts or ends with a space or control character");
  EXPECT_EQ(AmbiguousUriSpelling("file:///x\x01"),
            "starts or ends with a space or control character");
}

}  // namespace
}  // namespace mcpguard::internal
