#include "policy/json_policy_scanner.h"

#include <algorithm>
#include <string>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace mcpguard::internal {
namespace {

// Protobuf's JSON parser gives up a little past 100 levels; stopping at 100
// keeps every such failure here, with a location.
constexpr int kMaxNesting = 100;

using google::protobuf::FieldDescriptor;

}  // namespace

PolicyScanner::PolicyScanner(absl::string_view json,
                             const rapidjson::MemoryStream* stream,
                             absl::string_view source_name,
                             SourceMap* locations,
                             std::vector<Diagnostic>* diagnostics)
    : json_(json),
      stream_(stream),
      positions_(json),
      source_name_(source_name),
      locations_(locations),
      diagnostics_(diagnostics) {}

bool PolicyScanner::Null() {
  return Value(MakeScalar(JsonValue::Kind::kNull));
}

bool PolicyScanner::Bool(bool b) {
  JsonValue v = MakeScalar(JsonValue::Kind::kBool);
  v.boolean = b;
  return Value(v);
}

bool PolicyScanner::Double(double d) {
  JsonValue v = MakeScalar(JsonValue::Kind::kNumber);
  v.number = d;
  return Value(v);
}

bool PolicyScanner::Integer(bool negative, uint64_t magnitude) {
  JsonValue v = MakeScalar(JsonValue::Kind::kNumber);
  v.is_integer = true;
  v.negative = negative;
  v.magnitude = magnitude;
  v.number = negative ? -static_cast<double>(magnitude)
                      : static_cast<double>(magnitude);
  return Value(v);
}

bool PolicyScanner::String(const char* s, rapidjson::SizeType length, bool) {
  JsonValue v;
  v.kind = JsonValue::Kind::kString;
  v.string = absl::string_view(s, length);
  v.begin = positions_.StringStart(stream_->Tell());
  v.text = json_.substr(v.begin, stream_->Tell() - v.begin);
  return Value(v);
}

// The reader calls this just after the number or literal.
JsonValue PolicyScanner::MakeScalar(JsonValue::Kind kind) const {
  JsonValue v;
  v.kind = kind;
  v.begin = positions_.LiteralStart(stream_->Tell());
  v.text = json_.substr(v.begin, stream_->Tell() - v.begin);
  return v;
}

void PolicyScanner::Push(Frame::Kind kind) {
  Frame frame;
  frame.kind = kind;
  frame.path_size = path_.size();
  frame.skip_depth = 1;
  frames_.push_back(std::move(frame));
}

void PolicyScanner::SkipIfContainer(const JsonValue& v) {
  if (v.kind == JsonValue::Kind::kObject || v.kind == JsonValue::Kind::kArray) {
    Push(Frame::Kind::kSkip);
  }
}

void PolicyScanner::Record(size_t offset) {
  const auto [line, column] = positions_.LineColumn(offset);
  locations_->Add(path_, line, column);
}

void PolicyScanner::SyntaxError(size_t offset, std::string message) {
  path_.clear();
  Error(offset, std::move(message));
}

void PolicyScanner::Error(size_t offset, std::string message) {
  Diagnostic d;
  d.file = std::string(source_name_);
  std::tie(d.line, d.column) = positions_.LineColumn(offset);
  d.field = path_;
  d.message = std::move(message);
  diagnostics_->push_back(std::move(d));
  ++error_count_;
}

bool PolicyScanner::Open(JsonValue::Kind kind) {
  JsonValue v;
  v.kind = kind;
  v.begin = stream_->Tell();  // The reader calls this before taking '{'.
  if (++depth_ > kMaxNesting) {
    Error(v.begin, absl::StrCat("nested deeper than ", kMaxNesting, " levels"));
    too_deep_ = true;
    return false;
  }
  if (!frames_.empty() && frames_.back().kind == Frame::Kind::kSkip) {
    ++frames_.back().skip_depth;
    return true;
  }
  return Value(v);
}

bool PolicyScanner::Close() {
  --depth_;
  if (frames_.empty()) return true;  // Never: every open pushed a frame.
  Frame& top = frames_.back();
  if (top.kind == Frame::Kind::kSkip && --top.skip_depth > 0) return true;
  frames_.pop_back();
  return true;
}

