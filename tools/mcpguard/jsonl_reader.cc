#include "jsonl_reader.h"

#include <cstring>

#include "absl/strings/str_cat.h"
#include "rapidjson/document.h"
#include "rapidjson/error/en.h"

namespace mcpguard::cli {
namespace {

bool IsBlankOrComment(const std::string& text) {
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\f' || c == '\v') continue;
    return c == '#';
  }
  return true;
}

// RapidJSON's messages end with a period; ours continue after them.
std::string ParseErrorText(const rapidjson::Document& doc) {
  std::string text = rapidjson::GetParseError_En(doc.GetParseError());
  if (!text.empty() && text.back() == '.') text.pop_back();
  return absl::StrCat(text, " at column ", doc.GetErrorOffset() + 1);
}

Direction DefaultDirection(const MessageShape& shape) {
  return shape.is_response ? Direction::kToClient : Direction::kToServer;
}

}  // namespace

JsonlReader::Result JsonlReader::Next(SessionLine* line, std::string* error) {
  std::string text;
  while (std::getline(in_, text)) {
    ++line_number_;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (IsBlankOrComment(text)) continue;
    return ParseLine(text, line, error);
  }
  return Result::kEnd;
}

JsonlReader::Result JsonlReader::ParseLine(const std::string& text, SessionLine* line,
                                           std::string* error) {
  auto bad = [&](const std::string& what) {
    *error = absl::StrCat(source_name_, ":", line_number_, ": ", what);
    return Result::kBadLine;
  };
  *line = SessionLine();
  line->line = line_number_;
  rapidjson::Document doc;
  doc.Parse<kCliParseFlags>(text.data(), text.size());
  if (doc.HasParseError()) return bad(absl::StrCat("not JSON: ", ParseErrorText(doc)));

  bool wrapper = doc.IsObject() && !doc.HasMember("jsonrpc") &&
                 (doc.HasMember("message") || doc.HasMember("raw"));
  if (!wrapper) {
    line->message = text;  // Exactly the bytes that were recorded.
    line->shape = ReadMessageShape(doc);
    line->direction = DefaultDirection(line->shape);
    return Result::kMessage;
  }

  const rapidjson::Value* direction = nullptr;
  const rapidjson::Value* message = nullptr;
  const rapidjson::Value* raw = nullptr;
  for (const auto& member : doc.GetObject()) {
    std::string key(member.name.GetString(), member.name.GetStringLength());
    const rapidjson::Value** slot = key == "direction" ? &direction
                                    : key == "message" ? &message
                                    : key == "raw"     ? &raw
                                                       : nullptr;
    if (slot == nullptr) {
      return bad(absl::StrCat("unknown key \"", key,
                              "\" in a wrapper line (expected direction, message or raw)"));
    }
    if (*slot != nullptr) return bad(absl::StrCat("key \"", key, "\" appears twice"));
    *slot = &member.value;
  }
  if (message != nullptr && raw != nullptr) {
    return bad("a wrapper line has either \"message\" or \"raw\", not both");
  }
  if (message != nullptr) {
    line->message = ToCompactJson(*message);
    line->shape = ReadMessageShape(*message);
  } else {
    if (!raw->IsString()) return bad("\"raw\" must be a string (the exact bytes to check)");
    line->message.assign(raw->GetString(), raw->GetStringLength());
    rapidjson::Document inner;
    inner.Parse<kCliParseFlags>(line->message.data(), line->message.size());
    if (!inner.HasParseError()) line->shape = ReadMessageShape(inner);
  }
  line->direction = DefaultDirection(line->shape);
  if (direction != nullptr) {
    std::string name;
    if (direction->IsString()) name.assign(direction->GetString(), direction->GetStringLength());
    if (name == "to_server") {
      line->direction = Direction::kToServer;
    } else if (name == "to_client") {
      line->direction = Direction::kToClient;
    } else {
      return bad("\"direction\" must be \"to_server\" or \"to_client\"");
    }
  }
  return Result::kMessage;
}

}  // namespace mcpguard::cli
