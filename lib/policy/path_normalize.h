// Lexical normalization of a path argument, as the servers that may open it
// read it: NormalizePath, and the problems it reports (PathProblem).
//
// Nothing touches the filesystem. The raw text is normalized into a fixed
// buffer on the stack: "~" expanded, relative paths joined to the base,
// repeated "/" collapsed, "." dropped and ".." removing the previous segment
// (".." at the root is an escape, not a no-op).
//
// Servers disagree about the rest, so the text has readings (PathReading):
// as written (the MCP filesystem server: "%2e" and "\" are ordinary bytes,
// "file:///x" a relative name), and as a server that percent-decodes once,
// reads "\" as "/" or takes a "file://" URI for its path would read it.
#ifndef MCPGUARD_POLICY_PATH_NORMALIZE_H_
#define MCPGUARD_POLICY_PATH_NORMALIZE_H_

#include <cstddef>

#include "absl/strings/string_view.h"

namespace mcpguard::internal {

// Longest path (after decoding) a PathMatcher reads; longer is kTooLong.
inline constexpr size_t kMaxPathBytes = 4096;

enum class PathProblem {
  kNone,               // Inside a root and not denied.
  kEmpty,
  kTooLong,            // Over kMaxPathBytes decoded, or at any step of normalizing.
  kNul,                // A NUL byte, raw or percent-encoded.
  kRelative,           // Relative and no base is set.
  kWindowsDrive,       // Starts with a drive letter and ":" ("C:\\x"), base or not.
  kTilde,              // Starts with "~" and no home is set, or "~user".
  kBadUri,             // A "file:" URI with a host other than "" or "localhost",
                       // a port, no absolute path, a "?" or "#"; or a text that
                       // is one only once decoded ("file%3a///etc").
  kEscapes,            // ".." climbs above "/".
  kOutsideRoots,       // Normalized fine, but under no root.
  kDenied,             // Inside a root, but matches a deny glob.
};

// A short phrase for messages: "is outside the allowed roots".
absl::string_view PathProblemText(PathProblem problem);

// How a server may read a path argument's text.
struct PathReading {
  // Percent-decode once ("%2e%2e" is ".."), and read a "file:" URI as the
  // path it names. Off: "%" and "file:" are ordinary text.
  bool decode = true;
  // "\" separates segments, as "/" does. Off: an ordinary byte (POSIX).
  bool backslash_separates = true;
  // A leading "~" is `home` (as the MCP filesystem server and shells read
  // it). Off: an ordinary name, relative to `base` (Python's open, Node's
  // fs).
  bool tilde_expands = true;
};
inline constexpr PathReading kAsWritten{false, false};

// Normalizes `raw`, read as `reading` says, into `out` (kMaxPathBytes
// bytes); sets *length and returns kNone, or returns the problem (then
// *length is unchanged and `out` unspecified). `home` and `base` are
// absolute and already normalized, or empty when unset. Never allocates;
// uses about 4 * kMaxPathBytes of stack (a cleaned URI, the decoded text).
PathProblem NormalizePath(absl::string_view raw, absl::string_view home, absl::string_view base,
                          char* out, size_t* length, PathReading reading = PathReading());

// The bytes NormalizePath may change or must look at: the separators, and
// the bytes it decodes or refuses.
struct PathSpecialTable {
  bool special[256] = {};
  constexpr PathSpecialTable() {
    special[static_cast<unsigned char>('/')] = true;
    special[static_cast<unsigned char>('\\')] = true;
    special[static_cast<unsigned char>('%')] = true;
    special[0] = true;
    // Outside ASCII: the name may have another NFC form to check.
    for (int c = 0x80; c < 256; ++c) special[c] = true;
  }
};
inline constexpr PathSpecialTable kPathSpecial;

// True when `raw` is already what NormalizePath makes of it under every
// reading: absolute, with no "%", "\" or NUL, no empty, "." or ".."
// segment and no trailing "/", and ASCII (so in NFC). Most path arguments
// are; for them one scan replaces decoding, rebuilding and normalizing.
// Inline: it is on every path check's way (a call across files cost the
// argument benchmark 5%).
inline bool IsNormalAbsolutePath(absl::string_view raw) {
  const size_t n = raw.size();
  if (n == 0 || n > kMaxPathBytes || raw[0] != '/') return false;
  size_t segment = 1;  // Where the current segment starts.
  for (size_t i = 1; i <= n; ++i) {
    const unsigned char c = i < n ? static_cast<unsigned char>(raw[i]) : '/';
    if (!kPathSpecial.special[c]) continue;
    if (c != '/') return false;
    const size_t length = i - segment;
    if (length == 0) return n == 1;  // "/" alone is normal; "//" or "a/" is not.
    if (raw[segment] == '.' && (length == 1 || (length == 2 && raw[segment + 1] == '.'))) {
      return false;
    }
    segment = i + 1;
  }
  return true;
}


// Whether a URL parser (WHATWG, Python's urlsplit) reads `text` as a
// "file:" URI, after dropping the C0 controls and spaces around it and
// every tab, line feed and carriage return in it.
bool IsFileUriToUrlParsers(absl::string_view text);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_PATH_NORMALIZE_H_
