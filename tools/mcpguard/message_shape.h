// What the command reads of a JSON-RPC message for display. The guard reads
// the message on its own; this is only for labels in eval's output.
#ifndef MCPGUARD_TOOLS_MESSAGE_SHAPE_H_
#define MCPGUARD_TOOLS_MESSAGE_SHAPE_H_

#include <string>

#include "rapidjson/document.h"

namespace mcpguard::cli {

// Fields that were absent or of the wrong type are left empty.
struct MessageShape {
  std::string method;
  std::string tool;  // params.name of a tools/call.
  std::string id;    // The id as compact JSON ("7", "\"a\""); empty if none.
  // No "method", and a "result" or an "error".
  bool is_response = false;
};

MessageShape ReadMessageShape(const rapidjson::Value& message);

// `value` as compact JSON, strings escaped only where JSON requires it (no
// \u escapes for non-ASCII, so UTF-8 passes through byte for byte).
std::string ToCompactJson(const rapidjson::Value& value);

// The RapidJSON flags the command parses input with: no recursion (deep
// nesting cannot overflow the stack) and numbers kept exactly as written
// where a double can hold them.
constexpr unsigned kCliParseFlags = rapidjson::kParseIterativeFlag |
                                    rapidjson::kParseFullPrecisionFlag;

}  // namespace mcpguard::cli

#endif  // MCPGUARD_TOOLS_MESSAGE_SHAPE_H_
