#include "policy/compiled_rule.h"

namespace mcpguard::internal {
namespace {

bool AnyMatches(const std::vector<Glob>& globs, absl::string_view text) {
  for (const Glob& g : globs) {
    if (g.Matches(text)) return true;
  }
  return false;
}

}  // namespace

NameKind NameKindOf(absl::string_view method) {
  if (method == kToolsCallMethod) return NameKind::kTool;
  if (method == "prompts/get") return NameKind::kPrompt;
  if (method == "resources/read" || method == "resources/subscribe" ||
      method == "resources/unsubscribe") {
    return NameKind::kResource;
  }
  return NameKind::kNone;
}

absl::string_view NameMember(NameKind kind) {
  switch (kind) {
    case NameKind::kTool:
    case NameKind::kPrompt: return "name";
    case NameKind::kResource: return "uri";
    case NameKind::kNone: break;
  }
  return "";
}

const std::vector<absl::string_view>& MethodsNaming(NameKind kind) {
  static const auto* const kNone = new std::vector<absl::string_view>();
  static const auto* const kTools = new std::vector<absl::string_view>{kToolsCallMethod};
  static const auto* const kResources = new std::vector<absl::string_view>{
      "resources/read", "resources/subscribe", "resources/unsubscribe"};
  static const auto* const kPrompts = new std::vector<absl::string_view>{"prompts/get"};
  switch (kind) {
    case NameKind::kTool: return *kTools;
    case NameKind::kResource: return *kResources;
    case NameKind::kPrompt: return *kPrompts;
    case NameKind::kNone: break;
  }
  return *kNone;
}

const char* NameKindLabel(NameKind kind) {
  switch (kind) {
    case NameKind::kTool: return "tool";
    case NameKind::kResource: return "resource";
    case NameKind::kPrompt: return "prompt";
    case NameKind::kNone: break;
  }
  return "name";
}

bool CompiledTarget::MatchesMethod(absl::string_view method) const {
  if (methods.empty()) return names.empty() || NameKindOf(method) == name_kind;
  return AnyMatches(methods, method);
}

bool CompiledTarget::MatchesName(NameKind kind, absl::string_view name) const {
  if (names.empty()) return true;
  return kind == name_kind && AnyMatches(names, name);
}

bool CompiledTarget::MatchesServer(absl::string_view server_id) const {
  return servers.empty() || AnyMatches(servers, server_id);
}

}  // namespace mcpguard::internal
