// Writes JSON text straight into a std::string: a lighter RapidJSON Writer
// for output whose shape the caller knows (keys are literals without
// escapes, numbers are integers or finite scores). Its output is the same
// bytes RapidJSON's Writer writes for the same calls on its byte-at-a-time
// path (JsonWriter, json_writer.h), except that NaN and infinity, which
// that Writer refuses, are written as 0.
//
// Design note: the audit thread writes one event of some twenty-five
// members per check; with RapidJSON's Writer that took about a microsecond
// an event, a byte at a time through the escape table with a nesting-level
// check per value. Here a key is one append of its literal, and a string
// value is copied in runs between the bytes that need escaping.
#ifndef MCPGUARD_JSON_JSON_APPENDER_H_
#define MCPGUARD_JSON_JSON_APPENDER_H_

#include <cmath>
#include <cstdint>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/string_view.h"
#include "json/json_string_escape.h"
#include "rapidjson/internal/dtoa.h"

namespace mcpguard::internal {

class JsonAppender {
 public:
  // Appends to *out, which it does not clear.
  explicit JsonAppender(std::string* out) : out_(*out) {}

  void StartObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void StartArray() { Open('['); }
  void EndArray() { Close(']'); }

  // `key` is written as it is: it must need no escape.
  void Key(absl::string_view key) {
    Separate();
    out_.push_back('"');
    out_.append(key.data(), key.size());
    out_.append("\":", 2);
    comma_ = false;
  }
  void String(absl::string_view text) {
    Separate();
    AppendJsonString(text, HexCase::kUpper, &out_);
    comma_ = true;
  }
  void Uint64(uint64_t value) {
    Separate();
    char buffer[absl::numbers_internal::kFastToBufferSize];
    const char* end = absl::numbers_internal::FastIntToBuffer(value, buffer);
    out_.append(buffer, static_cast<size_t>(end - buffer));
    comma_ = true;
  }
  // As RapidJSON writes a double ("0.5", "1.0", "1e+300"); JSON has no NaN
  // or infinity, so those are written as 0.
  void Double(double value) {
    Separate();
    if (!std::isfinite(value)) value = 0;
    char buffer[32];
    const char* end = rapidjson::internal::dtoa(value, buffer);
    out_.append(buffer, static_cast<size_t>(end - buffer));
    comma_ = true;
  }
  // A value already written as JSON.
  void Raw(absl::string_view json) {
    Separate();
    out_.append(json.data(), json.size());
    comma_ = true;
  }

 private:
  void Separate() {
    if (comma_) out_.push_back(',');
  }
  void Open(char bracket) {
    Separate();
    out_.push_back(bracket);
    comma_ = false;
  }
  void Close(char bracket) {
    out_.push_back(bracket);
    comma_ = true;
  }

  std::string& out_;
  bool comma_ = false;  // A value came last at this level: the next needs a comma.
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_JSON_JSON_APPENDER_H_
