// RFC 6901 JSON Pointers, parsed once and resolved many times.
#ifndef MCPGUARD_JSON_POINTER_H_
#define MCPGUARD_JSON_POINTER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rapidjson/document.h"

namespace mcpguard::internal {

// An immutable, compiled JSON Pointer. Thread-safe.
class JsonPointer {
 public:
  // Parses `text`: "" (the whole document) or "/a/b~1c/0". Returns
  // InvalidArgument naming the byte offset for a pointer that does not start
  // with '/', or holds '~' not followed by '0' or '1'.
  static absl::StatusOr<JsonPointer> Parse(absl::string_view text);

  // The value the pointer names inside `root`, or nullptr when it names
  // nothing (missing member, index out of range, a leading-zero index, "-",
  // or stepping into a scalar). Never allocates.
  const rapidjson::Value* Resolve(const rapidjson::Value& root) const;

  // The pointer as written.
  const std::string& text() const { return text_; }

 private:
  struct Token {
    std::string name;     // Unescaped member name.
    int64_t index = -1;   // Array index when the token is a canonical index.
  };
  std::string text_;
  std::vector<Token> tokens_;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_JSON_POINTER_H_
