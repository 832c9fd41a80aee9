// Tool definition pinning in the session (policy.proto Integrity).
//
// Design note: every tools/list result is checked, so a definition that
// changes after notifications/tools/list_changed (or without one) is caught
// when the client lists again, before the model sees it. A changed tool is
// remembered by name for the rest of the session, until a listing matches
// its pin again; its calls then meet the policy's on_change effect. Any pin
// store error counts as a change: the guard never trusts what it could not
// check.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "guard/session_state.h"
#include "guard/verdict_builder.h"
#include "integrity/pin_key.h"
#include "integrity/tool_directory.h"
#include "integrity/tool_digest.h"
#include "mcpguard/pin_store.h"
#include "policy/evaluator.h"
#include "policy/program.h"

namespace mcpguard::internal {
namespace {

constexpr absl::string_view kDetector = "integrity";
// Far above MCP's 128 characters (of up to 4 bytes each).
constexpr size_t kMaxListedToolNameBytes = 1024;

}  // namespace

SessionState::PinCheck SessionState::CheckPin(absl::string_view key, absl::string_view what,
                                              const std::string& digest, VerdictBuilder& out) {
  const IntegritySettings& settings = policy_->program().integrity();
  PinStore& store = *engine_->options.pin_store;
  const std::string& server = options_.server_id;
  const std::string_view key_view(key.data(), key.size());
  std::optional<std::string> pinned;
  PinCheck check{"rug_pull", ""};
  if (auto pin = settings.pins.find(PinKey(server, key)); pin != settings.pins.end()) {
    pinned = pin->second;
  } else if (absl::StatusOr<std::optional<std::string>> stored = store.Get(server, key_view);
             !stored.ok()) {
    check.category = "pin_store_error";
    check.problem = absl::StrCat("the pin of ", what, " could not be read: ",
                                 stored.status().message());
  } else if (stored->has_value()) {
    pinned = **stored;
  } else if (settings.mode == IntegritySettings::Mode::kTrustOnFirstUse) {
    absl::StatusOr<std::string> now = store.PinIfAbsent(server, key_view, digest);
    if (now.ok()) {
      pinned = *std::move(now);
      if (*pinned == digest) {
        out.add_note(absl::StrCat("pinned ", what, " on first use: sha256 ", digest));
      }
    } else {
      check.category = "pin_store_error";
      check.problem = absl::StrCat(what, " could not be pinned: ", now.status().message());
    }
  } else {
    check.category = "unpinned_tool";
    check.problem = absl::StrCat(what, " has no pin and integrity.mode is PINNED_ONLY (listed sha256 ",
                                 digest, ")");
  }
  if (check.problem.empty() && pinned.has_value() && *pinned != digest) {
    check.problem = absl::StrCat("the definition of ", what, " changed since it was pinned (pinned sha256 ",
                                 *pinned, ", listed ", digest, ")");
  }
  return check;
}

void SessionState::CheckToolIntegrity(const rapidjson::Value& tools, bool more_pages,
                                      VerdictBuilder& out, std::vector<bool>* hide) {
  const IntegritySettings& settings = policy_->program().integrity();
  const auto list = tools.GetArray();
  // A listing is its pages, up to one without a nextCursor. Found by an
  // adversarial review: [changed, unchanged] copies of one tool, in one
  // result or on two pages, forwarded the changed one and then cleared it.
  if (!listing_continues_) listing_changed_.clear();
  listing_continues_ = more_pages;
  for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
    const rapidjson::Value& tool = list[i];
    if (!tool.IsObject()) continue;
    auto name_member = tool.FindMember("name");
    if (name_member == tool.MemberEnd() || !name_member->value.IsString()) continue;
    const absl::string_view name(name_member->value.GetString(),
                                 name_member->value.GetStringLength());
    // MCP's tool names are 1 to 128 characters. A much longer one is
    // hostile: every index of the tool directory and of the pins would
    // keep it, and its skeleton takes ICU's lock for as long as it reads it
    // (a review listed 1 MB names). Hidden, its calls refused.
    if (name.size() > kMaxListedToolNameBytes) {
      const std::string reason = absl::StrCat("a tool name of ", name.size(),
                                              " bytes (more than ", kMaxListedToolNameBytes, ")");
      out.add_finding(Finding{"invalid_tool_name", std::string(kDetector),
                              absl::StrCat("/result/tools/", i, "/name"), 0, 0, reason});
      // Calls of longer names are refused anyway (-32602).
      if (name.size() <= kMaxNameBytes) FlagTool(name, reason);
      hide->resize(list.Size(), false);
      (*hide)[i] = true;
      continue;
    }
    if (settings.check_shadowing) CheckShadowing(name, i, list.Size(), out, hide);
    if (settings.mode == IntegritySettings::Mode::kOff) continue;
    const std::string digest = ToolDefinitionDigest(tool, &digest_scratch_);
    PinCheck check = CheckPin(name, absl::StrCat("tool \"", name, "\""), digest, out);
    if (check.problem.empty()) {
      if (!listing_changed_.contains(name)) changed_tools_.erase(name);
      continue;
    }
    // Bounded as changed_tools_ is; past it, nothing more is cleared in
    // this listing (so nothing is trusted that should not be).
    if (listing_changed_.size() < kMaxTrackedTools) {
      listing_changed_.emplace(name);
    } else {
      changed_tools_overflow_ = true;
    }
    std::string& category = check.category;
    std::string& problem = check.problem;
    out.add_finding(Finding{category, std::string(kDetector), absl::StrCat("/result/tools/", i),
                            0, 0, problem});
    if (auto it = changed_tools_.find(name); it != changed_tools_.end()) {
      it->second = ChangedTool{digest, std::move(problem)};
    } else if (changed_tools_.size() < kMaxTrackedTools) {
      changed_tools_.emplace(std::string(name), ChangedTool{digest, std::move(problem)});
    } else {
      changed_tools_overflow_ = true;
    }
    if (settings.on_change == IntegritySettings::OnChange::kHide) {
      hide->resize(list.Size(), false);
      (*hide)[i] = true;
    }
  }
}

