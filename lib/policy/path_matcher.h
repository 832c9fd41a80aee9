// A compiled mcpguard.v1.PathMatcher: is a path argument inside the allowed
// roots?
//
// Design note: the check is lexical, like the MCP filesystem server's own
// first check, and never touches the filesystem (the guard may run on
// another machine than the server). Each reading of the path
// (policy/path_normalize.h) is normalized and must equal a root or continue
// it after a "/". A path passes only if every reading that differs passes,
// and each reading's NFC form too (a server that matches names by NFC opens
// "u" + U+0308 as "ü"). Otherwise "a%2fb/../../x" would be checked as "/x"
// one way and opened as "../x" the other.
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
#include "policy/path_normalize.h"

namespace mcpguard::internal {

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
