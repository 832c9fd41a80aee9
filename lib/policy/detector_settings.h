// The compiled form of Policy.detectors (policy.proto Detectors).
#ifndef MCPGUARD_POLICY_DETECTOR_SETTINGS_H_
#define MCPGUARD_POLICY_DETECTOR_SETTINGS_H_

#include <memory>

#include "absl/strings/string_view.h"
#include "detect/text_scanner.h"

namespace mcpguard::internal {

struct DetectorSettings {
  enum class Action { kRedact, kDeny, kRecord };
  struct Detector {
    bool enabled = false;
    Action action = Action::kRedact;
    bool results = false;    // Scans results sent to the client.
    bool arguments = false;  // Scans tools/call arguments.
  };
  Detector secrets;  // PatternSpec category "secret".
  Detector pii;      // PatternSpec category "pii".
  // The enabled patterns of the detectors that scan each place; null when
  // none does.
  std::shared_ptr<const TextScanner> results_scanner;
  std::shared_ptr<const TextScanner> arguments_scanner;

  const Detector& For(absl::string_view category) const {
    return category == "pii" ? pii : secrets;
  }
  // "secrets" or "pii", as findings name the detector.
  static absl::string_view DetectorName(absl::string_view category) {
    return category == "pii" ? "pii" : "secrets";
  }
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_DETECTOR_SETTINGS_H_
