#include "detect/text_scanner.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "base/non_ascii.h"
#include "detect/fold_table.h"
#include "detect/match_checks.h"
#include "detect/match_fold.h"

namespace mcpguard::internal {
namespace {

void SortByOffset(std::vector<Detection>* out, size_t first) {
  std::stable_sort(out->begin() + static_cast<std::ptrdiff_t>(first), out->end(),
                   [](const Detection& a, const Detection& b) { return a.offset < b.offset; });
}

RE2::Options PatternOptions() {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);  // The set's DFA over every pattern.
  return options;
}

// `pattern` with RE2's \s, which is [\t\n\f\r ], widened to the other ASCII
// bytes a reader may take for a blank between words: the vertical tab, the
// separators \x1c-\x1f (Python's and Java's whitespace), NUL and DEL (found
// by adversarial reviews: an injection with its words apart by any of them
// passed; blanks outside ASCII are folded to spaces, match_fold.h). \S
// outside a class becomes its complement; the patterns use no POSIX
// classes, so a class ends at its first unescaped "]".
constexpr absl::string_view kBlanks = "\\s\\v\\x1c-\\x1f\\x00\\x7f";
std::string WithBlanksWidened(absl::string_view pattern) {
  std::string out;
  out.reserve(pattern.size() + 16);
  bool in_class = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      const char next = pattern[++i];
      if (next == 's') {
        absl::StrAppend(&out, in_class ? "" : "[", kBlanks, in_class ? "" : "]");
      } else if (next == 'S' && !in_class) {
        absl::StrAppend(&out, "[^", kBlanks, "]");
      } else {
        out += c;
        out += next;
      }
      continue;
    }
    out += c;
    if (c == '[' && !in_class) {
      in_class = true;
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') out += pattern[++i];
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') out += pattern[++i];
    } else if (c == ']' && in_class) {
      in_class = false;
    }
  }
  return out;
}

}  // namespace

TextScanner::TextScanner() = default;

absl::StatusOr<std::unique_ptr<TextScanner>> TextScanner::Create(
    std::vector<const PatternSpec*> patterns) {
  std::unique_ptr<TextScanner> scanner(new TextScanner());
  FoldTable::Get();  // Built now, when a policy compiles, not in a check.
  const RE2::Options options = PatternOptions();
  scanner->set_ = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  for (const PatternSpec* pattern : patterns) {
    const std::string widened = WithBlanksWidened(pattern->regex);
    const re2::StringPiece regex(widened.data(), widened.size());
    auto re = std::make_unique<RE2>(regex, options);
    std::string error;
    if (!re->ok() || scanner->set_->Add(regex, &error) < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("pattern ", pattern->id, ": ", re->ok() ? error : re->error()));
    }
    scanner->regexes_.push_back(std::move(re));
  }
  if (!scanner->set_->Compile()) {
    return absl::InvalidArgumentError("the detector patterns do not fit in memory together");
  }
  std::vector<const Gate*> gates;
  for (const PatternSpec* pattern : patterns) gates.push_back(pattern->gate);
  if (!gates.empty() && std::find(gates.begin(), gates.end(), nullptr) == gates.end()) {
    scanner->gates_ = std::make_unique<GateIndex>(gates);
  }
  scanner->patterns_ = std::move(patterns);
  return scanner;
}

size_t TextScanner::ScanPattern(size_t index, absl::string_view text, size_t from, size_t to,
                                std::vector<Detection>* out) const {
  const RE2& re = *regexes_[index];
  const int groups = re.NumberOfCapturingGroups() > 0 ? 2 : 1;
  const re2::StringPiece input(text.data(), text.size());
  re2::StringPiece match[2];
  size_t position = from;
  while (position <= to && re.Match(input, position, to, RE2::UNANCHORED, match, groups)) {
    const re2::StringPiece whole = match[0];
    const re2::StringPiece reported = groups == 2 ? match[1] : match[0];
    const size_t whole_end = static_cast<size_t>(whole.data() - text.data()) + whole.size();
    if (reported.data() != nullptr && !reported.empty()) {
      const absl::string_view part(reported.data(), reported.size());
      // Documentation keys and "ghp_xxxx..." are shaped like credentials
      // and are not any.
      const bool placeholder = patterns_[index]->category == "secret" &&
                               patterns_[index]->may_be_placeholder &&
                               IsPlaceholderSecret(part);
      if (!placeholder && PassesCheck(patterns_[index]->check, part)) {
        out->push_back(Detection{patterns_[index],
                                 static_cast<size_t>(reported.data() - text.data()),
                                 reported.size()});
      }
    }
    // Go on after the match; an empty match moves one byte.
    position = whole.empty() ? whole_end + 1 : whole_end;
    // Context patterns consume a delimiter after the part ("...1234-"), which
    // may start the next match: resume right after the reported part.
    if (groups == 2 && reported.data() != nullptr) {
      position = std::min(position,
                          static_cast<size_t>(reported.data() - text.data()) + reported.size());
    }
  }
  return position;
}

