// Visits every string value (not key) under a parsed value, with its JSON
// Pointer, without recursion (a policy may allow deep documents).
#ifndef MCPGUARD_JSON_STRING_VISITOR_H_
#define MCPGUARD_JSON_STRING_VISITOR_H_

#include <string>

#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"
#include "rapidjson/document.h"

namespace mcpguard::internal {

// Calls `visit(string, pointer)` for each string under `root` in document
// order; `pointer` is `base` (the pointer of `root`, e.g. "/result") followed
// by the RFC 6901 tokens down to the string.
void VisitStrings(const rapidjson::Value& root, absl::string_view base,
                  absl::FunctionRef<void(const rapidjson::Value&, absl::string_view)> visit);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_JSON_STRING_VISITOR_H_
