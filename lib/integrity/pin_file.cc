#include "integrity/pin_file.h"

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "base/sha256.h"
#include "integrity/pin_key.h"
#include "json/canonical_json.h"
#include "json/limits.h"
#include "json/parser.h"
#include "rapidjson/document.h"

namespace mcpguard::internal {
namespace {

constexpr absl::string_view kFormat = "mcpguard-pins-v1";

absl::Status Invalid(absl::string_view source, absl::string_view where,
                     absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(source, ": ", where, ": ", problem));
}

absl::string_view View(const rapidjson::Value& value) {
  return absl::string_view(value.GetString(), value.GetStringLength());
}

}  // namespace

absl::Status ParsePinFile(absl::string_view text, absl::string_view source,
                          std::vector<PinEntry>* pins) {
  pins->clear();
  // A pin file is flat and made by us; the limits only bound a stray file.
  JsonLimits limits;
  limits.max_bytes = size_t{1} << 30;
  limits.max_string_length = 1u << 20;
  limits.max_array_items = 1u << 24;
  limits.max_object_members = 16;
  limits.max_depth = 4;
  JsonParser parser;
  if (!parser.Parse(text, limits)) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": not a pin file: ", parser.error().message));
  }
  const rapidjson::Value& root = parser.root();
  if (!root.IsObject()) return Invalid(source, "/", "must be an object");
  for (const auto& member : root.GetObject()) {
    const absl::string_view name = View(member.name);
    if (name != "format" && name != "pins") {
      return Invalid(source, absl::StrCat("/", name), "unknown member");
    }
  }
  auto format = root.FindMember("format");
  if (format == root.MemberEnd() || !format->value.IsString() ||
      View(format->value) != kFormat) {
    return Invalid(source, "/format", absl::StrCat("must be \"", kFormat, "\""));
  }
  auto list = root.FindMember("pins");
  if (list == root.MemberEnd() || !list->value.IsArray()) {
    return Invalid(source, "/pins", "must be an array");
  }
  absl::flat_hash_set<std::string> seen;
  for (rapidjson::SizeType i = 0; i < list->value.Size(); ++i) {
    const rapidjson::Value& pin = list->value[i];
    const std::string where = absl::StrCat("/pins/", i);
    if (!pin.IsObject()) return Invalid(source, where, "must be an object");
    PinEntry entry;
    int found = 0;
    for (const auto& member : pin.GetObject()) {
      const absl::string_view name = View(member.name);
      std::string* field = name == "server" ? &entry.server
                           : name == "tool" ? &entry.tool
                           : name == "sha256" ? &entry.sha256
                                              : nullptr;
      if (field == nullptr) return Invalid(source, absl::StrCat(where, "/", name), "unknown member");
      if (!member.value.IsString()) {
        return Invalid(source, absl::StrCat(where, "/", name), "must be a string");
      }
      field->assign(member.value.GetString(), member.value.GetStringLength());
      ++found;
    }
    if (found != 3) return Invalid(source, where, "needs \"server\", \"tool\" and \"sha256\"");
    if (entry.tool.empty()) return Invalid(source, where + "/tool", "must not be empty");
    if (!IsSha256Hex(entry.sha256)) {
      return Invalid(source, where + "/sha256", "must be 64 lowercase hex digits");
    }
    if (!seen.insert(PinKey(entry.server, entry.tool)).second) {
      return Invalid(source, where, "pins a tool already pinned above");
    }
    pins->push_back(std::move(entry));
  }
  return absl::OkStatus();
}

std::string FormatPinFile(std::vector<PinEntry> pins) {
  std::sort(pins.begin(), pins.end(), [](const PinEntry& a, const PinEntry& b) {
    return std::tie(a.server, a.tool) < std::tie(b.server, b.tool);
  });
  std::string out = absl::StrCat("{\"format\":\"", kFormat, "\",\"pins\":[");
  rapidjson::Value text;
  for (size_t i = 0; i < pins.size(); ++i) {
    out.append(i == 0 ? "\n" : ",\n");
    out.append("{\"server\":");
    text.SetString(rapidjson::StringRef(pins[i].server.data(), pins[i].server.size()));
    AppendCanonicalJson(text, &out);
    out.append(",\"tool\":");
    text.SetString(rapidjson::StringRef(pins[i].tool.data(), pins[i].tool.size()));
    AppendCanonicalJson(text, &out);
    absl::StrAppend(&out, ",\"sha256\":\"", pins[i].sha256, "\"}");
  }
  out.append("]}\n");
  return out;
}

}  // namespace mcpguard::internal
