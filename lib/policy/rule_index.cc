#include "policy/rule_index.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"

namespace mcpguard::internal {
namespace {

bool AllLiteral(const std::vector<Glob>& globs) {
  for (const Glob& g : globs) {
    if (!g.is_literal()) return false;
  }
  return !globs.empty();
}

}  // namespace

void RuleIndex::Build(const std::vector<std::unique_ptr<CompiledRule>>& rules) {
  auto by_priority = [&rules](uint32_t a, uint32_t b) {
    int pa = EffectPriority(rules[a]->effect), pb = EffectPriority(rules[b]->effect);
    return pa != pb ? pa < pb : a < b;
  };
  for (int s = 0; s < kSlotCount; ++s) {
    Slot& slot = slots_[s];
    std::vector<const CompiledRule*> in_slot;
    absl::flat_hash_set<std::string> methods;
    for (const auto& rule : rules) {
      if (!(rule->target.slots & (1u << s))) continue;
      in_slot.push_back(rule.get());
      for (const Glob& g : rule->target.methods) {
        if (g.is_literal()) methods.insert(g.literal());
      }
      // A tool rule with no method names only ever sees tools/call.
      if (rule->target.methods.empty() && !rule->target.tools.empty()) {
        methods.insert(std::string(kToolsCallMethod));
      }
    }
    for (const std::string& method : methods) {
      MethodBucket& bucket = slot.by_method[method];
      // Rules that name a tool literally, by that tool. A tool no rule names
      // literally gets no key: the fallback list, checked at run time, is
      // already exact for it. This keeps the build linear in the rules plus
      // (named tools x glob rules).
      absl::flat_hash_map<std::string, std::vector<uint32_t>> named;
      for (const CompiledRule* rule : in_slot) {
        const CompiledTarget& t = rule->target;
        if (!t.MatchesMethod(method)) continue;
        if (t.tools.empty()) {
          bucket.without_tool.push_back(rule->index);
          bucket.tool_fallback.push_back(rule->index);
          continue;
        }
        bool has_glob = false;
        for (const Glob& g : t.tools) {
          if (!g.is_literal()) {
            has_glob = true;
            continue;
          }
          std::vector<uint32_t>& list = named[g.literal()];
          if (list.empty() || list.back() != rule->index) list.push_back(rule->index);
        }
        if (has_glob) bucket.tool_fallback.push_back(rule->index);
      }
      for (auto& [tool, list] : named) {
        for (uint32_t index : bucket.tool_fallback) {
          const CompiledRule& rule = *rules[index];
          if (rule.target.MatchesTool(true, tool) &&
              std::find(list.begin(), list.end(), index) == list.end()) {
            list.push_back(index);
          }
        }
        std::sort(list.begin(), list.end(), by_priority);
        bucket.by_tool.emplace(tool, std::move(list));
      }
      std::sort(bucket.without_tool.begin(), bucket.without_tool.end(), by_priority);
      std::sort(bucket.tool_fallback.begin(), bucket.tool_fallback.end(), by_priority);
    }
    for (const CompiledRule* rule : in_slot) {
      bool literal_methods = AllLiteral(rule->target.methods);
      bool implied_tools_call = rule->target.methods.empty() && !rule->target.tools.empty();
      if (!literal_methods && !implied_tools_call) slot.method_fallback.push_back(rule->index);
    }
    std::sort(slot.method_fallback.begin(), slot.method_fallback.end(), by_priority);
  }
}

Candidates RuleIndex::Lookup(Direction direction, MessageKind kind, absl::string_view method,
                             bool has_tool, absl::string_view tool) const {
  const Slot& slot = slots_[SlotOf(direction, kind)];
  auto it = slot.by_method.find(method);
  if (it == slot.by_method.end()) {
    return Candidates{slot.method_fallback, /*check_method=*/true, /*check_tool=*/true};
  }
  const MethodBucket& bucket = it->second;
  if (!has_tool) return Candidates{bucket.without_tool, false, false};
  auto tool_it = bucket.by_tool.find(tool);
  if (tool_it != bucket.by_tool.end()) return Candidates{tool_it->second, false, false};
  return Candidates{bucket.tool_fallback, false, true};
}

}  // namespace mcpguard::internal
