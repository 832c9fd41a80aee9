// Parses one JSON message into a RapidJSON DOM, fast and under hard limits.
//
// Design note: the bytes are copied into a reused buffer and parsed in situ
// (strings point into that buffer) with SSE4.2 scanning, iterative (no
// recursion), into a document whose pool allocator and build stack are reused
// across calls. After the first few messages of a given size no call
// allocates. A SAX filter between the reader and the document enforces depth,
// string length, array and object sizes as it goes, so a hostile message is
// rejected without being built; duplicate keys are rejected per object.
#ifndef MCPGUARD_JSON_PARSER_H_
#define MCPGUARD_JSON_PARSER_H_

#include <cstddef>
#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "json/limits.h"
#include "rapidjson/document.h"

namespace mcpguard::internal {

enum class JsonErrorKind {
  kNone,
  kSyntax,        // Not JSON (RapidJSON's error), including trailing bytes.
  kEncoding,      // Invalid UTF-8 or a lone surrogate escape.
  kTooLarge,      // Over max_bytes.
  kTooDeep,       // Over max_depth.
  kStringTooLong, // Over max_string_length.
  kTooManyItems,  // Over max_array_items.
  kTooManyMembers,// Over max_object_members.
  kDuplicateKey,  // The same key twice in one object.
};

struct JsonError {
  JsonErrorKind kind = JsonErrorKind::kNone;
  size_t offset = 0;    // Byte offset in the input where it was found.
  std::string message;  // E.g. "duplicate key \"id\"", "depth exceeds 64".
};

// Reusable parser. Thread-compatible: one per session (or per thread).
class JsonParser {
 public:
  JsonParser();
  ~JsonParser();
  JsonParser(const JsonParser&) = delete;  // Owns large reusable buffers.
  JsonParser& operator=(const JsonParser&) = delete;

  // Parses `bytes` as one JSON text. Returns true on success; then root() is
  // valid until the next Parse call or destruction, and its strings point into
  // this parser's buffer (so `bytes` itself need not outlive the call). On
  // failure returns false and error() says what and where; root() is null.
  bool Parse(absl::string_view bytes, const JsonLimits& limits);

  const rapidjson::Value& root() const;
  const JsonError& error() const { return error_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  JsonError error_;
};

// For a message Parse rejected: if `bytes` is still syntactically valid JSON
// with an object at the top and a top-level "id" that is a string, a number or
// null, writes that id's JSON text (e.g. `7`, `"abc"`) to *id_json and returns
// true. Used to answer a message that broke a limit with its own id. Scans
// without building a document and without recursion; never allocates more
// than the id's size. A duplicated top-level "id" is not recovered.
bool RecoverTopLevelId(absl::string_view bytes, std::string* id_json);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_JSON_PARSER_H_
