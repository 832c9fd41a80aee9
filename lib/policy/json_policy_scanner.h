// A RapidJSON SAX handler that checks a JSON policy against the
// mcpguard.v1.Policy descriptor as it is read, before protobuf converts it:
// protobuf 3.21's JsonStringToMessage says what is wrong but not where, and
// stops at the first problem. See json_loader.h for what is checked.
#ifndef MCPGUARD_POLICY_JSON_POLICY_SCANNER_H_
#define MCPGUARD_POLICY_JSON_POLICY_SCANNER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "mcpguard/policy.h"
#include "policy/json_positions.h"
#include "policy/json_value_check.h"
#include "policy/loader.h"
#include "rapidjson/memorystream.h"
#include "rapidjson/rapidjson.h"

namespace mcpguard::internal {

// Walks the Policy descriptor alongside the JSON: looks up each key, checks
// each value against its field, records each field's location in `locations`
// (keyed by proto field names) and appends a Diagnostic per problem. After a
// problem it skips the offending subtree and goes on, so one pass reports
// everything. The handlers return false (stopping the reader) only when
// nesting is too deep. `json`, `stream` (the reader's input over `json`, whose
// Tell() places each event) and the outputs must outlive the scanner.
class PolicyScanner {
 public:
  PolicyScanner(absl::string_view json, const rapidjson::MemoryStream* stream,
                absl::string_view source_name, SourceMap* locations,
                std::vector<Diagnostic>* diagnostics);
  PolicyScanner(const PolicyScanner&) = delete;
  PolicyScanner& operator=(const PolicyScanner&) = delete;

  // The rapidjson::Handler interface.
  bool Null();
  bool Bool(bool b);
  bool Int(int i) { return Integer(i < 0, Magnitude(i)); }
  bool Int64(int64_t i) { return Integer(i < 0, Magnitude(i)); }
  bool Uint(unsigned u) { return Integer(false, u); }
  bool Uint64(uint64_t u) { return Integer(false, u); }
  bool Double(double d);
  // Only called with kParseNumbersAsStringsFlag, which is not used.
  bool RawNumber(const char*, rapidjson::SizeType, bool) { return true; }
  bool String(const char* s, rapidjson::SizeType length, bool copy);
  bool StartObject() { return Open(JsonValue::Kind::kObject); }
  bool StartArray() { return Open(JsonValue::Kind::kArray); }
  bool Key(const char* s, rapidjson::SizeType length, bool copy);
  bool EndObject(rapidjson::SizeType) { return Close(); }
  bool EndArray(rapidjson::SizeType) { return Close(); }

  // Problems reported so far.
  int error_count() const { return error_count_; }
  // Whether the scan stopped because nesting was too deep (already reported).
  bool too_deep() const { return too_deep_; }
  // Reports a syntax error found by the reader at byte `offset`, without a
  // field path (the last key read would mislead).
  void SyntaxError(size_t offset, std::string message);

 private:
  // One entry per open JSON object or array.
  struct Frame {
    enum class Kind { kMessage, kArray, kSkip };
    Kind kind;
    size_t path_size;  // Length of path_ naming this object or array.
    const google::protobuf::Descriptor* message = nullptr;  // kMessage.
    // kMessage: the field of the key just read. kArray: the repeated field.
    const google::protobuf::FieldDescriptor* field = nullptr;
    bool skip_value = false;  // kMessage: the key just read was bad.
    size_t key_begin = 0;     // kMessage: where the key just read starts.
    int next_index = 0;       // kArray.
    int skip_depth = 0;       // kSkip: open containers being skipped.
    // kMessage: fields seen, and oneof members set to something not null.
    std::vector<const google::protobuf::FieldDescriptor*> keys;
    std::vector<const google::protobuf::FieldDescriptor*> oneofs;
  };

  template <typename T>
  static uint64_t Magnitude(T i) {
    // Unsigned negation is defined for the most negative value too.
    return i < 0 ? 0 - static_cast<uint64_t>(i) : static_cast<uint64_t>(i);
  }
  JsonValue MakeScalar(JsonValue::Kind kind) const;
  bool Integer(bool negative, uint64_t magnitude);
  bool Open(JsonValue::Kind kind);
  bool Close();
  bool Value(const JsonValue& v);
  void FieldValue(const google::protobuf::FieldDescriptor* field,
                  bool element, const JsonValue& v);
  void Push(Frame::Kind kind);
  void SkipIfContainer(const JsonValue& v);
  void Record(size_t offset);
  void Error(size_t offset, std::string message);

  absl::string_view json_;
  const rapidjson::MemoryStream* stream_;
  JsonPositions positions_;
  absl::string_view source_name_;
  SourceMap* locations_;
  std::vector<Diagnostic>* diagnostics_;
  std::vector<Frame> frames_;
  std::string path_;  // Proto field path of the value being read.
  int depth_ = 0;     // Open objects and arrays, skipped ones included.
  bool too_deep_ = false;
  int error_count_ = 0;
};

}  // namespace mcpguard::internal

#endif  // MCPGUARD_POLICY_JSON_POLICY_SCANNER_H_
