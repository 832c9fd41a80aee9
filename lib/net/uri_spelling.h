// How a URI is spelled: whether servers may read another URI from it, and
// its canonical spelling. A resource URI that rules match by glob must mean
// what it says, and say it one way.
//
// URL parsers (WHATWG URL, which Node's `URL` and `fileURLToPath` follow;
// Python's urlsplit) drop leading and trailing C0 controls and spaces and
// every tab and newline, read "\" as "/" in special URLs, and resolve "."
// and ".." path segments, raw or percent-encoded ("%2e", ".%2E"). So
// "file:///srv/docs/../../etc/passwd" matches a glob "file:///srv/docs/*"
// and names /etc/passwd; and file systems drop a file: URI's query and
// fragment; a server of its own scheme may drop a fragment or an empty
// query, or read it as part of the name. Such a spelling is refused rather
// than resolved:
// no client needs it, and every server would have to agree on the result.
#ifndef MCPGUARD_NET_URI_SPELLING_H_
#define MCPGUARD_NET_URI_SPELLING_H_

#include <string>

#include "absl/strings/string_view.h"

namespace mcpguard::internal {

// Empty when `uri` means what it spells; else what is wrong with it, as a
// phrase ("has a \"..\" segment").
absl::string_view AmbiguousUriSpelling(absl::string_view uri);

// The one spelling of the URIs RFC 3986 (section 6.2.2) and RFC 8089 call
// equivalent: scheme and host in lowercase, "file://localhost/" as
// "file:///", "file:/p" and "file:p" as "file:///p", a Windows drive as
// "/C:" ("file://c|/x" is "file:///C:/x"), "//" in a file path as "/" (as
// file systems read it),
// percent-encoded letters, digits and "-._~" decoded, other
// escapes in uppercase hex ("FILE://LocalHost/%7euser/a%2fb" is
// "file:///~user/a%2Fb"); for http, https, ws, wss and ftp no fragment and
// no empty query (a fragment is the client's own, never sent to a server:
// "https://x/a#b" and "https://x/a?" are "https://x/a"), no default or empty
// port ("https://x:443/a" is "https://x/a") and "//" in the path as "/".
// Userinfo, path and query keep their case. Returns true when that differs from `uri`, which is then in
// *canonical; false when `uri` is canonical (then *canonical is scratch:
// the caller keeps it to reuse its capacity).
bool CanonicalUriSpelling(absl::string_view uri, std::string* canonical);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_NET_URI_SPELLING_H_
