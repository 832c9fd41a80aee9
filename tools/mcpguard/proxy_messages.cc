#include "proxy_messages.h"

#include <cmath>
#include <cstdint>

#include "absl/strings/str_cat.h"
#include "json/json_writer.h"
#include "rapidjson/document.h"

namespace mcpguard::cli {
namespace {

// An id as compact JSON text, an integral number by its integer whatever
// its spelling ("302.0" and "3.02e2" are 302), as the session keys ids and
// as the server answers: otherwise the answer to "302.0" would never clear
// it.
std::string IdText(const rapidjson::Value& value) {
  if (value.IsDouble()) {
    const double d = value.GetDouble();
    if (std::trunc(d) == d && std::fabs(d) < 9.2e18) {
      return absl::StrCat(static_cast<int64_t>(d));
    }
  }
  internal::JsonTextBuffer buffer;
  internal::JsonWriter writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

// The message parsed (iteratively: only messages the guard let through, so
// within the policy's limits, or the guard's own errors, or a line about
// to be checked), or nullopt when it is not a JSON object.
std::optional<rapidjson::Document> ParseObject(std::string_view message) {
  rapidjson::Document document;
  document.Parse<rapidjson::kParseIterativeFlag>(message.data(), message.size());
  if (document.HasParseError() || !document.IsObject()) return std::nullopt;
  return document;
}

}  // namespace

std::optional<std::string> IdOf(std::string_view message) {
  std::optional<rapidjson::Document> document = ParseObject(message);
  if (!document) return std::nullopt;
  auto id = document->FindMember("id");
  if (id == document->MemberEnd()) return std::nullopt;
  return IdText(id->value);
}

std::optional<std::string> CancelledRequestOf(std::string_view message) {
  std::optional<rapidjson::Document> document = ParseObject(message);
  if (!document) return std::nullopt;
  auto method = document->FindMember("method");
  auto params = document->FindMember("params");
  if (method == document->MemberEnd() || method->value != "notifications/cancelled" ||
      params == document->MemberEnd() || !params->value.IsObject()) {
    return std::nullopt;
  }
  auto request = params->value.FindMember("requestId");
  if (request == params->value.MemberEnd()) return std::nullopt;
  return IdText(request->value);
}

bool IsRequest(std::string_view line) {
  std::optional<rapidjson::Document> document = ParseObject(line);
  return document && document->HasMember("method") && document->HasMember("id");
}

std::string ErrorResponse(std::string_view id_json, int code, std::string_view message) {
  std::string response = R"({"jsonrpc":"2.0","id":)";
  response.append(id_json).append(R"(,"error":{"code":)");
  absl::StrAppend(&response, code);
  response.append(R"(,"message":")").append(message).append(R"("}})");
  return response;
}

}  // namespace mcpguard::cli
