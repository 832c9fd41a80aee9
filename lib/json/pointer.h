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
  // nothing (missing member, index out of range, an array token that is not
  // canonical decimal such as "01", "+1" or "-", or stepping into a scalar).
  // In an object every token, "-" and "01" included, is a member name. Member
  // names compare byte-wise and may hold NUL. Never allocates; the result
  // points into `root`.
  const rapidjson::Value* Resolve(const rapidjson::Value& root) const {
    const rapidjson::Value* blocked = nullptr;
    return Resolve(root, &blocked);
  }
  // The same, telling "names nothing" apart: when the pointer needed to step
  // into a string, number or boolean, or to take a member name in an array,
  // *blocked is that value (a value of another shape than the pointer
  // assumes, which a policy must not read as a field that is simply absent);
  // else null.
  const rapidjson::Value* Resolve(const rapidjson::Value& root,
                                  const rapidjson::Value** blocked) const;

  // The pointer as written.
  const std::string& text() const { return text_; }

 private:
  struct Token {
    std::string name;     // Unescaped member name.
    int64_t index = -1;   // Array index when the token is a canonical index
                          // below 2^32, else -1 (never resolves in an array).
  };
  std::string text_;
  std::vector<Token> tokens_;
};

// Appends "/" and `token` escaped as RFC 6901 requires ("~" as "~0", "/" as
// "~1") to *pointer.
void AppendPointerToken(std::string* pointer, absl::string_view token);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_JSON_POINTER_H_
