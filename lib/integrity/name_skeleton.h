// What a tool name looks like to a reader, for squatting checks: two names
// with the same skeleton are easily taken for one another.
#ifndef MCPGUARD_INTEGRITY_NAME_SKELETON_H_
#define MCPGUARD_INTEGRITY_NAME_SKELETON_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace mcpguard::internal {

// The UTS #39 confusable skeleton (ICU uspoof) of `name` after NFKC case
// folding, with the separators "_", "-", ".", " " and "/" (and what the
// skeleton maps to them) and nonspacing marks removed: "read_file",
// "Read-File", "readfile", "reаd_file" (Cyrillic а) and "réad_file" all
// give "readfile". Invalid UTF-8 is kept as it is (it matches only itself).
std::string ToolNameSkeleton(absl::string_view name);

// Edit distance between two UTF-8 strings, counted in code points, with a
// swap of two neighbours as one edit (optimal string alignment), stopping
// early once it exceeds `limit` (then returns limit + 1).
size_t EditDistance(absl::string_view a, absl::string_view b, size_t limit);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_INTEGRITY_NAME_SKELETON_H_
