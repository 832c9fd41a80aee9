// Names each message of a replayed session for eval's output:
// "initialize", "tools/call read_file", and for a response the request it
// answers, "tools/call read_file (response)".
#ifndef MCPGUARD_TOOLS_MESSAGE_LABEL_H_
#define MCPGUARD_TOOLS_MESSAGE_LABEL_H_

#include <map>
#include <string>
#include <utility>

#include "jsonl_reader.h"

namespace mcpguard::cli {

// Remembers every request by direction and id (whatever the guard decided, so
// that a response to a denied request is still named), and forgets it when
// its response comes. Display only: the guard keeps its own, bounded table.
class MessageLabeler {
 public:
  // The label of `line`, updating the remembered requests.
  std::string Label(const SessionLine& line);

 private:
  struct Request {
    std::string method;
    std::string tool;
  };
  // (direction, id JSON) -> the request.
  std::map<std::pair<Direction, std::string>, Request> requests_;
};

}  // namespace mcpguard::cli

#endif  // MCPGUARD_TOOLS_MESSAGE_LABEL_H_
