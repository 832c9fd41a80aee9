// List filtering: the model never sees a tool its principal could never
// call under the policy, nor a prompt it could never get or a resource it
// could never read (policy.proto ListFiltering).
//
// Design note: "could never call" is decided statically per name, from the
// rules a tools/call of that tool (prompts/get of that prompt,
// resources/read of that URI in its canonical spelling) would meet, and
// cached per session and policy snapshot. It is conservative in the tool's favour: a rule whose
// condition might hold counts as a way to call it, so only an unconditional
// DENY (for this principal and server) or the default DENY with no ALLOW or
// ASK rule in reach hides a tool. Scope requirements do not hide tools: the
// client can step up to a token that has the scopes.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "guard/rewriting_writer.h"
#include "guard/session_state.h"
#include "guard/verdict_builder.h"
#include "net/uri_spelling.h"
#include "policy/program.h"
#include "json/json_writer.h"

namespace mcpguard::internal {

// What a listing lists, and how each item is used.
struct ListedKind {
  absl::string_view list;    // The result's member: "tools".
  absl::string_view key;     // Each item's name member: "name", "uri".
  absl::string_view method;  // What uses an item: "tools/call".
  NameKind name_kind;
  absl::string_view label;   // For the reason: "tool", "prompt", "resource".
};

namespace {
constexpr ListedKind kTools{"tools", "name", kToolsCallMethod, NameKind::kTool, "tool"};
constexpr ListedKind kPrompts{"prompts", "name", "prompts/get", NameKind::kPrompt, "prompt"};
constexpr ListedKind kResources{"resources", "uri", "resources/read", NameKind::kResource,
                                "resource"};

bool CouldEverUse(const PolicyProgram& program, RuleApplicability* applicability,
                  Direction direction, const ListedKind& kind, absl::string_view name) {
  const Candidates candidates =
      program.index().Lookup(direction, MessageKind::kRequest, kind.method, true, name);
  for (uint32_t index : candidates.rules) {
    const CompiledRule& rule = *program.rules()[index];
    if (candidates.check_method && !rule.target.MatchesMethod(kind.method)) continue;
    if (candidates.check_name && !rule.target.MatchesName(kind.name_kind, name)) continue;
    if (rule.record_only || !applicability->Applies(rule)) continue;
    if (rule.effect == Decision::kDeny) {
      if (rule.condition == nullptr) return false;  // Decides every use.
      continue;
    }
    return true;  // An ALLOW or ASK in reach, before any certain DENY.
  }
  return program.default_effect() != Decision::kDeny;
}

using Writer = JsonWriter;

void WriteKey(Writer& w, const rapidjson::Value& name) {
  w.Key(name.GetString(), name.GetStringLength());
}

}  // namespace

const rapidjson::Value* ToolsOf(const rapidjson::Value& result) {
  if (!result.IsObject()) return nullptr;
  auto tools = result.FindMember("tools");
  if (tools == result.MemberEnd() || !tools->value.IsArray()) return nullptr;
  return &tools->value;
}

void SessionState::FilterToolList(const Envelope& envelope, Direction direction,
                                  const std::vector<bool>& changed, VerdictBuilder& out) {
  FilterList(kTools, envelope, direction, changed, policy_->program().filter_tool_lists(), out);
}

void SessionState::FilterOtherList(absl::string_view method, const Envelope& envelope,
                                   Direction direction, VerdictBuilder& out) {
  const PolicyProgram& program = policy_->program();
  if (method == "prompts/list" && program.filter_prompt_lists()) {
    FilterList(kPrompts, envelope, direction, {}, true, out);
  } else if (method == "resources/list" && program.filter_resource_lists()) {
    FilterList(kResources, envelope, direction, {}, true, out);
  }
}

void SessionState::FilterList(const ListedKind& kind, const Envelope& envelope,
                              Direction direction, const std::vector<bool>& changed,
                              bool by_policy, VerdictBuilder& out) {
  const rapidjson::Value& result = *envelope.result;
  if (!result.IsObject()) return;
  auto listed = result.FindMember(rapidjson::StringRef(kind.list.data(), kind.list.size()));
  if (listed == result.MemberEnd() || !listed->value.IsArray()) return;
  const rapidjson::Value* items = &listed->value;
  const auto list = items->GetArray();
  // The list request travelled the other way; so do the uses.
  const Direction use_direction = OppositeDirection(direction);
  std::vector<bool> hide = changed;
  std::vector<absl::string_view> hidden;  // Those the principal can never use.
  std::string canonical;
  for (rapidjson::SizeType i = 0; i < list.Size() && by_policy; ++i) {
    const rapidjson::Value& item = list[i];
    if (!item.IsObject() || (!changed.empty() && changed[i])) continue;
    auto key = item.FindMember(rapidjson::StringRef(kind.key.data(), kind.key.size()));
    if (key == item.MemberEnd() || !key->value.IsString()) continue;
    const absl::string_view written(key->value.GetString(), key->value.GetStringLength());
    absl::string_view name = written;
    // Resource rules match the canonical spelling (net/uri_spelling.h); a
    // URI servers would read as another is never readable.
    bool usable = true;
    if (kind.name_kind == NameKind::kResource) {
      usable = AmbiguousUriSpelling(written).empty();
      if (CanonicalUriSpelling(written, &canonical)) name = canonical;
    }
    if (usable) {
      // Cached per kind: a tool and a prompt may share a name.
      const std::string cache_key = absl::StrCat(kind.label, ":", name);
      auto cached = callable_.find(cache_key);
      if (cached == callable_.end()) {
        cached = callable_
                     .emplace(cache_key, CouldEverUse(policy_->program(), &applicability_,
                                                      use_direction, kind, name))
                     .first;
      }
      if (cached->second) continue;
    }
    if (hide.empty()) hide.resize(list.Size(), false);
    hide[i] = true;
    hidden.push_back(written);
  }
  const size_t changed_count = static_cast<size_t>(std::count(changed.begin(), changed.end(), true));
  if (hidden.empty() && changed_count == 0) return;

  // The same message with those elements left out of result.tools (and
  // any redaction applied).
  JsonTextBuffer buffer;
  Writer w(buffer);
  RewritingWriter rewriting(&w, redactions_);
  const rapidjson::Value& root = parser_.root();
  w.StartObject();
  for (const auto& member : root.GetObject()) {
    WriteKey(w, member.name);
    if (&member.value != &result) {
      member.value.Accept(rewriting);
      continue;
    }
    w.StartObject();
    for (const auto& field : result.GetObject()) {
      WriteKey(w, field.name);
      if (&field.value != items) {
        field.value.Accept(rewriting);
        continue;
      }
      w.StartArray();
      for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
        if (!hide[i]) list[i].Accept(rewriting);
      }
      w.EndArray();
    }
    w.EndObject();
  }
  w.EndObject();

  out.Decide(Decision::kRewrite);
  out.set_rewritten(std::string(buffer.GetString(), buffer.GetSize()));
  std::string reason = absl::StrCat(kind.list, "/list rewritten:");
  if (!hidden.empty()) {
    absl::StrAppend(&reason, " hid ", hidden.size(), " ", kind.label, hidden.size() == 1 ? "" : "s",
                    " the principal can never ",
                    kind.name_kind == NameKind::kTool ? "call" : kind.name_kind == NameKind::kPrompt
                                                                     ? "get"
                                                                     : "read",
                    " (", absl::StrJoin(hidden, ", "), ")");
  }
  if (changed_count > 0) {
    absl::StrAppend(&reason, hidden.empty() ? "" : ";", " hid ", changed_count,
                    changed_count == 1 ? " tool" : " tools",
                    " flagged by the integrity check or a detector (see the findings)");
  }
  out.set_reason(std::move(reason));
  if (check_options_->explain) {
    out.trace()->push_back(TraceStep{"", TraceStep::Outcome::kListFiltered,
                                     std::string(out.verdict().reason())});
  }
}

}  // namespace mcpguard::internal
