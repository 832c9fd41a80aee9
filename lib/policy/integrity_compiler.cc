// Compiles Policy.integrity (policy.proto Integrity) into IntegritySettings.
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "base/sha256.h"
#include "integrity/pin_key.h"
#include "policy/policy_compiler.h"
#include "policy/program.h"

namespace mcpguard::internal {

void PolicyCompiler::CompileIntegrity(PolicyProgram* program) {
  const pb::Integrity& integrity = loaded_.policy.integrity();
  IntegritySettings& out = program->integrity_;
  switch (integrity.mode()) {
    case pb::Integrity::OFF: out.mode = IntegritySettings::Mode::kOff; break;
    case pb::Integrity::TRUST_ON_FIRST_USE:
      out.mode = IntegritySettings::Mode::kTrustOnFirstUse;
      break;
    case pb::Integrity::PINNED_ONLY: out.mode = IntegritySettings::Mode::kPinnedOnly; break;
    default: Error("integrity.mode", absl::StrCat("unknown value ", integrity.mode())); break;
  }
  switch (integrity.on_change()) {
    case pb::Integrity::HIDE: out.on_change = IntegritySettings::OnChange::kHide; break;
    case pb::Integrity::DENY: out.on_change = IntegritySettings::OnChange::kDeny; break;
    case pb::Integrity::ASK: out.on_change = IntegritySettings::OnChange::kAsk; break;
    case pb::Integrity::RECORD: out.on_change = IntegritySettings::OnChange::kRecord; break;
    default:
      Error("integrity.on_change", absl::StrCat("unknown value ", integrity.on_change()));
      break;
  }
  out.check_shadowing = integrity.check_shadowing();
  switch (integrity.on_shadowing()) {
    case pb::Integrity::HIDE: out.on_shadowing = IntegritySettings::OnChange::kHide; break;
    case pb::Integrity::DENY:
    case pb::Integrity::ASK: out.on_shadowing = IntegritySettings::OnChange::kDeny; break;
    case pb::Integrity::RECORD: out.on_shadowing = IntegritySettings::OnChange::kRecord; break;
    default:
      Error("integrity.on_shadowing", absl::StrCat("unknown value ", integrity.on_shadowing()));
      break;
  }
  absl::flat_hash_map<std::string, int> first;
  for (int i = 0; i < integrity.pins_size(); ++i) {
    const pb::ToolPin& pin = integrity.pins(i);
    const std::string field = absl::StrCat("integrity.pins[", i, "]");
    if (pin.tool().empty()) Error(field + ".tool", "names no tool");
    if (!IsSha256Hex(pin.sha256())) {
      Error(field + ".sha256", absl::StrCat("\"", pin.sha256(),
                                            "\" is not 64 lowercase hex digits (a SHA-256)"));
    }
    std::string key = PinKey(pin.server(), pin.tool());
    auto [it, inserted] = first.emplace(key, i);
    if (!inserted) {
      Error(field, absl::StrCat("pins tool \"", pin.tool(), "\" of server \"", pin.server(),
                                "\" again (first in integrity.pins[", it->second, "])"));
      continue;
    }
    out.pins.emplace(std::move(key), pin.sha256());
  }
  if (out.mode == IntegritySettings::Mode::kOff && integrity.pins_size() > 0) {
    Warning("integrity.pins", "pins are ignored while integrity.mode is OFF");
  }
}

}  // namespace mcpguard::internal
