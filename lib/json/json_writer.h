// The RapidJSON Writer mcpguard writes JSON text with: every control
// character in a string comes out escaped.
//
// Design note: with RAPIDJSON_SSE2 or RAPIDJSON_SSE42 defined (the build
// defines RAPIDJSON_SSE42 for the reader), RapidJSON 1.1 specializes
// Writer<StringBuffer>::ScanWriteUnescapedString to scan strings of 16 bytes
// or more 16 at a time, and that scan tests max(c, 0x19) == 0x19: bytes
// 0x1A-0x1F inside an aligned block are copied raw. A tool description
// with an ANSI escape ("\u001b[31m") read in and written back (a filtered
// tools/list, a redacted result, an error echoing a key) then left mcpguard
// as invalid JSON, which strict peers refuse and lax ones may read
// differently from the guard. RapidJSON's specialization is for exactly
// Writer<StringBuffer>; JsonWriter writes to a buffer type of our own and
// brings its own specialization, which finds the bytes to escape with
// FirstByteToEscape (every control character, `"` and `\`) and copies the
// runs between them whole. RapidJSON's Writer then escapes each such byte
// as it always does.
#ifndef MCPGUARD_JSON_JSON_WRITER_H_
#define MCPGUARD_JSON_JSON_WRITER_H_

#include <cstring>

#include "absl/strings/string_view.h"
#include "json/json_string_escape.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace mcpguard::internal {

class JsonTextBuffer : public rapidjson::StringBuffer {
 public:
  using rapidjson::StringBuffer::StringBuffer;
};

// RapidJSON's fast paths for its string buffer (reserve once, then write
// without a capacity check per byte) take a GenericStringBuffer&, which a
// derived type reaches only by conversion, so the catch-all templates (no
// reservation, a checked Put per byte) would win. These exact matches,
// found by argument-dependent lookup, restore them.
inline void PutReserve(JsonTextBuffer& stream, size_t count) { stream.Reserve(count); }
inline void PutUnsafe(JsonTextBuffer& stream, char c) { stream.PutUnsafe(c); }

using JsonWriter = rapidjson::Writer<JsonTextBuffer>;

}  // namespace mcpguard::internal

// Copies the run of `is` up to the next byte to escape (or to the end) and
// says whether a byte is left: the contract WriteString relies on.
template <>
inline bool rapidjson::Writer<mcpguard::internal::JsonTextBuffer>::ScanWriteUnescapedString(
    rapidjson::StringStream& is, size_t length) {
  const size_t at = is.Tell();
  if (at >= length) return false;
  const size_t run = mcpguard::internal::FirstByteToEscape(absl::string_view(is.src_, length - at));
  if (run > 0) {
    std::memcpy(os_->Push(run), is.src_, run);
    is.src_ += run;
  }
  return at + run < length;
}

#endif  // MCPGUARD_JSON_JSON_WRITER_H_
