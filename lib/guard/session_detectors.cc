// Content detectors in the session (policy.proto Detectors): secrets and
// personal data in results sent to the client and in tools/call arguments.
//
// Design note: the detectors see decoded string values, one at a time,
// through the policy's compiled TextScanner for that place (one RE2::Set
// pass per string). A finding names the pattern and the place (JSON Pointer
// and byte span), never the text. Redaction replaces the found spans of a
// string; the message is then written back out once, together with any
// tools/list filtering (RewritingWriter), so it stays valid JSON-RPC.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "detect/text_scanner.h"
#include "guard/rewriting_writer.h"
#include "guard/session_state.h"
#include "guard/verdict_builder.h"
#include "json/string_visitor.h"
#include "policy/program.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace mcpguard::internal {

bool SessionState::ApplyDetectors(const rapidjson::Value& root, absl::string_view base,
                                  bool results, const Envelope& envelope, VerdictBuilder& out) {
  redactions_.clear();
  const DetectorSettings& settings = policy_->program().detectors();
  const TextScanner* scanner =
      results ? settings.results_scanner.get() : settings.arguments_scanner.get();
  if (scanner == nullptr) return true;
  std::vector<absl::string_view> denied;  // Pattern ids whose detector denies.
  VisitStrings(root, base, [&](const rapidjson::Value& value, absl::string_view pointer) {
    const absl::string_view text(value.GetString(), value.GetStringLength());
    detections_.clear();
    scanner->Scan(text, &detections_);
    if (detections_.empty()) return;
    std::vector<Detection> to_redact;
    for (const Detection& d : detections_) {
      const PatternSpec& pattern = *d.pattern;
      const DetectorSettings::Detector& detector = settings.For(pattern.category);
      out.add_finding(Finding{std::string(pattern.id),
                              std::string(DetectorSettings::DetectorName(pattern.category)),
                              std::string(pointer), d.offset, d.length,
                              absl::StrCat(pattern.id, " (", pattern.category, ")")});
      if (detector.action == DetectorSettings::Action::kDeny) denied.push_back(pattern.id);
      if (detector.action == DetectorSettings::Action::kRedact) to_redact.push_back(d);
    }
    if (to_redact.empty()) return;
    std::string redacted;
    size_t done = 0;
    for (const Detection& span : RedactionSpans(std::move(to_redact))) {
      absl::StrAppend(&redacted, text.substr(done, span.offset - done), "[REDACTED:",
                      span.pattern->id, "]");
      done = span.offset + span.length;
    }
    redacted.append(text.data() + done, text.size() - done);
    redactions_[value.GetString()] = std::move(redacted);
  });
  if (denied.empty()) return true;
  out.Decide(Decision::kDeny);
  out.set_reason(absl::StrCat(results ? "result" : "arguments", " refused: ", denied.size(),
                              denied.size() == 1 ? " finding (" : " findings (",
                              absl::StrJoin(denied, ", "), ")"));
  redactions_.clear();
  SetPolicyError(nullptr, envelope, out);
  return false;
}

void SessionState::WriteRedacted(VerdictBuilder& out) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  RewritingWriter rewriting(&writer, redactions_);
  parser_.root().Accept(rewriting);
  out.Decide(Decision::kRewrite);
  out.set_rewritten(std::string(buffer.GetString(), buffer.GetSize()));
  out.set_reason(absl::StrCat("redacted ", redactions_.size(),
                              redactions_.size() == 1 ? " string" : " strings",
                              " (see the findings)"));
}

}  // namespace mcpguard::internal
