// The compiled form of Policy.detectors (policy.proto Detectors).
#ifndef MCPGUARD_POLICY_DETECTOR_SETTINGS_H_
#define MCPGUARD_POLICY_DETECTOR_SETTINGS_H_

#include <cstdint>
#include <memory>

#include "absl/strings/string_view.h"
#include "detect/text_scanner.h"

namespace mcpguard::internal {

struct DetectorSettings {
  enum class Action { kRedact, kDeny, kRecord, kHide };
  struct Detector {
    absl::string_view name;  // As findings name it: "secrets", "pii", ...
    bool enabled = false;
    Action action = Action::kRedact;
    bool results = false;    // Scans results sent to the client.
    bool arguments = false;  // Scans tools/call arguments.
  };
  Detector secrets{"secrets"};              // PatternSpec category "secret".
  Detector pii{"pii"};                      // "pii".
  Detector tool_poisoning{"tool_poisoning"};  // "instruction", in tools/list results.
  Detector injection{"injection"};          // "instruction" and "exfiltration", elsewhere.
  Detector argument_attacks{"argument_attacks"};  // "attack", in tools/call arguments.
  // Tool poisoning's checks beyond patterns (detect/definition_checks.h);
  // off when its `disable` names them.
  uint32_t max_description_bytes = 4096;  // 0: no length check.
  bool other_server_tools = true;
  // The enabled patterns of the detectors that scan each place; null when
  // none does. A tools/list result is scanned with `tool_list_scanner`
  // (the results patterns plus tool poisoning's), any other result with
  // `results_scanner`.
  std::shared_ptr<const TextScanner> results_scanner;
  std::shared_ptr<const TextScanner> arguments_scanner;
  std::shared_ptr<const TextScanner> tool_list_scanner;

  // The detector a match of `category` belongs to; `tool_list` when the
  // message is a tools/list result.
  const Detector& For(absl::string_view category, bool tool_list) const {
    if (category == "secret") return secrets;
    if (category == "pii") return pii;
    if (category == "attack") return argument_attacks;
    return tool_list && tool_poisoning.enabled ? tool_poisoning : injection;
  }
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_DETECTOR_SETTINGS_H_
