#include "integrity/tool_digest.h"

#include <string>

#include "base/sha256.h"
#include "json/canonical_json.h"

namespace mcpguard::internal {

std::string ToolDefinitionDigest(const rapidjson::Value& tool, std::string* scratch) {
  // In byte order, as canonical JSON sorts members.
  static constexpr const char* kMembers[] = {"annotations", "description", "inputSchema",
                                             "name",        "outputSchema", "title"};
  scratch->clear();
  scratch->push_back('{');
  bool first = true;
  if (tool.IsObject()) {
    for (const char* member : kMembers) {
      auto it = tool.FindMember(member);
      if (it == tool.MemberEnd()) continue;
      if (!first) scratch->push_back(',');
      first = false;
      scratch->push_back('"');
      scratch->append(member);
      scratch->append("\":");
      AppendCanonicalJson(it->value, scratch);
    }
  }
  scratch->push_back('}');
  return Sha256Hex(*scratch);
}

std::string ServerInstructionsDigest(const rapidjson::Value* instructions, std::string* scratch) {
  scratch->assign("{");
  if (instructions != nullptr) {
    scratch->append("\"instructions\":");
    AppendCanonicalJson(*instructions, scratch);
  }
  scratch->push_back('}');
  return Sha256Hex(*scratch);
}

}  // namespace mcpguard::internal
