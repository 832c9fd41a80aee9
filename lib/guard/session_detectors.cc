// Content detectors in the session (policy.proto Detectors): secrets,
// personal data, injected instructions and exfiltration links in results
// and arguments, attacks in tools/call arguments, poisoned tool definitions
// in tools/list results and the server's instructions.
//
// Design note: the detectors see decoded string values, one at a time,
// through the policy's compiled TextScanner for that place (one RE2::Set
// pass per string). A finding names the pattern and the place (JSON Pointer
// and byte span), never the text. Redaction replaces the found spans of a
// string; the message is then written back out once, together with any
// tools/list filtering (RewritingWriter), so it stays valid JSON-RPC.
#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/strip.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "detect/base64_text.h"
#include "detect/definition_checks.h"
#include "detect/text_scanner.h"
#include "guard/rewriting_writer.h"
#include "guard/session_state.h"
#include "guard/verdict_builder.h"
#include "integrity/tool_directory.h"
#include "json/string_visitor.h"
#include "policy/program.h"
#include "json/json_writer.h"

namespace mcpguard::internal {
namespace {

constexpr absl::string_view kToolsPrefix = "/result/tools/";
// Other servers' tools one description is checked for (each with its
// sentence): a bound on the work a long description of names can cause.
constexpr size_t kMaxMentions = 64;
constexpr absl::string_view kInstructionsPointer = "/result/instructions";
// Base64 of binary content at least this long is not scanned (see scan).
constexpr size_t kMinBinaryBase64Chars = 256;
// A value shorter than this that decodes to text with nothing in it is also
// read as written (see scan).
constexpr size_t kMaxChanceBase64Chars = 64;

// The index of the tool a "/result/tools/<i>/..." pointer is inside, or -1.
int ToolIndexOf(absl::string_view pointer) {
  if (!absl::ConsumePrefix(&pointer, kToolsPrefix)) return -1;
  const size_t end = pointer.find('/');
  int index;
  if (!absl::SimpleAtoi(pointer.substr(0, end), &index)) return -1;
  return index;
}

// Forgets the detections of the patterns `drop` names.
template <typename Predicate>
void DropDetections(std::vector<Detection>* detections, Predicate drop) {
  detections->erase(std::remove_if(detections->begin(), detections->end(),
                                   [&](const Detection& d) { return drop(*d.pattern); }),
                    detections->end());
}

// Whether [offset, offset + length) of `text` is a whole line of it (CR LF
// or LF breaks).
bool IsWholeLine(absl::string_view text, size_t offset, size_t length) {
  const size_t end = offset + length;
  const bool starts = offset == 0 || text[offset - 1] == '\n';
  const bool ends = end == text.size() || text[end] == '\n' ||
                    (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n');
  return starts && ends;
}

// "/result/tools/<i>/description" or "/result/instructions": what the model
// reads as a description of the tool or the server.
bool IsDescription(absl::string_view pointer) {
  if (pointer == kInstructionsPointer) return true;
  if (!absl::ConsumePrefix(&pointer, kToolsPrefix)) return false;
  const size_t slash = pointer.find('/');
  return slash != absl::string_view::npos && slash > 0 &&
         pointer.substr(slash) == "/description" &&
         std::all_of(pointer.begin(), pointer.begin() + static_cast<ptrdiff_t>(slash),
                     [](char c) { return absl::ascii_isdigit(static_cast<unsigned char>(c)); });
}

}  // namespace

std::string SessionState::UniqueMemberName(const rapidjson::Value& object,
                                           const rapidjson::Value& name, std::string redacted) const {
  // Two names redacted alike, or a redacted name equal to another member's,
  // would give the object a duplicate member: numbered until unique.
  auto taken = [&](absl::string_view candidate) {
    for (auto m = object.MemberBegin(); m != object.MemberEnd(); ++m) {
      if (&m->name == &name) continue;
      auto it = redactions_.find(m->name.GetString());
      const absl::string_view other =
          it != redactions_.end() ? absl::string_view(it->second)
                                  : absl::string_view(m->name.GetString(), m->name.GetStringLength());
      if (other == candidate) return true;
    }
    return false;
  };
  if (!taken(redacted)) return redacted;
  for (int n = 2;; ++n) {
    std::string candidate = absl::StrCat(redacted, "#", n);
    if (!taken(candidate)) return candidate;
  }
}

void SessionState::CheckDefinitionText(absl::string_view text, absl::string_view pointer) {
  const DetectorSettings& settings = policy_->program().detectors();
  const size_t found_by_patterns = detections_.size();
  const bool description = IsDescription(pointer);
  if (description && settings.max_description_bytes > 0 &&
      text.size() > settings.max_description_bytes) {
    detections_.push_back(Detection{&ExcessiveDescriptionSpec(), 0, text.size()});
  }
  if (settings.other_server_tools) {
    // Every mention, not the first only: a harmless one first hid the
    // directive after it (an adversarial review).
    for (const ToolDirectory::Mention& mention :
         engine_->tool_directory.FindOtherServersTools(text, options_.server_id, kMaxMentions)) {
      if (SentenceHasDirective(text, mention.offset, mention.length)) {
        detections_.push_back(Detection{&OtherServerToolSpec(), mention.offset, mention.length});
        break;
      }
    }
  }
  if (detections_.size() == found_by_patterns) return;  // Already in order of offset.
  std::sort(detections_.begin(), detections_.end(),
            [](const Detection& a, const Detection& b) { return a.offset < b.offset; });
}

bool SessionState::HideListedTool(const rapidjson::Value& result, int index, std::string reason,
                                  std::vector<bool>* hide) {
  const rapidjson::Value* tools = ToolsOf(result);
  if (tools == nullptr || index < 0 || static_cast<rapidjson::SizeType>(index) >= tools->Size()) {
    return false;
  }
  hide->resize(tools->Size(), false);
  (*hide)[static_cast<size_t>(index)] = true;
  const rapidjson::Value& tool = (*tools)[static_cast<rapidjson::SizeType>(index)];
  if (!tool.IsObject()) return true;
  auto name = tool.FindMember("name");
  if (name != tool.MemberEnd() && name->value.IsString()) {
    FlagTool(absl::string_view(name->value.GetString(), name->value.GetStringLength()),
             std::move(reason));
  }
  return true;
}

bool SessionState::ScanResponse(const Envelope& envelope, bool definitions,
                                VerdictBuilder& out, std::vector<bool>* hide_tools) {
  const bool in_result = envelope.result != nullptr;
  const rapidjson::Value* value = in_result ? envelope.result : envelope.error;
  if (value == nullptr) return true;
  const ScanPlace place =
      definitions && in_result ? ScanPlace::kDefinitions : ScanPlace::kResults;
  return ApplyDetectors(*value, in_result ? "/result" : "/error", place, envelope, out,
                        hide_tools);
}

bool SessionState::ApplyDetectors(const rapidjson::Value& root, absl::string_view base,
                                  ScanPlace place, const Envelope& envelope,
                                  VerdictBuilder& out, std::vector<bool>* hide_tools,
                                  bool attacks) {
  // redactions_ holds what earlier scans of this message found (cleared
  // per message, in CheckLocked).
  const DetectorSettings& settings = policy_->program().detectors();
  const TextScanner* scanner = place == ScanPlace::kArguments ? settings.arguments_scanner.get()
                               : place == ScanPlace::kResults ? settings.results_scanner.get()
                                                              : settings.tool_list_scanner.get();
  if (scanner == nullptr) return true;
  const bool definitions = place == ScanPlace::kDefinitions;
  std::vector<absl::string_view> denied;  // Pattern ids whose detector denies.
  // Scans one string: a value at `pointer`, or (with `object`) a member
  // name of the object at `pointer`. Returns the redacted text, if any.
  auto scan = [&](const rapidjson::Value& value, absl::string_view pointer,
                  const rapidjson::Value* object) -> std::string {
    const absl::string_view written(value.GetString(), value.GetStringLength());
    absl::flat_hash_set<std::string>& clean = clean_names_[static_cast<size_t>(place)];
    if (object != nullptr && clean.contains(written)) return {};
    // A value that is wholly base64 of text (a resource's blob, a file read
    // as an image's data, a secret encoded to pass unseen) is read as the
    // text it carries: its spans are in the decoded bytes, and a redaction
    // is encoded back (found by a review: such a secret went unseen, and a
    // text blob was replaced whole as an "encoded payload").
    Base64Text encoded;
    const Base64Kind kind =
        definitions ? Base64Kind::kNotBase64 : DecodeBase64Text(written, &encoded);
    // A long value of base64 that is not text is binary content (an image):
    // a match in its written form is chance, and redacting it would corrupt
    // the content (found by a review: a PNG's base64 held the shape of a
    // Square token). Short ones are read as written: a token is base64-shaped.
    // But a line of it that is wholly a match is a secret laid out as one
    // (found by a review: a key or card number on a line of its own among
    // lines of base64 noise as long); a match glued to the noise around it
    // is chance, or unreadable as a secret without being told where it is.
    const bool binary = kind == Base64Kind::kBinary && written.size() >= kMinBinaryBase64Chars;
    bool decode = kind == Base64Kind::kText;
    absl::string_view text = decode ? absl::string_view(encoded.decoded) : written;
    detections_.clear();
    scanner->Scan(text, &detections_);
    if (binary) {
      detections_.erase(std::remove_if(detections_.begin(), detections_.end(),
                                       [&](const Detection& d) {
                                         return !IsWholeLine(written, d.offset, d.length);
                                       }),
                        detections_.end());
      if (detections_.empty()) return {};
    }
    if (decode) {
      // The argument-attack patterns are for names, paths, hosts and
      // commands, which a base64 value is not: decoded, a file's content
      // (a script, a README naming localhost) is not an attack on the tool
      // (found by the same review: uploads were refused).
      DropDetections(&detections_, [](const PatternSpec& p) { return p.category == "attack"; });
      // A short value may be base64 of text by chance: one card number in
      // about 3,700 is (the decoded text is CJK, found by brute force). If
      // its text holds nothing, the value is read as written too, as it was
      // before base64 was read; a long one is not base64 by chance.
      if (detections_.empty() && written.size() < kMaxChanceBase64Chars) {
        decode = false;
        text = written;
        scanner->Scan(text, &detections_);
        // Already decoded and read: not an encoded payload.
        DropDetections(&detections_,
                       [](const PatternSpec& p) { return p.id == "encoded_payload"; });
      }
    }
    if (!attacks) {
      DropDetections(&detections_, [](const PatternSpec& p) { return p.category == "attack"; });
    }
    if (definitions && settings.tool_poisoning.enabled && object == nullptr) {
      CheckDefinitionText(text, pointer);
    }
    if (detections_.empty()) {
      if (object != nullptr && written.size() <= kMaxCleanNameBytes) {
        if (clean.size() >= kMaxCleanNames) clean.clear();
        clean.emplace(written);
      }
      return {};
    }
    std::vector<Detection> to_redact;
    bool blank = false;  // HIDE on the server's instructions: all of them go.
    for (const Detection& d : detections_) {
      const PatternSpec& pattern = *d.pattern;
      const DetectorSettings::Detector& detector = settings.For(pattern.category, definitions);
      std::string reason =
          pattern.reason.empty() ? absl::StrCat(pattern.id, " (", pattern.category, ")")
                                 : std::string(pattern.reason);
      // A name is not addressable by a pointer: the finding points at its
      // object, and the span is within the name.
      if (object != nullptr) absl::StrAppend(&reason, ", in a member name");
      if (decode) absl::StrAppend(&reason, ", in the base64-decoded value");
      out.add_finding(Finding{std::string(pattern.id), std::string(detector.name),
                              std::string(pointer), d.offset, d.length, reason, pattern.score});
      switch (detector.action) {
        case DetectorSettings::Action::kRecord:
          break;
        case DetectorSettings::Action::kRedact:
          to_redact.push_back(d);
          break;
        case DetectorSettings::Action::kHide:
          if (definitions && pointer == kInstructionsPointer && object == nullptr) {
            blank = true;
            break;
          }
          if (definitions && hide_tools != nullptr &&
              HideListedTool(root, ToolIndexOf(pointer), absl::StrCat(reason, " at ", pointer),
                             hide_tools)) {
            break;
          }
          denied.push_back(pattern.id);  // Not in a tool: as DENY.
          break;
        case DetectorSettings::Action::kDeny:
          denied.push_back(pattern.id);
          break;
      }
    }
    if (blank) {
      redactions_[value.GetString()] = "";
      return {};
    }
    if (to_redact.empty()) {
      // A name with a finding never reappears in the pointers below it,
      // whatever the action: they spell it redacted.
      if (object == nullptr) return std::string();
      return decode ? EncodeBase64Like(Redact(text, detections_), encoded)
                    : Redact(text, detections_);
    }
    std::string redacted = Redact(text, std::move(to_redact));
    if (decode) redacted = EncodeBase64Like(redacted, encoded);
    if (object != nullptr) redacted = UniqueMemberName(*object, value, std::move(redacted));
    redactions_[value.GetString()] = redacted;
    return redacted;
  };
  VisitStringsAndKeys(
      root, base,
      [&](const rapidjson::Value& value, absl::string_view pointer) { scan(value, pointer, nullptr); },
      [&](const rapidjson::Value& name, absl::string_view pointer, const rapidjson::Value& object) {
        return scan(name, pointer, &object);
      });
  if (place == ScanPlace::kResults) {
    ScanJoinedTextBlocks(root, base, *scanner, definitions, out, &denied);
  }
  if (denied.empty()) return true;
  out.Decide(Decision::kDeny);
  out.set_reason(absl::StrCat(base == "/params/arguments"        ? "arguments"
                              : base == "/error"                  ? "error"
                              : absl::StartsWith(base, "/params") ? "params"
                                                                  : "result",
                              " refused: ", denied.size(),
                              denied.size() == 1 ? " finding (" : " findings (",
                              absl::StrJoin(denied, ", "), ")"));
  redactions_.clear();
  if (hide_tools != nullptr) hide_tools->clear();
  SetPolicyError(nullptr, envelope, out);
  return false;
}

bool SessionState::ScanOtherParams(const Envelope& envelope, const MessageFacts& facts,
                                   VerdictBuilder& out) {
  if (!envelope.params->IsObject()) return true;
  // Secrets and personal data only: the argument-attack patterns are for a
  // tool's arguments (a shell word, a path the tool opens); a resource URI,
  // localhost in it, a completion's value are what these methods carry
  // (found by a review: every file:/// read was refused).
  if (facts.name_kind != NameKind::kTool) {
    return ApplyDetectors(*envelope.params, "/params", ScanPlace::kArguments, envelope, out,
                          nullptr, /*attacks=*/false);
  }
  // A tool call's arguments are scanned already, and a retry's answers as
  // results (ScanInputResponses).
  auto meta = envelope.params->FindMember("_meta");
  if (meta == envelope.params->MemberEnd()) return true;
  return ApplyDetectors(meta->value, "/params/_meta", ScanPlace::kArguments, envelope, out,
                        nullptr, /*attacks=*/false);
}

void SessionState::WriteRedacted(VerdictBuilder& out) {
  JsonTextBuffer buffer;
  JsonWriter writer(buffer);
  RewritingWriter rewriting(&writer, redactions_);
  parser_.root().Accept(rewriting);
  out.Decide(Decision::kRewrite);
  out.set_rewritten(std::string(buffer.GetString(), buffer.GetSize()));
  out.set_reason(absl::StrCat("redacted ", redactions_.size(),
                              redactions_.size() == 1 ? " string" : " strings",
                              " (see the findings)"));
}

}  // namespace mcpguard::internal
