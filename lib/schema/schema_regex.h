// Compiles "pattern" and "patternProperties" regular expressions with RE2,
// under the same limits as the policy layer's regexes.
#ifndef MCPGUARD_SCHEMA_SCHEMA_REGEX_H_
#define MCPGUARD_SCHEMA_SCHEMA_REGEX_H_

#include <memory>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "re2/re2.h"

namespace mcpguard::internal {

// Largest RE2 program (RE2::ProgramSize()) a schema regex may compile to, and
// the memory RE2 may use for one. Bounds what a hostile schema costs.
inline constexpr int kMaxSchemaRegexProgramSize = 5000;
inline constexpr int64_t kMaxSchemaRegexMemory = 8 << 20;

// The compiled regex, unanchored (JSON Schema patterns search, they do not
// match the whole string). Errors, with `pointer` (the keyword's schema
// pointer) as prefix:
//  - kUnimplemented for ECMA-262 syntax RE2 cannot express: lookaround,
//    backreferences, unknown escapes or Unicode classes;
//  - kInvalidArgument for a malformed pattern or one over the size limit.
absl::StatusOr<std::unique_ptr<const RE2>> CompileSchemaRegex(absl::string_view pattern,
                                                               absl::string_view pointer);

// Unanchored search; never allocates.
bool RegexSearch(const RE2& regex, absl::string_view text);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_SCHEMA_SCHEMA_REGEX_H_
