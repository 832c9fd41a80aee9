// Visits every string value under a parsed value (and, on request, every
// member name), with its JSON Pointer, without recursion (a policy may allow
// deep documents).
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

// The same, and each member name too, before its value:
// `visit_key(name, object_pointer, object)` gets the name, the pointer of
// the object holding it and the object, and returns the token to put in
// the pointers below that member instead of the name (empty: the name):
// a name that is itself a secret must not reappear in a finding's pointer.
void VisitStringsAndKeys(
    const rapidjson::Value& root, absl::string_view base,
    absl::FunctionRef<void(const rapidjson::Value&, absl::string_view)> visit,
    absl::FunctionRef<std::string(const rapidjson::Value&, absl::string_view,
                                  const rapidjson::Value&)>
        visit_key);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_JSON_STRING_VISITOR_H_
