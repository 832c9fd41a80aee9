// Runs InsituReader and RapidJSON's recursive in situ reader on the same
// text with a handler that logs every event (with the stream's position at
// it) and may refuse one, for the differential test and fuzz target.
#ifndef MCPGUARD_TESTS_JSON_READER_DIFFERENTIAL_H_
#define MCPGUARD_TESTS_JSON_READER_DIFFERENTIAL_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "json/insitu_reader.h"
#include "rapidjson/reader.h"
#include "rapidjson/stream.h"

namespace mcpguard::internal::test_support {

// Logs every event with the stream's position, and refuses the event
// numbered `refuse_at` (none when negative).
class Recorder {
 public:
  using Ch = char;
  Recorder(const rapidjson::InsituStringStream* stream, int refuse_at)
      : stream_(stream), refuse_at_(refuse_at) {}

  bool Null() { return Log("null"); }
  bool Bool(bool b) { return Log(b ? "true" : "false"); }
  bool Int(int i) { return Log(absl::StrCat("int ", i)); }
  bool Uint(unsigned u) { return Log(absl::StrCat("uint ", u)); }
  bool Int64(int64_t i) { return Log(absl::StrCat("int64 ", i)); }
  bool Uint64(uint64_t u) { return Log(absl::StrCat("uint64 ", u)); }
  bool Double(double d) {
    uint64_t bits;
    std::memcpy(&bits, &d, sizeof(bits));
    return Log(absl::StrCat("double ", bits));
  }
  bool RawNumber(const Ch* str, rapidjson::SizeType length, bool) {
    return Log(absl::StrCat("raw ", absl::string_view(str, length)));
  }
  bool String(const Ch* str, rapidjson::SizeType length, bool copy) {
    return Log(absl::StrCat("string ", copy, " ", Where(str), " ",
                            absl::CEscape(absl::string_view(str, length)), " ",
                            static_cast<int>(str[length])));
  }
  bool Key(const Ch* str, rapidjson::SizeType length, bool copy) {
    return Log(absl::StrCat("key ", copy, " ", Where(str), " ",
                            absl::CEscape(absl::string_view(str, length)), " ",
                            static_cast<int>(str[length])));
  }
  bool StartObject() { return Log("{"); }
  bool EndObject(rapidjson::SizeType n) { return Log(absl::StrCat("} ", n)); }
  bool StartArray() { return Log("["); }
  bool EndArray(rapidjson::SizeType n) { return Log(absl::StrCat("] ", n)); }

  const std::vector<std::string>& log() const { return log_; }

 private:
  // Where a decoded string starts, as an offset in the buffer.
  size_t Where(const Ch* str) const { return static_cast<size_t>(str - stream_->head_); }
  bool Log(std::string event) {
    log_.push_back(absl::StrCat(event, " @", stream_->src_ - stream_->head_));
    return static_cast<int>(log_.size()) - 1 != refuse_at_;
  }
  const rapidjson::InsituStringStream* stream_;
  int refuse_at_;
  std::vector<std::string> log_;
};

struct Outcome {
  std::vector<std::string> log;
  rapidjson::ParseErrorCode code;
  size_t offset;
  size_t end;  // The stream's position after a successful parse.
};

// `text` copied, NUL-terminated and padded as JsonParser does.
inline std::vector<char> Buffer(const std::string& text) {
  std::vector<char> buffer(text.begin(), text.end());
  buffer.resize(text.size() + 1 + kInsituReaderPadding, '\0');
  return buffer;
}

inline Outcome WithRapidJson(const std::string& text, int refuse_at) {
  std::vector<char> buffer = Buffer(text);
  rapidjson::InsituStringStream stream(buffer.data());
  Recorder recorder(&stream, refuse_at);
  rapidjson::Reader reader;
  const rapidjson::ParseResult r = reader.Parse<rapidjson::kParseInsituFlag>(stream, recorder);
  return {recorder.log(), r.Code(), r.Offset(), r.IsError() ? 0 : stream.Tell()};
}

inline Outcome WithInsituReader(const std::string& text, int refuse_at, InsituReader* reader) {
  std::vector<char> buffer = Buffer(text);
  rapidjson::InsituStringStream stream(buffer.data());
  Recorder recorder(&stream, refuse_at);
  const rapidjson::ParseResult r = reader->Parse(stream, recorder);
  return {recorder.log(), r.Code(), r.Offset(), r.IsError() ? 0 : stream.Tell()};
}

inline bool operator==(const Outcome& a, const Outcome& b) {
  return a.code == b.code && a.offset == b.offset && a.end == b.end && a.log == b.log;
}

}  // namespace mcpguard::internal::test_support

#endif  // MCPGUARD_TESTS_JSON_READER_DIFFERENTIAL_H_
