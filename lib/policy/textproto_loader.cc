// Design note: protobuf's TextFormat::Parser does the parsing; this file adds
// what a policy author needs on top of it.
//
// Unknown fields: the parser runs with AllowUnknownField so that it reports
// *every* unknown field (as a warning) instead of stopping at the first; every
// warning is then turned into an error, so unknown fields still fail the load.
//
// Locations come from the parser's ParseInfoTree, walked along the message.
// The tree holds one location per *occurrence* of a repeated field but one
// nested tree per *element*, so `methods: ["a", "b"]` has one location for
// two elements; TextprotoTokens splits such lists to place each element.
#include "policy/textproto_loader.h"

#include <climits>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/message.h"
#include "google/protobuf/text_format.h"
#include "policy/textproto_tokens.h"

namespace mcpguard::internal {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;
using google::protobuf::TextFormat;

// Keeps every parser error and warning (all become errors).
class RecordingCollector : public google::protobuf::io::ErrorCollector {
 public:
  struct Entry {
    TextPosition position;  // 0-based; line -1 when unknown.
    std::string message;
  };

  void AddError(int line, int column, const std::string& message) override {
    entries_.push_back({{line, column}, message});
  }
  void AddWarning(int line, int column, const std::string& message) override {
    entries_.push_back({{line, column}, message});
  }
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::vector<Entry> entries_;
};

// The parser reports these at the token *after* the one at fault (it has
// consumed the field name or enum value by then), which can even be on the
// next line. They are moved back onto the culprit.
bool ReportedPastTheCulprit(absl::string_view message) {
  for (absl::string_view pattern :
       {"has no field named", "extension \"", "Extension \"",
        "is specified multiple times", "is specified along with field",
        "Unknown enumeration value", "Invalid value for boolean field"}) {
    if (absl::StrContains(message, pattern)) return true;
  }
  return false;
}

// Structural UTF-8 check (RFC 3629): no overlong forms, no surrogates, nothing
// above U+10FFFF.
bool IsValidUtf8(absl::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t length;
    unsigned char lo = 0x80, hi = 0xBF;  // Range of the second byte.
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) lo = 0xA0;  // Overlong.
      if (c == 0xED) hi = 0x9F;  // Surrogates.
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) lo = 0x90;  // Overlong.
      if (c == 0xF4) hi = 0x8F;  // Above U+10FFFF.
    } else {
      return false;
    }
    if (s.size() - i < length) return false;
    for (size_t k = 1; k < length; ++k) {
      const unsigned char b = static_cast<unsigned char>(s[i + k]);
      if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return false;
    }
    i += length;
  }
  return true;
}

// Fills the SourceMap from the parse tree and checks that strings are UTF-8
// (protobuf 3.21's text parser does not, even for proto3). Recursion depth is
// bounded by the parser's recursion limit (100).
class LocationWalker {
 public:
  LocationWalker(const TextprotoTokens& tokens, absl::string_view source_name,
                 SourceMap* locations, std::vector<Diagnostic>* diagnostics)
      : tokens_(tokens),
        source_name_(source_name),
        locations_(locations),
        diagnostics_(diagnostics) {}

