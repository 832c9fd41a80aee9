// Finds the patterns of a detector set in a text.
//
// Design note: RE2 only (linear time, no backtracking). When every pattern
// has a gate (gate.h), one pass classifies the text's bytes and each
// pattern runs only on the windows its gate points at: a clean text costs
// little more than reading it. Otherwise one RE2::Set pass says which
// patterns occur and only those are run on their own for positions: a
// clean text costs one DFA pass over its bytes, a dirty one a pass more per
// pattern that matched. When the set's DFA runs out of memory (a
// pathological text), every pattern is run on its own instead: slower,
// never a missed match. Both ways find the same matches.
#ifndef MCPGUARD_DETECT_TEXT_SCANNER_H_
#define MCPGUARD_DETECT_TEXT_SCANNER_H_

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "detect/gated_scan.h"
#include "detect/match_fold.h"
#include "detect/pattern_spec.h"
#include "re2/re2.h"
#include "re2/set.h"

namespace mcpguard::internal {

struct Detection {
  const PatternSpec* pattern;
  size_t offset;  // Of the reported part, in bytes.
  size_t length;
};

// Immutable once created. Thread-safe.
class TextScanner {
 public:
  // InvalidArgument naming the pattern for a regex RE2 refuses.
  static absl::StatusOr<std::unique_ptr<TextScanner>> Create(
      std::vector<const PatternSpec*> patterns);

  // Appends every match that passes its check, in order of offset; matches
  // of one pattern never overlap, matches of two may. A text with
  // characters outside ASCII is also scanned as FoldForMatching reads it
  // (match_fold.h): a match there that the text as written does not have
  // (the same pattern over a span containing it) is added, with the span of
  // the original it covers, hidden characters included.
  void Scan(absl::string_view text, std::vector<Detection>* out) const;

  // The same with every pattern run over the whole text (the RE2::Set
  // way), whatever the gates: the reference the gated scan is tested
  // against.
  void ScanWhole(absl::string_view text, std::vector<Detection>* out) const;

  // Whether Scan uses the gates (every pattern has one).
  bool gated() const { return gates_ != nullptr; }

  size_t pattern_count() const { return patterns_.size(); }

 private:
  TextScanner();
  // Pattern `index`'s matches that start at or after `from` and end by `to`,
  // with the whole text as context; returns where a search for the next one
  // would start.
  size_t ScanPattern(size_t index, absl::string_view text, size_t from, size_t to,
                     std::vector<Detection>* out) const;
  // The text as written, through the gates; returns whether it has bytes
  // outside ASCII.
  bool ScanGated(absl::string_view text, std::vector<Detection>* out) const;
  // The text as written, every pattern over all of it.
  void ScanWholeOnce(absl::string_view text, std::vector<Detection>* out) const;
  // The folded text's detections that out[first, end) does not have.
  void AddFolded(absl::string_view text, bool whole, size_t first,
                 std::vector<Detection>* out) const;
  // One folded reading's detections that out[first, end) does not have.
  void AddFoldedReading(const FoldedText& folded, bool whole, size_t first,
                        std::vector<Detection>* out) const;

  std::vector<const PatternSpec*> patterns_;
  std::vector<std::unique_ptr<RE2>> regexes_;
  std::unique_ptr<RE2::Set> set_;
  std::unique_ptr<GateIndex> gates_;  // Null unless every pattern has a gate.
};

// Merges overlapping detections (sorted by offset) into the spans a
// redaction replaces: the earliest-starting detection names a merged span.
std::vector<Detection> RedactionSpans(std::vector<Detection> detections);

// `text` with each of the RedactionSpans of `detections` replaced by
// "[REDACTED:<pattern id>]".
std::string Redact(absl::string_view text, std::vector<Detection> detections);

}  // namespace mcpguard::internal

#endif  // MCPGUARD_DETECT_TEXT_SCANNER_H_