bool SessionState::CheckInstructionsIntegrity(const rapidjson::Value& result,
                                              const Envelope& envelope, VerdictBuilder& out) {
  const IntegritySettings& settings = policy_->program().integrity();
  if (settings.mode == IntegritySettings::Mode::kOff || !result.IsObject()) return true;
  auto member = result.FindMember("instructions");
  const rapidjson::Value* instructions = member != result.MemberEnd() ? &member->value : nullptr;
  const std::string digest = ServerInstructionsDigest(instructions, &digest_scratch_);
  PinCheck check = CheckPin(kInstructionsPinName,
                            absl::StrCat("the instructions of server \"", options_.server_id, "\""),
                            digest, out);
  if (check.problem.empty()) return true;
  if (check.category == "unpinned_tool") check.category = "unpinned_instructions";
  out.add_finding(
      Finding{check.category, std::string(kDetector), "/result/instructions", 0, 0, check.problem});
  switch (settings.on_change) {
    case IntegritySettings::OnChange::kRecord:
      return true;
    case IntegritySettings::OnChange::kHide:
      // Blanked in the rewrite; a change that removed them has nothing left
      // to hide.
      if (instructions != nullptr && instructions->IsString()) {
        redactions_[instructions->GetString()] = "";
      }
      return true;
    case IntegritySettings::OnChange::kDeny:
    case IntegritySettings::OnChange::kAsk:
      out.Decide(Decision::kDeny);
      out.set_reason(absl::StrCat("initialize result refused: ", check.problem));
      redactions_.clear();
      SetPolicyError(nullptr, envelope, out);
      return false;
  }
  return false;
}

