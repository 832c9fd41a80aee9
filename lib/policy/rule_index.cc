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
    int pa = EffectPriority(*rules[a]), pb = EffectPriority(*rules[b]);
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
      // A name rule with no method names only ever sees the methods that
      // carry its kind of name.
      if (rule->target.methods.empty()) {
        for (absl::string_view m : MethodsNaming(rule->target.name_kind)) methods.emplace(m);
      }
    }
    for (const std::string& method : methods) {
      MethodBucket& bucket = slot.by_method[method];
      const NameKind kind = NameKindOf(method);
      // Rules that name a name literally, by that name. A name no rule names
      // literally gets no key: the fallback list, checked at run time, is
      // already exact for it. This keeps the build linear in the rules plus
      // (named names x glob rules).
      absl::flat_hash_map<std::string, std::vector<uint32_t>> named;
      for (const CompiledRule* rule : in_slot) {
        const CompiledTarget& t = rule->target;
        if (!t.MatchesMethod(method)) continue;
        if (t.names.empty()) {
          bucket.without_name.push_back(rule->index);
          bucket.name_fallback.push_back(rule->index);
          continue;
        }
        // Another kind of name than this method carries: never matches.
        if (t.name_kind != kind) continue;
        bool has_glob = false;
        for (const Glob& g : t.names) {
          if (!g.is_literal()) {
            has_glob = true;
            continue;
          }
          std::vector<uint32_t>& list = named[g.literal()];
          if (list.empty() || list.back() != rule->index) list.push_back(rule->index);
        }
        if (has_glob) bucket.name_fallback.push_back(rule->index);
      }
      for (auto& [name, list] : named) {
        for (uint32_t index : bucket.name_fallback) {
          const CompiledRule& rule = *rules[index];
          if (rule.target.MatchesName(kind, name) &&
              std::find(list.begin(), list.end(), index) == list.end()) {
            list.push_back(index);
          }
        }
        std::sort(list.begin(), list.end(), by_priority);
        bucket.by_name.emplace(name, std::move(list));
      }
      std::sort(bucket.without_name.begin(), bucket.without_name.end(), by_priority);
      std::sort(bucket.name_fallback.begin(), bucket.name_fallback.end(), by_priority);
    }
    for (const CompiledRule* rule : in_slot) {
      bool literal_methods = AllLiteral(rule->target.methods);
      bool implied_methods = rule->target.methods.empty() && !rule->target.names.empty();
      if (!literal_methods && !implied_methods) slot.method_fallback.push_back(rule->index);
    }
    std::sort(slot.method_fallback.begin(), slot.method_fallback.end(), by_priority);
  }
}

Candidates RuleIndex::Lookup(Direction direction, MessageKind kind, absl::string_view method,
                             bool has_name, absl::string_view name) const {
  const Slot& slot = slots_[SlotOf(direction, kind)];
  auto it = slot.by_method.find(method);
  if (it == slot.by_method.end()) {
    return Candidates{slot.method_fallback, /*check_method=*/true, /*check_name=*/true};
  }
  const MethodBucket& bucket = it->second;
  if (!has_name) return Candidates{bucket.without_name, false, false};
  auto name_it = bucket.by_name.find(name);
  if (name_it != bucket.by_name.end()) return Candidates{name_it->second, false, false};
  return Candidates{bucket.name_fallback, false, true};
}

}  // namespace mcpguard::internal
