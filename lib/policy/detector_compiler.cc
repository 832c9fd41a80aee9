// Compiles Policy.detectors into DetectorSettings: the enabled patterns of
// each place (results, arguments) in one TextScanner.
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "detect/pattern_spec.h"
#include "detect/text_scanner.h"
#include "policy/detector_settings.h"
#include "policy/policy_compiler.h"
#include "policy/program.h"

namespace mcpguard::internal {

void PolicyCompiler::CompileDetectors(PolicyProgram* program) {
  DetectorSettings& out = program->detectors_;
  struct Part {
    const pb::ContentDetector& proto;
    const char* field;
    absl::Span<const PatternSpec> patterns;
    DetectorSettings::Detector* settings;
    absl::flat_hash_set<std::string> disabled;
  };
  const pb::Detectors& detectors = loaded_.policy.detectors();
  Part parts[] = {{detectors.secrets(), "detectors.secrets", SecretPatterns(), &out.secrets, {}},
                  {detectors.pii(), "detectors.pii", PiiPatterns(), &out.pii, {}}};
  for (Part& part : parts) {
    DetectorSettings::Detector& d = *part.settings;
    d.enabled = part.proto.enabled();
    switch (part.proto.action()) {
      case pb::ContentDetector::REDACT: d.action = DetectorSettings::Action::kRedact; break;
      case pb::ContentDetector::DENY: d.action = DetectorSettings::Action::kDeny; break;
      case pb::ContentDetector::RECORD: d.action = DetectorSettings::Action::kRecord; break;
      default:
        Error(absl::StrCat(part.field, ".action"), absl::StrCat("unknown value ", part.proto.action()));
    }
    switch (part.proto.scope()) {
      case pb::ContentDetector::RESULTS_AND_ARGUMENTS: d.results = d.arguments = true; break;
      case pb::ContentDetector::RESULTS: d.results = true; break;
      case pb::ContentDetector::ARGUMENTS: d.arguments = true; break;
      default:
        Error(absl::StrCat(part.field, ".scope"), absl::StrCat("unknown value ", part.proto.scope()));
    }
    for (int i = 0; i < part.proto.disable_size(); ++i) {
      const std::string& id = part.proto.disable(i);
      bool known = false;
      for (const PatternSpec& p : part.patterns) known = known || p.id == id;
      if (!known) {
        std::vector<std::string> ids;
        for (const PatternSpec& p : part.patterns) ids.emplace_back(p.id);
        Error(absl::StrCat(part.field, ".disable[", i, "]"),
              absl::StrCat("\"", id, "\" is not one of this detector's patterns (",
                           absl::StrJoin(ids, ", "), ")"));
      }
      part.disabled.insert(id);
    }
    if (!d.enabled && (part.proto.action() != pb::ContentDetector::REDACT ||
                       part.proto.scope() != pb::ContentDetector::RESULTS_AND_ARGUMENTS ||
                       part.proto.disable_size() > 0)) {
      Warning(part.field, "settings of a detector that is not enabled (enabled: true is missing)");
    }
  }
  for (const bool results : {true, false}) {
    std::vector<const PatternSpec*> chosen;
    for (const Part& part : parts) {
      const DetectorSettings::Detector& d = *part.settings;
      if (!d.enabled || !(results ? d.results : d.arguments)) continue;
      for (const PatternSpec& p : part.patterns) {
        if (!part.disabled.contains(std::string(p.id))) chosen.push_back(&p);
      }
    }
    if (chosen.empty()) continue;
    absl::StatusOr<std::unique_ptr<TextScanner>> scanner = TextScanner::Create(std::move(chosen));
    if (!scanner.ok()) {
      Error("detectors", std::string(scanner.status().message()));
      continue;
    }
    (results ? out.results_scanner : out.arguments_scanner) = *std::move(scanner);
  }
}

}  // namespace mcpguard::internal
