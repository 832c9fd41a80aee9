#include "net/uri_spelling.h"

#include <string>

#include "gtest/gtest.h"

namespace mcpguard::internal {
namespace {

TEST(AmbiguousUriSpelling, PlainUrisMeanWhatTheySay) {
  for (const char* uri :
       {"file:///srv/docs/a.md", "https://example.com/a/b?c=d#e", "custom:x", "file:///",
        "file:///srv/docs/...", "file:///a..b/.c/c./%2e%2e%2e", "note://x/a?q=../..",
        "file:///my%20docs/a", "file:///my docs/a", ""}) {
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
  // File systems drop a query and a fragment: the file named is another.
  for (const char* uri : {"file:///etc/passwd?x", "file:///etc/passwd#x", "FILE:/etc/passwd?",
                          "file:etc/passwd#"}) {
    EXPECT_EQ(AmbiguousUriSpelling(uri),
              "is a file: URI with a query or fragment (file systems drop them)")
        << uri;
  }
  EXPECT_EQ(AmbiguousUriSpelling("filex:///a?x"), "");
  EXPECT_EQ(AmbiguousUriSpelling("note:///a?x"), "");
  // A scheme of the server's own may drop a fragment or an empty query, or
  // read it as part of the name (found by a review: "#/../secret" passed
  // an exact ALLOW on notes://n/readme once fragments were dropped).
  for (const char* uri : {"notes://n/readme#/../secret", "notes://n/readme#", "db://x/t?",
                          "db://x/t?#a", "docs/x#y"}) {
    EXPECT_EQ(AmbiguousUriSpelling(uri),
              "has a fragment or an empty query, which servers of its scheme may drop or read "
              "as part of the name")
        << uri;
  }
  // Web URLs lose them in their canonical spelling instead.
  EXPECT_EQ(AmbiguousUriSpelling("https://x/a#/../b"), "");
  EXPECT_EQ(AmbiguousUriSpelling("HTTP://x/a?"), "");
  EXPECT_EQ(AmbiguousUriSpelling("fi\tle:///x"), "holds a tab or line break");
  EXPECT_EQ(AmbiguousUriSpelling("file:///x?a=\nb"), "holds a tab or line break");
  EXPECT_EQ(AmbiguousUriSpelling(" file:///x"),
            "starts or ends with a space or control character");
  EXPECT_EQ(AmbiguousUriSpelling("file:///x\x01"),
            "starts or ends with a space or control character");
}

std::string Canonical(absl::string_view uri) {
  std::string out = "unchanged";
  return CanonicalUriSpelling(uri, &out) ? out : std::string(uri);
}

TEST(CanonicalUriSpelling, OneSpellingForEquivalentUris) {
  EXPECT_EQ(Canonical("FILE:///etc/passwd"), "file:///etc/passwd");
  EXPECT_EQ(Canonical("file://localhost/etc/passwd"), "file:///etc/passwd");
  EXPECT_EQ(Canonical("File://LocalHost/etc/passwd"), "file:///etc/passwd");
  EXPECT_EQ(Canonical("file:///%65tc/%70asswd"), "file:///etc/passwd");
  EXPECT_EQ(Canonical("file:///%7euser/a%2fb%2F"), "file:///~user/a%2Fb%2F");
  EXPECT_EQ(Canonical("file:///etc//passwd"), "file:///etc/passwd");
  EXPECT_EQ(Canonical("file:////etc/passwd"), "file:///etc/passwd");
  EXPECT_EQ(Canonical("file:/etc///passwd?a//b#c//d"), "file:///etc/passwd?a//b#c//d");
  // No authority: URL parsers read "file:/p" and "file:p" as "file:///p".
  EXPECT_EQ(Canonical("file:/etc/passwd"), "file:///etc/passwd");
  EXPECT_EQ(Canonical("file:etc/passwd"), "file:///etc/passwd");
  EXPECT_EQ(Canonical("FILE:c:/x"), "file:///C:/x");
  EXPECT_EQ(Canonical("file:"), "file:///");
  // Windows drives, as WHATWG and fileURLToPath read them.
  for (const char* uri : {"file:///C|/Windows/win.ini", "file://C:/Windows/win.ini",
                          "file:///C%3A/Windows/win.ini", "file:///c:/Windows/win.ini",
                          "file://localhost/C|/Windows/win.ini", "file:C|/Windows/win.ini",
                          "file:/C|/Windows/win.ini", "file://c|/Windows/win.ini",
                          "file:///C%3a/Windows/win.ini", "FILE:///C:/Windows/win.ini"}) {
    EXPECT_EQ(Canonical(uri), "file:///C:/Windows/win.ini") << uri;
  }
  EXPECT_EQ(Canonical("file:///C:"), "file:///C:");
  EXPECT_EQ(Canonical("file:///CD:/x"), "file:///CD:/x");  // Not a drive.
  EXPECT_EQ(Canonical("file:///c:x"), "file:///c:x");
  EXPECT_EQ(Canonical("https://c:80/x"), "https://c:80/x");
  EXPECT_EQ(Canonical("HTTPS://Docs.Example.COM:443/A/%62?Q=%41#F"),
            "https://docs.example.com/A/b?Q=A");
  // No fragment, no empty query, and for special schemes no default or
  // empty port and no "//" in the path (found by an adversarial review:
  // each of these passed an exact DENY on https://api.example.com/admin/keys,
  // and each new fragment was a new rate-limit bucket).
  for (const char* uri :
       {"https://api.example.com/admin/keys#", "https://api.example.com/admin/keys#x",
        "https://api.example.com/admin/keys?", "https://api.example.com/admin/keys?#x",
        "https://api.example.com/admin//keys", "https://api.example.com:443/admin/keys",
        "https://api.example.com:/admin/keys", "HTTPS://API.example.com:443//admin/keys#1"}) {
    EXPECT_EQ(Canonical(uri), "https://api.example.com/admin/keys") << uri;
  }
  EXPECT_EQ(Canonical("http://h:80/x"), "http://h/x");
  EXPECT_EQ(Canonical("wss://h:443/x"), "wss://h/x");
  EXPECT_EQ(Canonical("http://[::1]:80/x"), "http://[::1]/x");
  EXPECT_EQ(Canonical("http://h:443/x"), "http://h:443/x");  // Not http's.
  EXPECT_EQ(Canonical("https://h/x?a?"), "https://h/x?a?");  // A query, not empty.
  // Other schemes keep their own paths, ports, queries and fragments (a
  // fragment or empty query is refused: AmbiguousUriSpelling).
  EXPECT_EQ(Canonical("db://x/t#row"), "db://x/t#row");
  EXPECT_EQ(Canonical("db://x:5432//t?a"), "db://x:5432//t?a");
  EXPECT_EQ(Canonical("https://User:Pw@HOST/x"), "https://User:Pw@host/x");
  EXPECT_EQ(Canonical("https://%48ost/x"), "https://host/x");
  // Not the same resource: another host, another scheme's localhost.
  EXPECT_EQ(Canonical("file://LOCALHOST:1/x"), "file://localhost:1/x");
  EXPECT_EQ(Canonical("http://localhost/x"), "http://localhost/x");
  // No scheme: only the escapes.
  EXPECT_EQ(Canonical("docs/%41%zz%4"), "docs/A%zz%4");
  EXPECT_EQ(Canonical("1http://X"), "1http://X");
}

TEST(CanonicalUriSpelling, ReportsWhetherItChangedAnything) {
  std::string out;
  EXPECT_FALSE(CanonicalUriSpelling("file:///srv/docs/a.md", &out));
  EXPECT_FALSE(CanonicalUriSpelling("custom:x%2F", &out));
  EXPECT_TRUE(CanonicalUriSpelling("custom:x%2f", &out));
  EXPECT_EQ(out, "custom:x%2F");
}

}  // namespace
}  // namespace mcpguard::internal
