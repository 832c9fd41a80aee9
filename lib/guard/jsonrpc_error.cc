#include "guard/jsonrpc_error.h"

#include "mcpguard/verdict.h"
#include "json/json_writer.h"

namespace mcpguard::internal {
namespace {

using Writer = JsonWriter;

void WriteString(Writer& w, absl::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

}  // namespace

absl::string_view ErrorMessageFor(int code) {
  switch (code) {
    case kParseError: return "Parse error";
    case kInvalidRequest: return "Invalid Request";
    case kMethodNotFound: return "Method not found";
    case kInvalidParams: return "Invalid params";
    case kPolicyDenied: return "Denied by policy";
    default: return "Internal error";
  }
}

std::string BuildErrorResponse(absl::string_view id_json, int code, const ErrorData& data) {
  JsonTextBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("jsonrpc");
  w.String("2.0");
  w.Key("id");
  w.RawValue(id_json.data(), id_json.size(), rapidjson::kNumberType);
  w.Key("error");
  w.StartObject();
  w.Key("code");
  w.Int(code);
  w.Key("message");
  WriteString(w, ErrorMessageFor(code));
  bool any_data = !data.rule.empty() || !data.reason.empty() || !data.pointer.empty() ||
                  !data.schema_pointer.empty() || data.offset >= 0 || !data.error.empty() ||
                  data.retry_after_ms >= 0;
  if (any_data) {
    w.Key("data");
    w.StartObject();
    if (!data.rule.empty()) {
      w.Key("rule");
      WriteString(w, data.rule);
    }
    if (!data.reason.empty()) {
      w.Key("reason");
      WriteString(w, data.reason);
    }
    if (!data.pointer.empty()) {
      w.Key("pointer");
      WriteString(w, data.pointer);
    }
    if (!data.schema.empty()) {
      w.Key("schema");
      WriteString(w, data.schema);
    }
    if (!data.schema_pointer.empty()) {
      w.Key("schemaPointer");
      WriteString(w, data.schema_pointer);
    }
    if (data.offset >= 0) {
      w.Key("offset");
      w.Int64(data.offset);
    }
    if (!data.error.empty()) {
      w.Key("error");
      WriteString(w, data.error);
      w.Key("scope");
      WriteString(w, data.scope);
    }
    if (data.retry_after_ms >= 0) {
      w.Key("retryAfterMs");
      w.Int64(data.retry_after_ms);
    }
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string IdToJson(const rapidjson::Value& id) {
  JsonTextBuffer buffer;
  Writer w(buffer);
  id.Accept(w);
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace mcpguard::internal
