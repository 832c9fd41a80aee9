// How a compiled matcher names the sub-field an error is in.
//
// Matchers compile recursively and know only their own part of the policy,
// so each level prefixes its field ("all.conditions[1]: ") to the message of
// the level below. The compiler then moves that relative path back onto the
// rule's field path, so the SourceMap can find the deepest line. Both halves
// of the format live here.
#ifndef MCPGUARD_POLICY_FIELD_ERROR_H_
#define MCPGUARD_POLICY_FIELD_ERROR_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace mcpguard::internal {

// `status` with "field: " in front of its message, same code.
absl::Status WithField(absl::string_view field, const absl::Status& status);

// Splits the "a.b[1]: c: " prefixes WithField added off `message`: appends
// ".a.b[1].c" to *field_path and returns the rest of the message.
absl::string_view TakeFieldPrefixes(absl::string_view message, std::string* field_path);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_FIELD_ERROR_H_
