// The compiled form of a policy: what CompiledPolicy wraps.
#ifndef MCPGUARD_POLICY_PROGRAM_H_
#define MCPGUARD_POLICY_PROGRAM_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "json/limits.h"
#include "mcpguard/verdict.h"
#include "policy/compiled_rule.h"
#include "policy/rule_index.h"
#include "policy/validation_settings.h"

namespace mcpguard {
namespace internal {

// Defaults for Limits fields left at zero (documented in policy.proto).
inline constexpr uint32_t kDefaultMaxInFlight = 1024;

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
  uint32_t field_count_ = 0;
  std::string hash_;
};

}  // namespace internal
}  // namespace mcpguard

#endif  // MCPGUARD_POLICY_PROGRAM_H_
