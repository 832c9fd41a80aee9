// Fuzzes JsonParser and RecoverTopLevelId, checking what they promise rather
// than only that they do not crash:
//  - an accepted DOM is within the limits, has no duplicate keys, holds only
//    valid UTF-8 strings, serializes, and re-parses to the same shape;
//  - a rejection has a kind, an offset inside the input and a message, and
//    leaves root() null;
//  - a parser reused across inputs answers exactly like a fresh one;
//  - a recovered id is one JSON scalar, and an accepted object's scalar id is
//    always recoverable.
// A violated property aborts, which libFuzzer reports as a crash.
//
// This file serializes and checks numbers itself instead of using
// rapidjson::Writer and Reader: their internal::Stack computes `nullptr + n`
// on first use, which UBSan (always on for fuzz targets) reports as pointer
// overflow. The library's own objects are built by the project's flags.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "absl/strings/string_view.h"
#include "json/limits.h"
#include "json/parser.h"
#include "rapidjson/document.h"
#include "rapidjson/encodings.h"

namespace {

using mcpguard::internal::JsonErrorKind;
using mcpguard::internal::JsonLimits;
using mcpguard::internal::JsonParser;
using mcpguard::internal::RecoverTopLevelId;

constexpr size_t kMaxInput = 64 << 10;

void Fail(const char* what) {
  std::fprintf(stderr, "parser_fuzz: property violated: %s\n", what);
  std::abort();
}

void Check(bool ok, const char* what) {
  if (!ok) Fail(what);
}

JsonLimits TightLimits() {
  JsonLimits limits;
  limits.max_bytes = 4096;
  limits.max_depth = 4;
  limits.max_string_length = 16;
  limits.max_array_items = 8;
  limits.max_object_members = 8;
  return limits;
}

bool IsValidUtf8WithoutSurrogates(const rapidjson::Value& value) {
  rapidjson::StringStream in(value.GetString());
  const char* end = value.GetString() + value.GetStringLength();
  while (in.src_ < end) {
    unsigned codepoint = 0;
    if (!rapidjson::UTF8<>::Decode(in, &codepoint)) return false;
    if (codepoint >= 0xD800 && codepoint <= 0xDFFF) return false;
  }
  return in.src_ == end;
}

// Checks limits, keys and strings of an accepted DOM. `depth` counts the
// containers enclosing `value`; recursion is bounded by max_depth.
void CheckValue(const rapidjson::Value& value, const JsonLimits& limits, uint32_t depth) {
  if (value.IsString()) {
    Check(value.GetStringLength() <= limits.max_string_length, "string within limit");
    Check(IsValidUtf8WithoutSurrogates(value), "string is UTF-8");
  } else if (value.IsArray()) {
    Check(depth + 1 <= limits.max_depth, "array within depth");
    Check(value.Size() <= limits.max_array_items, "array within item limit");
    for (const rapidjson::Value& item : value.GetArray()) CheckValue(item, limits, depth + 1);
  } else if (value.IsObject()) {
    Check(depth + 1 <= limits.max_depth, "object within depth");
    Check(value.MemberCount() <= limits.max_object_members, "object within member limit");
    for (auto a = value.MemberBegin(); a != value.MemberEnd(); ++a) {
      Check(a->name.IsString(), "member name is a string");
      CheckValue(a->name, limits, depth + 1);
      for (auto b = value.MemberBegin(); b != a; ++b) {
        Check(!(a->name == b->name), "no duplicate keys");
      }
      CheckValue(a->value, limits, depth + 1);
    }
  }
}

// Same shape: types, strings, array and object structure. Numbers only need
// to stay numbers: RapidJSON's default (not full precision) parse need not
// round-trip the last bit of a double.
bool SameShape(const rapidjson::Value& a, const rapidjson::Value& b) {
  if (a.IsNumber() || b.IsNumber()) return a.IsNumber() && b.IsNumber();
  if (a.GetType() != b.GetType()) return false;
  if (a.IsString()) {
    return a.GetStringLength() == b.GetStringLength() &&
           std::memcmp(a.GetString(), b.GetString(), a.GetStringLength()) == 0;
  }
  if (a.IsArray()) {
    if (a.Size() != b.Size()) return false;
    for (rapidjson::SizeType i = 0; i < a.Size(); ++i) {
      if (!SameShape(a[i], b[i])) return false;
    }
    return true;
  }
  if (a.IsObject()) {
    if (a.MemberCount() != b.MemberCount()) return false;
    for (auto x = a.MemberBegin(), y = b.MemberBegin(); x != a.MemberEnd(); ++x, ++y) {
      if (!SameShape(x->name, y->name) || !SameShape(x->value, y->value)) return false;
    }
    return true;
  }
  return true;  // Null, true, false: the type says it all.
}

// Writes `value` as JSON. Doubles use %.17g, which is always a JSON number
// here (parsing never yields NaN or infinity).
void Serialize(const rapidjson::Value& value, std::string* out) {
  char number[32];
  switch (value.GetType()) {
    case rapidjson::kNullType:
      *out += "null";
      return;
    case rapidjson::kFalseType:
      *out += "false";
      return;
    case rapidjson::kTrueType:
      *out += "true";
      return;
    case rapidjson::kNumberType:
      if (value.IsInt64()) {
        std::snprintf(number, sizeof(number), "%lld", static_cast<long long>(value.GetInt64()));
      } else if (value.IsUint64()) {
        std::snprintf(number, sizeof(number), "%llu",
                      static_cast<unsigned long long>(value.GetUint64()));
      } else {
        std::snprintf(number, sizeof(number), "%.17g", value.GetDouble());
      }
      *out += number;
      return;
    case rapidjson::kStringType:
      out->push_back('"');
      for (rapidjson::SizeType i = 0; i < value.GetStringLength(); ++i) {
        const unsigned char c = static_cast<unsigned char>(value.GetString()[i]);
        if (c == '"' || c == '\\') {
          out->push_back('\\');
          out->push_back(static_cast<char>(c));
        } else if (c < 0x20) {
          std::snprintf(number, sizeof(number), "\\u%04x", c);
          *out += number;
        } else {
          out->push_back(static_cast<char>(c));
        }
      }
      out->push_back('"');
      return;
    case rapidjson::kArrayType: {
      out->push_back('[');
      bool first = true;
      for (const rapidjson::Value& item : value.GetArray()) {
        if (!first) out->push_back(',');
        first = false;
        Serialize(item, out);
      }
      out->push_back(']');
      return;
    }
    case rapidjson::kObjectType: {
      out->push_back('{');
      bool first = true;
      for (auto m = value.MemberBegin(); m != value.MemberEnd(); ++m) {
        if (!first) out->push_back(',');
        first = false;
        Serialize(m->name, out);
        out->push_back(':');
        Serialize(m->value, out);
      }
      out->push_back('}');
      return;
    }
  }
}

// RFC 8259 number grammar.
bool IsJsonNumber(absl::string_view text) {
  size_t i = 0;
  auto digits = [&] {
    const size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    return i > start;
  };
  if (i < text.size() && text[i] == '-') ++i;
  if (i < text.size() && text[i] == '0') {
    ++i;
  } else if (i >= text.size() || text[i] < '1' || text[i] > '9' || !digits()) {
    return false;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == text.size();
}

void CheckParse(JsonParser& reused, absl::string_view input, const JsonLimits& limits) {
  const bool ok = reused.Parse(input, limits);

  // State must not leak from earlier inputs.
  JsonParser fresh;
  Check(fresh.Parse(input, limits) == ok, "fresh parser agrees");
  Check(fresh.error().kind == reused.error().kind, "fresh parser same kind");
  Check(fresh.error().offset == reused.error().offset, "fresh parser same offset");
  Check(fresh.error().message == reused.error().message, "fresh parser same message");

  if (!ok) {
    Check(reused.error().kind != JsonErrorKind::kNone, "rejection has a kind");
    Check(reused.error().offset <= input.size(), "rejection offset inside input");
    Check(!reused.error().message.empty(), "rejection has a message");
    Check(reused.root().IsNull(), "rejected root is null");
    return;
  }
  Check(reused.error().kind == JsonErrorKind::kNone, "accepted has no error");
  const rapidjson::Value& root = reused.root();
  CheckValue(root, limits, 0);

  std::string out;
  Serialize(root, &out);
  // Escaping can grow the text past max_bytes; every other limit still holds.
  JsonLimits relaxed = limits;
  relaxed.max_bytes = static_cast<size_t>(-1);
  Check(fresh.Parse(out, relaxed), "serialized DOM re-parses");
  Check(SameShape(root, fresh.root()), "re-parse has the same shape");

  // An accepted object with a scalar top-level id must give it back.
  if (root.IsObject()) {
    auto id = root.FindMember("id");
    if (id != root.MemberEnd() &&
        (id->value.IsString() || id->value.IsNumber() || id->value.IsNull())) {
      std::string id_json;
      Check(RecoverTopLevelId(input, &id_json), "accepted scalar id recovered");
      if (id->value.IsString()) {
        Check(fresh.Parse(id_json, relaxed) && fresh.root().IsString() &&
                  SameShape(fresh.root(), id->value),
              "recovered string id round-trips");
      }
    }
  }
}

void CheckRecover(absl::string_view input) {
  std::string id_json;
  if (!RecoverTopLevelId(input, &id_json)) return;
  Check(!id_json.empty(), "recovered id is not empty");
  if (id_json[0] == '"') {
    static JsonParser* const id_parser = new JsonParser();
    Check(id_parser->Parse(id_json, JsonLimits()) && id_parser->root().IsString(),
          "recovered string id is one valid JSON string");
  } else {
    Check(id_json == "null" || IsJsonNumber(id_json), "recovered id is null or a number");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput) return 0;
  const absl::string_view input(reinterpret_cast<const char*>(data), size);
  // One parser for the whole run, as a session would hold it, so buffer
  // reuse and regrowth are exercised across inputs.
  static JsonParser* const parser = new JsonParser();
  CheckParse(*parser, input, JsonLimits());
  CheckParse(*parser, input, TightLimits());
  CheckRecover(input);
  return 0;
}
