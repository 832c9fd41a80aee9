// A RapidJSON SAX handler that writes a parsed message back out, with some
// of its string values replaced (redaction): fed by Value::Accept.
#ifndef MCPGUARD_GUARD_REWRITING_WRITER_H_
#define MCPGUARD_GUARD_REWRITING_WRITER_H_

#include <cstdint>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace mcpguard::internal {

// Replacement text by the address of the replaced string's bytes in the
// parsed document (each string value has its own).
using StringReplacements = absl::flat_hash_map<const char*, std::string>;

class RewritingWriter {
 public:
  using Ch = char;
  using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

  RewritingWriter(Writer* out, const StringReplacements& replacements)
      : out_(*out), replacements_(replacements) {}

  bool Null() { return out_.Null(); }
  bool Bool(bool b) { return out_.Bool(b); }
  bool Int(int i) { return out_.Int(i); }
  bool Uint(unsigned u) { return out_.Uint(u); }
  bool Int64(int64_t i) { return out_.Int64(i); }
  bool Uint64(uint64_t u) { return out_.Uint64(u); }
  bool Double(double d) { return out_.Double(d); }
  bool RawNumber(const Ch* s, rapidjson::SizeType n, bool copy) { return out_.RawNumber(s, n, copy); }
  bool String(const Ch* s, rapidjson::SizeType n, bool copy) {
    if (!replacements_.empty()) {
      if (auto it = replacements_.find(s); it != replacements_.end()) {
        return out_.String(it->second.data(), static_cast<rapidjson::SizeType>(it->second.size()));
      }
    }
    return out_.String(s, n, copy);
  }
  bool Key(const Ch* s, rapidjson::SizeType n, bool copy) { return out_.Key(s, n, copy); }
  bool StartObject() { return out_.StartObject(); }
  bool EndObject(rapidjson::SizeType n) { return out_.EndObject(n); }
  bool StartArray() { return out_.StartArray(); }
  bool EndArray(rapidjson::SizeType n) { return out_.EndArray(n); }

 private:
  Writer& out_;
  const StringReplacements& replacements_;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_GUARD_REWRITING_WRITER_H_