void SessionState::CheckShadowing(absl::string_view name, rapidjson::SizeType index,
                                  rapidjson::SizeType count, VerdictBuilder& out,
                                  std::vector<bool>* hide) {
  const IntegritySettings& settings = policy_->program().integrity();
  const std::optional<ToolDirectory::Conflict> conflict =
      engine_->tool_directory.Record(options_.server_id, name);
  if (!conflict.has_value()) return;
  std::string category = "tool_squatting";
  std::string reason;
  double score = 0.9;
  switch (conflict->kind) {
    case ToolDirectory::Conflict::Kind::kSameName:
      category = "tool_shadowing";
      reason = absl::StrCat("tool \"", name, "\" is also offered by server \"", conflict->server,
                            "\", which listed it first");
      score = 1.0;
      break;
    case ToolDirectory::Conflict::Kind::kConfusable:
      reason = absl::StrCat("tool \"", name, "\" is confusable with \"", conflict->tool,
                            "\" of server \"", conflict->server, "\"");
      break;
    case ToolDirectory::Conflict::Kind::kNearName:
      reason = absl::StrCat("tool \"", name, "\" is one edit away from \"", conflict->tool,
                            "\" of server \"", conflict->server, "\"");
      score = 0.6;
      break;
    case ToolDirectory::Conflict::Kind::kFull:
      category = "tool_directory_full";
      reason = absl::StrCat("tool \"", name,
                            "\" could not be checked: the engine's tool directory is full");
      break;
    case ToolDirectory::Conflict::Kind::kServerFull:
      category = "tool_directory_full";
      reason = absl::StrCat("tool \"", name, "\" could not be checked: its server has listed ",
                            ToolDirectory::kMaxEntriesPerServer, " other tools to this engine");
      break;
  }
  out.add_finding(Finding{category, std::string(kDetector), absl::StrCat("/result/tools/", index),
                          0, 0, reason, score});
  if (settings.on_shadowing == IntegritySettings::OnChange::kRecord) return;
  FlagTool(name, reason);
  if (settings.on_shadowing == IntegritySettings::OnChange::kHide) {
    hide->resize(count, false);
    (*hide)[index] = true;
  }
}

void SessionState::FlagTool(absl::string_view name, std::string reason) {
  if (flagged_tools_.contains(name)) return;
  if (flagged_tools_.size() >= kMaxTrackedTools) {
    flagged_tools_overflow_ = true;
    return;
  }
  flagged_tools_.emplace(std::string(name), std::move(reason));
}

bool SessionState::CheckCallIntegrity(const MessageFacts& facts, const Envelope& envelope,
                                      VerdictBuilder& out) {
  if (facts.name_kind != NameKind::kTool) return true;
  // Nearly always both maps are empty: skip hashing the name.
  if (flagged_tools_.empty() && !flagged_tools_overflow_ && changed_tools_.empty() &&
      !changed_tools_overflow_) {
    return true;
  }
  if (auto flagged = flagged_tools_.find(facts.name);
      flagged != flagged_tools_.end() || flagged_tools_overflow_) {
    out.Decide(Decision::kDeny);
    out.set_reason(absl::StrCat(
        "call of a tool hidden from the list refused: ",
        flagged != flagged_tools_.end()
            ? absl::string_view(flagged->second)
            : "more tools were hidden in this session than the guard tracks"));
    SetPolicyError(nullptr, envelope, out);
    return false;
  }
  const IntegritySettings& settings = policy_->program().integrity();
  if (settings.mode == IntegritySettings::Mode::kOff) return true;
  auto changed = changed_tools_.find(facts.name);
  if (changed == changed_tools_.end() && !changed_tools_overflow_) return true;
  const std::string reason =
      changed != changed_tools_.end()
          ? changed->second.reason
          : std::string("more tool definitions changed in this session than the guard tracks, "
                        "so every call is refused");
  out.add_finding(Finding{"rug_pull", std::string(kDetector), "/params/name", 0, 0, reason});
  switch (settings.on_change) {
    case IntegritySettings::OnChange::kRecord:
      return true;
    case IntegritySettings::OnChange::kHide:
    case IntegritySettings::OnChange::kDeny:
      out.Decide(Decision::kDeny);
      out.set_reason(absl::StrCat("call of a changed tool refused: ", reason));
      SetPolicyError(nullptr, envelope, out);
      return false;
    case IntegritySettings::OnChange::kAsk: {
      out.Decide(Decision::kAsk);
      out.set_reason(absl::StrCat("call of a changed tool needs approval: ", reason));
      SetPolicyError(nullptr, envelope, out);
      Evaluation ask;
      ask.decision = Decision::kAsk;
      // An answer is remembered for this definition only: another change
      // asks again.
      const std::string subject = absl::StrCat(
          "integrity:", changed != changed_tools_.end() ? changed->second.digest : "overflow");
      SettleAsk(ask, facts, envelope, message_, out, subject);
      return out.verdict().policy_decision() == Decision::kAllow;
    }
  }
  return false;
}

}  // namespace mcpguard::internal