void TextScanner::Scan(absl::string_view text, std::vector<Detection>* out) const {
  if (gates_ == nullptr) return ScanWhole(text, out);
  const size_t first = out->size();
  if (ScanGated(text, out)) AddFolded(text, /*whole=*/false, first, out);
}

void TextScanner::ScanWhole(absl::string_view text, std::vector<Detection>* out) const {
  const size_t first = out->size();
  ScanWholeOnce(text, out);
  if (HasNonAscii(text)) AddFolded(text, /*whole=*/true, first, out);
}

bool TextScanner::ScanGated(absl::string_view text, std::vector<Detection>* out) const {
  const size_t first = out->size();
  // Reused by the thread's next scan: no allocation once it has grown.
  thread_local std::vector<GateWindow> windows;
  windows.clear();
  bool non_ascii = true;
  if (!gates_->FindWindows(text, &windows, &non_ascii)) {
    ScanWholeOnce(text, out);
    return true;
  }
  // Windows come per pattern, in order and disjoint: the search goes on
  // from where the last match left it, as it would over the whole text.
  size_t resume = 0;
  for (size_t i = 0; i < windows.size(); ++i) {
    const GateWindow& w = windows[i];
    if (i == 0 || windows[i - 1].pattern != w.pattern) resume = 0;
    if (resume > w.end) continue;
    resume = ScanPattern(w.pattern, text, std::max(resume, w.begin), w.end, out);
  }
  SortByOffset(out, first);
  return non_ascii;
}

void TextScanner::ScanWholeOnce(absl::string_view text, std::vector<Detection>* out) const {
  const size_t first = out->size();
  std::vector<int> matched;
  RE2::Set::ErrorInfo error;
  const re2::StringPiece input(text.data(), text.size());
  if (set_->Match(input, &matched, &error)) {
    std::sort(matched.begin(), matched.end());
    for (int index : matched) ScanPattern(static_cast<size_t>(index), text, 0, text.size(), out);
  } else if (error.kind != RE2::Set::kNoError) {
    for (size_t index = 0; index < regexes_.size(); ++index) {
      ScanPattern(index, text, 0, text.size(), out);
    }
  }
  SortByOffset(out, first);
}

void TextScanner::AddFolded(absl::string_view text, bool whole, size_t first,
                            std::vector<Detection>* out) const {
  FoldedText folded;
  if (!FoldForMatching(text, &folded)) return;
  AddFoldedReading(folded, whole, first, out);
  // A dropped character between letters also read as a space (found by an
  // adversarial review: "ignore\uFEFFprevious\u00ADinstructions" was one
  // glued word to the patterns).
  if (folded.dropped_between_letters &&
      FoldForMatching(text, &folded, DroppedBetweenLetters::kSpace)) {
    AddFoldedReading(folded, whole, first, out);
  }
}

void TextScanner::AddFoldedReading(const FoldedText& folded, bool whole, size_t first,
                                   std::vector<Detection>* out) const {
  std::vector<Detection> found;
  if (whole) {
    ScanWholeOnce(folded.text, &found);
  } else {
    ScanGated(folded.text, &found);
  }
  // Detections of what was already found as written are not repeated; a
  // detection on the folded text names the original span it came from. One
  // that reaches further than the match as written (which a hidden
  // character cut short) is kept: the redaction merges the two.
  const size_t as_written = out->size();
  for (const Detection& d : found) {
    if (d.length == 0) continue;
    Detection mapped = d;
    folded.SourceSpan(d.offset, d.offset + d.length, &mapped.offset, &mapped.length);
    const bool known = std::any_of(
        out->begin() + static_cast<std::ptrdiff_t>(first),
        out->begin() + static_cast<std::ptrdiff_t>(as_written),
        [&mapped](const Detection& e) {
          return e.pattern == mapped.pattern && e.offset <= mapped.offset &&
                 mapped.offset + mapped.length <= e.offset + e.length;
        });
    if (!known) out->push_back(mapped);
  }
  if (out->size() > as_written) SortByOffset(out, first);
}

std::vector<Detection> RedactionSpans(std::vector<Detection> detections) {
  std::stable_sort(detections.begin(), detections.end(),
                   [](const Detection& a, const Detection& b) { return a.offset < b.offset; });
  std::vector<Detection> spans;
  for (const Detection& d : detections) {
    if (!spans.empty() && d.offset < spans.back().offset + spans.back().length) {
      Detection& last = spans.back();
      const size_t end = std::max(last.offset + last.length, d.offset + d.length);
      last.length = end - last.offset;
      continue;
    }
    spans.push_back(d);
  }
  return spans;
}

std::string Redact(absl::string_view text, std::vector<Detection> detections) {
  std::string redacted;
  size_t done = 0;
  for (const Detection& span : RedactionSpans(std::move(detections))) {
    absl::StrAppend(&redacted, text.substr(done, span.offset - done), "[REDACTED:",
                    span.pattern->id, "]");
    done = span.offset + span.length;
  }
  redacted.append(text.data() + done, text.size() - done);
  return redacted;
}

}  // namespace mcpguard::internal
