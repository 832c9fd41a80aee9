// RecoverTopLevelId (declared in parser.h): finds a rejected message's id
// with a SAX scan that builds no document.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>

#include "absl/strings/string_view.h"
#include "json/parser.h"
#include "rapidjson/encodings.h"
#include "rapidjson/memorystream.h"
#include "rapidjson/reader.h"
#include "rapidjson/writer.h"

namespace mcpguard::internal {
namespace {

// A RapidJSON output stream appending to a std::string.
struct StringAppender {
  using Ch = char;
  void Put(char c) { out->push_back(c); }
  void Flush() {}
  std::string* out;
};

// SAX handler for RecoverTopLevelId. Fails (stopping the scan) as soon as the
// id cannot be recovered: a non-object top level, a second top-level "id", or
// an id that is not a string, number or null.
class TopLevelIdScanner {
 public:
  using Ch = char;

  explicit TopLevelIdScanner(std::string* id_json) : id_json_(id_json) {}

  bool found() const { return found_; }

  bool Null() {
    if (!Scalar()) return false;
    if (at_id_) id_json_->assign("null");
    at_id_ = false;
    return true;
  }
  bool Bool(bool) { return Other(); }
  bool Int(int) { return Other(); }
  bool Uint(unsigned) { return Other(); }
  bool Int64(int64_t) { return Other(); }
  bool Uint64(uint64_t) { return Other(); }
  bool Double(double) { return Other(); }
  bool RawNumber(const Ch* str, rapidjson::SizeType length, bool) {
    if (!Scalar()) return false;
    if (at_id_) id_json_->assign(str, length);
    at_id_ = false;
    return true;
  }
  bool String(const Ch* str, rapidjson::SizeType length, bool) {
    if (!Scalar()) return false;
    if (!at_id_) return true;
    at_id_ = false;
    // Validating: the scan does not check encoding, and an id that is not
    // UTF-8 (or holds a lone surrogate) cannot be echoed as valid JSON.
    StringAppender appender{id_json_};
    rapidjson::Writer<StringAppender, rapidjson::UTF8<>, rapidjson::UTF8<>,
                      rapidjson::CrtAllocator, rapidjson::kWriteValidateEncodingFlag>
        writer(appender);
    return writer.String(str, length);
  }
  bool Key(const Ch* str, rapidjson::SizeType length, bool) {
    if (depth_ != 1) return true;
    if (length != 2 || std::memcmp(str, "id", 2) != 0) return true;
    if (found_) return false;  // Which id would we answer with?
    found_ = true;
    at_id_ = true;
    return true;
  }
  bool StartObject() {
    if (at_id_) return false;
    ++depth_;
    return true;
  }
  bool StartArray() {
    if (depth_ == 0 || at_id_) return false;
    ++depth_;
    return true;
  }
  bool EndObject(rapidjson::SizeType) {
    --depth_;
    return true;
  }
  bool EndArray(rapidjson::SizeType) {
    --depth_;
    return true;
  }

 private:
  // A scalar is fine anywhere except at the top level.
  bool Scalar() const { return depth_ > 0; }
  // Numbers arrive as RawNumber and literals other than null are never ids.
  bool Other() const { return depth_ > 0 && !at_id_; }

  std::string* id_json_;
  size_t depth_ = 0;
  bool found_ = false;
  bool at_id_ = false;
};

}  // namespace

bool RecoverTopLevelId(absl::string_view bytes, std::string* id_json) {
  // No encoding validation: the message may have been rejected for its
  // encoding, and its id can still be well-formed. Numbers as strings: the id
  // is echoed exactly as written, even 1e400 or 20 digits.
  constexpr unsigned kScanFlags =
      rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag;
  std::string id;
  TopLevelIdScanner scanner(&id);
  rapidjson::MemoryStream stream(bytes.data(), bytes.size());
  rapidjson::GenericReader<rapidjson::UTF8<>, rapidjson::UTF8<>> reader;
  if (reader.Parse<kScanFlags>(stream, scanner).IsError()) return false;
  // MemoryStream reports its end as NUL; a real NUL byte would end it early.
  if (stream.Tell() != bytes.size() || !scanner.found()) return false;
  *id_json = std::move(id);
  return true;
}

}  // namespace mcpguard::internal
