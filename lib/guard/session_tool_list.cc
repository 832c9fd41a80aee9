// tools/list filtering: the model never sees a tool its principal could never
// call under the policy (policy.proto ListFiltering).
//
// Design note: "could never call" is decided statically per tool name, from
// the rules a tools/call of that tool would meet, and cached per session and
// policy snapshot. It is conservative in the tool's favour: a rule whose
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
#include "policy/program.h"
#include "json/json_writer.h"

namespace mcpguard::internal {
namespace {


bool CouldEverCall(const PolicyProgram& program, RuleApplicability* applicability,
                   Direction call_direction, absl::string_view tool) {
  const Candidates candidates = program.index().Lookup(call_direction, MessageKind::kRequest,
                                                       kToolsCallMethod, true, tool);
  for (uint32_t index : candidates.rules) {
    const CompiledRule& rule = *program.rules()[index];
    if (candidates.check_method && !rule.target.MatchesMethod(kToolsCallMethod)) continue;
    if (candidates.check_name && !rule.target.MatchesName(NameKind::kTool, tool)) continue;
    if (rule.record_only || !applicability->Applies(rule)) continue;
    if (rule.effect == Decision::kDeny) {
      if (rule.condition == nullptr) return false;  // Decides every call.
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
  const rapidjson::Value& result = *envelope.result;
  const rapidjson::Value* tools = ToolsOf(result);
  if (tools == nullptr) return;
  const auto list = tools->GetArray();
  // The tools/list request travelled the other way; so do its calls.
  const Direction call_direction = OppositeDirection(direction);
  std::vector<bool> hide = changed;
  std::vector<absl::string_view> hidden;  // Those the principal can never call.
  const bool by_policy = policy_->program().filter_tool_lists();
  for (rapidjson::SizeType i = 0; i < list.Size() && by_policy; ++i) {
    const rapidjson::Value& tool = list[i];
    if (!tool.IsObject() || (!changed.empty() && changed[i])) continue;
    auto name = tool.FindMember("name");
    if (name == tool.MemberEnd() || !name->value.IsString()) continue;
    const absl::string_view tool_name(name->value.GetString(), name->value.GetStringLength());
    auto cached = callable_.find(tool_name);
    if (cached == callable_.end()) {
      cached = callable_
                   .emplace(std::string(tool_name),
                            CouldEverCall(policy_->program(), &applicability_, call_direction,
                                          tool_name))
                   .first;
    }
    if (cached->second) continue;
    if (hide.empty()) hide.resize(list.Size(), false);
    hide[i] = true;
    hidden.push_back(tool_name);
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
      if (&field.value != tools) {
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
  std::string reason = "tools/list rewritten:";
  if (!hidden.empty()) {
    absl::StrAppend(&reason, " hid ", hidden.size(), hidden.size() == 1 ? " tool" : " tools",
                    " the principal can never call (", absl::StrJoin(hidden, ", "), ")");
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
