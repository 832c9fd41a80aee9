// Replacing a file's contents so that readers see the old file or the new
// one, never a half-written one (policy files rewritten by `mcpguard fmt
// --in-place`, pin stores).
#ifndef MCPGUARD_BASE_ATOMIC_WRITE_H_
#define MCPGUARD_BASE_ATOMIC_WRITE_H_

#include <sys/types.h>

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace mcpguard::internal {

// Writes `contents` to a new file beside `path` (same directory, so the
// rename stays on one filesystem), flushes it to disk, gives it `path`'s
// permission bits and renames it over `path`, then flushes the directory so
// the rename itself survives a crash. A symbolic link is followed: its target
// is replaced, the link stays. When `path` does not exist: NotFound, unless
// `create_mode` is set, in which case the file is created with those
// permission bits. On failure `path` is untouched, the temporary file
// removed, and the status says which step failed.
absl::Status ReplaceFileAtomically(const std::string& path, absl::string_view contents,
                                   std::optional<mode_t> create_mode = std::nullopt);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_BASE_ATOMIC_WRITE_H_
