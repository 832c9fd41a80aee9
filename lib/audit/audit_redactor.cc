#include "audit/audit_redactor.h"

#include <cstdint>
#include <limits>
#include <utility>

#include "base/sha256.h"
#include "detect/base64_text.h"
#include "detect/pattern_spec.h"
#include "json/canonical_json.h"
#include "json/parser.h"
#include "json/string_rewriting_writer.h"
#include "json/json_writer.h"

namespace mcpguard::internal {
namespace {

// Every string and key through the redactor, for StringRewritingWriter.
struct RedactAll {
  const AuditRedactor* redactor;
  std::string* scratch;
  const std::string* operator()(const char* s, rapidjson::SizeType n, bool) const {
    *scratch = redactor->Redact(absl::string_view(s, n));
    return scratch;
  }
};

// The message passed Check under the policy's limits; these only stop
// nothing it could have. Up to depth 256 the parser reads recursively, which
// is faster; nearly every message is that shallow, and a deeper one is read
// again with the deep limit.
JsonLimits UnboundedLimits(bool deep) {
  JsonLimits limits;
  limits.max_bytes = std::numeric_limits<size_t>::max();
  limits.max_depth = deep ? 1u << 16 : 256;
  limits.max_string_length = std::numeric_limits<size_t>::max();
  limits.max_array_items = std::numeric_limits<uint32_t>::max();
  limits.max_object_members = std::numeric_limits<uint32_t>::max();
  return limits;
}

}  // namespace

AuditRedactor::AuditRedactor() {
  std::vector<const PatternSpec*> patterns;
  for (const PatternSpec& spec : SecretPatterns()) patterns.push_back(&spec);
  for (const PatternSpec& spec : PiiPatterns()) patterns.push_back(&spec);
  absl::StatusOr<std::unique_ptr<TextScanner>> scanner = TextScanner::Create(std::move(patterns));
  if (scanner.ok()) scanner_ = *std::move(scanner);
}

const AuditRedactor& AuditRedactor::Get() {
  static const AuditRedactor* const redactor = new AuditRedactor();
  return *redactor;
}

std::string AuditRedactor::Redact(absl::string_view text) const {
  if (scanner_ == nullptr) return text.empty() ? std::string() : std::string("[REDACTED]");
  std::vector<Detection> detections;
  // A value that is wholly base64 of text is redacted as the text it
  // carries and encoded back, as the session redacts it; if its text holds
  // nothing, it is read as written too (it may be base64 of text by
  // chance, as one card number in about 3,700 is).
  Base64Text encoded;
  if (DecodeBase64Text(text, &encoded) == Base64Kind::kText) {
    scanner_->Scan(encoded.decoded, &detections);
    if (!detections.empty()) {
      return EncodeBase64Like(internal::Redact(encoded.decoded, std::move(detections)), encoded);
    }
  }
  scanner_->Scan(text, &detections);
  if (detections.empty()) return std::string(text);
  return internal::Redact(text, std::move(detections));
}

bool RecordArguments(absl::string_view source, bool arguments_only, std::string* sha256,
                     std::string* redacted) {
  // One parser per thread (the audit thread), its buffers reused.
  static thread_local JsonParser parser;
  const bool parsed =
      parser.Parse(source, UnboundedLimits(false)) ||
      (parser.error().kind == JsonErrorKind::kTooDeep && parser.Parse(source, UnboundedLimits(true)));
  if (!parsed || !parser.root().IsObject()) return false;
  const rapidjson::Value* value = &parser.root();
  if (!arguments_only) {
    auto params = parser.root().FindMember("params");
    if (params == parser.root().MemberEnd() || !params->value.IsObject()) return false;
    auto arguments = params->value.FindMember("arguments");
    if (arguments == params->value.MemberEnd() || !arguments->value.IsObject()) return false;
    value = &arguments->value;
  }
  std::string canonical;
  AppendCanonicalJson(*value, &canonical);
  *sha256 = Sha256Hex(canonical);
  if (redacted != nullptr) {
    JsonTextBuffer buffer;
    JsonWriter writer(buffer);
    std::string scratch;
    StringRewritingWriter<RedactAll> redacting(&writer, RedactAll{&AuditRedactor::Get(), &scratch});
    value->Accept(redacting);
    redacted->assign(buffer.GetString(), buffer.GetSize());
  }
  return true;
}

}  // namespace mcpguard::internal
