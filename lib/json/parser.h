// Parses one JSON message into a RapidJSON DOM, fast and under hard limits.
//
// Design note: the bytes are copied into a reused buffer, checked for UTF-8 in
// one SIMD pass (utf8.h), and parsed in situ (strings point into that buffer)
// with SSE4.2 scanning, iterative (no recursion), into a document whose pool
// allocator and build stack are reused across calls (recycling_allocator.h).
// After the first few messages of a given size no call allocates. A SAX
// filter between the reader and the document (limit_filter.h) enforces depth,
// string length, array and object sizes as it goes, so a hostile message is
// rejected without being built; duplicate keys are rejected per object, and
// lone surrogate escapes, which RapidJSON half accepts, are rejected too.
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

// The first problem in document order, except that a duplicate key is found
// when its object closes (so one inside it may be reported first).
struct JsonError {
  JsonErrorKind kind = JsonErrorKind::kNone;
  // Byte offset in the input: RapidJSON's offset for kSyntax; the first
  // invalid byte, or the backslash of a bad surrogate escape, for kEncoding;
  // max_bytes for kTooLarge; otherwise the first byte of the offending token
  // (the bracket, the opening quote of the string or repeated key, the first
  // character of the number or literal).
  size_t offset = 0;
  // E.g. "duplicate key \"id\" at offset 40", "depth exceeds 64 at offset 9".
  // Keys are escaped and cut to 64 bytes.
  std::string message;
};

// Reusable parser. Thread-compatible: one per session (or per thread).
class JsonParser {
 public:
  JsonParser();
  ~JsonParser();
  JsonParser(const JsonParser&) = delete;  // Owns large reusable buffers.
  JsonParser& operator=(const JsonParser&) = delete;

  // Parses `bytes` as one JSON text (RFC 8259: any value at the top, so a
  // bare scalar is accepted; the envelope layer rejects it). Returns true on
  // success; then root() is valid until the next Parse call or destruction,
  // and its strings point into this parser's buffer (so `bytes` itself need
  // not outlive the call). On failure returns false and error() says what and
  // where; root() is null. Any input is safe: no asserts, no recursion.
  // Buffers grow to the largest message seen (the DOM pool and build stack
  // only up to 1 MiB each; bigger DOMs allocate per call).
  bool Parse(absl::string_view bytes, const JsonLimits& limits);

  const rapidjson::Value& root() const;
  const JsonError& error() const { return error_; }

  // The in situ copy the last Parse read. Strings are decoded in place, so
  // each string (and key) of root() starts at the same offset in this buffer
  // as its text (after the opening quote) in the input. Valid as long as
  // root().
  const char* buffer() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  JsonError error_;
};

// For a message Parse rejected: if `bytes` is still syntactically valid JSON
// with an object at the top and a top-level "id" that is a string, a number or
// null, writes that id's JSON text (e.g. `7`, `"abc"`) to *id_json and returns
// true. Used to answer a message that broke a limit with its own id. Scans
// without building a document, without recursion and without checking UTF-8
// outside the id; allocates only the reader's scratch (proportional to the
// nesting depth and the longest string) and the id. Not recovered: a
// duplicated top-level "id", an id string that is not valid UTF-8 or holds a
// lone surrogate, and numbers RapidJSON calls too big (1e400). A number is
// returned exactly as written; a string re-escaped. *id_json is untouched
// when this returns false.
bool RecoverTopLevelId(absl::string_view bytes, std::string* id_json);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_JSON_PARSER_H_
