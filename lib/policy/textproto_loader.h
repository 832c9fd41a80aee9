// The textproto half of LoadPolicy (see loader.h).
#ifndef MCPGUARD_POLICY_TEXTPROTO_LOADER_H_
#define MCPGUARD_POLICY_TEXTPROTO_LOADER_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "mcpguard/policy.h"
#include "policy/loader.h"

namespace mcpguard::internal {

// Parses `text` as a textproto mcpguard.v1.Policy into out->policy and records
// the location of every field present in out->locations. Appends one error per
// problem to *diagnostics and returns false if there is any. Unknown fields are
// all reported (not just the first), each at its line; after any other syntax
// error protobuf's parser stops, so later problems go unreported. Strings that
// are not valid UTF-8 (protobuf 3.21's text parser accepts them, even in
// proto3) are errors too. Messages are protobuf's own; errors it reports at
// the token after the culprit (unknown field or enum value, field set twice,
// second oneof member) are moved onto the culprit. Syntax errors carry no
// field path. Columns are protobuf's: a tab advances to the next multiple
// of 8.
bool LoadTextprotoPolicy(absl::string_view text, absl::string_view source_name,
                         LoadedPolicy* out,
                         std::vector<Diagnostic>* diagnostics);

// The same for any message type (the `mcpguard test` files use it): parses
// `text` into *out and records field locations in *locations, with the
// diagnostics and guarantees above.
bool LoadTextprotoMessage(absl::string_view text, absl::string_view source_name,
                          google::protobuf::Message* out, SourceMap* locations,
                          std::vector<Diagnostic>* diagnostics);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_TEXTPROTO_LOADER_H_
