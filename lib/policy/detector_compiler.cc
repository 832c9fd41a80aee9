// Compiles Policy.detectors into DetectorSettings: the enabled patterns of
// each place (arguments, results, tools/list results) in one TextScanner.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "detect/definition_checks.h"
#include "detect/pattern_spec.h"
#include "detect/text_scanner.h"
#include "policy/detector_settings.h"
#include "policy/policy_compiler.h"
#include "policy/program.h"

namespace mcpguard::internal {
namespace {

enum class Place { kArguments, kResults, kToolList };

}  // namespace

void PolicyCompiler::CompileDetectors(PolicyProgram* program) {
  DetectorSettings& out = program->detectors_;
  struct Part {
    const pb::ContentDetector& proto;
    const char* field;
    std::vector<absl::Span<const PatternSpec>> patterns;
    DetectorSettings::Detector* settings;
    bool scoped;  // Honours `scope`; the others scan a fixed place.
    absl::flat_hash_set<std::string> disabled;
  };
  const pb::Detectors& detectors = loaded_.policy.detectors();
  Part parts[] = {
      {detectors.secrets(), "detectors.secrets", {SecretPatterns()}, &out.secrets, true, {}},
      {detectors.pii(), "detectors.pii", {PiiPatterns()}, &out.pii, true, {}},
      {detectors.tool_poisoning(), "detectors.tool_poisoning",
       {InstructionPatterns(), DefinitionPatterns()}, &out.tool_poisoning, false, {}},
      {detectors.injection(), "detectors.injection",
       {InstructionPatterns(), ExfiltrationPatterns()}, &out.injection, false, {}},
      {detectors.argument_attacks(), "detectors.argument_attacks", {AttackPatterns()},
       &out.argument_attacks, false, {}},
  };
  for (Part& part : parts) {
    DetectorSettings::Detector& d = *part.settings;
    d.enabled = part.proto.enabled();
    switch (part.proto.action()) {
      case pb::ContentDetector::REDACT: d.action = DetectorSettings::Action::kRedact; break;
      case pb::ContentDetector::DENY: d.action = DetectorSettings::Action::kDeny; break;
      case pb::ContentDetector::RECORD: d.action = DetectorSettings::Action::kRecord; break;
      case pb::ContentDetector::HIDE: d.action = DetectorSettings::Action::kHide; break;
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
    if (!part.scoped) {
      if (part.proto.scope() != pb::ContentDetector::RESULTS_AND_ARGUMENTS) {
        Warning(absl::StrCat(part.field, ".scope"), "this detector scans a fixed place; scope is ignored");
      }
      d.arguments = part.settings == &out.argument_attacks;
      d.results = !d.arguments;
    }
    std::vector<std::string> ids;
    for (absl::Span<const PatternSpec> family : part.patterns) {
      for (const PatternSpec& p : family) ids.emplace_back(p.id);
    }
    if (part.settings == &out.tool_poisoning) {
      ids.emplace_back(ExcessiveDescriptionSpec().id);
      ids.emplace_back(OtherServerToolSpec().id);
    }
    for (int i = 0; i < part.proto.disable_size(); ++i) {
      const std::string& id = part.proto.disable(i);
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
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
  if (detectors.max_description_bytes() > 0) {
    out.max_description_bytes = detectors.max_description_bytes();
  }
  for (const Part& part : parts) {
    if (part.settings != &out.tool_poisoning) continue;
    if (part.disabled.contains(std::string(ExcessiveDescriptionSpec().id))) {
      out.max_description_bytes = 0;
    }
    if (part.disabled.contains(std::string(OtherServerToolSpec().id))) {
      out.other_server_tools = false;
    }
  }
  // Which detectors feed each place's scanner. Tool poisoning and injection
  // share the instruction patterns: a tools/list result takes them once,
  // for whichever of the two is enabled (DetectorSettings::For).
  auto feeds = [&](const Part& part, Place place) {
    const DetectorSettings::Detector& d = *part.settings;
    if (!d.enabled) return false;
    if (part.settings == &out.tool_poisoning) return place == Place::kToolList;
    if (part.settings == &out.injection) return place != Place::kArguments;
    if (part.settings == &out.argument_attacks) return place == Place::kArguments;
    return place == Place::kArguments ? d.arguments : d.results;
  };
  for (const Place place : {Place::kArguments, Place::kResults, Place::kToolList}) {
    std::vector<const PatternSpec*> chosen;
    for (const Part& part : parts) {
      if (!feeds(part, place)) continue;
      for (absl::Span<const PatternSpec> family : part.patterns) {
        for (const PatternSpec& p : family) {
          const bool taken = std::find(chosen.begin(), chosen.end(), &p) != chosen.end();
          if (!taken && !part.disabled.contains(std::string(p.id))) chosen.push_back(&p);
        }
      }
    }
    if (chosen.empty()) continue;
    absl::StatusOr<std::unique_ptr<TextScanner>> scanner = TextScanner::Create(std::move(chosen));
    if (!scanner.ok()) {
      Error("detectors", std::string(scanner.status().message()));
      continue;
    }
    std::shared_ptr<const TextScanner>& slot = place == Place::kArguments ? out.arguments_scanner
                                               : place == Place::kResults ? out.results_scanner
                                                                          : out.tool_list_scanner;
    slot = *std::move(scanner);
  }
}

}  // namespace mcpguard::internal
