#include "audit/audit_redactor.h"

#include <cstdint>
#include <limits>
#include <utility>

#include "base/sha256.h"
#include "detect/pattern_spec.h"
#include "json/canonical_json.h"
#include "json/parser.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace mcpguard::internal {
namespace {

// Writes a parsed value back out with every string and key redacted.
class RedactingWriter {
 public:
  using Ch = char;
  using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

  RedactingWriter(Writer* out, const AuditRedactor& redactor) : out_(*out), redactor_(redactor) {}

  bool Null() { return out_.Null(); }
  bool Bool(bool b) { return out_.Bool(b); }
  bool Int(int i) { return out_.Int(i); }
  bool Uint(unsigned u) { return out_.Uint(u); }
  bool Int64(int64_t i) { return out_.Int64(i); }
  bool Uint64(uint64_t u) { return out_.Uint64(u); }
  bool Double(double d) { return out_.Double(d); }
  bool RawNumber(const Ch* s, rapidjson::SizeType n, bool copy) {
    return out_.RawNumber(s, n, copy);
  }
  bool String(const Ch* s, rapidjson::SizeType n, bool) {
    const std::string text = redactor_.Redact(absl::string_view(s, n));
    return out_.String(text.data(), static_cast<rapidjson::SizeType>(text.size()), true);
  }
  bool Key(const Ch* s, rapidjson::SizeType n, bool) {
    const std::string text = redactor_.Redact(absl::string_view(s, n));
    return out_.Key(text.data(), static_cast<rapidjson::SizeType>(text.size()), true);
  }
  bool StartObject() { return out_.StartObject(); }
  bool EndObject(rapidjson::SizeType n) { return out_.EndObject(n); }
  bool StartArray() { return out_.StartArray(); }
  bool EndArray(rapidjson::SizeType n) { return out_.EndArray(n); }

 private:
  Writer& out_;
  const AuditRedactor& redactor_;
};

// The message passed Check under the policy's limits; these only stop
// nothing it could have.
JsonLimits UnboundedLimits() {
  JsonLimits limits;
  limits.max_bytes = std::numeric_limits<size_t>::max();
  limits.max_depth = 1u << 16;
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
  scanner_->Scan(text, &detections);
  if (detections.empty()) return std::string(text);
  return internal::Redact(text, std::move(detections));
}

bool RecordArguments(absl::string_view message, std::string* sha256, std::string* redacted) {
  // One parser per thread (the audit thread), its buffers reused.
  static thread_local JsonParser parser;
  if (!parser.Parse(message, UnboundedLimits()) || !parser.root().IsObject()) return false;
  auto params = parser.root().FindMember("params");
  if (params == parser.root().MemberEnd() || !params->value.IsObject()) return false;
  auto arguments = params->value.FindMember("arguments");
  if (arguments == params->value.MemberEnd() || !arguments->value.IsObject()) return false;
  std::string canonical;
  AppendCanonicalJson(arguments->value, &canonical);
  *sha256 = Sha256Hex(canonical);
  if (redacted != nullptr) {
    rapidjson::StringBuffer buffer;
    RedactingWriter::Writer writer(buffer);
    RedactingWriter redacting(&writer, AuditRedactor::Get());
    arguments->value.Accept(redacting);
    redacted->assign(buffer.GetString(), buffer.GetSize());
  }
  return true;
}

}  // namespace mcpguard::internal
