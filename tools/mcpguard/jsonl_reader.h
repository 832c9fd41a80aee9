// Reads a recorded MCP session: one message per line (JSON Lines).
//
// A line is either a bare JSON-RPC message, or a wrapper object
//   {"direction": "to_server" | "to_client", "message": {...}}
//   {"direction": "to_server" | "to_client", "raw": "bytes, not necessarily JSON"}
// A line is a wrapper when it is an object without "jsonrpc" that has
// "message" or "raw". Without a direction, a message that looks like a
// response (no "method"; "result" or "error") travels to_client, anything else
// to_server. Blank lines and lines whose first non-blank character is '#' are
// skipped. A trailing "\r" is dropped (files written on Windows).
#ifndef MCPGUARD_TOOLS_JSONL_READER_H_
#define MCPGUARD_TOOLS_JSONL_READER_H_

#include <istream>
#include <string>
#include <utility>

#include "mcpguard/direction.h"
#include "message_shape.h"

namespace mcpguard::cli {

struct SessionLine {
  int line = 0;  // 1-based line number in the file.
  Direction direction = Direction::kToServer;
  // The exact bytes to check: the line itself for a bare message, the
  // "message" member re-serialized compactly, or the "raw" string.
  std::string message;
  MessageShape shape;
};

// Not thread-safe. `in` must outlive the reader.
class JsonlReader {
 public:
  enum class Result {
    kMessage,  // *line holds the next message.
    kBadLine,  // *error is "SOURCE:LINE: what is wrong"; reading may go on.
    kEnd,      // End of input, or a read error (see read_error()).
  };

  JsonlReader(std::istream& in, std::string source_name)
      : in_(in), source_name_(std::move(source_name)) {}

  Result Next(SessionLine* line, std::string* error);

  // True when reading stopped on an I/O error rather than at end of input.
  bool read_error() const { return in_.bad(); }

 private:
  Result ParseLine(const std::string& text, SessionLine* line, std::string* error);

  std::istream& in_;
  std::string source_name_;
  int line_number_ = 0;
};

}  // namespace mcpguard::cli

#endif  // MCPGUARD_TOOLS_JSONL_READER_H_
