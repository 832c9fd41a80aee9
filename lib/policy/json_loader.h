// The JSON half of LoadPolicy (see loader.h).
#ifndef MCPGUARD_POLICY_JSON_LOADER_H_
#define MCPGUARD_POLICY_JSON_LOADER_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "mcpguard/policy.h"
#include "policy/loader.h"

namespace mcpguard::internal {

// Parses `json` (the proto3 JSON mapping of mcpguard.v1.Policy) into
// out->policy and records the location of every field in out->locations,
// keyed by proto field names ("limits.max_depth", not "limits.maxDepth").
// Every unknown key, value of the wrong type, unknown enum name, duplicate
// key and second member of a oneof is reported with its line and column (in
// bytes, 1-based); a syntax error stops the scan and is reported too. Returns
// false if anything was reported.
//
// Stricter than protobuf 3.21's own JSON parser, which this defers to for the
// conversion itself: repeated fields must be arrays (protobuf also takes a
// single value), null may not be an array element (protobuf drops it), bool
// fields take only true/false (protobuf also reads strings: "yes" is true,
// "f" false), a key may not repeat (protobuf keeps the last), integers given as
// strings are plain digits, and nesting is limited to 100 levels.
bool LoadJsonPolicy(absl::string_view json, absl::string_view source_name,
                    LoadedPolicy* out, std::vector<Diagnostic>* diagnostics);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_JSON_LOADER_H_