bool PolicyScanner::Key(const char* s, rapidjson::SizeType length, bool) {
  if (frames_.empty()) return true;  // Never: keys are inside objects.
  Frame& top = frames_.back();
  if (top.kind != Frame::Kind::kMessage) return true;  // Skipping.
  const absl::string_view key(s, length);
  const size_t begin = positions_.StringStart(stream_->Tell());
  const FieldDescriptor* field = FindJsonField(top.message, key);
  path_.resize(top.path_size);
  if (!path_.empty()) path_ += '.';
  top.field = field;
  top.skip_value = true;
  if (field == nullptr) {
    path_.append(key.data(), key.size());
    Error(begin, absl::StrCat("unknown field ", Quote(key), " in ",
                              top.message->full_name()));
    return true;
  }
  path_ += field->name();
  if (std::find(top.keys.begin(), top.keys.end(), field) != top.keys.end()) {
    Error(begin, absl::StrCat("field \"", field->name(), "\" is set twice"));
    return true;
  }
  top.keys.push_back(field);
  top.skip_value = false;
  top.key_begin = begin;
  Record(begin);
  return true;
}

bool PolicyScanner::Value(const JsonValue& v) {
  if (frames_.empty()) {  // The root.
    if (v.kind == JsonValue::Kind::kObject) {
      Push(Frame::Kind::kMessage);
      frames_.back().message = mcpguard::v1::Policy::descriptor();
    } else {
      Error(v.begin, Expected("an object (mcpguard.v1.Policy)", v));
      SkipIfContainer(v);
    }
    return true;
  }
  Frame& top = frames_.back();
  switch (top.kind) {
    case Frame::Kind::kSkip:
      return true;
    case Frame::Kind::kMessage: {
      const FieldDescriptor* field = top.field;
      if (top.skip_value || field == nullptr) {
        SkipIfContainer(v);
        return true;
      }
      top.field = nullptr;
      const google::protobuf::OneofDescriptor* oneof =
          field->real_containing_oneof();
      // Protobuf ignores null oneof members, so only non-null ones clash.
      if (oneof != nullptr && v.kind != JsonValue::Kind::kNull) {
        for (const FieldDescriptor* other : top.oneofs) {
          if (other->real_containing_oneof() != oneof) continue;
          Error(top.key_begin,
                absl::StrCat("\"", other->name(), "\" and \"", field->name(),
                             "\" are both set, but only one member of oneof \"",
                             oneof->name(), "\" may be"));
          break;
        }
        top.oneofs.push_back(field);
      }
      FieldValue(field, /*element=*/false, v);
      return true;
    }
    case Frame::Kind::kArray: {
      const FieldDescriptor* field = top.field;
      path_.resize(top.path_size);
      absl::StrAppend(&path_, "[", top.next_index++, "]");
      Record(v.begin);
      FieldValue(field, /*element=*/true, v);
      return true;
    }
  }
  return true;
}

// Checks `v` as the value of `field` (one element of it when `element`) and
// opens a frame for an object or array value.
void PolicyScanner::FieldValue(const FieldDescriptor* field, bool element,
                               const JsonValue& v) {
  if (field->is_repeated() && !element) {
    if (v.kind == JsonValue::Kind::kArray) {
      Push(Frame::Kind::kArray);
      frames_.back().field = field;
    } else if (v.kind != JsonValue::Kind::kNull) {
      Error(v.begin, Expected("an array", v));
      SkipIfContainer(v);
    }
    return;
  }
  if (v.kind == JsonValue::Kind::kNull) {
    // Null means "default" for a field, but an element cannot be absent.
    if (element) Error(v.begin, "expected an array element, got null");
    return;
  }
  if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
    if (v.kind == JsonValue::Kind::kObject) {
      Push(Frame::Kind::kMessage);
      frames_.back().message = field->message_type();
    } else {
      Error(v.begin,
            Expected(absl::StrCat("an object (",
                                  field->message_type()->full_name(), ")"),
                     v));
      SkipIfContainer(v);
    }
    return;
  }
  std::string problem = CheckScalarValue(field, v);
  if (!problem.empty()) {
    Error(v.begin, std::move(problem));
    SkipIfContainer(v);
  }
}

}  // namespace mcpguard::internal
