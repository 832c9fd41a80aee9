// A RapidJSON SAX handler that writes a parsed value back out with some of
// its strings replaced: fed by Value::Accept. `Rewrite` says which:
//   const std::string* rewrite(const char* s, rapidjson::SizeType n, bool key)
// returns the replacement text, or null to keep the string as it is.
#ifndef MCPGUARD_JSON_STRING_REWRITING_WRITER_H_
#define MCPGUARD_JSON_STRING_REWRITING_WRITER_H_

#include <cstdint>
#include <string>

#include "json/json_writer.h"

namespace mcpguard::internal {

template <typename Rewrite>
class StringRewritingWriter {
 public:
  using Ch = char;
  using Writer = JsonWriter;

  StringRewritingWriter(Writer* out, Rewrite rewrite) : out_(*out), rewrite_(rewrite) {}

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
  bool String(const Ch* s, rapidjson::SizeType n, bool copy) {
    if (const std::string* text = rewrite_(s, n, /*key=*/false)) {
      return out_.String(text->data(), static_cast<rapidjson::SizeType>(text->size()), true);
    }
    return out_.String(s, n, copy);
  }
  bool Key(const Ch* s, rapidjson::SizeType n, bool copy) {
    if (const std::string* text = rewrite_(s, n, /*key=*/true)) {
      return out_.Key(text->data(), static_cast<rapidjson::SizeType>(text->size()), true);
    }
    return out_.Key(s, n, copy);
  }
  bool StartObject() { return out_.StartObject(); }
  bool EndObject(rapidjson::SizeType n) { return out_.EndObject(n); }
  bool StartArray() { return out_.StartArray(); }
  bool EndArray(rapidjson::SizeType n) { return out_.EndArray(n); }

 private:
  Writer& out_;
  Rewrite rewrite_;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_JSON_STRING_REWRITING_WRITER_H_
