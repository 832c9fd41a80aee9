#include "session/tool_catalog.h"

#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace mcpguard::internal {
namespace {

// A tool name for a note: escaped and cut short (server-controlled text).
std::string Quote(absl::string_view name) {
  constexpr size_t kMaxShown = 64;
  return absl::StrCat("\"", absl::CHexEscape(name.substr(0, kMaxShown)),
                      name.size() > kMaxShown ? "...\"" : "\"");
}

}  // namespace

void ToolCatalog::RecordListed(const rapidjson::Value& result, SchemaCache& cache,
                               const SchemaOptions& options, std::vector<std::string>* notes) {
  if (!result.IsObject()) return;
  auto tools = result.FindMember("tools");
  if (tools == result.MemberEnd() || !tools->value.IsArray()) return;
  for (rapidjson::SizeType i = 0; i < tools->value.Size(); ++i) {
    const rapidjson::Value& tool = tools->value[i];
    if (!tool.IsObject()) continue;
    auto name = tool.FindMember("name");
    if (name == tool.MemberEnd() || !name->value.IsString()) {
      notes->push_back(absl::StrCat("tools/list: /result/tools/", i, " has no name; ignored"));
      continue;
    }
    absl::string_view tool_name(name->value.GetString(), name->value.GetStringLength());
    if (tools_.size() >= max_tools_ && tools_.find(tool_name) == tools_.end()) {
      notes->push_back(absl::StrCat("tools/list: tool ", Quote(tool_name),
                                    " not recorded: the session already knows ", max_tools_,
                                    " tools; calls to it will be treated as unlisted"));
      continue;
    }
    Tool entry;
    auto input = tool.FindMember("inputSchema");
    static const rapidjson::Value kMissing;  // null: compiles to an error below.
    entry.input = cache.GetOrCompile(input != tool.MemberEnd() ? input->value : kMissing, options);
    if (entry.input->schema == nullptr) {
      notes->push_back(absl::StrCat("tools/list: tool ", Quote(tool_name),
                                    " has an inputSchema mcpguard cannot use (",
                                    entry.input->error, "); calls to it will be denied"));
    }
    auto output = tool.FindMember("outputSchema");
    if (output != tool.MemberEnd()) {
      entry.output = cache.GetOrCompile(output->value, options);
      if (entry.output->schema == nullptr) {
        notes->push_back(absl::StrCat("tools/list: tool ", Quote(tool_name),
                                      " has an outputSchema mcpguard cannot use (",
                                      entry.output->error,
                                      "); its structured results will be denied"));
      }
    }
    tools_.insert_or_assign(std::string(tool_name), std::move(entry));
  }
}

const ToolCatalog::Tool* ToolCatalog::Find(absl::string_view name) const {
  auto it = tools_.find(name);
  return it == tools_.end() ? nullptr : &it->second;
}

}  // namespace mcpguard::internal
