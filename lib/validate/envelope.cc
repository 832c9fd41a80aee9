#include "validate/envelope.h"

#include <cmath>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "mcpguard/verdict.h"

namespace mcpguard::internal {
namespace {

absl::string_view View(const rapidjson::Value& v) {
  return absl::string_view(v.GetString(), v.GetStringLength());
}

bool Fail(EnvelopeError* error, absl::string_view pointer, std::string message) {
  error->code = kInvalidRequest;
  error->pointer = std::string(pointer);
  error->message = std::move(message);
  return false;
}

}  // namespace

bool IsIntegerId(const rapidjson::Value& v) {
  // Within JavaScript's safe integers: a peer in JavaScript reads every
  // number as a double, and 9007199254740993 as 9007199254740992, so two
  // ids the guard keys apart would be one there (found by an adversarial
  // review: the answer to one request passed as the other's). The MCP
  // TypeScript SDK refuses them too.
  constexpr int64_t kMaxSafe = (int64_t{1} << 53) - 1;
  if (v.IsInt64()) return v.GetInt64() >= -kMaxSafe && v.GetInt64() <= kMaxSafe;
  if (v.IsUint64()) return false;  // Above INT64_MAX.
  // 1.0 is an integer written with a fraction; JSON-RPC ids "SHOULD NOT
  // contain fractional parts" and MCP requires integers: reject 1.5, accept
  // 1.0 only if it is exactly integral and in range.
  if (v.IsDouble()) {
    double d = v.GetDouble();
    return std::isfinite(d) && std::floor(d) == d && std::fabs(d) <= static_cast<double>(kMaxSafe);
  }
  return false;
}

namespace {

// Where a top-level member goes, or null for a name JSON-RPC does not have.
// By length first: a name is compared only with the names of its length.
const rapidjson::Value** MemberSlot(absl::string_view name, const rapidjson::Value** jsonrpc,
                                    const rapidjson::Value** id,
                                    const rapidjson::Value** method, Envelope* out) {
  switch (name.size()) {
    case 2: return name == "id" ? id : nullptr;
    case 5: return name == "error" ? &out->error : nullptr;
    case 6:
      if (name == "method") return method;
      if (name == "params") return &out->params;
      return name == "result" ? &out->result : nullptr;
    case 7: return name == "jsonrpc" ? jsonrpc : nullptr;
    default: return nullptr;
  }
}

}  // namespace

bool ParseEnvelope(const rapidjson::Value& root, Envelope* out, EnvelopeError* error) {
  *out = Envelope();
  if (root.IsArray()) {
    return Fail(error, "", "batches are not supported: send one JSON-RPC message at a time");
  }
  if (!root.IsObject()) return Fail(error, "", "a JSON-RPC message must be a JSON object");

  const rapidjson::Value* jsonrpc = nullptr;
  const rapidjson::Value* id = nullptr;
  const rapidjson::Value* method = nullptr;
  for (auto m = root.MemberBegin(); m != root.MemberEnd(); ++m) {
    absl::string_view name = View(m->name);
    const rapidjson::Value** slot = MemberSlot(name, &jsonrpc, &id, &method, out);
    if (slot == nullptr) {
      return Fail(error, "", absl::StrCat("unexpected member \"", absl::CEscape(name),
                                          "\" in a JSON-RPC message"));
    }
    *slot = &m->value;
  }
  // The id first, so that later errors can still be answered with it.
  bool is_response = method == nullptr;
  if (id != nullptr) {
    bool usable = id->IsString() || IsIntegerId(*id) || (is_response && id->IsNull());
    if (usable) out->id = id;
  }
  if (id != nullptr && id->IsString() && id->GetStringLength() > kMaxIdBytes) {
    return Fail(error, "/id", absl::StrCat("an id longer than ", kMaxIdBytes, " bytes"));
  }
  if (jsonrpc == nullptr) return Fail(error, "/jsonrpc", "missing \"jsonrpc\": \"2.0\"");
  if (!jsonrpc->IsString() || View(*jsonrpc) != "2.0") {
    return Fail(error, "/jsonrpc", "\"jsonrpc\" must be \"2.0\"");
  }

  if (!is_response) {
    if (!method->IsString()) return Fail(error, "/method", "\"method\" must be a string");
    if (method->GetStringLength() == 0) return Fail(error, "/method", "\"method\" is empty");
    if (method->GetStringLength() > kMaxMethodBytes) {
      return Fail(error, "/method",
                  absl::StrCat("\"method\" is longer than ", kMaxMethodBytes, " bytes"));
    }
    if (out->result != nullptr || out->error != nullptr) {
      return Fail(error, out->result != nullptr ? "/result" : "/error",
                  "a request cannot carry \"result\" or \"error\"");
    }
    if (out->params != nullptr && !out->params->IsObject() && !out->params->IsArray()) {
      return Fail(error, "/params", "\"params\" must be an object or an array");
    }
    out->method = View(*method);
    if (id == nullptr) {
      out->kind = MessageKind::kNotification;
      return true;
    }
    if (out->id == nullptr) {
      return Fail(error, "/id", "a request id must be a string or an integer of at most 2^53 - 1 in magnitude");
    }
    out->kind = MessageKind::kRequest;
    return true;
  }

  // A response.
  if (out->params != nullptr) return Fail(error, "/params", "a response cannot carry \"params\"");
  if (id == nullptr) return Fail(error, "/id", "a response must carry the request's \"id\"");
  if (out->id == nullptr) {
    return Fail(error, "/id", "a response id must be a string, an integer of at most 2^53 - 1 in magnitude, or null");
  }
  if ((out->result == nullptr) == (out->error == nullptr)) {
    return Fail(error, out->result != nullptr ? "/error" : "",
                "a response must carry exactly one of \"result\" and \"error\"");
  }
  if (out->error != nullptr) {
    const rapidjson::Value& e = *out->error;
    if (!e.IsObject()) return Fail(error, "/error", "\"error\" must be an object");
    auto code = e.FindMember("code");
    if (code == e.MemberEnd() || !(code->value.IsInt64() || code->value.IsUint64())) {
      return Fail(error, "/error/code", "\"error.code\" must be an integer");
    }
    auto message = e.FindMember("message");
    if (message == e.MemberEnd() || !message->value.IsString()) {
      return Fail(error, "/error/message", "\"error.message\" must be a string");
    }
  } else if (id->IsNull()) {
    return Fail(error, "/id", "only an error response may have a null id");
  }
  out->kind = MessageKind::kResponse;
  return true;
}

}  // namespace mcpguard::internal
