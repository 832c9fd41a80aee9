// Replacing a file's contents so that readers see the old file or the new
// one, never a half-written one (for `mcpguard fmt --in-place`).
#ifndef MCPGUARD_TOOLS_ATOMIC_WRITE_H_
#define MCPGUARD_TOOLS_ATOMIC_WRITE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace mcpguard::cli {

// Writes `contents` to a new file beside `path` (same directory, so the
// rename stays on one filesystem), flushes it to disk, gives it `path`'s
// permission bits and renames it over `path`. A symbolic link is followed:
// its target is replaced, the link stays. On failure `path` is untouched,
// the temporary file removed, and the status says which step failed.
absl::Status ReplaceFileAtomically(const std::string& path, absl::string_view contents);

}  // namespace mcpguard::cli

#endif  // MCPGUARD_TOOLS_ATOMIC_WRITE_H_
