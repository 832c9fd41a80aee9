// LoadPolicy picks the format and handles binary input itself; textproto and
// JSON have their own files (textproto_loader.cc, json_loader.cc).
#include "policy/loader.h"

#include <climits>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/protobuf/unknown_field_set.h"
#include "policy/json_loader.h"
#include "policy/textproto_loader.h"

namespace mcpguard::internal {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

Diagnostic MakeError(absl::string_view source_name, std::string field,
                     std::string message) {
  Diagnostic d;
  d.file = std::string(source_name);
  d.field = std::move(field);
  d.message = std::move(message);
  return d;
}

// Reports every message in the tree that carries unknown fields. Binary input
// keeps fields it does not know instead of failing; in a security policy such
// a field is a mistake (often a policy written for a newer schema, whose new
// restriction would silently not apply), so it must fail the load. Recursion
// is bounded by the binary parser's own depth limit (100).
void FindUnknownFields(const Message& message, const std::string& path,
                       absl::string_view source_name,
                       std::vector<Diagnostic>* diagnostics, int* count) {
  const Reflection* reflection = message.GetReflection();
  const google::protobuf::UnknownFieldSet& unknown =
      reflection->GetUnknownFields(message);
  for (int i = 0; i < unknown.field_count(); ++i) {
    diagnostics->push_back(MakeError(
        source_name, path,
        absl::StrCat("unknown field number ", unknown.field(i).number(), " in ",
                     message.GetDescriptor()->full_name(),
                     " (written for a newer schema?)")));
    ++*count;
  }
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    const std::string field_path =
        path.empty() ? field->name() : absl::StrCat(path, ".", field->name());
    if (!field->is_repeated()) {
      FindUnknownFields(reflection->GetMessage(message, field), field_path,
                        source_name, diagnostics, count);
      continue;
    }
    for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
      FindUnknownFields(reflection->GetRepeatedMessage(message, field, i),
                        absl::StrCat(field_path, "[", i, "]"), source_name,
                        diagnostics, count);
    }
  }
}

bool LoadBinaryPolicy(absl::string_view bytes, absl::string_view source_name,
                      LoadedPolicy* out, std::vector<Diagnostic>* diagnostics) {
  // ParseFromArray also rejects proto3 strings that are not UTF-8.
  if (!out->policy.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    diagnostics->push_back(MakeError(source_name, "",
                                     "not a valid binary mcpguard.v1.Policy"));
    return false;
  }
  int count = 0;
  FindUnknownFields(out->policy, "", source_name, diagnostics, &count);
  return count == 0;
}

}  // namespace

PolicyFormat PolicyFormatForPath(absl::string_view path) {
  if (absl::EndsWith(path, ".json")) return PolicyFormat::kJson;
  if (absl::EndsWith(path, ".binpb") || absl::EndsWith(path, ".pb")) return PolicyFormat::kBinary;
  if (absl::EndsWith(path, ".textproto") || absl::EndsWith(path, ".txtpb") ||
      absl::EndsWith(path, ".pbtxt")) {
    return PolicyFormat::kTextproto;
  }
  return PolicyFormat::kAuto;
}

PolicyFormat ResolvePolicyFormat(absl::string_view bytes, PolicyFormat format) {
  if (format != PolicyFormat::kAuto) return format;
  const absl::string_view rest = absl::StripLeadingAsciiWhitespace(bytes);
  return !rest.empty() && rest.front() == '{' ? PolicyFormat::kJson : PolicyFormat::kTextproto;
}

bool LoadPolicy(absl::string_view bytes, PolicyFormat format,
                absl::string_view source_name, LoadedPolicy* out,
                std::vector<Diagnostic>* diagnostics) {
  out->policy.Clear();
  out->locations = SourceMap();
  // Protobuf's parsers take int sizes.
  if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    diagnostics->push_back(MakeError(source_name, "", "policy is too large"));
    return false;
  }
  format = ResolvePolicyFormat(bytes, format);
  bool ok = false;
  switch (format) {
    case PolicyFormat::kJson:
      ok = LoadJsonPolicy(bytes, source_name, out, diagnostics);
      break;
    case PolicyFormat::kBinary:
      ok = LoadBinaryPolicy(bytes, source_name, out, diagnostics);
      break;
    case PolicyFormat::kAuto:  // Resolved above.
    case PolicyFormat::kTextproto:
      ok = LoadTextprotoPolicy(bytes, source_name, out, diagnostics);
      break;
  }
  // A policy that failed to load is never half in force.
  if (!ok) out->policy.Clear();
  return ok;
}

}  // namespace mcpguard::internal
