#include "message_shape.h"

#include "json/json_writer.h"

namespace mcpguard::cli {
namespace {

std::string StringMember(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  if (it == object.MemberEnd() || !it->value.IsString()) return std::string();
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

}  // namespace

MessageShape ReadMessageShape(const rapidjson::Value& message) {
  MessageShape shape;
  if (!message.IsObject()) return shape;
  shape.method = StringMember(message, "method");
  auto params = message.FindMember("params");
  if (shape.method == "tools/call" && params != message.MemberEnd() && params->value.IsObject()) {
    shape.tool = StringMember(params->value, "name");
  }
  auto id = message.FindMember("id");
  if (id != message.MemberEnd() && (id->value.IsString() || id->value.IsNumber())) {
    shape.id = ToCompactJson(id->value);
  }
  shape.is_response = !message.HasMember("method") &&
                      (message.HasMember("result") || message.HasMember("error"));
  return shape;
}

std::string ToCompactJson(const rapidjson::Value& value) {
  internal::JsonTextBuffer buffer;
  internal::JsonWriter writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace mcpguard::cli
