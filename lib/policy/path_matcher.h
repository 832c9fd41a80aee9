// A compiled mcpguard.v1.PathMatcher: is a path argument inside the allowed
// roots?
//
// Design note: the check is lexical, like the MCP filesystem server's own
// first check, and never touches the filesystem (the guard may run on
// another machine than the server). The raw text is normalized into a fixed
// buffer on the stack: "~" expanded, relative paths joined to the base,
// repeated "/" collapsed, "." dropped and ".." removing the previous segment
// (".." at the root is an escape, not a no-op). The normalized path must
// equal a root or continue it after a "/".
//
// Servers disagree about the rest, so the text has readings (PathReading):
// as written (the MCP filesystem server: "%2e" and "\" are ordinary bytes,
// "file:///x" a relative name), and as a server that percent-decodes once,
// reads "\" as "/" or takes a "file://" URI for its path would read it. A
// path passes only if every reading that differs passes, and each reading's
// NFC form too (a server that matches names by NFC opens "u" + U+0308 as
// "ü"). Otherwise "a%2fb/../../x" would be checked as "/x" one way and
// opened as "../x" the other.
#ifndef MCPGUARD_POLICY_PATH_MATCHER_H_
#define MCPGUARD_POLICY_PATH_MATCHER_H_

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "mcpguard/v1/policy.pb.h"
#include "policy/glob.h"

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

// Immutable. Thread-safe.
class PathMatcher {
 public:
  // InvalidArgument, naming the field ("roots[1]: must be an absolute
  // path"), for no roots, a root, home or base that is not absolute or does
  // not normalize, or a bad deny glob. Roots are stored normalized.
  static absl::StatusOr<std::unique_ptr<PathMatcher>> Compile(
      const mcpguard::v1::PathMatcher& proto);

  // kNone when `path` is acceptable under every reading of it (as written
  // first) and their NFC forms: normalized, inside a root, and matching no
  // deny glob (roots are checked first, so a path outside every root is
  // kOutsideRoots even if a deny glob matches). Otherwise the first
  // reading's problem. Never allocates for paths in NFC; uses about
  // 3 * kMaxPathBytes of stack.
  PathProblem Check(absl::string_view path) const;

  // For explanations: `path within "/srv/data", "/tmp"`.
  std::string Describe() const;

 private:
  PathMatcher() = default;
  // Roots and deny globs for one normalized reading and its NFC form.
  PathProblem CheckNormalized(absl::string_view normalized) const;
  PathProblem RootsAndDeny(absl::string_view normalized) const;
  // kDenied when a name a server on another file system takes for
  // `normalized` is denied: NFKC_Casefold (case beyond ASCII, compatibility
  // forms, default-ignorable characters, as case-insensitive volumes
  // compare names), and Windows's trimming of each name's trailing dots and
  // spaces and of a ":stream" suffix. Deny globs only: such a name is inside
  // the roots when the name as written is.
  PathProblem DenyAliases(absl::string_view normalized) const;
  PathProblem DenyAliasesOf(absl::string_view normalized) const;  // The work.
  bool Denied(absl::string_view normalized) const;
  std::vector<std::string> roots_;
  std::string home_, base_;
  std::vector<Glob> deny_;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_PATH_MATCHER_H_
