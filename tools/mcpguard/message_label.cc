#include "message_label.h"

#include "absl/strings/str_cat.h"

namespace mcpguard::cli {
namespace {


std::string MethodAndTool(const std::string& method, const std::string& tool) {
  if (method.empty()) return "-";
  return tool.empty() ? method : absl::StrCat(method, " ", tool);
}

}  // namespace

std::string MessageLabeler::Label(const SessionLine& line) {
  const MessageShape& shape = line.shape;
  if (shape.is_response) {
    if (shape.id.empty()) return "(response)";
    auto it = requests_.find({OppositeDirection(line.direction), shape.id});
    if (it == requests_.end()) return absl::StrCat("(response to id ", shape.id, ")");
    std::string label = absl::StrCat(MethodAndTool(it->second.method, it->second.tool),
                                      " (response)");
    requests_.erase(it);
    return label;
  }
  if (!shape.method.empty() && !shape.id.empty()) {
    requests_[{line.direction, shape.id}] = Request{shape.method, shape.tool};
  }
  return MethodAndTool(shape.method, shape.tool);
}

}  // namespace mcpguard::cli
