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
// differently from the guard. The specialization is for exactly
// Writer<StringBuffer>; a buffer type of our own gets RapidJSON's generic
// byte-at-a-time path, which escapes every control character.
#ifndef MCPGUARD_JSON_JSON_WRITER_H_
#define MCPGUARD_JSON_JSON_WRITER_H_

#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace mcpguard::internal {

class JsonTextBuffer : public rapidjson::StringBuffer {
 public:
  using rapidjson::StringBuffer::StringBuffer;
};

using JsonWriter = rapidjson::Writer<JsonTextBuffer>;

}  // namespace mcpguard::internal

#endif  // MCPGUARD_JSON_JSON_WRITER_H_
