// What only a tool definition (or a server's instructions) is suspected of:
// text pushed out of view by padding, a description far longer than a tool
// needs, and an instruction about a tool of another server. Results are
// not scanned for these: a file's content may well hold blank lines.
#include "detect/definition_checks.h"

#include <memory>

#include "re2/re2.h"

namespace mcpguard::internal {
namespace {

constexpr PatternSpec kDefinitionPatterns[] = {
    // Eight blank lines or 200 blanks in a row, then more text: what a
    // reader scrolls past or a UI cuts off. Reported to the end, so a
    // redaction removes what was hidden.
    {"whitespace_padding", "instruction",
     R"(((?:[ \t]*\r?\n){8,}\s*\S(?s:.*)|[ \t]{200,}\S(?s:.*)))", MatchCheck::kNone, 0.6f,
     "a run of blank lines or spaces that pushes text out of view"},
};

constexpr PatternSpec kExcessiveDescription = {
    "excessive_description", "instruction", "", MatchCheck::kNone, 0.5f,
    "a description longer than detectors.max_description_bytes"};

constexpr PatternSpec kOtherServerTool = {
    "names_other_server_tool", "instruction", "", MatchCheck::kNone, 0.75f,
    "an instruction that names a tool of another server"};

}  // namespace

absl::Span<const PatternSpec> DefinitionPatterns() { return kDefinitionPatterns; }
const PatternSpec& ExcessiveDescriptionSpec() { return kExcessiveDescription; }
const PatternSpec& OtherServerToolSpec() { return kOtherServerTool; }

bool SentenceHasDirective(absl::string_view text, size_t offset, size_t length) {
  // Words that tell the model what to do, or when.
  static const RE2* const kDirective = new RE2(
      R"((?i)\b(?:must|always|never|instead|before|after|first|also|should|do\s+not|don'?t|)"
      R"(make\s+sure|ensure|only|replace|redirect|send|forward|include|add|bcc|cc|call|use|)"
      R"(pass|prefer|avoid|ignore)\b)");
  size_t begin = offset;
  while (begin > 0 && text[begin - 1] != '\n' &&
         !((text[begin - 1] == '.' || text[begin - 1] == '!' || text[begin - 1] == '?') &&
           (begin == text.size() || text[begin] == ' '))) {
    --begin;
  }
  size_t end = offset + length;
  while (end < text.size() && text[end] != '\n' &&
         !((text[end] == '.' || text[end] == '!' || text[end] == '?') &&
           (end + 1 == text.size() || text[end + 1] == ' '))) {
    ++end;
  }
  const absl::string_view sentence = text.substr(begin, end - begin);
  return RE2::PartialMatch(re2::StringPiece(sentence.data(), sentence.size()), *kDirective);
}

}  // namespace mcpguard::internal
