// The compiled form of a policy: what CompiledPolicy wraps.
#ifndef MCPGUARD_POLICY_PROGRAM_H_
#define MCPGUARD_POLICY_PROGRAM_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "json/limits.h"
#include "mcpguard/verdict.h"
#include "policy/compiled_rate_limit.h"
#include "policy/compiled_rule.h"
#include "policy/detector_settings.h"
#include "policy/rule_index.h"
#include "policy/validation_settings.h"

namespace mcpguard {
namespace internal {

// Defaults for fields left at zero (documented in policy.proto).
inline constexpr uint32_t kDefaultMaxInFlight = 1024;
inline constexpr uint32_t kDefaultMaxRateBuckets = 65536;
inline constexpr uint32_t kDefaultApprovalTimeoutMs = 60000;

// Scopes the principal must hold for what `target` names.
struct CompiledScopeRequirement {
  std::string id;
  CompiledTarget target;
  std::vector<std::string> scopes;
};

struct ApprovalSettings {
  uint32_t timeout_ms = kDefaultApprovalTimeoutMs;
  bool never_remember = false;
};

// Tool definition pinning (policy.proto Integrity).
struct IntegritySettings {
  enum class Mode { kOff, kTrustOnFirstUse, kPinnedOnly };
  enum class OnChange { kHide, kDeny, kAsk, kRecord };
  Mode mode = Mode::kOff;
  OnChange on_change = OnChange::kHide;
  absl::flat_hash_map<std::string, std::string> pins;  // PinKey -> sha256.
  bool check_shadowing = false;
  OnChange on_shadowing = OnChange::kHide;
};

// What an audit event of a checked message carries (policy.proto Audit).
struct AuditSettings {
  enum class Arguments { kDigest, kRedacted, kNone };
  Arguments arguments = Arguments::kDigest;
  std::vector<std::string> claims;  // Principal claims to record, by name.
  bool fail_closed = false;         // Overflow FAIL_CLOSED (else DROP).
};

// Immutable once built by CompilePolicyProgram. Thread-safe.
class PolicyProgram {
 public:
  const std::string& name() const { return name_; }
  bool audit_mode() const { return audit_mode_; }
  Decision default_effect() const { return default_effect_; }
  const JsonLimits& json_limits() const { return json_limits_; }
  uint32_t max_in_flight() const { return max_in_flight_; }
  const ValidationSettings& validation() const { return validation_; }
  const std::vector<std::unique_ptr<CompiledRule>>& rules() const { return rules_; }
  const RuleIndex& index() const { return index_; }
  const std::vector<CompiledScopeRequirement>& scope_requirements() const {
    return scope_requirements_;
  }
  const std::vector<CompiledRateLimit>& rate_limits() const { return rate_limits_; }
  uint32_t max_rate_buckets() const { return max_rate_buckets_; }
  const ApprovalSettings& approval() const { return approval_; }
  // list_filtering.tools: hide tools the principal can never call.
  bool filter_tool_lists() const { return filter_tool_lists_; }
  bool filter_prompt_lists() const { return filter_prompt_lists_; }
  bool filter_resource_lists() const { return filter_resource_lists_; }
  const IntegritySettings& integrity() const { return integrity_; }
  const DetectorSettings& detectors() const { return detectors_; }
  const AuditSettings& audit() const { return audit_; }
  // True when some rule has effect RECORD (evaluation then goes on past
  // a RECORD match).
  bool has_record_rules() const { return has_record_rules_; }
  // Distinct fields the conditions read (ResolvedFields::Reset).
  uint32_t field_count() const { return field_count_; }
  const std::string& hash() const { return hash_; }

 private:
  friend class PolicyCompiler;

  std::string name_;
  bool audit_mode_ = false;
  Decision default_effect_ = Decision::kDeny;
  JsonLimits json_limits_;
  uint32_t max_in_flight_ = kDefaultMaxInFlight;
  ValidationSettings validation_;
  std::vector<std::unique_ptr<CompiledRule>> rules_;
  RuleIndex index_;
  std::vector<CompiledScopeRequirement> scope_requirements_;
  std::vector<CompiledRateLimit> rate_limits_;
  uint32_t max_rate_buckets_ = kDefaultMaxRateBuckets;
  ApprovalSettings approval_;
  bool filter_tool_lists_ = true;
  bool filter_prompt_lists_ = true;
  bool filter_resource_lists_ = true;
  IntegritySettings integrity_;
  DetectorSettings detectors_;
  AuditSettings audit_;
  bool has_record_rules_ = false;
  uint32_t field_count_ = 0;
  std::string hash_;
};

}  // namespace internal
}  // namespace mcpguard

#endif  // MCPGUARD_POLICY_PROGRAM_H_