  void Walk(const Message& message, const TextFormat::ParseInfoTree& tree,
            const std::string& path) {
    const Descriptor* descriptor = message.GetDescriptor();
    const Reflection* reflection = message.GetReflection();
    for (int i = 0; i < descriptor->field_count(); ++i) {
      const FieldDescriptor* field = descriptor->field(i);
      const std::string field_path =
          path.empty() ? field->name() : absl::StrCat(path, ".", field->name());
      if (field->is_repeated()) {
        WalkRepeated(message, reflection, field, tree, field_path);
        continue;
      }
      // The index must be -1 for a singular field: protobuf treats anything
      // else as a programming error and may abort.
      const TextFormat::ParseLocation location = tree.GetLocation(field, -1);
      if (location.line < 0) continue;  // Not written in the text.
      Record(field_path, {location.line, location.column});
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        const TextFormat::ParseInfoTree* nested =
            tree.GetTreeForNested(field, -1);
        if (nested != nullptr) {
          Walk(reflection->GetMessage(message, field), *nested, field_path);
        }
      } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
        CheckUtf8(reflection->GetString(message, field), field_path);
      }
    }
  }

  int error_count() const { return error_count_; }

 private:
  void WalkRepeated(const Message& message, const Reflection* reflection,
                    const FieldDescriptor* field,
                    const TextFormat::ParseInfoTree& tree,
                    const std::string& field_path) {
    const int size = reflection->FieldSize(message, field);
    if (size == 0) return;
    std::vector<TextPosition> elements;
    for (int k = 0;; ++k) {  // Each occurrence of the field.
      const TextFormat::ParseLocation location = tree.GetLocation(field, k);
      if (location.line < 0) break;
      const TextPosition name{location.line, location.column};
      if (k == 0) Record(field_path, name);
      for (const TextPosition& p : tokens_.ElementsOf(name)) {
        elements.push_back(p);
      }
    }
    // If the text does not add up (never expected), elements get no entry
    // and Find falls back to the field itself.
    const bool placed = static_cast<int>(elements.size()) == size;
    for (int i = 0; i < size; ++i) {
      const std::string element_path = absl::StrCat(field_path, "[", i, "]");
      if (placed) Record(element_path, elements[i]);
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        const TextFormat::ParseInfoTree* nested =
            tree.GetTreeForNested(field, i);
        if (nested != nullptr) {
          Walk(reflection->GetRepeatedMessage(message, field, i), *nested,
               element_path);
        }
      } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
        CheckUtf8(reflection->GetRepeatedString(message, field, i),
                  element_path);
      }
    }
  }

  void Record(const std::string& path, TextPosition position) {
    locations_->Add(path, position.first + 1, position.second + 1);
  }

  void CheckUtf8(const std::string& value, const std::string& path) {
    if (IsValidUtf8(value)) return;
    Diagnostic d;
    d.file = std::string(source_name_);
    std::tie(d.line, d.column) = locations_->Find(path);
    d.field = path;
    d.message = "string is not valid UTF-8";
    diagnostics_->push_back(std::move(d));
    ++error_count_;
  }

  const TextprotoTokens& tokens_;
  absl::string_view source_name_;
  SourceMap* locations_;
  std::vector<Diagnostic>* diagnostics_;
  int error_count_ = 0;
};

}  // namespace

bool LoadTextprotoPolicy(absl::string_view text, absl::string_view source_name,
                         LoadedPolicy* out,
                         std::vector<Diagnostic>* diagnostics) {
  return LoadTextprotoMessage(text, source_name, &out->policy, &out->locations,
                              diagnostics);
}

bool LoadTextprotoMessage(absl::string_view text, absl::string_view source_name,
                          google::protobuf::Message* out, SourceMap* locations,
                          std::vector<Diagnostic>* diagnostics) {
  if (text.size() > static_cast<size_t>(INT_MAX)) {  // Protobuf's streams take int sizes.
    Diagnostic d;
    d.file = std::string(source_name);
    d.message = "input is too large";
    diagnostics->push_back(std::move(d));
    return false;
  }
  RecordingCollector collector;
  TextFormat::Parser parser;
  parser.RecordErrorsTo(&collector);
  parser.AllowUnknownField(true);  // Reported as warnings; see the top.
  TextFormat::ParseInfoTree tree;
  parser.WriteLocationsTo(&tree);
  google::protobuf::io::ArrayInputStream input(text.data(),
                                               static_cast<int>(text.size()));
  const bool parsed = parser.Parse(&input, out);
  const TextprotoTokens tokens(text);

  for (const RecordingCollector::Entry& entry : collector.entries()) {
    Diagnostic d;
    d.file = std::string(source_name);
    TextPosition position = entry.position;
    if (position.first >= 0) {
      if (ReportedPastTheCulprit(entry.message)) {
        position = tokens.Before(position);
      }
      d.line = position.first + 1;
      d.column = position.second + 1;
    }
    d.message = entry.message;
    diagnostics->push_back(std::move(d));
  }
  if (!parsed || !collector.entries().empty()) {
    if (collector.entries().empty()) {  // Never expected; fail closed anyway.
      Diagnostic d;
      d.file = std::string(source_name);
      d.message = absl::StrCat("not a valid textproto ", out->GetDescriptor()->full_name());
      diagnostics->push_back(std::move(d));
    }
    return false;
  }
  LocationWalker walker(tokens, source_name, locations, diagnostics);
  walker.Walk(*out, tree, "");
  return walker.error_count() == 0;
}

}  // namespace mcpguard::internal
