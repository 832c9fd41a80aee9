// Whether a URI is spelled so that servers may read another URI from it: a
// resource URI that rules match by glob must mean what it says.
//
// URL parsers (WHATWG URL, which Node's `URL` and `fileURLToPath` follow;
// Python's urlsplit) drop leading and trailing C0 controls and spaces and
// every tab and newline, read "\" as "/" in special URLs, and resolve "."
// and ".." path segments, raw or percent-encoded ("%2e", ".%2E"). So
// "file:///srv/docs/../../etc/passwd" matches a glob "file:///srv/docs/*"
// and names /etc/passwd. Such a spelling is refused rather than resolved:
// no client needs it, and every server would have to agree on the result.
#ifndef MCPGUARD_NET_URI_SPELLING_H_
#define MCPGUARD_NET_URI_SPELLING_H_

#include "absl/strings/string_view.h"

namespace mcpguard::internal {

// Empty when `uri` means what it spells; else what is wrong with it, as a
// phrase ("has a \"..\" segment").
absl::string_view AmbiguousUriSpelling(absl::string_view uri);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_NET_URI_SPELLING_H_
